using Linea.ML.Mixture;

namespace Linea.ML.Tests.Mixture;

/// <summary>
/// The blocked, threaded E- and M-step kernels against slow references on a row count that is not a multiple of the
/// vector width and large enough to be split across threads. Both sides compute the same formulas in another order,
/// so they agree to a small multiple of n·eps relative to each quantity's scale (the data are offset from the origin,
/// well-conditioned: covariances with condition number below 10).
/// </summary>
public class BlockedMixtureKernelTests
{
    private const int N = 20_003, D = 4, K = 3;

    private static (double[] X, double[] Resp) Data()
    {
        var rng = new Random(7);
        var x = new double[N * D];
        for (int i = 0; i < x.Length; i++) x[i] = 5 + rng.NextDouble() * 2 - 1 + (i % D) * 0.3 * rng.NextDouble();
        var resp = new double[N * K];
        for (int i = 0; i < N; i++)
        {
            double s = 0;
            for (int c = 0; c < K; c++) s += resp[i * K + c] = rng.NextDouble() + 0.01;
            for (int c = 0; c < K; c++) resp[i * K + c] /= s;
        }
        return (x, resp);
    }

    private static void Close(double[] expected, double[] actual, double rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= rtol * scale, $"{what}[{i}]: reference {expected[i]:R}, blocked {actual[i]:R}");
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Tied)]
    public void BlockedMStepMatchesTensorMStep(CovarianceType type)
    {
        var (x, resp) = Data();
        var reference = MixtureParameters.Estimate(type, NDArray.FromArray(x, N, D), NDArray.FromArray(resp, N, K), 1e-6);
        var blocked = MixtureParameters.Estimate(type, x, N, D, resp, K, 1e-6);
        const double rtol = 1e-11;   // ~ n eps = 4e-12
        Close(reference.Weights, blocked.Weights, rtol, "weights");
        Close(reference.Means, blocked.Means, rtol, "means");
        Close(reference.Covariances, blocked.Covariances, rtol, "covariances");
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Tied)]
    public void BlockedLogDensityMatchesForwardSubstitution(CovarianceType type)
    {
        var (x, resp) = Data();
        var p = MixtureParameters.Estimate(type, NDArray.FromArray(x, N, D), NDArray.FromArray(resp, N, K), 1e-6);
        var blocked = new GaussianLogDensity(p, "test").WeightedLogProb(x, N);
        var expected = new double[N * K];
        var z = new double[D];
        for (int c = 0; c < K; c++)
        {
            int off = type == CovarianceType.Full ? c * D * D : 0;
            var cov = NDArray.FromArray(p.Covariances[off..(off + D * D)], D, D);
            var l = Linalg.Cholesky(cov).ToArray();
            double logDet = 0;
            for (int j = 0; j < D; j++) logDet += 2 * Math.Log(l[j * D + j]);
            for (int i = 0; i < N; i++)
            {
                double q = 0;
                for (int j = 0; j < D; j++)
                {
                    double v = x[i * D + j] - p.Means[c * D + j];
                    for (int m = 0; m < j; m++) v -= l[j * D + m] * z[m];
                    z[j] = v / l[j * D + j];
                    q += z[j] * z[j];
                }
                expected[i * K + c] = Math.Log(p.Weights[c]) - 0.5 * (D * Math.Log(2 * Math.PI) + logDet + q);
            }
        }
        Close(expected, blocked, 1e-12, "log density");
    }
}
