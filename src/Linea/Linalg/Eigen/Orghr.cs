using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Forms the orthogonal matrix Q of the Hessenberg reduction (LAPACK's orghr) from the reflectors that
/// <see cref="Gehrd"/> left below the subdiagonal: Q is the identity outside rows and columns ilo+1..ihi, and its
/// block there is the Q of a QR factorisation whose reflectors are those vectors shifted one column to the right,
/// formed by the blocked <see cref="Orgqr"/>. About 4/3 (ihi - ilo)^3 flops.
/// </summary>
internal static class Orghr
{
    /// <summary>Overwrites the n x n column-contiguous view q, which holds a copy of the reduced matrix, with Q.</summary>
    public static void Form<T>(int ilo, int ihi, in MatrixView<T> q, T[] tau, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)q.Rows);
        int nh = ihi - ilo;
        // Shift the reflector vectors one column right, columns ihi down to ilo+1; identity elsewhere.
        for (int j = ihi; j > ilo; j--)
        {
            q.Column(j, 0, j).Clear();
            for (int i = j + 1; i <= ihi; i++) q[i, j] = q[i, j - 1];
            q.Column(j, ihi + 1, n - ihi - 1).Clear();
        }
        for (int j = 0; j <= ilo; j++) SetUnitColumn(q, n, j);
        for (int j = ihi + 1; j < n; j++) SetUnitColumn(q, n, j);
        if (nh > 0)
            Orgqr.Blocked(q.Block(ilo + 1, ilo + 1, nh, nh), nh, tau.AsSpan(ilo, nh), QrParams.Auto, parallelism);
    }

    private static void SetUnitColumn<T>(in MatrixView<T> q, int n, int j) where T : unmanaged, IFloatingPointIeee754<T>
    {
        q.Column(j, 0, n).Clear();
        q[j, j] = T.One;
    }
}
