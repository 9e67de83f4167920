using System.Numerics;

namespace Linea;

public static partial class NDArrayExtensions
{
    /// <summary>QR with column pivoting as an instance method of floating-point matrices.</summary>
    /// <param name="a">The m x n matrix factored.</param>
    extension<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// QR with column pivoting of this m x n matrix, A P = Q R, revealing its numerical rank
        /// (see <see cref="ColPivQrDecomposition{T}"/>). O(m n min(m, n)), level 2.
        /// </summary>
        /// <exception cref="ShapeMismatchException">This tensor is not a matrix.</exception>
        /// <exception cref="NonFiniteException">It holds NaN or infinity.</exception>
        public ColPivQrDecomposition<T> ColPivQr() => new(a);
    }
}
