using System.Numerics;

namespace Linea;

/// <summary>
/// Forms the first n columns of Q = H_0 ... H_{k-1} (m x n, m >= n >= k) in place from the reflectors of
/// <see cref="Geqrf"/> stored in the first k columns (LAPACK's org2r and orgqr), blocked backwards so the bulk of the
/// work is GEMM. About 4 m n k - 2 (m + n) k^2 + 4 k^3 / 3 flops.
/// </summary>
internal static class Orgqr
{
    /// <summary>Unblocked (org2r) on the m x n matrix at (a, off, lda) with k reflectors.</summary>
    public static void Unblocked<T>(int m, int n, int k, T[] a, int off, int lda, ReadOnlySpan<T> tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = k; j < n; j++)
        {
            Array.Clear(a, off + j * lda, m);
            a[off + j + j * lda] = T.One;
        }
        for (int i = k - 1; i >= 0; i--)
        {
            int d = off + i + i * lda;
            if (i < n - 1)
            {
                a[d] = T.One;
                Householder.ApplyLeft(m - i, n - i - 1, a, d, tau[i], a, d + lda, lda);
            }
            if (i < m - 1) Householder.Scale(m - i - 1, -tau[i], a, d + 1, 1);
            a[d] = T.One - tau[i];
            Array.Clear(a, off + i * lda, i);
        }
    }

    /// <summary>Blocked (orgqr) on the m x n matrix at (a, off, lda) with k reflectors.</summary>
    public static void Blocked<T>(int m, int n, int k, T[] a, int off, int lda, ReadOnlySpan<T> tau, QrParams p, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nb = p.Nb, nx = p.Nx, kk = 0, ki = 0;
        if (nb >= 2 && nb < k && nx < k)
        {
            ki = (k - nx - 1) / nb * nb;
            kk = Math.Min(k, ki + nb);
            for (int j = kk; j < n; j++) Array.Clear(a, off + j * lda, kk);
        }
        if (kk < n) Unblocked(m - kk, n - kk, k - kk, a, off + kk + kk * lda, lda, tau.Slice(kk));
        if (kk > 0)
        {
            var t = new T[nb * nb];
            for (int i = ki; i >= 0; i -= nb)
            {
                int ib = Math.Min(nb, k - i);
                int d = off + i + i * lda;
                if (i + ib < n)
                {
                    var ti = ib == nb ? t : new T[ib * ib];
                    Householder.FormT(m - i, ib, a, d, lda, tau.Slice(i, ib), ti);
                    Householder.ApplyBlockLeft(false, m - i, n - i - ib, ib, a, d, lda, ti, a, d + ib * lda, lda, parallelism);
                }
                Unblocked(m - i, ib, ib, a, d, lda, tau.Slice(i, ib));
                for (int j = i; j < i + ib; j++) Array.Clear(a, off + j * lda, i);
            }
        }
    }
}
