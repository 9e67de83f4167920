using System.Numerics;

namespace Linea;

/// <summary>
/// Householder QR in place on a column-major m x n matrix (LAPACK's geqr2 and geqrf): on return R is on and above
/// the diagonal and the reflector vectors v_i (with implicit v_i[i] = 1) below it; tau has min(m, n) entries.
/// A = Q R with Q = H_0 H_1 ... H_{k-1}. About 2 m n^2 - 2 n^3 / 3 flops; the blocked form runs all but the panel
/// factorizations through GEMM.
/// </summary>
internal static class Geqrf
{
    /// <summary>Unblocked QR (geqr2) of the m x n matrix at (a, off, lda); tau receives min(m, n) scalars. O(m n^2), level 2.</summary>
    public static void Unblocked<T>(int m, int n, T[] a, int off, int lda, Span<T> tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = Math.Min(m, n);
        for (int i = 0; i < k; i++)
        {
            int d = off + i + i * lda;
            T alpha = a[d];
            T t = Householder.Generate(m - i, ref alpha, a, d + 1, 1);
            tau[i] = t;
            a[d] = alpha;
            if (i + 1 < n) Householder.ApplyLeft(m - i, n - i - 1, a, d, t, a, d + lda, lda);
        }
    }

    /// <summary>Blocked QR (geqrf) of the m x n matrix at (a, off, lda); same output as <see cref="Unblocked{T}"/>.</summary>
    public static void Blocked<T>(int m, int n, T[] a, int off, int lda, Span<T> tau, QrParams p, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = Math.Min(m, n), nb = p.Nb, nx = p.Nx;
        int i = 0;
        if (nb >= 2 && nb < k && nx < k)
        {
            var t = new T[nb * nb];
            for (; i < k - nx; i += nb)
            {
                parallelism.ThrowIfCancelled();
                int ib = Math.Min(k - i, nb);
                int d = off + i + i * lda;
                Unblocked(m - i, ib, a, d, lda, tau.Slice(i, ib));
                if (i + ib < n)
                {
                    Householder.FormT(m - i, ib, a, d, lda, tau.Slice(i, ib), t.Length == ib * ib ? t : (t = new T[ib * ib]));
                    Householder.ApplyBlockLeft(true, m - i, n - i - ib, ib, a, d, lda, t, a, d + ib * lda, lda, parallelism);
                }
            }
        }
        if (i < k) Unblocked(m - i, n - i, a, off + i + i * lda, lda, tau.Slice(i));
    }
}
