using System.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas2;

namespace Linea;

/// <summary>
/// Householder reduction of a symmetric matrix to tridiagonal form, Q^T A Q = T (LAPACK's sytd2, lower storage),
/// on a column-major n x n array of which only the lower triangle is read and updated. On return d (n) and e (n - 1)
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
    public static void Blocked<T>(int n, T[] a, int lda, Span<T> d, Span<T> e, Span<T> tau, Parallelism parallelism, int nb = BlockSize, int nx = Crossover, bool panelJob = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
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
                if (panelJob && parallelism.Count > 1 && m > ParallelSymvMin) ParallelPanel(m, nb, a, i + i * lda, lda, e.Slice(i), tau.Slice(i), w, n, tmp, tmp2, parallelism);
                else Panel(m, nb, a, i + i * lda, lda, e.Slice(i), tau.Slice(i), w, n, tmp, tmp2, parallelism);
                // Trailing update of A[i+nb.., i+nb..] (order m - nb) with V = A[i+nb.., i..i+nb] and W[nb.., ..].
                int mt = m - nb;
                for (int k = 0; k < nb; k++)
                {
                    a.AsSpan(i + nb + (i + k) * lda, mt).CopyTo(x.AsSpan(k * n, mt));
                    w.AsSpan(nb + k * n, mt).CopyTo(x.AsSpan((nb + k) * n, mt));
                    w.AsSpan(nb + k * n, mt).CopyTo(y.AsSpan(k * n, mt));
                    a.AsSpan(i + nb + (i + k) * lda, mt).CopyTo(y.AsSpan((nb + k) * n, mt));
                }
                Kernels.Blas3.Syrk.LowerMinus(
                    MatrixView<T>.ColumnMajor(x, 0, mt, 2 * nb, n),
                    MatrixView<T>.ColumnMajor(y, 0, mt, 2 * nb, n),
                    MatrixView<T>.ColumnMajor(a, (i + nb) + (i + nb) * lda, mt, mt, lda), parallelism);
                for (int k = i; k < i + nb; k++)
                {
                    a[k + 1 + k * lda] = e[k];
                    d[k] = a[k + k * lda];
                }
            }
        }
        int rest = n - i;
        var sub = new T[rest * rest];
        for (int j = 0; j < rest; j++) a.AsSpan(i + (i + j) * lda + j, rest - j).CopyTo(sub.AsSpan(j + j * rest, rest - j));
        Unblocked(rest, sub, rest, d.Slice(i), e.Slice(i), tau.Slice(i), parallelism);
        for (int j = 0; j < rest; j++) sub.AsSpan(j + j * rest, rest - j).CopyTo(a.AsSpan(i + (i + j) * lda + j, rest - j));
    }

    /// <summary>
    /// LAPACK's latrd (lower) on the m x m trailing matrix B at (a, off, lda): reduces its first nb columns, leaving
    /// the reflectors in B with B[j + 1, j] = 1, e and tau filled, and W (m x nb at w, leading dimension ldw) such that
    /// B[nb.., nb..] - V W^T - W V^T is the trailing matrix after the panel's reflectors.
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static void Panel<T>(int m, int nb, T[] a, int off, int lda, Span<T> e, Span<T> tau, T[] w, int ldw, T[] tmp, T[] tmp2, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        for (int j = 0; j < nb; j++)
        {
            int cj = off + j * lda;                 // column j of B
            var col = a.AsSpan(cj + j, m - j);      // B[j.., j]
            // B[j.., j] -= V[j.., :j] W[j, :j]^T + W[j.., :j] V[j, :j]^T
            for (int k = 0; k < j; k++) { tmp[k] = w[j + k * ldw]; tmp2[k] = a[off + k * lda + j]; }
            Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(a, off + j, m - j, j, lda), tmp, T.One, col, parallelism);
            Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(w, j, m - j, j, ldw), tmp2, T.One, col, parallelism);
            if (j == m - 1) { tau[j] = T.Zero; continue; }
            int len = m - j - 1;
            T alpha = a[cj + j + 1];
            T t = Householder.Generate(len, ref alpha, a, cj + j + 2, 1);
            e[j] = alpha;
            tau[j] = t;
            a[cj + j + 1] = T.One;
            var v = a.AsSpan(cj + j + 1, len);
            var wj = w.AsSpan(j + 1 + j * ldw, len);
            Gemv.SymmetricLower(MatrixView<T>.ColumnMajor(a, off + (j + 1) + (j + 1) * lda, len, len, lda), v, wj, parallelism);
            // wj -= V[j+1.., :j] (W[j+1.., :j]^T v) + W[j+1.., :j] (V[j+1.., :j]^T v)
            Gemv.Transposed(T.One, MatrixView<T>.ColumnMajor(w, j + 1, len, j, ldw), v, T.Zero, tmp, parallelism);
            Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(a, off + j + 1, len, j, lda), tmp, T.One, wj, parallelism);
            Gemv.Transposed(T.One, MatrixView<T>.ColumnMajor(a, off + j + 1, len, j, lda), v, T.Zero, tmp, parallelism);
            Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(w, j + 1, len, j, ldw), tmp, T.One, wj, parallelism);
            TensorPrimitives.Multiply(wj, t, wj);
            T alphaW = -T.CreateTruncating(0.5) * t * TensorPrimitives.Dot<T>(wj, v);
            TensorPrimitives.MultiplyAdd(v, alphaW, wj, wj);
        }
    }

    /// <summary>Reduces the lower triangle of the n x n matrix at (a, 0, lda); fills d, e and tau (n - 1 scalars).</summary>
    public static void Unblocked<T>(int n, T[] a, int lda, Span<T> d, Span<T> e, Span<T> tau, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return;
        var w = new T[n];
        for (int i = 0; i < n - 1; i++)
        {
            int sub = i + 1 + i * lda;          // A[i + 1, i]
            int len = n - i - 1;                // length of v
            T alpha = a[sub];
            T t = Householder.Generate(len, ref alpha, a, sub + 1, 1);
            e[i] = alpha;
            tau[i] = t;
            if (t != T.Zero)
            {
                a[sub] = T.One;
                var v = a.AsSpan(sub, len);
                int bOff = (i + 1) + (i + 1) * lda; // trailing block A[i+1.., i+1..]
                var x = w.AsSpan(0, len);
                Gemv.SymmetricLower(MatrixView<T>.ColumnMajor(a, bOff, len, len, lda), v, x, parallelism);
                TensorPrimitives.Multiply(x, t, x);
                // w = x - (tau / 2) (x^T v) v
                T alphaW = -T.CreateTruncating(0.5) * t * TensorPrimitives.Dot<T>(x, v);
                TensorPrimitives.MultiplyAdd(v, alphaW, x, x);
                Syr2Lower(len, a, bOff, lda, v, x);
                a[sub] = e[i];
            }
            d[i] = a[i + i * lda];
        }
        d[n - 1] = a[(n - 1) + (n - 1) * lda];
    }

    /// <summary>A -= v w^T + w v^T on the lower triangle of the k x k matrix at (a, off, lda). O(k^2).</summary>
    internal static void Syr2Lower<T>(int k, T[] a, int off, int lda, ReadOnlySpan<T> v, ReadOnlySpan<T> w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < k; j++)
        {
            var col = a.AsSpan(off + j + j * lda, k - j);
            TensorPrimitives.MultiplyAdd(v.Slice(j), -w[j], col, col);
            TensorPrimitives.MultiplyAdd(w.Slice(j), -v[j], col, col);
        }
    }
}
