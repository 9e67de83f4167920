using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Applies Q = H_0 ... H_{k-1} or Q^T from the left to an m x n matrix view C without forming Q (LAPACK's ormqr,
/// left side), blocked: each block of reflectors becomes one I - V T V^T applied through GEMM.
/// About 4 m n k flops; Q^T goes forwards through the blocks, Q backwards.
/// </summary>
internal static class Ormqr
{
    /// <summary>
    /// C := Q^T C (<paramref name="transpose"/>) or Q C, the k reflectors below the diagonal of the m x k (or wider)
    /// view <paramref name="v"/> as geqrf leaves them. Scratch: one nb x nb T.
    /// </summary>
    public static void ApplyLeft<T>(bool transpose, in MatrixView<T> v, int k, ReadOnlySpan<T> tau, in MatrixView<T> c,
        QrParams p, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long m = c.Rows, n = c.Cols;
        System.Diagnostics.Debug.Assert(v.Rows == m && v.Cols >= k);
        if (m == 0 || n == 0 || k == 0) return;
        int nb = Math.Min(p.Nb, k);
        if (nb < 2 || n == 1)
        {
            // Level 2: one reflector at a time; v's stored diagonal is replaced by the implicit 1 inside ApplyLeft.
            for (int s = 0; s < k; s++)
            {
                int i = transpose ? s : k - 1 - s;
                Householder.ApplyLeft(v.Block(i, i, m - i, 1), tau[i], c.Block(i, 0, m - i, n));
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
            var panel = v.Block(i, i, m - i, ib);
            Householder.FormT(panel, tau.Slice(i, ib), ti);
            Householder.ApplyBlockLeft(transpose, panel, ti, c.Block(i, 0, m - i, n), parallelism);
        }
    }
}
