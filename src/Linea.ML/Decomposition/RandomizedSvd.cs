using System.Numerics;

namespace Linea.ML;

/// <summary>
/// The randomized truncated SVD of Halko, Martinsson and Tropp (2011, Algorithms 4.3/4.4 and 5.1): a Gaussian test
/// matrix samples the range of A, power iterations (re-orthonormalised by QR every half step) sharpen the sample
/// towards the top singular directions, and an exact SVD of the small projected matrix B = Q^T A finishes.
/// For an m x n matrix and rank k with l = k + oversamples columns: O(m n l (2 q + 2)) flops for q power iterations,
/// far below a full SVD when l is much smaller than min(m, n).
/// Memory: two blocks, allocated once per call and reused by every product and QR: the n x l test matrix (then each
/// A^T Y and its Q) and one m x l (each A X and its Q); every QR orthonormalises its block in place (tall-skinny QR, its
/// reflectors pooled); B (l x n) and its thin SVD, and the result U (m x k, its signs fixed in place). A is never copied.
/// </summary>
public static partial class RandomizedSvd
{
    /// <summary>The top <paramref name="nComponents"/> singular triplets of <paramref name="a"/> (m x n):
    /// U (m x k), S (k,) descending, Vt (k x n), signs fixed by <paramref name="signs"/>.</summary>
    /// <param name="a">The matrix; it is not centred.</param>
    /// <param name="nComponents">k, 1 &lt;= k &lt;= min(m, n).</param>
    /// <param name="nOversamples">Extra sample columns beyond k (default 10, as scikit-learn); the sketch has
    /// min(k + nOversamples, min(m, n)) columns.</param>
    /// <param name="nIter">Power iterations (default 5); each multiplies by A^T A once and makes the result exact
    /// faster when the singular values decay slowly.</param>
    /// <param name="rng">Source of the Gaussian test matrix.</param>
    /// <param name="signs">Sign convention of the singular pairs.</param>
    /// <exception cref="ShapeMismatchException">a is not 2-D.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k is outside 1..min(m, n), or nOversamples or nIter is negative.</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static (NDArray<T> U, NDArray<T> S, NDArray<T> Vt) Compute<T>(NDArray<T> a, int nComponents, Rng rng,
        int nOversamples = 10, int nIter = 5, SignConvention signs = SignConvention.ComponentBased)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        Guard.Matrix(a, "randomized_svd");
        int m = (int)a.Shape[0], n = (int)a.Shape[1], r = Math.Min(m, n);
        if (nComponents < 1 || nComponents > r)
            throw new ArgumentOutOfRangeException(nameof(nComponents), nComponents,
                $"randomized_svd: nComponents must lie in 1..min(m, n) = {r} for A of shape {a.Shape}");
        ArgumentOutOfRangeException.ThrowIfNegative(nOversamples);
        ArgumentOutOfRangeException.ThrowIfNegative(nIter);
        var at = a.T;
        return Core<T>((x, into) => NDArray.MatMulInto(a, x, into), (y, into) => NDArray.MatMulInto(at, y, into),
            m, n, nComponents, rng, nOversamples, nIter, signs);
    }

    /// <summary>The range finder and projection on any matrix A (m x n) given as its products with dense blocks:
    /// <paramref name="times"/>(X, into) writes A X into <c>into</c> (m x l) for X (n x l), and
    /// <paramref name="timesTransposed"/>(Y, into) writes A^T Y into <c>into</c> (n x l) for Y (m x l).
    /// The same rng state gives the same test matrix whatever the storage of A. The n x l test matrix's storage and one
    /// m x l block carry every product and its orthonormalisation.</summary>
    private static (NDArray<T> U, NDArray<T> S, NDArray<T> Vt) Core<T>(Action<NDArray<T>, NDArray<T>> times,
        Action<NDArray<T>, NDArray<T>> timesTransposed, int m, int n, int nComponents, Rng rng, int nOversamples, int nIter,
        SignConvention signs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int l = Math.Min(nComponents + nOversamples, Math.Min(m, n));
        var yn = rng.Normal([n, l], T.Zero, T.One);       // Omega, then each A^T Y and its Q
        var ym = NDArray.Wrap(GC.AllocateUninitializedArray<T>(checked(m * l)), m, l);
        times(yn, ym);
        Orthonormalise(ym);
        for (int i = 0; i < nIter; i++)
        {
            // Orthonormalise after each product (Algorithm 4.4) so that the small singular directions are not lost in
            // rounding as they would be in (A A^T)^q A Omega formed directly.
            timesTransposed(ym, yn);
            Orthonormalise(yn);
            times(yn, ym);
            Orthonormalise(ym);
        }
        timesTransposed(ym, yn);                           // B = Q^T A, l x n, formed as (A^T Q)^T
        var (ub, s, vt) = Linalg.Svd(yn.T, fullMatrices: false);
        var u = ym.MatMul(ub[.., ..nComponents]);          // a new m x k: flipped in place
        var v = vt[..nComponents, ..].Copy();
        SvdFlip.InPlace(u.Data, v.Data, m, nComponents, n, signs);
        return (u, s[..nComponents].Contiguous(), v);
    }

    /// <summary>Replaces the columns of the contiguous r x l block <paramref name="y"/> (r &gt;= l) by an orthonormal basis
    /// of their span, Q of its reduced QR, in place (tall-skinny Householder QR: reflectors pooled, nothing of size r l allocated).</summary>
    private static void Orthonormalise<T>(NDArray<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var qr = new TallSkinnyQr<T>(y, TallSkinnyQrParams.Auto, Parallelism.Default, keepReflectors: true);
        qr.FormQInto(y.Data);
    }
}
