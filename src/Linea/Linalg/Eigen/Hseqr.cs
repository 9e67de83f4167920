using System.Numerics;
using System.Runtime.CompilerServices;
using Linea.Kernels;
using Linea.Kernels.Threading;

namespace Linea;

/// <summary>
/// Eigenvalues, and optionally the real Schur form and Schur vectors, of an upper Hessenberg matrix whose rows and
/// columns outside ilo..ihi are already triangular (LAPACK's hseqr): the diagonal outside ilo..ihi gives eigenvalues
/// directly; the active block runs the double-shift iteration (<see cref="Lahqr"/>) when small and the multishift
/// iteration with aggressive early deflation (<see cref="Laqr0"/>) otherwise. With Schur vectors and two or more
/// threads, from order <see cref="EigParams.QueueMinOrder"/>, the multishift iteration runs on one thread while a second
/// (<see cref="QrIterationWorker{T}"/>) applies its updates of Z and shares its products with H: the bulge chase and
/// the deflation windows are sequential, so on two threads this keeps both busy where splitting each GEMM left one
/// waiting (eig at n = 1000 and 2000 on two threads went from 1.15-1.29x to 1.40-1.47x LAPACK's dgeev).
/// </summary>
internal static class Hseqr
{
    /// <summary>
    /// Runs on the n x n view h (column-contiguous, zero below the first subdiagonal); Z (n x n, when wantZ) is updated in
    /// rows and columns ilo..ihi, which is all it needs when it holds the Q of the Hessenberg reduction. Returns 0 on
    /// success, else the (1-based) index of the last eigenvalue that did not converge.
    /// </summary>
    public static int Run<T>(bool wantT, bool wantZ, int ilo, int ihi, in MatrixView<T> h, Span<T> wr, Span<T> wi, in MatrixView<T> z, EigParams p, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)h.Rows);
        for (int i = 0; i < ilo; i++) { wr[i] = h[i, i]; wi[i] = T.Zero; }
        for (int i = ihi + 1; i < n; i++) { wr[i] = h[i, i]; wi[i] = T.Zero; }
        if (ilo > ihi) return 0;
        if (ilo == ihi) { wr[ilo] = h[ilo, ilo]; wi[ilo] = T.Zero; return 0; }
        int nh = ihi - ilo + 1;
        if (nh > p.NMin)
        {
            int info = wantZ && parallelism.Count >= 2 && nh >= p.QueueMinOrder
                ? QueuedIteration<T>.Run(wantT, ilo, ihi, h, wr, wi, z, p, parallelism)
                : Laqr0.Run(wantT, wantZ, ilo, ihi, h, wr, wi, ilo, ihi, z, p, parallelism);
            // A rare failure of the multishift iteration: the double-shift one sometimes succeeds (as LAPACK's hseqr).
            if (info > 0) info = Lahqr.Run(wantT, wantZ, ilo, info - 1, h, wr, wi, ilo, ihi, z, p.IterationFactor);
            return info;
        }
        return Lahqr.Run(wantT, wantZ, ilo, ihi, h, wr, wi, ilo, ihi, z, p.IterationFactor);
    }

    /// <summary>
    /// <see cref="Laqr0"/> with a <see cref="QrIterationWorker{T}"/>: one <see cref="WorkerPool"/> job of two threads,
    /// thread 0 iterating and thread 1 the worker. When the pool is busy the job runs on one thread, without a worker.
    /// </summary>
    private sealed unsafe class QueuedIteration<T> : IParallelJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly bool _wantT;
        private readonly int _ilo, _ihi, _n;
        private readonly T* _h, _z, _wr, _wi;
        private readonly long _ldh, _ldz;
        private readonly EigParams _p;
        private readonly Parallelism _parallelism;
        private readonly QrIterationWorker<T> _worker;
        private int _info;

        private QueuedIteration(bool wantT, int ilo, int ihi, int n, T* h, long ldh, T* z, long ldz, T* wr, T* wi, EigParams p, Parallelism parallelism)
        {
            (_wantT, _ilo, _ihi, _n, _ldh, _ldz, _p, _parallelism) = (wantT, ilo, ihi, n, ldh, ldz, p, parallelism);
            _h = h; _z = z; _wr = wr; _wi = wi;
            _worker = new QrIterationWorker<T>(z, ldz, n, ilo, ihi);
        }

        public static int Run(bool wantT, int ilo, int ihi, in MatrixView<T> h, Span<T> wr, Span<T> wi, in MatrixView<T> z, EigParams p, Parallelism parallelism)
        {
            fixed (T* ph = &h.Origin, pz = &z.Origin, pwr = wr, pwi = wi)
            {
                var job = new QueuedIteration<T>(wantT, ilo, ihi, checked((int)h.Rows), ph, h.ColStride, pz, z.ColStride, pwr, pwi, p, parallelism);
                WorkerPool.Run(2, job);
                return job._info;
            }
        }

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            if (tid != 0) { _worker.Work(); return; }
            var h = new MatrixView<T>(ref Unsafe.AsRef<T>(_h), _n, _n, 1, _ldh);
            var z = new MatrixView<T>(ref Unsafe.AsRef<T>(_z), _n, _n, 1, _ldz);
            var wr = new Span<T>(_wr, _n);
            var wi = new Span<T>(_wi, _n);
            if (threads < 2)
            {
                _info = Laqr0.Run(_wantT, true, _ilo, _ihi, h, wr, wi, _ilo, _ihi, z, _p, _parallelism);
                return;
            }
            try
            {
                _info = Laqr0.Run(_wantT, true, _ilo, _ihi, h, wr, wi, _ilo, _ihi, z, _p, _parallelism, worker: _worker);
                _worker.Drain();
            }
            catch
            {
                _worker.Abandon();
                throw;
            }
        }
    }
}
