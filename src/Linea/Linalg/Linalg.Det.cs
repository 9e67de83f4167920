using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// The determinant of the n x n matrix <paramref name="a"/> (NumPy's <c>linalg.det</c>), from its LU factorization:
    /// 2/3 n^3 flops. An exactly singular matrix gives 0 (no exception); det of a 0 x 0 matrix is 1. The product of the
    /// pivots can overflow or underflow for large n: use <see cref="Slogdet{T}"/> there.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix (stacks: loop, or use <see cref="Slogdet{T}"/> per matrix).</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static T Det<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSingleSquare("det", a);
        if (a.Dims[0] == 0) return T.One;
        return LuDecomposition<T>.Factor(a).Determinant;
    }

    /// <summary>
    /// The sign and the natural logarithm of the absolute value of the determinant (NumPy's <c>linalg.slogdet</c>):
    /// det = sign * exp(logAbsDet), without overflow or underflow even for n in the thousands. A singular matrix gives
    /// (0, -infinity); a 0 x 0 matrix (1, 0). 2/3 n^3 flops.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix.</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static (T Sign, T LogAbsDet) Slogdet<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSingleSquare("slogdet", a);
        if (a.Dims[0] == 0) return (T.One, T.Zero);
        var lu = LuDecomposition<T>.Factor(a);
        return (lu.DeterminantSign, lu.LogAbsDeterminant);
    }

    private static void RequireSingleSquare<T>(string op, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare(op, a);
        if (a.Rank != 2)
            ThrowHelper.ShapeMismatch(op, $"takes one n x n matrix, got the stack {a.Shape}; index it (A[i]) for each matrix", a.Shape);
    }
}
