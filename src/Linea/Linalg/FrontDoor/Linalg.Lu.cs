using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// The LU factorization with partial pivoting P A = L U of the m x n matrix <paramref name="a"/> (LAPACK getrf; SciPy's
    /// <c>scipy.linalg.lu_factor</c>), as an object that solves, gives the determinant, inverse and rcond.
    /// Cost about 2/3 n^3 flops for a square matrix. A singular matrix does not throw here (see <see cref="LuDecomposition{T}.IsSingular"/>).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not 2-d.</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static LuDecomposition<T> Lu<T>(NDArray<T> a, LuParams? parameters = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        LuDecomposition<T>.Factor(a, parameters);
}

/// <summary>Factorizations as methods on tensors: <c>A.Lu()</c>, <c>A.Cholesky()</c>.</summary>
public static class LinalgExtensions
{
    /// <summary>The LU factorization of this m x n matrix; see <see cref="Linalg.Lu{T}"/>.</summary>
    /// <exception cref="ShapeMismatchException">a is not 2-d.</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static LuDecomposition<T> Lu<T>(this NDArray<T> a, LuParams? parameters = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        LuDecomposition<T>.Factor(a, parameters);

    /// <summary>
    /// The Cholesky factorization A = L L^T of this symmetric positive definite n x n matrix, as an object (reads the lower
    /// triangle only). Unlike <see cref="Linalg.Cholesky{T}"/>, which returns L and throws, it reports failure through
    /// <see cref="CholeskyDecomposition{T}.IsPositiveDefinite"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix.</exception>
    /// <exception cref="NonFiniteException">The lower triangle of a contains NaN or infinity (the upper one is never read and may hold anything).</exception>
    public static CholeskyDecomposition<T> Cholesky<T>(this NDArray<T> a, CholeskyParams? parameters = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        CholeskyDecomposition<T>.Factor(a, parameters);
}
