using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Forms the first n columns of Q = H_0 ... H_{k-1} (m x n, m >= n >= k) in place from the reflectors of
/// <see cref="Geqrf"/> stored in the first k columns of an m x n matrix view (LAPACK's org2r and orgqr), blocked
/// backwards so the bulk of the work is GEMM. About 4 m n k - 2 (m + n) k^2 + 4 k^3 / 3 flops. Any strides.
/// </summary>
internal static class Orgqr
{
    /// <summary>Unblocked (org2r) on the m x n view a with k reflectors. O(m n k), no allocation.</summary>
    public static void Unblocked<T>(in MatrixView<T> a, int k, ReadOnlySpan<T> tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long m = a.Rows, n = a.Cols;
        for (long j = k; j < n; j++)
        {
            Clear(a.Block(0, j, m, 1));
            a[j, j] = T.One;
        }
        for (int i = k - 1; i >= 0; i--)
        {
            ref T d = ref a[i, i];
            if (i < n - 1)
            {
                d = T.One;
                Householder.ApplyLeft(a.Block(i, i, m - i, 1), tau[i], a.Block(i, i + 1, m - i, n - i - 1));
            }
            if (i < m - 1) Householder.Scale(-tau[i], a.Block(i + 1, i, m - i - 1, 1));
            d = T.One - tau[i];
            Clear(a.Block(0, i, i, 1));
        }
    }

    /// <summary>Blocked (orgqr) on the m x n view a with k reflectors. Scratch: one nb x nb T.</summary>
    public static void Blocked<T>(in MatrixView<T> a, int k, ReadOnlySpan<T> tau, QrParams p, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long m = a.Rows, n = a.Cols;
        int nb = p.Nb, nx = p.Nx, kk = 0, ki = 0;
        if (nb >= 2 && nb < k && nx < k)
        {
            ki = (k - nx - 1) / nb * nb;
            kk = Math.Min(k, ki + nb);
            for (long j = kk; j < n; j++) Clear(a.Block(0, j, kk, 1));
        }
        if (kk < n) Unblocked(a.Block(kk, kk, m - kk, n - kk), k - kk, tau.Slice(kk));
        if (kk > 0)
        {
            var t = new T[nb * nb];
            for (int i = ki; i >= 0; i -= nb)
            {
                int ib = Math.Min(nb, k - i);
                var panel = a.Block(i, i, m - i, ib);
                if (i + ib < n)
                {
                    var ti = ib == nb ? t : new T[ib * ib];
                    Householder.FormT(panel, tau.Slice(i, ib), ti);
                    Householder.ApplyBlockLeft(false, panel, ti, a.Block(i, i + ib, m - i, n - i - ib), parallelism);
                }
                Unblocked(panel, ib, tau.Slice(i, ib));
                for (int j = i; j < i + ib; j++) Clear(a.Block(0, j, i, 1));
            }
        }
    }

    /// <summary>Zeroes the column vector x (x.Rows x 1, any stride).</summary>
    private static void Clear<T>(in MatrixView<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rows <= 0) return;
        if (x.RowStride == 1) x.Column(0).Clear();
        else for (long i = 0; i < x.Rows; i++) x[i, 0] = T.Zero;
    }
}
