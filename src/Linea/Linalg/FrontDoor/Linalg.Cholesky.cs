using System.Numerics;
using Linea.Kernels;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// The lower-triangular Cholesky factor L with A = L L^T of a symmetric positive definite matrix, or of each matrix of a
    /// stack (..., n, n) (NumPy's <c>linalg.cholesky</c>; LAPACK potrf, recursive, n^3/3 flops). As NumPy, only the lower
    /// triangle of A is read: the upper one is assumed to mirror it and is not checked, so a non-symmetric input is
    /// factored as the symmetric matrix its lower triangle defines. The result has zeros above the diagonal. For repeated
    /// solves keep the factorization object instead: <see cref="LinalgExtensions.Cholesky{T}"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square (or not at least 2-d).</exception>
    /// <exception cref="NotPositiveDefiniteException">A (or one matrix of the stack) is not positive definite; <see cref="NotPositiveDefiniteException.MinorOrder"/> is the 1-based order of the first leading minor that is not.</exception>
    /// <exception cref="NonFiniteException">The lower triangle of a (or of one matrix of the stack) contains NaN or infinity; the message names the entry. The upper triangle is never read and may hold anything, as in NumPy.</exception>
    public static NDArray<T> Cholesky<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parallelism = Parallelism.Default;
        RequireSquare("cholesky", a);
        RequireFiniteTriangle("cholesky", a, lower: true);
        int n = a.IntDims[^1];
        var batch = a.IntDims[..^2];
        return MatrixStack.CopyEach(a, (l, t) =>
        {
            int info = CholeskyFactorization.Factor(l, CholeskyParams.Auto.RecursionThreshold, parallelism);
            if (info >= 0)
                throw new NotPositiveDefiniteException(info + 1,
                    CholeskyDecomposition<T>.NotPdMessage("cholesky", n, info + 1, MatrixStack.Where(batch, t)));
            CholeskyDecomposition<T>.ZeroUpper(l);
        });
    }
}
