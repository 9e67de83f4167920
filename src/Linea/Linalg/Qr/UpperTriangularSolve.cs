using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// Back substitution with an upper triangular n x n block of a column-major matrix, for the right-hand sides of a
/// column-major block: X := U^{-1} X in place (column oriented, level 2 per right-hand side). O(n^2 nrhs).
/// </summary>
internal static class UpperTriangularSolve
{
    /// <summary>Solves in place; returns the index of the first exactly zero diagonal entry, or -1 when none
    /// (then X is left partly updated).</summary>
    public static int Solve<T>(int n, T[] u, int uOff, int ldu, int nrhs, T[] x, int xOff, int ldx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
            if (u[uOff + i + i * ldu] == T.Zero) return i;
        for (int r = 0; r < nrhs; r++)
        {
            int xo = xOff + r * ldx;
            for (int j = n - 1; j >= 0; j--)
            {
                int uj = uOff + j * ldu;
                T xj = x[xo + j] / u[uj + j];
                x[xo + j] = xj;
                if (j > 0 && xj != T.Zero)
                {
                    var col = x.AsSpan(xo, j);
                    TensorPrimitives.MultiplyAdd(u.AsSpan(uj, j), -xj, col, col);
                }
            }
        }
        return -1;
    }
}
