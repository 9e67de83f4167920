using System.Numerics;

namespace Linea.ML.Mixture;

/// <summary>
/// The full and tied M-step over blocks of <see cref="Vector{T}.Count"/> rows held in vector lanes: one pass for the
/// counts n_k and the weighted sums rᵀX, one for the scatter Σ_i r_ik (x_i - μ_k)(x_i - μ_k)ᵀ (lower triangle,
/// d(d+1)/2 vector accumulators per component, mirrored at the end). No n x d temporaries: memory is O(k d²) vectors.
/// Same formulas as the tensor overload of Estimate; only the summation order differs (rounding).
/// </summary>
internal sealed partial class MixtureParameters
{
    /// <summary>The M-step for any covariance type from x (n, d) and responsibilities (n, k), both row-major.</summary>
    public static MixtureParameters Estimate(CovarianceType type, double[] x, int n, int d, double[] resp, int k, double reg)
    {
        if (type is not (CovarianceType.Full or CovarianceType.Tied))
            return Estimate(type, Tensor.FromArray(x, n, d), Tensor.FromArray(resp, n, k), reg);
        int w = Vector<double>.Count;
        var xt = new Vector<double>[d];
        Span<double> lane = stackalloc double[w];
        var nkAcc = new Vector<double>[k];
        var sumAcc = new Vector<double>[k * d];
        var rv = new Vector<double>[k];
        for (int i0 = 0; i0 < n; i0 += w)
        {
            int rows = Math.Min(w, n - i0);
            GaussianLogDensity.LoadTransposed(x, i0, rows, d, xt, lane);
            LoadResponsibilities(resp, i0, rows, k, rv, lane);
            for (int c = 0; c < k; c++)
            {
                nkAcc[c] += rv[c];
                for (int l = 0; l < d; l++) sumAcc[c * d + l] += rv[c] * xt[l];
            }
        }
        var nk = new double[k];
        var means = new double[k * d];
        for (int c = 0; c < k; c++)
        {
            nk[c] = Vector.Sum(nkAcc[c]) + 10 * Precision.Eps<double>();
            for (int l = 0; l < d; l++) means[c * d + l] = Vector.Sum(sumAcc[c * d + l]) / nk[c];
        }
        double total = nk.Sum();
        var weights = nk.Select(v => v / total).ToArray();

        int tri = d * (d + 1) / 2;
        var acc = new Vector<double>[k * tri];
        var diff = new Vector<double>[d];
        for (int i0 = 0; i0 < n; i0 += w)
        {
            int rows = Math.Min(w, n - i0);
            GaussianLogDensity.LoadTransposed(x, i0, rows, d, xt, lane);
            LoadResponsibilities(resp, i0, rows, k, rv, lane);
            for (int c = 0; c < k; c++)
            {
                for (int l = 0; l < d; l++) diff[l] = xt[l] - new Vector<double>(means[c * d + l]);
                int a = c * tri;
                for (int j = 0; j < d; j++)
                {
                    var wd = rv[c] * diff[j];
                    for (int l = 0; l <= j; l++) acc[a++] += wd * diff[l];
                }
            }
        }
        var cov = new double[CovarianceLength(type, k, d)];
        bool full = type == CovarianceType.Full;
        for (int c = 0; c < k; c++)
        {
            int off = full ? c * d * d : 0;
            double div = full ? nk[c] : total;
            int a = c * tri;
            for (int j = 0; j < d; j++)
                for (int l = 0; l <= j; l++)
                {
                    double v = Vector.Sum(acc[a++]) / div;
                    cov[off + j * d + l] += v;
                    if (l != j) cov[off + l * d + j] += v;
                }
        }
        int mats = full ? k : 1;
        for (int m = 0; m < mats; m++)
            for (int j = 0; j < d; j++) cov[m * d * d + j * d + j] += reg;
        return new MixtureParameters(type, k, d, weights, means, cov);
    }

    /// <summary>Column c of resp for rows [i0, i0 + rows) into rv[c]; missing lanes are 0 (so padded rows add nothing).</summary>
    private static void LoadResponsibilities(double[] resp, int i0, int rows, int k, Vector<double>[] rv, Span<double> lane)
    {
        int w = lane.Length;
        for (int c = 0; c < k; c++)
        {
            for (int r = 0; r < w; r++) lane[r] = r < rows ? resp[(i0 + r) * k + c] : 0.0;
            rv[c] = new Vector<double>(lane);
        }
    }
}
