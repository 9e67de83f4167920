using System.Numerics;

namespace Linea;

/// <summary>
/// What every square factorization object offers (LU, Cholesky, ...), so one contract test covers them all:
/// solve A X = B with the stored factors, and rebuild A from them.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface ILinearSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The order n of the factored n x n matrix A.</summary>
    int Order { get; }

    /// <summary>
    /// X with A X = B, for B of shape (n,) (result (n,)) or (n, k) (result (n, k)). Cost O(n^2 k).
    /// </summary>
    /// <exception cref="ShapeMismatchException">B's leading axis is not n, or B is not 1-d or 2-d.</exception>
    /// <exception cref="LinAlgException">The factorization failed (singular, not positive definite).</exception>
    Tensor<T> Solve(Tensor<T> b);

    /// <summary>A rebuilt from its factors (for checking backward errors); O(n^3).</summary>
    Tensor<T> Reconstruct();
}
