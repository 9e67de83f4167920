using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// Householder reduction of a symmetric matrix to tridiagonal form, Q^T A Q = T (LAPACK's sytd2, lower storage),
/// on a column-major n x n array of which only the lower triangle is read and updated. On return d (n) and e (n - 1)
/// hold the diagonal and subdiagonal of T, and the reflectors H_i = I - tau_i v_i v_i^T (v_i[i + 1] = 1 implicit,
/// v_i[i + 2..] stored in A[i + 2.., i]) define Q = H_0 H_1 ... H_{n-2}. This is the layout of a QR factorization of the
/// (n - 1) x (n - 1) block at A[1.., 0..], so <see cref="Ormqr"/> applies Q (LAPACK's ormtr). About 4 n^3 / 3 flops,
/// level 2 (symv + syr2 per column).
/// </summary>
internal static class Sytrd
{
    /// <summary>Reduces the lower triangle of the n x n matrix at (a, 0, lda); fills d, e and tau (n - 1 scalars).</summary>
    public static void Unblocked<T>(int n, T[] a, int lda, Span<T> d, Span<T> e, Span<T> tau) where T : unmanaged, IFloatingPointIeee754<T>
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
                SymvLower(len, a, bOff, lda, v, x);
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

    /// <summary>y = A x for the symmetric k x k matrix whose lower triangle is at (a, off, lda). O(k^2).</summary>
    internal static void SymvLower<T>(int k, T[] a, int off, int lda, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        y.Slice(0, k).Clear();
        for (int j = 0; j < k; j++)
        {
            int cj = off + j + j * lda;
            y[j] += a[cj] * x[j];
            int rest = k - j - 1;
            if (rest == 0) continue;
            var col = a.AsSpan(cj + 1, rest);
            TensorPrimitives.MultiplyAdd(col, x[j], y.Slice(j + 1, rest), y.Slice(j + 1, rest));
            y[j] += TensorPrimitives.Dot(col, x.Slice(j + 1, rest));
        }
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
