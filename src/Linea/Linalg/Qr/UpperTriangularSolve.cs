using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Back substitution with the upper triangle of an n x n matrix view U for the right-hand sides of an n x nrhs view
/// X: X := U^{-1} X in place (column oriented, level 2 per right-hand side; spans when both views are
/// column-contiguous). O(n^2 nrhs), no allocation.
/// </summary>
internal static class UpperTriangularSolve
{
    /// <summary>Solves in place; returns the index of the first exactly zero diagonal entry, or -1 when none
    /// (then X is left untouched).</summary>
    public static int Solve<T>(in MatrixView<T> u, in MatrixView<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)u.Rows);
        for (int i = 0; i < n; i++)
            if (u[i, i] == T.Zero) return i;
        bool spans = u.ColumnContiguous && x.ColumnContiguous;
        for (long r = 0; r < x.Cols; r++)
        {
            for (int j = n - 1; j >= 0; j--)
            {
                T xj = x[j, r] / u[j, j];
                x[j, r] = xj;
                if (j == 0 || xj == T.Zero) continue;
                if (spans)
                {
                    var col = x.Column(r, 0, j);
                    TensorPrimitives.MultiplyAdd(u.Column(j, 0, j), -xj, col, col);
                }
                else for (int i = 0; i < j; i++) x[i, r] -= xj * u[i, j];
            }
        }
        return -1;
    }
}
