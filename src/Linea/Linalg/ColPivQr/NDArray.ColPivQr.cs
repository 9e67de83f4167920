namespace Linea;

public sealed partial class NDArray<TScalar>
{
    /// <summary>
    /// QR with column pivoting of this m x n matrix, A P = Q R, revealing its numerical rank
    /// (see <see cref="ColPivQrDecomposition{T}"/>). O(m n min(m, n)), level 2.
    /// </summary>
    /// <exception cref="ShapeMismatchException">This tensor is not a matrix.</exception>
    /// <exception cref="NonFiniteException">It holds NaN or infinity.</exception>
    public ColPivQrDecomposition<TScalar> ColPivQr() => new(this);
}
