namespace Linea.ML.Tests.Distributions;

public class MultivariateNormalTests
{
    [Fact]
    public void LogPdf_in_one_dimension_matches_the_formula()
    {
        // N(1, 4): log p(x) = -log(2 pi 4) / 2 - (x - 1)^2 / 8.
        var mvn = new MultivariateNormal<double>(NDArray.FromArray(new double[] { 1 }), NDArray.FromArray(new double[,] { { 4 } }));
        double[] xs = [-3, 0, 1, 2.5, 10];
        var lp = mvn.LogPdf(NDArray.FromArray(xs).Reshape(-1, 1)).ToArray();
        for (int i = 0; i < xs.Length; i++)
            Assert.Equal(-0.5 * Math.Log(2 * Math.PI * 4) - (xs[i] - 1) * (xs[i] - 1) / 8, lp[i], 1e-14);
        Assert.Equal(Math.Log(4), mvn.LogDeterminant, 1e-15);
        Assert.Equal(1 / Math.Sqrt(8 * Math.PI), mvn.Pdf(NDArray.FromArray(new double[] { 1 })).Item(), 1e-15);
    }

    [Fact]
    public void LogPdf_in_two_dimensions_matches_the_formula()
    {
        // Sigma = [[2, 0.6], [0.6, 1]]: det = 1.64, Sigma^-1 = [[1, -0.6], [-0.6, 2]] / 1.64,
        // log p = -log(2 pi) - log(1.64) / 2 - (a^2 - 1.2 a b + 2 b^2) / (2 * 1.64), (a, b) = x - mean.
        var mean = NDArray.FromArray(new double[] { 0.5, -1 });
        var cov = NDArray.FromArray(new double[,] { { 2, 0.6 }, { 0.6, 1 } });
        var mvn = new MultivariateNormal<double>(mean, cov);
        var x = NDArray.FromArray(new double[,] { { 0.5, -1 }, { 1, 1 }, { -2, 0.3 }, { 4, -5 } });
        var lp = mvn.LogPdf(x).ToArray();
        for (int i = 0; i < 4; i++)
        {
            double a = x[i, 0] - 0.5, b = x[i, 1] + 1;
            double expected = -Math.Log(2 * Math.PI) - 0.5 * Math.Log(1.64) - (a * a - 1.2 * a * b + 2 * b * b) / (2 * 1.64);
            Assert.Equal(expected, lp[i], 1e-13);
        }
        Assert.Equal(lp[1], mvn.LogPdf(x[1, ..]).Item(), 1e-15);
        NumAssert.Close(cov, mvn.CholeskyFactor.MatMul(mvn.CholeskyFactor.T), 8);
    }

    [Fact]
    public void Sample_mean_and_covariance_converge()
    {
        var mean = NDArray.FromArray(new double[] { 1, -2, 0.5 });
        var cov = NDArray.FromArray(new double[,] { { 4, 1.2, -0.6 }, { 1.2, 1, 0.2 }, { -0.6, 0.2, 0.5 } });
        var mvn = new MultivariateNormal<double>(mean, cov);
        const int n = 20000;
        var x = mvn.Sample(n, new Rng(2024));
        Assert.Equal([n, 3], x.Shape.ToIntArray());
        var m = x.Mean(0);
        var centred = x - m;
        var s = centred.T.MatMul(centred) / (n - 1.0);
        // The sample mean has standard deviation sqrt(Sigma_ii / n); a sample covariance entry of a Gaussian has
        // standard deviation about sqrt((Sigma_ii Sigma_jj + Sigma_ij^2) / n). Five of them (two-sided 6e-7 per entry).
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(m[i] - mean[i]) <= 5 * Math.Sqrt(cov[i, i] / n), $"mean {i}: {m[i]}");
            for (int j = 0; j < 3; j++)
            {
                double sd = Math.Sqrt((cov[i, i] * cov[j, j] + cov[i, j] * cov[i, j]) / n);
                Assert.True(Math.Abs(s[i, j] - cov[i, j]) <= 5 * sd, $"cov ({i},{j}): {s[i, j]} vs {cov[i, j]}");
            }
        }
    }

    [Fact]
    public void Sample_is_mean_plus_L_z_from_the_generator()
    {
        var mvn = new MultivariateNormal<double>(NDArray.FromArray(new double[] { 3, 4 }), NDArray.FromArray(new double[,] { { 9, 3 }, { 3, 5 } }));
        var x = mvn.Sample(4, new Rng(7));
        var z = new Rng(7).Normal([4, 2], 0.0, 1.0);
        // L = [[3, 0], [1, 2]]: x = (3 + 3 z0, 4 + z0 + 2 z1).
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(3 + 3 * z[i, 0], x[i, 0], 1e-14);
            Assert.Equal(4 + z[i, 0] + 2 * z[i, 1], x[i, 1], 1e-14);
        }
    }

    [Fact]
    public void Float_log_density_matches_double()
    {
        var cov = NDArray.FromArray(new double[,] { { 2, 0.6 }, { 0.6, 1 } });
        var md = new MultivariateNormal<double>(NDArray.Zeros<double>(2), cov);
        var mf = new MultivariateNormal<float>(NDArray.Zeros<float>(2), NDArray.FromArray(new float[,] { { 2, 0.6f }, { 0.6f, 1 } }));
        var x = NDArray.FromArray(new double[,] { { 1, 2 }, { -1, 0.5 } });
        var xf = NDArray.FromArray(new float[,] { { 1, 2 }, { -1, 0.5f } });
        var ld = md.LogPdf(x).ToArray();
        var lf = mf.LogPdf(xf).ToArray();
        for (int i = 0; i < 2; i++) Assert.Equal(ld[i], lf[i], 1e-5);
    }

    [Fact]
    public void Errors()
    {
        var mean = NDArray.Zeros<double>(2);
        var notPd = NDArray.FromArray(new double[,] { { 1, 2 }, { 2, 1 } });
        var ex = Assert.Throws<NotPositiveDefiniteException>(() => new MultivariateNormal<double>(mean, notPd));
        Assert.Equal(2, ex.MinorOrder);
        // The zero covariance is positive semi-definite (a point mass at the mean, rank 0), no longer an error (#16 item 8).
        Assert.Equal(0, new MultivariateNormal<double>(mean, NDArray.Zeros<double>(2, 2)).Rank);
        Assert.Throws<ShapeMismatchException>(() => new MultivariateNormal<double>(mean, NDArray.Eye<double>(3)));
        Assert.Throws<ShapeMismatchException>(() => new MultivariateNormal<double>(NDArray.Zeros<double>(2, 1), NDArray.Eye<double>(2)));
        Assert.Throws<ArgumentException>(() => new MultivariateNormal<double>(mean, NDArray.FromArray(new double[,] { { 1, 0.5 }, { 0, 1 } })));
        var nan = NDArray.Eye<double>(2); nan[0, 1] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new MultivariateNormal<double>(mean, nan));
        var mvn = new MultivariateNormal<double>(mean, NDArray.Eye<double>(2));
        Assert.Throws<ShapeMismatchException>(() => mvn.LogPdf(NDArray.Zeros<double>(4, 3)));
        Assert.Throws<ShapeMismatchException>(() => mvn.LogPdf(NDArray.Zeros<double>(3)));
        Assert.Throws<NonFiniteException>(() => mvn.LogPdf(NDArray.FromArray(new double[] { double.NaN, 0 })));
        Assert.Throws<ArgumentOutOfRangeException>(() => mvn.Sample(-1, new Rng(1)));
    }
}
