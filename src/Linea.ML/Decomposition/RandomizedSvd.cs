using System.Numerics;

namespace Linea.ML;

/// <summary>
/// The randomized truncated SVD of Halko, Martinsson and Tropp (2011, Algorithms 4.3/4.4 and 5.1): a Gaussian test
/// matrix samples the range of A, power iterations (re-orthonormalised by QR every half step) sharpen the sample
/// towards the top singular directions, and an exact SVD of the small projected matrix B = Q^T A finishes.
/// For an m x n matrix and rank k with l = k + oversamples columns: O(m n l (2 q + 2)) flops for q power iterations,
/// far below a full SVD when l is much smaller than min(m, n).
/// Memory: the n x l test matrix; each of the 2 q + 2 products with A or A^T allocates a new m x l or n x l block and
/// its QR a new Q of the same shape (nothing is reused between iterations); B (l x n) and its thin SVD; A is never copied.
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
        return Core<T>(x => a.MatMul(x), y => at.MatMul(y), m, n, nComponents, rng, nOversamples, nIter, signs);
    }

    /// <summary>The range finder and projection on any matrix A (m x n) given as its products with dense blocks:
    /// <paramref name="times"/>(X) = A X for X (n x l) and <paramref name="timesTransposed"/>(Y) = A^T Y for Y (m x l).
    /// The same rng state gives the same test matrix whatever the storage of A.</summary>
    private static (NDArray<T> U, NDArray<T> S, NDArray<T> Vt) Core<T>(Func<NDArray<T>, NDArray<T>> times,
        Func<NDArray<T>, NDArray<T>> timesTransposed, int m, int n, int nComponents, Rng rng, int nOversamples, int nIter,
        SignConvention signs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int l = Math.Min(nComponents + nOversamples, Math.Min(m, n));
        var omega = rng.Normal([n, l], T.Zero, T.One);
        var q = Linalg.Qr(times(omega)).Q;
        for (int i = 0; i < nIter; i++)
        {
            // Orthonormalise after each product (Algorithm 4.4) so that the small singular directions are not lost in
            // rounding as they would be in (A A^T)^q A Omega formed directly.
            q = Linalg.Qr(timesTransposed(q)).Q;
            q = Linalg.Qr(times(q)).Q;
        }
        var b = timesTransposed(q).T;                       // B = Q^T A, l x n, formed as (A^T Q)^T
        var (ub, s, vt) = Linalg.Svd(b, fullMatrices: false);
        var u = q.MatMul(ub[.., ..nComponents]);
        var (uf, vf) = SvdFlip.Apply(u, vt[..nComponents, ..], signs);
        return (uf, s[..nComponents].Contiguous(), vf);
    }
}
