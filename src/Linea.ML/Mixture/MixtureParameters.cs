namespace Linea.ML.Mixture;

/// <summary>
/// Weights, means and covariances of a Gaussian mixture in double, with the M-step that estimates them from
/// responsibilities and the Cholesky factors the E-step uses. Layouts: weights (k), means (k, d) row-major,
/// covariances as in <see cref="CovarianceType"/> (full k·d·d, tied d·d, diag k·d, spherical k).
/// </summary>
internal sealed partial class MixtureParameters
{
    public MixtureParameters(CovarianceType type, int k, int d, double[] weights, double[] means, double[] covariances)
    {
        Type = type; K = k; D = d; Weights = weights; Means = means; Covariances = covariances;
    }

    public CovarianceType Type { get; }
    public int K { get; }
    public int D { get; }
    public double[] Weights { get; }
    public double[] Means { get; }
    public double[] Covariances { get; }

    /// <summary>Number of covariance values for <paramref name="type"/>.</summary>
    public static int CovarianceLength(CovarianceType type, int k, int d) => type switch
    {
        CovarianceType.Full => k * d * d,
        CovarianceType.Tied => d * d,
        CovarianceType.Diag => k * d,
        _ => k,
    };

    /// <summary>Free parameters: k-1 weights, k·d means and the covariance entries (d(d+1)/2 per symmetric matrix).</summary>
    public static int FreeParameters(CovarianceType type, int k, int d) => k - 1 + k * d + type switch
    {
        CovarianceType.Full => k * d * (d + 1) / 2,
        CovarianceType.Tied => d * (d + 1) / 2,
        CovarianceType.Diag => k * d,
        _ => k,
    };

    /// <summary>
    /// The M-step (scikit-learn's _estimate_gaussian_parameters): n_k = Σ_i r_ik + 10 eps (so an empty component
    /// divides by a tiny number, not zero), means = rᵀX / n_k, covariances as below plus <paramref name="reg"/> on the
    /// diagonal, weights = n_k / Σ n_k. Full: Σ_i r_ik (x_i - μ_k)(x_i - μ_k)ᵀ / n_k. Tied: Σ_k Σ_i r_ik (x_i - μ_k)
    /// (x_i - μ_k)ᵀ / Σ n_k. Diag: Σ_i r_ik (x_i - μ_k)² / n_k. Spherical: the mean of the diag variances. Deviations
    /// are formed before squaring (no E[x²] - E[x]² cancellation). Cost O(n k d²) (full, tied) or O(n k d).
    /// </summary>
    public static MixtureParameters Estimate(CovarianceType type, NDArray<double> x, NDArray<double> resp, double reg)
    {
        int n = (int)x.Shape[0], d = (int)x.Shape[1], k = (int)resp.Shape[1];
        var nk = resp.Sum(0) + 10 * Precision.Eps<double>();   // 10 · machine epsilon, as scikit-learn
        var means = resp.T.MatMul(x) / nk.Reshape(k, 1);
        var nkArr = nk.ToArray();
        double total = nkArr.Sum();
        var weights = nkArr.Select(v => v / total).ToArray();
        var cov = new double[CovarianceLength(type, k, d)];
        for (int c = 0; c < k; c++)
        {
            var diff = x - means[c, ..];                              // (n, d)
            var r = resp[.., c].Reshape(n, 1);
            switch (type)
            {
                case CovarianceType.Full:
                case CovarianceType.Tied:
                {
                    var s = (diff * r).T.MatMul(diff).ToArray();    // (d, d)
                    int off = type == CovarianceType.Full ? c * d * d : 0;
                    double div = type == CovarianceType.Full ? nkArr[c] : total;
                    for (int i = 0; i < d * d; i++) cov[off + i] += s[i] / div;
                    break;
                }
                default:
                {
                    var v = (diff * diff * r).Sum(0).ToArray();    // (d,)
                    for (int j = 0; j < d; j++)
                    {
                        double var = v[j] / nkArr[c] + reg;
                        if (type == CovarianceType.Diag) cov[c * d + j] = var;
                        else cov[c] += var / d;
                    }
                    break;
                }
            }
        }
        if (type is CovarianceType.Full or CovarianceType.Tied)
        {
            int mats = type == CovarianceType.Full ? k : 1;
            for (int m = 0; m < mats; m++)
                for (int j = 0; j < d; j++) cov[m * d * d + j * d + j] += reg;
        }
        return new MixtureParameters(type, k, d, weights, means.ToArray(), cov);
    }
}
