using System.Globalization;
using System.Numerics;

namespace Linea.ML;

/// <summary>
/// The multivariate normal distribution N(mean, covariance) in d dimensions (SciPy's <c>multivariate_normal</c> with
/// <c>allow_singular=True</c>; NumPy's <c>multivariate_normal</c> for sampling). The covariance must be symmetric
/// positive semi-definite.
/// <para>Positive definite covariance (the usual case): held through its Cholesky factor L (Sigma = L L^T); sampling
/// is x = mean + L z with z standard normal, and the log density uses a triangular solve and
/// log |Sigma| = 2 sum log L_ii, never an explicit inverse or determinant.</para>
/// <para>Singular (positive semi-definite) covariance: held through its eigendecomposition Sigma = V diag(w) V^T
/// (<see cref="Linalg.Eigh{T}"/>). Eigenvalues within the tolerance tol = c eps max|w| of zero (c = 1e6 for double, 1e3
/// for float: SciPy's cut-off for <c>multivariate_normal</c>, well above the O(d eps max|w|) rounding of eigh) count as
/// zero, so the rank r is the number of eigenvalues above tol; rounding's small negative eigenvalues are clipped to 0.
/// Samples are x = mean + V_r diag(sqrt(w_r)) z with z in R^r, so they lie in the affine support mean + range(Sigma)
/// to rounding. The density is taken with respect to the r-dimensional measure on that support, as SciPy does: log p(x)
/// = -(r log(2 pi) + log pdet + ||diag(w_r)^-1/2 V_r^T (x - mean)||^2) / 2 with pdet the product of the r positive
/// eigenvalues, and log p(x) = -inf off the support (a component along the null space larger than sqrt(tol) plus
/// rounding).</para>
/// <para>Indefinite covariance (an eigenvalue below -tol) is rejected with <see cref="NotPositiveDefiniteException"/>
/// naming the most negative eigenvalue. Construction costs O(d^3) (eigenvalues and Cholesky, or eigh); each log
/// density O(d^2); each sample O(d r).</para>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MultivariateNormal<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _logNormaliser;
    private readonly NDArray<T>? _cholesky;   // L when positive definite
    private readonly NDArray<T> _factor;      // A with Sigma = A A^T: L, or V_r diag(sqrt(w_r)) (d x r)
    private readonly NDArray<T>? _whiten;     // V_r diag(w_r^-1/2) (d x r), singular case only
    private readonly NDArray<T>? _nullBasis;  // V_0 (d x (d - r)), singular case only

    /// <summary>Creates the distribution.</summary>
    /// <param name="mean">Shape (d,).</param>
    /// <param name="covariance">Shape (d, d), symmetric positive semi-definite (singular allowed).</param>
    /// <exception cref="ShapeMismatchException">mean is not 1-D, or covariance is not d x d.</exception>
    /// <exception cref="NonFiniteException">mean or covariance contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">covariance is not symmetric (beyond 100 d eps relative), or d = 0.</exception>
    /// <exception cref="NotPositiveDefiniteException">covariance is indefinite: an eigenvalue is below -<see cref="Tolerance"/>
    /// (the message names the most negative one; <see cref="NotPositiveDefiniteException.MinorOrder"/> is the first
    /// leading minor that is not positive).</exception>
    public MultivariateNormal(NDArray<T> mean, NDArray<T> covariance)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        if (mean.Rank != 1)
            throw new ShapeMismatchException("multivariate_normal", [mean.Shape, covariance.Shape],
                $"multivariate_normal: mean must be 1-D (d,); got shape {mean.Shape}");
        int d = (int)mean.Shape[0];
        if (d == 0) throw new ArgumentException("multivariate_normal: the dimension d must be at least 1", nameof(mean));
        if (covariance.Rank != 2 || covariance.Shape[0] != d || covariance.Shape[1] != d)
            throw new ShapeMismatchException("multivariate_normal", [mean.Shape, covariance.Shape],
                $"multivariate_normal: mean has shape {mean.Shape}, so covariance must be ({d}, {d}); got {covariance.Shape}");
        Guard.Finite(mean, "multivariate_normal", "mean");
        Guard.Finite(covariance, "multivariate_normal", "covariance");
        T asym = NDArray.Abs(covariance - covariance.T).Max(), scale = NDArray.Abs(covariance).Max();
        if (asym > T.CreateTruncating(100 * d) * Precision.Eps<T>() * scale)
            throw new ArgumentException($"multivariate_normal: covariance is not symmetric (max |S - S^T| = {asym}, max |S| = {scale})", nameof(covariance));
        Mean = mean.Copy();
        Covariance = covariance.Copy();

        var w = Linalg.Eigvalsh(Covariance);
        T cutoff = T.CreateTruncating(typeof(T) == typeof(float) ? 1e3 : 1e6) * Precision.Eps<T>();
        Tolerance = cutoff * T.Max(T.Abs(w[0]), T.Abs(w[d - 1]));
        if (w[0] < -Tolerance)
        {
            int minor = CholeskyDecomposition<T>.Factor(Covariance).FailedMinorOrder;
            throw new NotPositiveDefiniteException(minor == 0 ? d : minor,
                $"multivariate_normal: the covariance is not positive semi-definite: its most negative eigenvalue is {G6(w[0])} " +
                $"(largest {G6(w[d - 1])}; eigenvalues down to -{G6(Tolerance)} count as rounding of 0), so it is no covariance matrix; " +
                $"check how it was formed (a covariance S or X^T X / n is positive semi-definite)");
        }
        if (w[0] > Tolerance && TryCholesky(Covariance, out var l))
        {
            _cholesky = l;
            _factor = l;
            Rank = d;
            T logDet = T.Zero;
            for (int i = 0; i < d; i++) logDet += T.Log(l[i, i]);
            LogDeterminant = logDet + logDet;
            LogPseudoDeterminant = LogDeterminant;
        }
        else
        {
            var (ev, v) = Linalg.Eigh(Covariance);
            T tol = cutoff * T.Max(T.Abs(ev[0]), T.Abs(ev[d - 1]));
            Tolerance = tol;
            int zero = 0;
            while (zero < d && !(ev[zero] > tol)) zero++;   // ascending: the first `zero` count as 0
            Rank = d - zero;
            var wr = ev[zero..];
            var vr = v[.., zero..];
            _factor = (vr * NDArray.Sqrt(wr)).Contiguous();
            _whiten = (vr / NDArray.Sqrt(wr)).Contiguous();
            _nullBasis = v[.., ..zero].Contiguous();
            T logPdet = T.Zero;
            for (int i = 0; i < Rank; i++) logPdet += T.Log(wr[i]);
            LogPseudoDeterminant = logPdet;
            LogDeterminant = Rank == d ? logPdet : T.NegativeInfinity;
        }
        _logNormaliser = -(T.CreateTruncating(0.5 * Rank * Math.Log(2 * Math.PI)) + T.CreateTruncating(0.5) * LogPseudoDeterminant);
    }

    private static string G6(T value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static bool TryCholesky(NDArray<T> a, out NDArray<T> l)
    {
        try
        {
            l = Linalg.Cholesky(a);
            return true;
        }
        catch (NotPositiveDefiniteException)
        {
            l = a;
            return false;
        }
    }

    /// <summary>The mean, shape (d,).</summary>
    public NDArray<T> Mean { get; }

    /// <summary>The covariance, shape (d, d).</summary>
    public NDArray<T> Covariance { get; }

    /// <summary>The lower-triangular Cholesky factor L, Covariance = L L^T (positive definite covariance only).</summary>
    /// <exception cref="InvalidOperationException">The covariance is singular (<see cref="Rank"/> &lt; d), or so close to it
    /// that Cholesky failed: use <see cref="Factor"/>.</exception>
    public NDArray<T> CholeskyFactor => _cholesky ?? throw new InvalidOperationException(
        $"multivariate_normal: the covariance {(IsSingular ? $"is singular (rank {Rank} of {Dimension})" : "did not factor by Cholesky")}, " +
        "so there is no Cholesky factor; Factor holds A with Covariance = A A^T");

    /// <summary>A with Covariance = A A^T used for sampling, shape (d, <see cref="Rank"/>): the Cholesky factor L when the
    /// covariance is positive definite, otherwise V_r diag(sqrt(w_r)) from its eigendecomposition.</summary>
    public NDArray<T> Factor => _factor;

    /// <summary>The numerical rank of the covariance: d when positive definite, otherwise the number of eigenvalues above
    /// <see cref="Tolerance"/>.</summary>
    public int Rank { get; }

    /// <summary>Whether the covariance is singular (<see cref="Rank"/> &lt; d) and the distribution lives on an affine subspace.</summary>
    public bool IsSingular => Rank < Dimension;

    /// <summary>The eigenvalue tolerance tol = c eps max|w| (c = 1e6 for double, 1e3 for float, SciPy's): eigenvalues
    /// within tol of 0 count as 0, and one below -tol makes the covariance indefinite.</summary>
    public T Tolerance { get; }

    /// <summary>log det(Covariance) = 2 sum log L_ii; negative infinity when the covariance is singular.</summary>
    public T LogDeterminant { get; }

    /// <summary>log of the pseudo-determinant (the product of the positive eigenvalues, SciPy's <c>log_pdet</c>); equals
    /// <see cref="LogDeterminant"/> when the covariance is positive definite.</summary>
    public T LogPseudoDeterminant { get; }

    /// <summary>The dimension d.</summary>
    public int Dimension => (int)Mean.Shape[0];

    /// <summary>Draws <paramref name="n"/> samples, shape (n, d): each row mean + A z with A = <see cref="Factor"/> and z a
    /// standard normal vector of length <see cref="Rank"/> from <paramref name="rng"/> (so a positive definite covariance
    /// gives mean + L z). O(n d r).</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is negative.</exception>
    public NDArray<T> Sample(int n, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (Rank == 0) return NDArray.Zeros<T>(n, Dimension) + Mean;
        var z = rng.Normal([n, Rank], T.Zero, T.One);
        return z.MatMul(_factor.T) + Mean;
    }

    /// <summary>Log densities of the rows of <paramref name="x"/> (n, d), shape (n,); or of one point x (d,), shape ().
    /// log p(x) = -(r log(2 pi) + log pdet Sigma + (x - mean)^T Sigma^+ (x - mean)) / 2 with r = <see cref="Rank"/>
    /// (= d and pdet = det when positive definite, through L^-1 (x - mean)); negative infinity for a point off the
    /// support of a singular distribution. O(n d^2).</summary>
    /// <exception cref="ShapeMismatchException">x is not (d,) or (n, d).</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public NDArray<T> LogPdf(NDArray<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int d = Dimension;
        if (x.Rank is not (1 or 2) || x.Shape[^1] != d)
            throw new ShapeMismatchException("multivariate_normal.logpdf", [x.Shape, Mean.Shape],
                $"multivariate_normal.logpdf: x must be ({d},) or (n, {d}) for a {d}-dimensional distribution; got {x.Shape}");
        Guard.Finite(x, "multivariate_normal.logpdf", "x");
        var rows = x.Rank == 1 ? x.Reshape(1, d) : x;
        NDArray<T> result;
        if (_cholesky is not null)
        {
            // Solve L Z = (X - mean)^T: column i of Z is the whitened point i.
            var z = Linalg.SolveTriangular(_cholesky, (rows - Mean).T, lower: true);
            result = (z * z).Sum(0) * T.CreateTruncating(-0.5) + _logNormaliser;
        }
        else
        {
            var dev = rows - Mean;
            var z = dev.MatMul(_whiten!);
            result = ((z * z).Sum(1) * T.CreateTruncating(-0.5) + _logNormaliser).Contiguous();
            if (_nullBasis!.Shape[1] > 0)
            {
                // Off the support: the component along the null space exceeds sqrt(tol) (a standard deviation the
                // tolerance would allow) plus the rounding of x - mean.
                var off = dev.MatMul(_nullBasis);
                T meanScale = NDArray.Abs(Mean).Max(), rounding = T.CreateTruncating(8 * d) * Precision.Eps<T>();
                T slack = T.Sqrt(Tolerance);
                for (int i = 0; i < (int)rows.Shape[0]; i++)
                {
                    T residual = T.Sqrt((off[i, ..] * off[i, ..]).Sum());
                    T rowScale = NDArray.Abs(rows[i, ..]).Max();
                    if (residual > slack + rounding * (rowScale + meanScale)) result[i] = T.NegativeInfinity;
                }
            }
        }
        return x.Rank == 1 ? result.Reshape() : result;
    }

    /// <summary>Densities exp(<see cref="LogPdf"/>), same shapes (0 off the support of a singular distribution).
    /// Underflows to 0 far in the tails; prefer LogPdf there.</summary>
    /// <exception cref="ShapeMismatchException">x is not (d,) or (n, d).</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public NDArray<T> Pdf(NDArray<T> x) => NDArray.Exp(LogPdf(x));
}
