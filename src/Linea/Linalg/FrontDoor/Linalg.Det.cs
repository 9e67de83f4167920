using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// The determinant of the n x n matrix <paramref name="a"/> (NumPy's <c>linalg.det</c>), from its LU factorization:
    /// 2/3 n^3 flops. An exactly singular matrix gives 0 (no exception); det of a 0 x 0 matrix is 1. The product of the
    /// pivots can overflow or underflow for large n: use <see cref="Slogdet{T}"/> there. For a stack use <see cref="DetStack{T}"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix (a stack: see <see cref="DetStack{T}"/>).</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static T Det<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSingleSquare("det", a, "DetStack");
        return DetOfMatrix("det", a);
    }

    /// <summary>
    /// NumPy's <c>linalg.det</c> for a stack (..., n, n): the determinant of each matrix, as a tensor of the batch shape
    /// (...), each exactly <see cref="Det{T}"/> of that matrix (0 for an exactly singular one, 1 for 0 x 0 matrices).
    /// A single matrix gives a 0-d tensor; an empty batch an empty tensor. 2/3 n^3 flops per matrix.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d, or its matrices are not square.</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity; the message names the matrix ("matrix [1, 0] of the stack ...") and the entry.</exception>
    public static NDArray<T> DetStack<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare("det", a);
        return MatrixStack.MapScalar("det", a, (x, label) => DetOfMatrix(label, x));
    }

    /// <summary>
    /// The sign and the natural logarithm of the absolute value of the determinant (NumPy's <c>linalg.slogdet</c>):
    /// det = sign * exp(logAbsDet), without overflow or underflow even for n in the thousands. A singular matrix gives
    /// (0, -infinity); a 0 x 0 matrix (1, 0). 2/3 n^3 flops. For a stack use <see cref="SlogdetStack{T}"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix (a stack: see <see cref="SlogdetStack{T}"/>).</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static (T Sign, T LogAbsDet) Slogdet<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSingleSquare("slogdet", a, "SlogdetStack");
        return SlogdetOfMatrix("slogdet", a);
    }

    /// <summary>
    /// NumPy's <c>linalg.slogdet</c> for a stack (..., n, n): the sign and log |det| of each matrix, two tensors of the
    /// batch shape (...), each pair exactly <see cref="Slogdet{T}"/> of that matrix ((0, -inf) for an exactly singular
    /// one, (1, 0) for 0 x 0 matrices). A single matrix gives 0-d tensors; an empty batch empty ones. 2/3 n^3 flops per matrix.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d, or its matrices are not square.</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity; the message names the matrix ("matrix [1, 0] of the stack ...") and the entry.</exception>
    public static (NDArray<T> Sign, NDArray<T> LogAbsDet) SlogdetStack<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare("slogdet", a);
        var r = MatrixStack.Map("slogdet", a, [[], []], (x, label) =>
        {
            var (sign, logAbsDet) = SlogdetOfMatrix(label, x);
            return [NDArray.Scalar(sign), NDArray.Scalar(logAbsDet)];
        });
        return (r[0], r[1]);
    }

    /// <summary>det of one square matrix; <paramref name="label"/> names it in messages.</summary>
    private static T DetOfMatrix<T>(string label, NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.IntDims[0] == 0) return T.One;
        RequireFinite(label, a);
        return LuDecomposition<T>.Factor(a).Determinant;
    }

    /// <summary>slogdet of one square matrix; <paramref name="label"/> names it in messages.</summary>
    private static (T Sign, T LogAbsDet) SlogdetOfMatrix<T>(string label, NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.IntDims[0] == 0) return (T.One, T.Zero);
        RequireFinite(label, a);
        var lu = LuDecomposition<T>.Factor(a);
        return (lu.DeterminantSign, lu.LogAbsDeterminant);
    }

    private static void RequireSingleSquare<T>(string op, NDArray<T> a, string stackVariant) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare(op, a);
        if (a.Rank != 2)
            ThrowHelper.ShapeMismatch(op, $"takes one n x n matrix, got the stack {a.Shape}; Linalg.{stackVariant} gives one value per matrix", a.Shape);
    }
}
