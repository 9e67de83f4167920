using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.qr(a, mode)</c> for <paramref name="mode"/> 'reduced' (default: Q m x k, R k x n,
    /// k = min(m, n)) or 'complete' (Q m x m, R m x n). Householder QR, blocked (geqrf + orgqr). A = Q R to about
    /// n eps ||A||; Q orthonormal to about n eps. O(m n k) per matrix. For NumPy's mode 'r' call <see cref="QrR{T}"/>.
    /// For a stack (..., m, n): Q (..., m, k | m) and R (..., k | m, n), each matrix's pair exactly (bit for bit) what a
    /// call on that matrix alone gives; any strides; an empty batch gives empty results of those shapes.
    /// </summary>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not at least 2-d.</exception>
    /// <exception cref="NonFiniteException"><paramref name="a"/> holds NaN or infinity; for a stack the message names the matrix ("matrix [1, 0] of the stack ...").</exception>
    /// <exception cref="TensorTooLargeException">Q or R would have more than <see cref="Array.MaxLength"/> elements (a complete Q of a tall matrix is m x m); checked before any work.</exception>
    public static (NDArray<T> Q, NDArray<T> R) Qr<T>(NDArray<T> a, QrMode mode = QrMode.Reduced) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireMatrix("qr", a);
        int m = a.IntDims[^2], n = a.IntDims[^1], rows = mode == QrMode.Complete ? m : Math.Min(m, n);
        var r = MatrixStack.Map("qr", a, [[m, rows], [rows, n]], (x, label) =>
        {
            if (mode == QrMode.Reduced && TryTallSkinnyQr(x, label, formQ: true) is { } tall) return tall;
            var qr = new QrDecomposition<T>(label, x, null, Parallelism.Default);
            return [qr.GetQ(mode), qr.GetR(mode)];
        }, ["Q", "R"]);
        return (r[0], r[1]);
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.qr(a, mode='r')</c>: R alone (k x n, k = min(m, n)), without forming Q. O(m n k) per
    /// matrix. For a stack (..., m, n): (..., k, n), each exactly what a call on that matrix alone gives.
    /// </summary>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not at least 2-d.</exception>
    /// <exception cref="NonFiniteException"><paramref name="a"/> holds NaN or infinity; for a stack the message names the matrix.</exception>
    public static NDArray<T> QrR<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireMatrix("qr", a);
        int m = a.IntDims[^2], n = a.IntDims[^1];
        return MatrixStack.Map("qr", a, [[Math.Min(m, n), n]], (x, label) =>
            TryTallSkinnyQr(x, label, formQ: false) ?? [new QrDecomposition<T>(label, x, null, Parallelism.Default).R])[0];
    }
}
