using System.Numerics;

namespace Linea;

/// <summary>
/// What every factorization object offers (LU, Cholesky, QR, column-pivoted QR), so one contract test covers them
/// all: solve A X = B with the stored factors (in the least-squares sense for a tall A factored by QR), and rebuild A
/// from them. Prefer Cholesky for symmetric positive definite A (half the work of LU), LU for general square A, QR for
/// tall A of full column rank, column-pivoted QR when the rank is in doubt.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface ILinearSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of rows m of the factored m x n matrix A.</summary>
    int Rows { get; }

    /// <summary>The number of columns n of the factored m x n matrix A.</summary>
    int Columns { get; }

    /// <summary>
    /// X with A X = B (least squares for tall A), for B of shape (m,) (result (n,)) or (m, k) (result (n, k)).
    /// Cost O(m n k) once factored.
    /// </summary>
    /// <exception cref="ShapeMismatchException">B's leading axis is not m, or B is not 1-d or 2-d.</exception>
    /// <exception cref="LinAlgException">The factorization failed (singular, not positive definite).</exception>
    NDArray<T> Solve(NDArray<T> b);

    /// <summary>A rebuilt from its factors (for checking backward errors); O(n^3).</summary>
    NDArray<T> Reconstruct();
}
