namespace Linea;

public sealed partial class NDArray<TScalar>
{
    /// <summary>
    /// The Householder QR factorization of this m x n matrix (see <see cref="QrDecomposition{T}"/>). O(m n min(m, n)).
    /// </summary>
    /// <exception cref="ShapeMismatchException">This tensor is not a matrix.</exception>
    /// <exception cref="NonFiniteException">It holds NaN or infinity.</exception>
    public QrDecomposition<TScalar> Qr(QrParams? parameters = null) => new(this, parameters);
}
