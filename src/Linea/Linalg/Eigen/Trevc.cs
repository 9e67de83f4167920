using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// Right eigenvectors of a real quasi-triangular Schur form T, back-transformed by the Schur vectors Q (LAPACK's trevc3
/// with side 'R' and howmny 'B'). For each eigenvalue the eigenvector x of T is found by back substitution through
/// the 1 x 1 and 2 x 2 diagonal blocks (<see cref="Laln2"/>), with a running scale factor that keeps it from
/// overflowing, and normalised to largest entry 1 (|Re| + |Im| for complex ones). A complex pair lambda = wr +- i wi
/// (wi &gt; 0) gives one complex vector x = xr + i xi for wr + i wi, stored as the two columns xr, xi; its conjugate
/// belongs to wr - i wi. The eigenvectors of A are then Q X, formed by GEMM a block of columns at a time (X is upper
/// triangular). About n^3 / 3 flops for X, for a block of eigenvectors at once: substitution inside panels of
/// <see cref="RowPanel"/> rows (each column of T read once per block rather than once per eigenvector), the panels'
/// contributions to the rows above by GEMM; plus n^3 for Q X (level 3).
/// </summary>
internal static class Trevc
{
    /// <summary>Eigenvectors solved together: each column of T above them is read once for all of them.</summary>
    private const int SolveBlock = 32;

    /// <summary>Rows of T solved by substitution before their products with the rows above go through one GEMM.</summary>
    private const int RowPanel = 64;

    /// <summary>Orders n with n^2 below this solve on one thread (the back substitution is about n^3 / 3 flops: below n = 256 a thread hand-off costs more than it saves).</summary>
    private const long SolveParallelMin = 256 * 256;

    /// <summary>
    /// Writes Q X into the n x n view v (any strides; column-major is the fast layout): column j is the eigenvector of
    /// the real eigenvalue T(j, j), or, for a 2 x 2 block at (j, j+1), columns j and j+1 are the real and imaginary
    /// parts of the eigenvector of the eigenvalue with positive imaginary part. T (column-contiguous) must be in
    /// standardised Schur form (<see cref="Lanv2"/>); Q is n x n. X is an n x n scratch array allocated here.
    /// </summary>
    public static unsafe void RightVectors<T>(in MatrixView<T> t, in MatrixView<T> q, in MatrixView<T> v, int blockSize, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)t.Rows);
        if (n == 0) return;
        var x = new T[n * n];
        T ulp = MachineConstants<T>.Ulp, unfl = MachineConstants<T>.SafeMin;
        T smlnum = unfl * (T.CreateTruncating(n) / ulp);
        fixed (T* pt = &t.Origin)
        {
            var ctx = new Context<T>
            {
                Schur = t.At(pt), X = x, Ldx = n, Ulp = ulp, Smlnum = smlnum, Bignum = (T.One - ulp) / smlnum,
                Cnorm = new T[n],
            };
            // cnorm[j]: 1-norm of the strictly upper part of column j, for the overflow guard of the updates.
            for (int j = 1; j < n; j++) ctx.Cnorm[j] = TensorPrimitives.SumOfMagnitudes<T>(t.Column(j, 0, j));
            SolveAll(ctx, t, n, parallelism);
        }

        // V(:, c0:c1) = Q(:, 0:c1) X(0:c1, c0:c1), computed transposed so that GEMM writes row-major blocks.
        var xm = MatrixView<T>.ColumnMajor(x, 0, n, n, n);
        int nb = Math.Max(blockSize, 1);
        for (int c0 = 0; c0 < n; c0 += nb)
        {
            int c1 = Math.Min(n, c0 + nb);
            Gemm.Multiply(T.One, xm.Block(0, c0, c1, c1 - c0).Transposed, q.Block(0, 0, n, c1).Transposed, T.Zero, v.Block(0, c0, n, c1 - c0).Transposed, parallelism);
        }
    }

    /// <summary>Solves every eigenvector of T into ctx.X, blocks of columns handed to the threads.</summary>
    private static void SolveAll<T>(Context<T> ctx, in MatrixView<T> t, int n, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Blocks of columns c0..c1-1 (a whole 2 x 2 block at the top edge), solved independently: each writes only its
        // own columns of X and reads T, so the blocks are handed out to the threads one at a time (the ones of the
        // largest eigenvalue indices, the longest, first). Each vector's arithmetic is the same on any thread.
        var bounds = new List<int> { n };
        for (int c1 = n; c1 > 0;)
        {
            int c0 = Math.Max(0, c1 - SolveBlock);
            if (c0 > 0 && IsSecondOfPair(t, c0)) c0--;
            bounds.Add(c0);
            c1 = c0;
        }
        int blocks = bounds.Count - 1, next = -1;
        void Solve(int tid, int nt)
        {
            var block = new List<Vector<T>>(SolveBlock + 1);
            int b;
            while ((b = Interlocked.Increment(ref next)) < blocks) SolveBlockColumns(ctx, ctx.Schur.View, bounds[b + 1], bounds[b], block);
        }
        int threads = Math.Min(parallelism.Count, blocks);
        if (threads <= 1 || (long)n * n < SolveParallelMin) Solve(0, 1);
        else Kernels.Threading.SplitJob.Run(threads, Solve);
    }

    /// <summary>
    /// Solves the eigenvectors of columns c0..c1-1 of T into X: their own rows, then the rows above in panels of
    /// <see cref="RowPanel"/> rows from the bottom up. Inside a panel each 1 x 1 or 2 x 2 block of T is solved for all
    /// of the vectors at once and subtracted from the panel's rows above it; when the panel is done, its contribution
    /// to every row above it is one GEMM, X(0:r0, c0:c1) -= T(0:r0, r0:r1) X(r0:r1, c0:c1). So the n^3 / 3 flops of
    /// the back substitution run as matrix products but for O(n RowPanel) per vector; a vector rescaled against
    /// overflow is rescaled whole, so its pending rows stay consistent.
    /// </summary>
    private static void SolveBlockColumns<T>(Context<T> ctx, in MatrixView<T> t, int c0, int c1, List<Vector<T>> block) where T : unmanaged, IFloatingPointIeee754<T>
    {
        block.Clear();
        for (int ki = c1 - 1; ki >= c0;)
        {
            bool pair = ki > 0 && IsSecondOfPair(t, ki);
            var vec = pair ? ctx.StartComplex(ki, c0) : ctx.StartReal(ki, c0);
            // Its own rows inside the block, down to c0.
            for (int j = vec.Top - 1; j >= c0;) j = ctx.Step(ref vec, j, c0);
            block.Add(vec);
            ki -= pair ? 2 : 1;
        }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(block);
        var x = MatrixView<T>.ColumnMajor(ctx.X, 0, ctx.Ldx, ctx.Ldx, ctx.Ldx);
        for (int lo = c0, hi = c1; lo > 0;)
        {
            // Rows lo..hi-1 are solved: their products with every row above, then the next panel (no 2 x 2 block split).
            EigenGemm.Multiply(-T.One, t.Block(0, lo, lo, hi - lo), x.Block(lo, c0, hi - lo, c1 - c0), T.One, x.Block(0, c0, lo, c1 - c0), Parallelism.None);
            int r0 = Math.Max(0, lo - RowPanel);
            if (r0 > 0 && IsSecondOfPair(t, r0)) r0--;
            for (int j = lo - 1; j >= r0;)
            {
                int next = j;
                for (int b = 0; b < span.Length; b++) next = ctx.Step(ref span[b], j, r0);
                j = next;
            }
            hi = lo;
            lo = r0;
        }
        foreach (var vec in block) ctx.Normalize(vec);
    }

    private static bool IsSecondOfPair<T>(in MatrixView<T> t, int j) where T : unmanaged, IFloatingPointIeee754<T> =>
        t[j, j - 1] != T.Zero;

    /// <summary>One eigenvector being solved: real (column Ki of X) or complex (columns Ki-1 and Ki).</summary>
    private struct Vector<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int Ki;      // its last row (the second row of a 2 x 2 block)
        public int Top;     // the first row of its own diagonal block
        public bool Complex;
        public T Wr, Wi, Smin;
    }

    /// <summary>
    /// Column-major access to the pinned, column-contiguous Schur form for the solver's inner steps (the address and the
    /// column stride in registers, no bounds checks): valid while <see cref="RightVectors{T}(in MatrixView{T}, in MatrixView{T}, in MatrixView{T}, int, Parallelism)"/> holds the pin.
    /// </summary>
    private readonly unsafe struct PinnedColumns<T> where T : unmanaged
    {
        private readonly T* _origin;
        private readonly nint _ld;

        public PinnedColumns(MatrixAddress<T> at)
        {
            System.Diagnostics.Debug.Assert(at.RowStride == 1 || at.Rows <= 1);
            _origin = at.Origin;
            _ld = (nint)at.ColStride;
        }

        public ref T this[int i, int j] => ref _origin[i + j * _ld];

        public Span<T> Column(int j, int i0, int len) => new(_origin + i0 + j * _ld, len);
    }

    private sealed class Context<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public required MatrixAddress<T> Schur; // pinned by RightVectors for the whole solve
        public required T[] X, Cnorm;
        public required int Ldx;
        public required T Ulp, Smlnum, Bignum;

        /// <summary>
        /// Column ki of X for the real eigenvalue T(ki, ki): x[ki] = 1, right-hand side -T(stop:ki, ki) (the rows above
        /// <paramref name="stop"/> get it later, by GEMM with the block's solved rows).
        /// </summary>
        public Vector<T> StartReal(int ki, int stop)
        {
            var t = new PinnedColumns<T>(Schur);
            T wr = t[ki, ki];
            var col = X.AsSpan(ki * Ldx, ki + 1);
            col[ki] = T.One;
            for (int k = stop; k < ki; k++) col[k] = -t[k, ki];
            return new Vector<T> { Ki = ki, Top = ki, Complex = false, Wr = wr, Wi = T.Zero, Smin = T.Max(Ulp * T.Abs(wr), Smlnum) };
        }

        /// <summary>
        /// Columns ki-1 (real part) and ki (imaginary part) for the pair of the 2 x 2 block at (ki-1, ki): the block's
        /// own eigenvector for wr + i wi is (1, i wi / b) or (-wi / c, i), whichever divides by the larger entry. Rows
        /// above <paramref name="stop"/> as in <see cref="StartReal"/>.
        /// </summary>
        public Vector<T> StartComplex(int ki, int stop)
        {
            var t = new PinnedColumns<T>(Schur);
            int kp = ki - 1;
            T wr = t[kp, kp];
            T b = t[kp, ki], c = t[ki, kp];
            T wi = T.Sqrt(T.Abs(b)) * T.Sqrt(T.Abs(c));
            var xr = X.AsSpan(kp * Ldx, ki + 1);
            var xi = X.AsSpan(ki * Ldx, ki + 1);
            if (T.Abs(b) >= T.Abs(c)) { xr[kp] = T.One; xi[ki] = wi / b; }
            else { xr[kp] = -wi / c; xi[ki] = T.One; }
            xr[ki] = T.Zero;
            xi[kp] = T.Zero;
            for (int k = stop; k < kp; k++)
            {
                xr[k] = -xr[kp] * t[k, kp];
                xi[k] = -xi[ki] * t[k, ki];
            }
            return new Vector<T> { Ki = ki, Top = kp, Complex = true, Wr = wr, Wi = wi, Smin = T.Max(Ulp * (T.Abs(wr) + T.Abs(wi)), Smlnum) };
        }

        /// <summary>
        /// Solves for the entries of the diagonal block of T whose last row is j (1 x 1, or 2 x 2 when T(j, j-1) != 0)
        /// and subtracts their contribution from the rows above down to <paramref name="stop"/> (those above it get it
        /// by GEMM once the panel is solved). Returns the row below which the next block ends.
        /// </summary>
        public int Step(ref Vector<T> v, int j, int stop)
        {
            var t = new PinnedColumns<T>(Schur);
            bool two = j > 0 && t[j, j - 1] != T.Zero;
            int j1 = two ? j - 1 : j;
            if (!v.Complex)
            {
                var col = X.AsSpan(v.Ki * Ldx, v.Ki + 1);
                if (two)
                {
                    T scale = Laln2.Solve2(t[j1, j1], t[j1, j], t[j, j1], t[j, j], v.Wr, T.Zero, v.Smin, Bignum,
                        col[j1], T.Zero, col[j], T.Zero, out T x1, out _, out T x2, out _, out T xnorm);
                    if (xnorm > T.One && T.Max(Cnorm[j1], Cnorm[j]) > Bignum / xnorm) { x1 /= xnorm; x2 /= xnorm; scale /= xnorm; }
                    if (scale != T.One) TensorPrimitives.Multiply(col, scale, col);
                    col[j1] = x1;
                    col[j] = x2;
                    var head = col.Slice(stop, j1 - stop);
                    TensorPrimitives.MultiplyAdd(t.Column(j1, stop, j1 - stop), -x1, head, head);
                    TensorPrimitives.MultiplyAdd(t.Column(j, stop, j1 - stop), -x2, head, head);
                }
                else
                {
                    T scale = Laln2.Solve1(t[j, j], v.Wr, T.Zero, v.Smin, Bignum, col[j], T.Zero, out T x1, out _, out T xnorm);
                    if (xnorm > T.One && Cnorm[j] > Bignum / xnorm) { x1 /= xnorm; scale /= xnorm; }
                    if (scale != T.One) TensorPrimitives.Multiply(col, scale, col);
                    col[j] = x1;
                    var head = col.Slice(stop, j - stop);
                    TensorPrimitives.MultiplyAdd(t.Column(j, stop, j - stop), -x1, head, head);
                }
                return j1 - 1;
            }

            var xr = X.AsSpan((v.Ki - 1) * Ldx, v.Ki + 1);
            var xi = X.AsSpan(v.Ki * Ldx, v.Ki + 1);
            if (two)
            {
                T scale = Laln2.Solve2(t[j1, j1], t[j1, j], t[j, j1], t[j, j], v.Wr, v.Wi, v.Smin, Bignum,
                    xr[j1], xi[j1], xr[j], xi[j], out T x1r, out T x1i, out T x2r, out T x2i, out T xnorm);
                if (xnorm > T.One && T.Max(Cnorm[j1], Cnorm[j]) > Bignum / xnorm)
                {
                    T f = T.One / xnorm;
                    x1r *= f; x1i *= f; x2r *= f; x2i *= f; scale *= f;
                }
                if (scale != T.One)
                {
                    TensorPrimitives.Multiply(xr, scale, xr);
                    TensorPrimitives.Multiply(xi, scale, xi);
                }
                xr[j1] = x1r; xi[j1] = x1i;
                xr[j] = x2r; xi[j] = x2i;
                var hr = xr.Slice(stop, j1 - stop);
                var hi = xi.Slice(stop, j1 - stop);
                var t1 = t.Column(j1, stop, j1 - stop);
                var t2 = t.Column(j, stop, j1 - stop);
                TensorPrimitives.MultiplyAdd(t1, -x1r, hr, hr);
                TensorPrimitives.MultiplyAdd(t2, -x2r, hr, hr);
                TensorPrimitives.MultiplyAdd(t1, -x1i, hi, hi);
                TensorPrimitives.MultiplyAdd(t2, -x2i, hi, hi);
            }
            else
            {
                T scale = Laln2.Solve1(t[j, j], v.Wr, v.Wi, v.Smin, Bignum, xr[j], xi[j], out T x1r, out T x1i, out T xnorm);
                if (xnorm > T.One && Cnorm[j] > Bignum / xnorm)
                {
                    T f = T.One / xnorm;
                    x1r *= f; x1i *= f; scale *= f;
                }
                if (scale != T.One)
                {
                    TensorPrimitives.Multiply(xr, scale, xr);
                    TensorPrimitives.Multiply(xi, scale, xi);
                }
                xr[j] = x1r; xi[j] = x1i;
                var hr = xr.Slice(stop, j - stop);
                var hi = xi.Slice(stop, j - stop);
                var tc = t.Column(j, stop, j - stop);
                TensorPrimitives.MultiplyAdd(tc, -x1r, hr, hr);
                TensorPrimitives.MultiplyAdd(tc, -x1i, hi, hi);
            }
            return j1 - 1;
        }

        /// <summary>Scales the finished eigenvector so that its largest entry (|Re| + |Im| when complex) is 1.</summary>
        public void Normalize(Vector<T> v)
        {
            if (!v.Complex)
            {
                var col = X.AsSpan(v.Ki * Ldx, v.Ki + 1);
                T emax = T.Abs(TensorPrimitives.MaxMagnitude<T>(col));
                if (emax > T.Zero) TensorPrimitives.Multiply(col, T.One / emax, col);
                return;
            }
            var xr = X.AsSpan((v.Ki - 1) * Ldx, v.Ki + 1);
            var xi = X.AsSpan(v.Ki * Ldx, v.Ki + 1);
            T m = T.Zero;
            for (int k = 0; k < xr.Length; k++) m = T.Max(m, T.Abs(xr[k]) + T.Abs(xi[k]));
            if (m > T.Zero)
            {
                T f = T.One / m;
                TensorPrimitives.Multiply(xr, f, xr);
                TensorPrimitives.Multiply(xi, f, xi);
            }
        }
    }
}
