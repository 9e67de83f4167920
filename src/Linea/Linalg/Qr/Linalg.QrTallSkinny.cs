using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// The tall-skinny path of <see cref="Qr{T}"/> (reduced mode) and <see cref="QrR{T}"/>: TSQR
    /// (<see cref="TallSkinnyQr{T}"/>) when m >= 8 n and the matrix spans at least two cache-sized chunks; null
    /// otherwise (the caller then runs the blocked Householder QR). Returns [Q, R] (<paramref name="formQ"/>) or [R],
    /// R n x n. Only R's signs can differ from the blocked path's (each row of R and column of Q may flip sign).
    /// </summary>
    private static NDArray<T>[]? TryTallSkinnyQr<T>(NDArray<T> a, string label, bool formQ) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.IntDims[0], n = a.IntDims[1];
        if (!TallSkinnyQr<T>.Applies(m, n, TallSkinnyQrParams.Auto)) return null;
        RequireFinite(label, a);
        using var ts = new TallSkinnyQr<T>(a, TallSkinnyQrParams.Auto, Parallelism.Default, keepReflectors: formQ);
        return formQ ? [ts.FormQ(), ts.R()] : [ts.R()];
    }
}
