using System.Numerics;

namespace Linea;

public static partial class NDArrayExtensions
{
    /// <summary>The Householder QR factorization as an instance method of floating-point matrices.</summary>
    /// <param name="a">The m x n matrix factored.</param>
    extension<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// The Householder QR factorization of this m x n matrix (see <see cref="QrDecomposition{T}"/>). O(m n min(m, n)).
        /// </summary>
        /// <exception cref="ShapeMismatchException">This tensor is not a matrix.</exception>
        /// <exception cref="NonFiniteException">It holds NaN or infinity.</exception>
        public QrDecomposition<T> Qr(QrParams? parameters = null) => new(a, parameters);
    }
}
