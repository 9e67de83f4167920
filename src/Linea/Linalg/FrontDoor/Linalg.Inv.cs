using System.Numerics;
using Linea.Kernels;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// The inverse of the n x n matrix <paramref name="a"/>, or of each matrix of a stack (..., n, n) (NumPy's
    /// <c>linalg.inv</c>): LU with partial pivoting, then LAPACK getri's U^-1 and X L = U^-1 (2 n^3 flops in all).
    /// To solve a system, <see cref="Solve{T}"/> is cheaper and more accurate than multiplying by the inverse.
    /// A 0 x 0 matrix gives an empty result.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square (or not at least 2-d).</exception>
    /// <exception cref="SingularMatrixException">a (or one matrix of the stack) is exactly singular; the message names the zero pivot.</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static NDArray<T> Inv<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parallelism = Parallelism.Default;
        RequireSquare("inv", a);
        RequireFinite("inv", a);
        int n = a.IntDims[^1];
        var batch = a.IntDims[..^2];
        var piv = new int[n];
        return MatrixStack.CopyEach(a, (lu, t) =>
        {
            int info = LuFactorization.Factor(lu, piv, LuParams.Auto.RecursionThreshold, parallelism);
            if (info >= 0) ThrowSingular("inv", n, info, batch, t);
            LuSolver.Invert(lu, piv, parallelism);
        });
    }
}
