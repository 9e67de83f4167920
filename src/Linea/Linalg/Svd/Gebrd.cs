using System.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas2;

namespace Linea;

/// <summary>
/// Householder bidiagonalization Q^T A P = B of an m x n matrix view with m &gt;= n (row stride 1 for the blocked form:
/// a whole column-major matrix or a block of one) (LAPACK's gebd2, upper
/// bidiagonal): B has diagonal d (n) and superdiagonal e (n - 1). Q = H_0 ... H_{n-1} with v_i (v_i[i] = 1 implicit)
/// stored below the diagonal in column i (the layout of <see cref="Geqrf"/>, so <see cref="Ormqr"/> applies Q), and
/// P = G_0 ... G_{n-2} with u_i (u_i[i + 1] = 1 implicit) stored right of the superdiagonal in row i. About
/// 4 m n^2 - 4 n^3 / 3 flops, level 2.
/// </summary>
internal static partial class Gebrd
{
    /// <summary>Panel width of the blocked reduction (LAPACK's ilaenv default for gebrd is 32).</summary>
    public const int BlockSize = 32;

    /// <summary>Columns below which the rest is reduced unblocked.</summary>
    public const int Crossover = 128;

    /// <summary>
    /// Blocked bidiagonalization (LAPACK's gebrd with labrd, m &gt;= n): each panel of nb rows and columns is reduced
    /// with matrix-vector products against the not-yet-updated trailing matrix, corrected through the panel's X and Y,
    /// and the trailing matrix is then updated at once by two GEMMs, A22 -= V Y^T + X U^T. Half of the flops run in
    /// those GEMMs, and each column reads the trailing matrix twice instead of reading and writing it twice. Same
    /// outputs as <see cref="Unblocked{T}"/> up to rounding. With several threads the panels run as one job
    /// (<see cref="ParallelPanel{T}"/>) unless <paramref name="panelJob"/> is false (each product then a parallel call;
    /// the benchmark compares the two).
    /// </summary>
    public static void Blocked<T>(in MatrixView<T> a, Span<T> d, Span<T> e, Span<T> tauq, Span<T> taup, Parallelism parallelism, int nb = BlockSize, int nx = Crossover, bool panelJob = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = checked((int)a.Rows), n = checked((int)a.Cols);
        System.Diagnostics.Debug.Assert(m >= n && a.ColumnContiguous);
        nb = Math.Max(nb, 1);
        int i = 0;
        if (n > nx + nb)
        {
            var x = new T[m * nb];   // X, m x nb, leading dimension m
            var y = new T[n * nb];   // Y, n x nb, leading dimension n
            var t = new T[nb + 1];
            var t2 = new T[nb + 1];
            var r = new T[n];
            var u = new T[n];
            for (; i + nb <= n - Math.Max(nx, 1); i += nb)
            {
                var b = a.Block(i, i, m - i, n - i);
                if (panelJob && parallelism.Count > 1 && (long)(m - i) * (n - i) >= 2 * ParallelGemvMin)
                    ParallelPanel(b, nb, d.Slice(i), e.Slice(i), tauq.Slice(i), taup.Slice(i), x, m, y, n, t, t2, r, u, parallelism);
                else Panel(b, nb, d.Slice(i), e.Slice(i), tauq.Slice(i), taup.Slice(i), x, m, y, n, t, t2, r, u, parallelism);
                int mt = m - i - nb, nt = n - i - nb;
                var a22 = b.Block(nb, nb, mt, nt);
                // A22 -= V Y^T: V = B[nb.., ..nb], Y = Y[nb.., ..]
                Kernels.Gemm.Gemm.Multiply(-T.One, b.Block(nb, 0, mt, nb), MatrixView<T>.Of(y, nb, nb, nt, n, 1), T.One, a22, parallelism);
                // A22 -= X U^T: X = X[nb.., ..], U^T = B[..nb, nb..]
                Kernels.Gemm.Gemm.Multiply(-T.One, MatrixView<T>.ColumnMajor(x, nb, mt, nb, m), b.Block(0, nb, nb, nt), T.One, a22, parallelism);
                for (int j = i; j < i + nb; j++)
                {
                    a[j, j] = d[j];
                    a[j, j + 1] = e[j];
                }
            }
        }
        int mr = m - i, nr = n - i;
        if (nr == 0) return;
        // The rest: the unblocked reduction on a compact copy of the trailing block (ld = its rows, so its columns sit
        // next to each other in cache, not a leading dimension apart), copied back; in place when the block is compact
        // already (the whole matrix with ld = m: no blocked steps ran), as for the small and tall-narrow matrices of
        // IncrementalPca's SVDs, which copied all m x n elements into a fresh array per call (790 KB at 1011 x 100).
        var block = a.Block(i, i, mr, nr);
        if (block.RowStride == 1 && block.ColStride == mr)
        {
            Unblocked(block, d.Slice(i), e.Slice(i), tauq.Slice(i), taup.Slice(i));
            return;
        }
        var sub = System.Buffers.ArrayPool<T>.Shared.Rent(checked(mr * nr));
        try
        {
            for (int j = 0; j < nr; j++) block.Column(j).CopyTo(sub.AsSpan(j * mr, mr));
            Unblocked(MatrixView<T>.ColumnMajor(sub, 0, mr, nr, mr), d.Slice(i), e.Slice(i), tauq.Slice(i), taup.Slice(i));
            for (int j = 0; j < nr; j++) sub.AsSpan(j * mr, mr).CopyTo(block.Column(j));
        }
        finally { System.Buffers.ArrayPool<T>.Shared.Return(sub); }
    }

    /// <summary>
    /// LAPACK's labrd (m &gt;= n) on the m x n block <paramref name="b"/> (row stride 1): reduces its first nb rows and columns, leaving
    /// the reflectors in place with A[j, j] = A[j, j + 1] = 1, and fills X (m x nb) and Y (n x nb) for the trailing update.
    /// The two products with the trailing matrix per column (A^T v and A u) are the streaming <see cref="Gemv"/> kernels.
    /// <paramref name="t"/> and <paramref name="t2"/> hold nb + 1 scalars, <paramref name="r"/> and <paramref name="u"/> n.
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static void Panel<T>(in MatrixView<T> b, int nb, Span<T> d, Span<T> e, Span<T> tauq, Span<T> taup,
        T[] x, int ldx, T[] y, int ldy, T[] t, T[] t2, T[] r, T[] u, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        int m = (int)b.Rows, n = (int)b.Cols;
        for (int i = 0; i < nb; i++)
        {
            var colI = b.Column(i, i, m - i);            // B[i.., i]
            // B[i.., i] -= B[i.., :i] Y[i, :i]^T + X[i.., :i] B[:i, i]
            for (int k = 0; k < i; k++) t[k] = y[i + k * ldy];
            Gemv.Multiply(-T.One, b.Block(i, 0, m - i, i), t, T.One, colI, parallelism);
            Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(x, i, m - i, i, ldx), b.Column(i, 0, i), T.One, colI, parallelism);
            T alpha = b[i, i];
            T tq = Householder.Generate(m - i, ref alpha, b.Column(i, i + 1, m - i - 1));
            d[i] = alpha;
            tauq[i] = tq;
            if (i + 1 >= n) { taup[i] = T.Zero; b[i, i] = alpha; continue; }
            b[i, i] = T.One;
            var v = b.Column(i, i, m - i);
            // Y[i+1.., i] = tauq (A[i.., i+1..]^T v - Y[i+1.., :i] (A[i.., :i]^T v) - A[:i, i+1..]^T (X[i.., :i]^T v)),
            // A[i, i+1..] -= Y[i+1.., :i+1] A[i, :i+1]^T + A[:i, i+1..]^T X[i, :i]^T, and A[i+1.., i+1..] u for
            // X[i+1.., i]: the corrections first, then both products with the trailing matrix in one pass over it.
            int nr = n - i - 1, mr = m - i - 1;
            var yi = y.AsSpan(i + 1 + i * ldy, nr);
            var corr = r.AsSpan(0, nr);
            var zc = u.AsSpan(0, nr);
            PassCorrections(b, i, x, ldx, y, ldy, v, t, t2, corr, zc);
            var xi = x.AsSpan(i + 1 + i * ldx, mr);
            xi.Clear();
            FusedPass(b.Block(i, i + 1, m - i, nr), 0, nr, v, tq, corr, zc, yi, xi);
            var ui = u.AsSpan(0, nr);
            T tp = FinishRowProduct(b, i, ui, xi, out e[i]);
            taup[i] = tp;
            // X[i+1.., i] = taup (B[i+1.., i+1..] u - B[i+1.., :i+1] (Y[i+1.., :i+1]^T u) - X[i+1.., :i] (B[:i, i+1..] u))
            Gemv.Transposed(T.One, MatrixView<T>.ColumnMajor(y, i + 1, nr, i + 1, ldy), ui, T.Zero, t, parallelism);
            Gemv.Multiply(-T.One, b.Block(i + 1, 0, mr, i + 1), t, T.One, xi, parallelism);
            Gemv.Multiply(T.One, b.Block(0, i + 1, i, nr), ui, T.Zero, t, parallelism);
            Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(x, i + 1, mr, i, ldx), t, T.One, xi, parallelism);
            for (int j = 0; j < mr; j++) xi[j] *= tp;
        }
    }

    /// <summary>
    /// Reduces the m x n view a (m &gt;= n; any strides, column-contiguous ones on spans) in place; fills d, e, tauq
    /// (n) and taup (n; the last is 0). O(m n^2), level 2; two scratch vectors.
    /// </summary>
    public static void Unblocked<T>(in MatrixView<T> a, Span<T> d, Span<T> e, Span<T> tauq, Span<T> taup) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long m = a.Rows;
        int n = checked((int)a.Cols);
        var work = new T[Math.Max(m, 1)];
        var u = new T[Math.Max(n, 1)];
        for (int i = 0; i < n; i++)
        {
            ref T di = ref a[i, i];
            T alpha = di;
            T tq = Householder.Generate(ref alpha, a.Block(i + 1, i, m - i - 1, 1));
            d[i] = alpha;
            tauq[i] = tq;
            if (i + 1 < n) Householder.ApplyLeft(a.Block(i, i, m - i, 1), tq, a.Block(i, i + 1, m - i, n - i - 1));
            di = alpha;
            if (i + 1 < n)
            {
                ref T si = ref a[i, i + 1];
                T beta = si;
                // The row reflector over A[i, i+1..]: its tail A[i, i+2..] as a column vector (stride: the row's).
                T tp = Householder.Generate(ref beta, a.Block(i, i + 2, 1, n - i - 2).Transposed);
                e[i] = beta;
                taup[i] = tp;
                ApplyRight(a.Block(i, i + 1, 1, n - i - 1), tp, a.Block(i + 1, i + 1, m - i - 1, n - i - 1), work, u);
                si = beta;
            }
            else taup[i] = T.Zero;
        }
    }

    /// <summary>
    /// C := C (I - tau u u^T) for the view C (rows x cols) and u the 1 x cols row view (first entry taken as 1).
    /// Column axpys, so the inner loops run over contiguous columns when C is column-contiguous (else scalar loops).
    /// work (rows) and u (cols) are scratch. O(rows cols).
    /// </summary>
    private static void ApplyRight<T>(in MatrixView<T> uRow, T tau, in MatrixView<T> c, T[] work, T[] u)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = checked((int)c.Rows), cols = checked((int)c.Cols);
        if (tau == T.Zero || rows == 0 || cols == 0) return;
        u[0] = T.One;
        for (int j = 1; j < cols; j++) u[j] = uRow[0, j];
        var w = work.AsSpan(0, rows);
        if (!c.ColumnContiguous)
        {
            for (int r = 0; r < rows; r++)
            {
                T s = c[r, 0];
                for (int j = 1; j < cols; j++) s += c[r, j] * u[j];
                w[r] = s;
            }
            for (int j = 0; j < cols; j++)
                for (int r = 0; r < rows; r++) c[r, j] += w[r] * (-tau * u[j]);
            return;
        }
        c.Column(0, 0, rows).CopyTo(w);                          // w = C u, u[0] = 1
        for (int j = 1; j < cols; j++) TensorPrimitives.MultiplyAdd(c.Column(j, 0, rows), u[j], w, w);
        for (int j = 0; j < cols; j++)
        {
            var col = c.Column(j, 0, rows);
            TensorPrimitives.MultiplyAdd(w, -tau * u[j], col, col);
        }
    }
}
