using System.Numerics;

namespace Linea;

/// <summary>
/// Forms the orthogonal matrix Q of the Hessenberg reduction (LAPACK's orghr) from the reflectors that
/// <see cref="Gehrd"/> left below the subdiagonal: Q is the identity outside rows and columns ilo+1..ihi, and its
/// block there is the Q of a QR factorisation whose reflectors are those vectors shifted one column to the right,
/// formed by the blocked <see cref="Orgqr"/>. About 4/3 (ihi - ilo)^3 flops.
/// </summary>
internal static class Orghr
{
    /// <summary>Overwrites the n x n column-major (q, ldq), which holds a copy of the reduced matrix, with Q.</summary>
    public static void Form<T>(int n, int ilo, int ihi, T[] q, int ldq, T[] tau, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nh = ihi - ilo;
        // Shift the reflector vectors one column right, columns ihi down to ilo+1; identity elsewhere.
        for (int j = ihi; j > ilo; j--)
        {
            int cj = j * ldq;
            for (int i = 0; i < j; i++) q[cj + i] = T.Zero;
            for (int i = j + 1; i <= ihi; i++) q[cj + i] = q[cj - ldq + i];
            for (int i = ihi + 1; i < n; i++) q[cj + i] = T.Zero;
        }
        for (int j = 0; j <= ilo; j++) SetUnitColumn(q, ldq, n, j);
        for (int j = ihi + 1; j < n; j++) SetUnitColumn(q, ldq, n, j);
        if (nh > 0)
            Orgqr.Blocked(nh, nh, nh, q, ilo + 1 + (ilo + 1) * ldq, ldq, tau.AsSpan(ilo, nh), QrParams.Auto, parallelism);
    }

    private static void SetUnitColumn<T>(T[] q, int ldq, int n, int j) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Array.Clear(q, j * ldq, n);
        q[j + j * ldq] = T.One;
    }
}
