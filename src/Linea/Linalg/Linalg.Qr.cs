using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.qr(a, mode)</c> for <paramref name="mode"/> 'reduced' (default: Q m x k, R k x n,
    /// k = min(m, n)) or 'complete' (Q m x m, R m x n). Householder QR, blocked (geqrf + orgqr). A = Q R to about
    /// n eps ||A||; Q orthonormal to about n eps. O(m n k). For NumPy's mode 'r' call <see cref="QrR{T}"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not a matrix.</exception>
    /// <exception cref="NonFiniteException"><paramref name="a"/> holds NaN or infinity.</exception>
    public static (Tensor<T> Q, Tensor<T> R) Qr<T>(Tensor<T> a, QrMode mode = QrMode.Reduced) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var qr = new QrDecomposition<T>(a);
        return (qr.GetQ(mode), qr.GetR(mode));
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.qr(a, mode='r')</c>: R alone (k x n, k = min(m, n)), without forming Q. O(m n k).
    /// </summary>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not a matrix.</exception>
    /// <exception cref="NonFiniteException"><paramref name="a"/> holds NaN or infinity.</exception>
    public static Tensor<T> QrR<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> => new QrDecomposition<T>(a).R;
}
