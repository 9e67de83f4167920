using System.Numerics;

namespace Linea;

/// <summary>
/// Undoes the balancing of <see cref="Gebal"/> on right eigenvectors (LAPACK's gebak with job 'B', side 'R'): if
/// B = D^-1 P^T A P D and B x = lambda x, then A (P D x) = lambda (P D x). O(n m).
/// </summary>
internal static class Gebak
{
    /// <summary>
    /// V := P D V for the n x m column-major matrix (v, ldv) of right eigenvectors of the balanced matrix, with ilo, ihi
    /// and scale as <see cref="Gebal.Balance{T}"/> returned them.
    /// </summary>
    public static void RightVectors<T>(int n, int ilo, int ihi, T[] scale, int m, T[] v, int ldv) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0 || m == 0) return;
        if (ilo != ihi)
            for (int j = 0; j < m; j++)
            {
                int cj = j * ldv;
                for (int i = ilo; i <= ihi; i++) v[cj + i] *= scale[i];
            }
        // The permutations, in the reverse of the order Gebal applied them.
        for (int ii = 0; ii < n; ii++)
        {
            int i = ii;
            if (i >= ilo && i <= ihi) continue;
            if (i < ilo) i = ilo - 1 - ii;
            int k = int.CreateTruncating(scale[i]);
            if (k == i) continue;
            for (int j = 0; j < m; j++) (v[i + j * ldv], v[k + j * ldv]) = (v[k + j * ldv], v[i + j * ldv]);
        }
    }
}
