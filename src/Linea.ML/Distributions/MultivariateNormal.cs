using System.Numerics;

namespace Linea.ML;

/// <summary>
/// The multivariate normal distribution N(mean, covariance) in d dimensions (SciPy's <c>multivariate_normal</c>),
/// held through the Cholesky factor L of the covariance (Sigma = L L^T): sampling is x = mean + L z with z standard
/// normal, and the log density uses a triangular solve, log |Sigma| = 2 sum log L_ii, and never an explicit inverse or
/// determinant. Construction costs O(d^3); each log density O(d^2); each sample O(d^2).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MultivariateNormal<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _logNormaliser;

    /// <summary>Creates the distribution.</summary>
    /// <param name="mean">Shape (d,).</param>
    /// <param name="covariance">Shape (d, d), symmetric positive definite.</param>
    /// <exception cref="ShapeMismatchException">mean is not 1-D, or covariance is not d x d.</exception>
    /// <exception cref="NonFiniteException">mean or covariance contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">covariance is not symmetric (beyond 100 d eps relative), or d = 0.</exception>
    /// <exception cref="NotPositiveDefiniteException">covariance is not positive definite (a leading minor is not positive).</exception>
    public MultivariateNormal(Tensor<T> mean, Tensor<T> covariance)
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
        T asym = Tensor.Abs(covariance - covariance.T).Max(), scale = Tensor.Abs(covariance).Max();
        if (asym > T.CreateTruncating(100 * d) * Precision.Eps<T>() * scale)
            throw new ArgumentException($"multivariate_normal: covariance is not symmetric (max |S - S^T| = {asym}, max |S| = {scale})", nameof(covariance));
        Mean = mean.Copy();
        Covariance = covariance.Copy();
        CholeskyFactor = Linalg.Cholesky(Covariance);
        T logDet = T.Zero;
        for (int i = 0; i < d; i++) logDet += T.Log(CholeskyFactor[i, i]);
        _logNormaliser = -(T.CreateTruncating(0.5 * d * Math.Log(2 * Math.PI)) + logDet);
        LogDeterminant = logDet + logDet;
    }

    /// <summary>The mean, shape (d,).</summary>
    public Tensor<T> Mean { get; }

    /// <summary>The covariance, shape (d, d).</summary>
    public Tensor<T> Covariance { get; }

    /// <summary>The lower-triangular Cholesky factor L, Covariance = L L^T.</summary>
    public Tensor<T> CholeskyFactor { get; }

    /// <summary>log det(Covariance) = 2 sum log L_ii.</summary>
    public T LogDeterminant { get; }

    /// <summary>The dimension d.</summary>
    public int Dimension => (int)Mean.Shape[0];

    /// <summary>Draws <paramref name="n"/> samples, shape (n, d): each row mean + L z with z a standard normal vector from
    /// <paramref name="rng"/>. O(n d^2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is negative.</exception>
    public Tensor<T> Sample(int n, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var z = rng.Normal([n, Dimension], T.Zero, T.One);
        return z.MatMul(CholeskyFactor.T) + Mean;
    }

    /// <summary>Log densities of the rows of <paramref name="x"/> (n, d), shape (n,); or of one point x (d,), shape ().
    /// log p(x) = -(d log(2 pi) + log det Sigma + ||L^-1 (x - mean)||^2) / 2. O(n d^2).</summary>
    /// <exception cref="ShapeMismatchException">x is not (d,) or (n, d).</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public Tensor<T> LogPdf(Tensor<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int d = Dimension;
        if (x.Rank is not (1 or 2) || x.Shape[^1] != d)
            throw new ShapeMismatchException("multivariate_normal.logpdf", [x.Shape, Mean.Shape],
                $"multivariate_normal.logpdf: x must be ({d},) or (n, {d}) for a {d}-dimensional distribution; got {x.Shape}");
        Guard.Finite(x, "multivariate_normal.logpdf", "x");
        var rows = x.Rank == 1 ? x.Reshape(1, d) : x;
        // Solve L Z = (X - mean)^T: column i of Z is the whitened point i.
        var z = Linalg.SolveTriangular(CholeskyFactor, (rows - Mean).T, lower: true);
        var result = (z * z).Sum(0) * T.CreateTruncating(-0.5) + _logNormaliser;
        return x.Rank == 1 ? result.Reshape() : result;
    }

    /// <summary>Densities exp(<see cref="LogPdf"/>), same shapes. Underflows to 0 far in the tails; prefer LogPdf there.</summary>
    /// <exception cref="ShapeMismatchException">x is not (d,) or (n, d).</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public Tensor<T> Pdf(Tensor<T> x) => Tensor.Exp(LogPdf(x));
}
