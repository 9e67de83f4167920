using System.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas2;

namespace Linea;

/// <summary>
/// Householder reduction of a symmetric matrix to tridiagonal form, Q^T A Q = T (LAPACK's sytd2, lower storage),
/// on an n x n view with row stride 1 (a whole column-major matrix or a block of one) of which only the lower triangle is read and updated. On return d (n) and e (n - 1)
/// hold the diagonal and subdiagonal of T, and the reflectors H_i = I - tau_i v_i v_i^T (v_i[i + 1] = 1 implicit,
/// v_i[i + 2..] stored in A[i + 2.., i]) define Q = H_0 H_1 ... H_{n-2}. This is the layout of a QR factorization of the
/// (n - 1) x (n - 1) block at A[1.., 0..], so <see cref="Ormqr"/> applies Q (LAPACK's ormtr). About 4 n^3 / 3 flops,
/// level 2 (symv + syr2 per column).
/// </summary>
internal static partial class Sytrd
{
    /// <summary>Panel width of the blocked reduction (LAPACK's ilaenv default for sytrd is 32).</summary>
    public const int BlockSize = 32;

    /// <summary>Order below which the rest of the matrix is reduced unblocked (the panel bookkeeping would cost more than the GEMM saves).</summary>
    public const int Crossover = 128;

    /// <summary>
    /// Blocked reduction (LAPACK's sytrd with latrd, lower): each panel of <paramref name="nb"/> columns is reduced
    /// with the matrix-vector products against the not-yet-updated trailing matrix corrected by the panel's V and W,
    /// and the trailing matrix is then updated at once, A22 -= V W^T + W V^T, through the GEMM-based lower update.
    /// Half the 4 n^3 / 3 flops run in that update; the other half are the symmetric matrix-vector products. Same
    /// outputs as <see cref="Unblocked{T}"/> (equal up to rounding). With several threads the panels run as one job
    /// (<see cref="ParallelPanel{T}"/>) unless <paramref name="panelJob"/> is false (each product then a parallel call;
    /// the benchmark compares the two).
    /// </summary>
    public static void Blocked<T>(in MatrixView<T> a, Span<T> d, Span<T> e, Span<T> tau, Parallelism parallelism, int nb = BlockSize, int nx = Crossover, bool panelJob = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)a.Rows);
        System.Diagnostics.Debug.Assert(a.Cols == n && a.ColumnContiguous);
        if (n == 0) return;
        nb = Math.Max(nb, 1);
        int i = 0;
        if (n > nx + nb)
        {
            var w = new T[n * nb];        // W, column-major m x nb with leading dimension n
            var x = new T[n * 2 * nb];    // [V W] for the trailing update
            var y = new T[n * 2 * nb];    // [W V]
            var tmp = new T[nb];
            var tmp2 = new T[nb];
            for (; i + nb <= n - Math.Max(nx, 1); i += nb)
            {
                int m = n - i;
                var b = a.Block(i, i, m, m);
                if (panelJob && parallelism.Count > 1 && m > ParallelSymvMin) ParallelPanel(b, nb, e.Slice(i), tau.Slice(i), w, n, tmp, tmp2, parallelism);
                else Panel(b, nb, e.Slice(i), tau.Slice(i), w, n, tmp, tmp2, parallelism);
                // Trailing update of B[nb.., nb..] (order m - nb) with V = B[nb.., ..nb] and W[nb.., ..].
                int mt = m - nb;
                for (int k = 0; k < nb; k++)
                {
                    var vk = b.Column(k, nb, mt);
                    vk.CopyTo(x.AsSpan(k * n, mt));
                    w.AsSpan(nb + k * n, mt).CopyTo(x.AsSpan((nb + k) * n, mt));
                    w.AsSpan(nb + k * n, mt).CopyTo(y.AsSpan(k * n, mt));
                    vk.CopyTo(y.AsSpan((nb + k) * n, mt));
                }
                Kernels.Blas3.Syrk.LowerMinus(
                    MatrixView<T>.ColumnMajor(x, 0, mt, 2 * nb, n),
                    MatrixView<T>.ColumnMajor(y, 0, mt, 2 * nb, n),
                    b.Block(nb, nb, mt, mt), parallelism);
                for (int k = i; k < i + nb; k++)
                {
                    a[k + 1, k] = e[k];
                    d[k] = a[k, k];
                }
            }
        }
        // The last columns on a compact copy of the rest.
        int rest = n - i;
        var tail = a.Block(i, i, rest, rest);
        var sub = new T[rest * rest];
        var subView = MatrixView<T>.ColumnMajor(sub, 0, rest, rest, rest);
        for (int j = 0; j < rest; j++) tail.Column(j, j, rest - j).CopyTo(subView.Column(j, j, rest - j));
        Unblocked(subView, d.Slice(i), e.Slice(i), tau.Slice(i), parallelism);
        for (int j = 0; j < rest; j++) subView.Column(j, j, rest - j).CopyTo(tail.Column(j, j, rest - j));
    }

    /// <summary>
    /// LAPACK's latrd (lower) on the m x m trailing matrix <paramref name="b"/> (row stride 1): reduces its first nb
    /// columns, leaving the reflectors in B with B[j + 1, j] = 1, e and tau filled, and W (m x nb at w, leading
    /// dimension ldw) such that B[nb.., nb..] - V W^T - W V^T is the trailing matrix after the panel's reflectors.
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static void Panel<T>(in MatrixView<T> b, int nb, Span<T> e, Span<T> tau, T[] w, int ldw, T[] tmp, T[] tmp2, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        int m = (int)b.Rows;
        for (int j = 0; j < nb; j++)
        {
            var col = b.Column(j, j, m - j);        // B[j.., j]
            // B[j.., j] -= V[j.., :j] W[j, :j]^T + W[j.., :j] V[j, :j]^T
            for (int k = 0; k < j; k++) { tmp[k] = w[j + k * ldw]; tmp2[k] = b[j, k]; }
            Gemv.Multiply(-T.One, b.Block(j, 0, m - j, j), tmp, T.One, col, parallelism);
            Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(w, j, m - j, j, ldw), tmp2, T.One, col, parallelism);
            if (j == m - 1) { tau[j] = T.Zero; continue; }
            int len = m - j - 1;
            T alpha = b[j + 1, j];
            T t = Householder.Generate(len, ref alpha, b.Column(j, j + 2, len - 1));
            e[j] = alpha;
            tau[j] = t;
            b[j + 1, j] = T.One;
            var v = b.Column(j, j + 1, len);
            var wj = w.AsSpan(j + 1 + j * ldw, len);
            Gemv.SymmetricLower(b.Block(j + 1, j + 1, len, len), v, wj, parallelism);
            // wj -= V[j+1.., :j] (W[j+1.., :j]^T v) + W[j+1.., :j] (V[j+1.., :j]^T v)
            Gemv.Transposed(T.One, MatrixView<T>.ColumnMajor(w, j + 1, len, j, ldw), v, T.Zero, tmp, parallelism);
            Gemv.Multiply(-T.One, b.Block(j + 1, 0, len, j), tmp, T.One, wj, parallelism);
            Gemv.Transposed(T.One, b.Block(j + 1, 0, len, j), v, T.Zero, tmp, parallelism);
            Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(w, j + 1, len, j, ldw), tmp, T.One, wj, parallelism);
            TensorPrimitives.Multiply(wj, t, wj);
            T alphaW = -T.CreateTruncating(0.5) * t * TensorPrimitives.Dot<T>(wj, v);
            TensorPrimitives.MultiplyAdd(v, alphaW, wj, wj);
        }
    }

    /// <summary>
    /// Reduces the lower triangle of the n x n matrix <paramref name="a"/> (row stride 1, any column stride); fills d,
    /// e and tau (n - 1 scalars). O(4 n^3 / 3), one n-vector of workspace.
    /// </summary>
    public static void Unblocked<T>(in MatrixView<T> a, Span<T> d, Span<T> e, Span<T> tau, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)a.Rows);
        System.Diagnostics.Debug.Assert(a.Cols == n && a.ColumnContiguous);
        if (n == 0) return;
        var w = new T[n];
        for (int i = 0; i < n - 1; i++)
        {
            int len = n - i - 1;                // length of v
            T alpha = a[i + 1, i];
            T t = Householder.Generate(len, ref alpha, a.Column(i, i + 2, len - 1));
            e[i] = alpha;
            tau[i] = t;
            if (t != T.Zero)
            {
                a[i + 1, i] = T.One;
                var v = a.Column(i, i + 1, len);
                var b = a.Block(i + 1, i + 1, len, len); // trailing block A[i+1.., i+1..]
                var x = w.AsSpan(0, len);
                Gemv.SymmetricLower(b, v, x, parallelism);
                TensorPrimitives.Multiply(x, t, x);
                // w = x - (tau / 2) (x^T v) v
                T alphaW = -T.CreateTruncating(0.5) * t * TensorPrimitives.Dot<T>(x, v);
                TensorPrimitives.MultiplyAdd(v, alphaW, x, x);
                Syr2Lower(b, v, x);
                a[i + 1, i] = e[i];
            }
            d[i] = a[i, i];
        }
        d[n - 1] = a[n - 1, n - 1];
    }

    /// <summary>A -= v w^T + w v^T on the lower triangle of the k x k matrix <paramref name="a"/> (row stride 1). O(k^2).</summary>
    internal static void Syr2Lower<T>(in MatrixView<T> a, ReadOnlySpan<T> v, ReadOnlySpan<T> w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = (int)a.Rows;
        for (int j = 0; j < k; j++)
        {
            var col = a.Column(j, j, k - j);
            TensorPrimitives.MultiplyAdd(v.Slice(j), -w[j], col, col);
            TensorPrimitives.MultiplyAdd(w.Slice(j), -v[j], col, col);
        }
    }
}
