using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Undoes the balancing of <see cref="Gebal"/> on right eigenvectors (LAPACK's gebak with job 'B', side 'R'): if
/// B = D^-1 P^T A P D and B x = lambda x, then A (P D x) = lambda (P D x). O(n m).
/// </summary>
internal static class Gebak
{
    /// <summary>
    /// V := P D V for the n x m view v of right eigenvectors of the balanced matrix (any strides), with ilo, ihi and
    /// scale as <see cref="Gebal.Balance{T}(in MatrixView{T}, Span{T}, out int, out int)"/> returned them.
    /// </summary>
    public static void RightVectors<T>(int ilo, int ihi, ReadOnlySpan<T> scale, in MatrixView<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long n = v.Rows, m = v.Cols;
        if (n == 0 || m == 0) return;
        if (ilo != ihi)
            for (long j = 0; j < m; j++)
                for (int i = ilo; i <= ihi; i++) v[i, j] *= scale[i];
        // The permutations, in the reverse of the order Gebal applied them.
        for (int ii = 0; ii < n; ii++)
        {
            int i = ii;
            if (i >= ilo && i <= ihi) continue;
            if (i < ilo) i = ilo - 1 - ii;
            int k = int.CreateTruncating(scale[i]);
            if (k == i) continue;
            v.SwapRows(i, k);
        }
    }
}
