using System.Numerics;

namespace Linea;

/// <summary>
/// Applies Q = H_0 ... H_{k-1} or Q^T from the left to an m x n column-major matrix C without forming Q (LAPACK's
/// ormqr, left side), blocked: each block of reflectors becomes one I - V T V^T applied through GEMM.
/// About 4 m n k flops; Q^T goes forwards through the blocks, Q backwards.
/// </summary>
internal static class Ormqr
{
    /// <summary>C := Q^T C (<paramref name="transpose"/>) or Q C, reflectors in the m x k matrix at (v, vOff, ldv).</summary>
    public static void ApplyLeft<T>(bool transpose, int m, int n, int k, T[] v, int vOff, int ldv, ReadOnlySpan<T> tau,
        T[] c, int cOff, int ldc, QrParams p, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0 || k == 0) return;
        int nb = Math.Min(p.Nb, k);
        if (nb < 2 || n == 1)
        {
            // Level 2: one reflector at a time; v's stored diagonal is replaced by the implicit 1 inside ApplyLeft.
            for (int s = 0; s < k; s++)
            {
                int i = transpose ? s : k - 1 - s;
                Householder.ApplyLeft(m - i, n, v, vOff + i + i * ldv, tau[i], c, cOff + i, ldc);
            }
            return;
        }
        var t = new T[nb * nb];
        int nblocks = (k + nb - 1) / nb;
        for (int s = 0; s < nblocks; s++)
        {
            int bi = transpose ? s : nblocks - 1 - s;
            int i = bi * nb, ib = Math.Min(nb, k - i);
            var ti = ib == nb ? t : new T[ib * ib];
            Householder.FormT(m - i, ib, v, vOff + i + i * ldv, ldv, tau.Slice(i, ib), ti);
            Householder.ApplyBlockLeft(transpose, m - i, n, ib, v, vOff + i + i * ldv, ldv, ti, c, cOff + i, ldc, parallelism);
        }
    }
}
