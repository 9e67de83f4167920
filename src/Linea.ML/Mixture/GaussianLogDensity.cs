using System.Numerics;

namespace Linea.ML.Mixture;

/// <summary>
/// log N(x | μ_k, Σ_k) for every sample and component through Cholesky factors Σ = L Lᵀ, never an inverse or a
/// determinant: z = L⁻¹(x - μ) (full and tied: a triangular product with L⁻¹, formed once, over blocks of rows; see
/// GaussianLogDensity.Blocked.cs), log N = -(d log 2π + 2 Σ_j log L_jj + ||z||²) / 2.
/// Diagonal and spherical covariances use their square roots directly. Construction factors the covariances
/// (<see cref="Linalg.Cholesky{T}"/> on the (k, d, d) stack); evaluation costs O(n k d²) (full, tied) or O(n k d).
/// </summary>
internal sealed partial class GaussianLogDensity
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);
    private readonly MixtureParameters _p;
    private readonly double[] _factor;     // full: k (d x d) lower factors; tied: one; diag: k·d std devs; spherical: k std devs
    private readonly double[] _logDet;     // log det Σ_k (k values; tied repeats one)
    private readonly double[]? _precChol;  // full/tied: L⁻¹ of each factor (lower, d x d), scikit-learn's precisions_cholesky_ transposed

    /// <exception cref="NotPositiveDefiniteException">A covariance is not positive definite (a variance ≤ 0 for diag/spherical).</exception>
    public GaussianLogDensity(MixtureParameters p, string where)
    {
        _p = p;
        int k = p.K, d = p.D;
        _logDet = new double[k];
        switch (p.Type)
        {
            case CovarianceType.Full:
            case CovarianceType.Tied:
            {
                int mats = p.Type == CovarianceType.Full ? k : 1;
                try
                {
                    _factor = Linalg.Cholesky(NDArray.FromArray(p.Covariances, mats, d, d)).ToArray();
                }
                catch (NotPositiveDefiniteException e)
                {
                    throw new NotPositiveDefiniteException(e.MinorOrder, IllDefined(where) + $" ({e.Message})");
                }
                _precChol = InvertLowerFactors(_factor, mats, d);
                for (int m = 0; m < mats; m++)
                {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += Math.Log(_factor[m * d * d + j * d + j]);
                    if (p.Type == CovarianceType.Full) _logDet[m] = 2 * s;
                    else Array.Fill(_logDet, 2 * s);
                }
                break;
            }
            default:
            {
                _factor = new double[p.Covariances.Length];
                for (int i = 0; i < _factor.Length; i++)
                {
                    double v = p.Covariances[i];
                    if (!(v > 0) || !double.IsFinite(v))
                        throw new NotPositiveDefiniteException(1, IllDefined(where) + $" (variance {v})");
                    _factor[i] = Math.Sqrt(v);
                }
                for (int c = 0; c < k; c++)
                    _logDet[c] = p.Type == CovarianceType.Diag
                        ? Enumerable.Range(0, d).Sum(j => 2 * Math.Log(_factor[c * d + j]))
                        : 2 * d * Math.Log(_factor[c]);
                break;
            }
        }
    }

    private static string IllDefined(string where) =>
        $"{where}: a component's covariance is not positive definite; it has collapsed onto too few distinct points. " +
        "Increase regCovar (default 1e-6), use fewer components, or scale the features";

    /// <summary>log w_k + log N(x_i | μ_k, Σ_k) as an (n, k) row-major array; x is (n, d) row-major.</summary>
    public double[] WeightedLogProb(double[] x, int n)
    {
        var result = new double[n * _p.K];
        WeightedLogProb(x, 0, n, result);
        return result;
    }

    /// <summary>
    /// log w_k + log N(x_i | μ_k, Σ_k) for rows [start, end) into the same rows of <paramref name="result"/> (n, k)
    /// row-major; x is (n, d) row-major. Touches nothing outside those rows, so disjoint ranges may run in parallel.
    /// </summary>
    public void WeightedLogProb(ReadOnlySpan<double> x, int start, int end, Span<double> result)
    {
        if (_precChol is not null) { TriangularWeightedLogProb(x, start, end, result); return; }
        int k = _p.K, d = _p.D;
        var diff = new double[d];
        for (int c = 0; c < k; c++)
        {
            double logW = Math.Log(_p.Weights[c]);
            double constant = logW - 0.5 * (d * Log2Pi + _logDet[c]);
            for (int i = start; i < end; i++)
            {
                for (int j = 0; j < d; j++) diff[j] = x[i * d + j] - _p.Means[c * d + j];
                result[i * k + c] = constant - 0.5 * Mahalanobis(c, diff);
            }
        }
    }

    /// <summary>(x - μ)ᵀ Σ_c⁻¹ (x - μ) for diag and spherical covariances (full and tied go through the blocked path;
    /// their case here is forward substitution, diff overwritten by z).</summary>
    private double Mahalanobis(int c, double[] diff)
    {
        int d = _p.D;
        double s = 0;
        switch (_p.Type)
        {
            case CovarianceType.Full:
            case CovarianceType.Tied:
            {
                int off = _p.Type == CovarianceType.Full ? c * d * d : 0;
                for (int j = 0; j < d; j++)
                {
                    double v = diff[j];
                    for (int l = 0; l < j; l++) v -= _factor[off + j * d + l] * diff[l];
                    v /= _factor[off + j * d + j];
                    diff[j] = v;
                    s += v * v;
                }
                return s;
            }
            case CovarianceType.Diag:
                for (int j = 0; j < d; j++)
                {
                    double v = diff[j] / _factor[c * d + j];
                    s += v * v;
                }
                return s;
            default:
                for (int j = 0; j < d; j++) s += diff[j] * diff[j];
                return s / _p.Covariances[c];
        }
    }
}
