using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Blas2;
using Linea.Kernels.Threading;

namespace Linea;

internal static partial class Gebrd
{
    /// <summary>Entries of the trailing matrix from which a column's two products are split over the panel job's threads.</summary>
    internal const long ParallelGemvMin = 1 << 15;

    /// <summary>
    /// <see cref="Panel{T}"/> with its threads kept inside one job for the whole panel: thread 0 does each column's
    /// serial parts (the corrections, both reflectors, the small products with the panel's X and Y) while the others
    /// wait at a spin barrier, and all of them share the two products with the trailing matrix, A^T v by column
    /// ranges and A u by row ranges (disjoint parts of y and x, so nothing is summed afterwards). A separate parallel
    /// call per product would wake a sleeping worker twice per column. Each entry of y and x is computed by the same
    /// kernel as on one thread. O(m n nb).
    /// </summary>
    private static unsafe void ParallelPanel<T>(in MatrixView<T> b, int nb, Span<T> d, Span<T> e, Span<T> tauq, Span<T> taup,
        T[] x, int ldx, T[] y, int ldy, T[] t, T[] t2, T[] r, T[] u, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        int m = (int)b.Rows;
        PanelJob<T> job;
        fixed (T* pb = &b.Origin)
        {
            job = new PanelJob<T>
            {
                B = b.At(pb), Nb = nb, X = x, Ldx = ldx, Y = y, Ldy = ldy, T1 = t, T2 = t2, R = r, U = u,
                D = new T[nb], E = new T[nb], Tauq = new T[nb], Taup = new T[nb], W = new T[(long)parallelism.Count * m],
            };
            WorkerPool.Run(parallelism.Count, job);
        }
        job.D.AsSpan(0, nb).CopyTo(d);
        job.E.AsSpan(0, Math.Min(nb, e.Length)).CopyTo(e);
        job.Tauq.AsSpan(0, nb).CopyTo(tauq);
        job.Taup.AsSpan(0, nb).CopyTo(taup);
    }

    private sealed class PanelJob<T> : IParallelJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The pinned m x n block B (row stride 1).</summary>
        public required MatrixAddress<T> B;
        public required int Nb, Ldx, Ldy;
        public required T[] X, Y, T1, T2, R, U, D, E, Tauq, Taup, W;

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            var b = B.View;
            int m = (int)b.Rows, n = (int)b.Cols, ldx = Ldx, ldy = Ldy;
            T[] x = X, y = Y, t = T1, t2 = T2;
            var none = Parallelism.None;
            for (int i = 0; i < Nb; i++)
            {
                int nr = n - i - 1, mr = m - i - 1;
                if (tid == 0)
                {
                    var colI = b.Column(i, i, m - i);
                    for (int k = 0; k < i; k++) t[k] = y[i + k * ldy];
                    Gemv.Multiply(-T.One, b.Block(i, 0, m - i, i), t, T.One, colI, none);
                    Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(x, i, m - i, i, ldx), b.Column(i, 0, i), T.One, colI, none);
                    T alpha = b[i, i];
                    T tq = Householder.Generate(m - i, ref alpha, b.Column(i, i + 1, m - i - 1));
                    D[i] = alpha;
                    Tauq[i] = tq;
                    if (nr == 0) { Taup[i] = T.Zero; b[i, i] = alpha; }
                    else b[i, i] = T.One;
                }
                if (nr == 0) break;
                var v = b.Column(i, i, m - i);
                var yi = y.AsSpan(i + 1 + i * ldy, nr);
                var xi = x.AsSpan(i + 1 + i * ldx, mr);
                if (tid == 0)
                {
                    PassCorrections(b, i, x, ldx, y, ldy, v, t, t2, R.AsSpan(0, nr), U.AsSpan(0, nr));
                    xi.Clear();
                }
                // Both products with the trailing matrix in one pass (FusedPass), by column ranges: thread 0
                // accumulates A u into X[i+1.., i], the others into their own rows of W, summed by thread 0.
                int active = (long)(m - i) * nr >= ParallelGemvMin ? threads : 1;
                if (active > 1) barrier.SignalAndWait();
                if (tid < active)
                {
                    var w = tid == 0 ? xi : W.AsSpan(tid * m, mr);
                    if (tid > 0) w.Clear();
                    int c0 = SplitJob.Bound(tid, active, nr, 16), c1 = SplitJob.Bound(tid + 1, active, nr, 16);
                    if (c1 > c0) FusedPass(b.Block(i, i + 1, m - i, nr), c0, c1, v, Tauq[i], R.AsSpan(0, nr), U.AsSpan(0, nr), yi, w);
                }
                if (active > 1) barrier.SignalAndWait();
                if (tid != 0) continue;
                for (int p = 1; p < active; p++) System.Numerics.Tensors.TensorPrimitives.Add(xi, W.AsSpan(p * m, mr), xi);
                var ui = U.AsSpan(0, nr);
                Taup[i] = FinishRowProduct(b, i, ui, xi, out E[i]);
                T tpi = Taup[i];
                Gemv.Transposed(T.One, MatrixView<T>.ColumnMajor(y, i + 1, nr, i + 1, ldy), ui, T.Zero, t, none);
                Gemv.Multiply(-T.One, b.Block(i + 1, 0, mr, i + 1), t, T.One, xi, none);
                Gemv.Multiply(T.One, b.Block(0, i + 1, i, nr), ui, T.Zero, t, none);
                Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(x, i + 1, mr, i, ldx), t, T.One, xi, none);
                for (int j = 0; j < mr; j++) xi[j] *= tpi;
            }
        }
    }
}
