using System.Numerics;

namespace Linea;

/// <summary>The result of <see cref="OutOfCore.Lstsq{T}"/>.</summary>
/// <param name="Solution">x minimising ||y - X x||: shape (p,) for a one-column y, (p, r) for r columns.</param>
/// <param name="ResidualSumOfSquares">||y_j - X x_j||^2 for each column j of y, shape (r,).</param>
/// <param name="Rank">The numerical rank of X decided by rcond, as <see cref="Linalg.Lstsq{T}"/> decides it.</param>
/// <param name="Rows">The number of rows n read.</param>
/// <param name="R">The (p + r) x (p + r) triangular factor of [X, y] that the pass produced (R^T R = [X, y]^T [X, y]).</param>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed record OutOfCoreLstsqResult<T>(NDArray<T> Solution, NDArray<T> ResidualSumOfSquares, int Rank, long Rows, NDArray<T> R)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Whether the rank is below the number of columns p (the solution is then the minimum-norm one).</summary>
    public bool RankDeficient => Rank < (int)R.Shape[0] - (int)ResidualSumOfSquares.Shape[0];
}
