namespace Linea.ML.Tests.Distributions;

/// <summary>Issue 16 item 8: a positive semi-definite singular covariance is accepted (eigendecomposition, as NumPy's
/// sampler and SciPy's allow_singular), an indefinite one is rejected naming its most negative eigenvalue.</summary>
public class MultivariateNormalSingularTests
{
    private static NDArray<double> Outer(double[] v) => NDArray.FromArray(v).Reshape(-1, 1).MatMul(NDArray.FromArray(v).Reshape(1, -1));

    /// <summary>Rank-1 covariances v v^T: with integer v Cholesky meets an exact zero pivot; with v = (0.1, 0.3, -0.7) or a
    /// scaled copy, rounding leaves a tiny pivot of either sign.</summary>
    public static TheoryData<double[]> Lines => new() { new[] { 1.0, 2, 2 }, new[] { 0.1, 0.3, -0.7 }, new[] { 1e3, -1e3 / 3, 2e3 / 7, 5e2 } };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Rank_one_samples_lie_on_the_line_and_their_covariance_converges(double[] v)
    {
        int d = v.Length;
        var mean = NDArray.FromArray(Enumerable.Range(0, d).Select(i => 1.0 + i).ToArray());
        var cov = Outer(v);
        var mvn = new MultivariateNormal<double>(mean, cov);
        Assert.Equal(1, mvn.Rank);
        Assert.True(mvn.IsSingular);
        Assert.Equal(double.NegativeInfinity, mvn.LogDeterminant);
        double vv = v.Sum(a => a * a);
        Assert.Equal(Math.Log(vv), mvn.LogPseudoDeterminant, 1e-13);
        NumAssert.Close(cov, mvn.Factor.MatMul(mvn.Factor.T), 8);

        const int n = 20000;
        var x = mvn.Sample(n, new Rng(99));
        Assert.Equal([n, d], x.Shape.ToIntArray());
        // Every sample is mean + t v / ||v||: the part of x - mean orthogonal to v is rounding only (a few eps times
        // the size of x and of the mean).
        var u = NDArray.FromArray(v) / Math.Sqrt(vv);
        double scale = Math.Max(Fixtures.MaxAbs(x), Fixtures.MaxAbs(mean));
        for (int i = 0; i < n; i++)
        {
            var dev = x[i, ..] - mean;
            double t = NDArray.Dot(dev, u);
            double off = Fixtures.MaxAbs(dev - u * t);
            Assert.True(off <= 16 * d * Fixtures.Eps * scale, $"sample {i}: {off:R} off the line (scale {scale})");
        }
        // Sample covariance against v v^T, within five standard errors (as for a positive definite covariance).
        var m = x.Mean(0);
        var centred = x - m;
        var s = centred.T.MatMul(centred) / (n - 1.0);
        for (int i = 0; i < d; i++)
        {
            Assert.True(Math.Abs(m[i] - mean[i]) <= 5 * Math.Sqrt(cov[i, i] / n), $"mean {i}: {m[i]}");
            for (int j = 0; j < d; j++)
            {
                double sd = Math.Sqrt((cov[i, i] * cov[j, j] + cov[i, j] * cov[i, j]) / n);
                Assert.True(Math.Abs(s[i, j] - cov[i, j]) <= 5 * sd, $"cov ({i},{j}): {s[i, j]} vs {cov[i, j]}");
            }
        }
    }

    [Fact]
    public void Singular_log_density_follows_scipy_allow_singular()
    {
        // Sigma = v v^T, v = (1, 2, 2): one eigenvalue 9 along u = v / 3, two zero. On the line x = mean + t u the density
        // is the 1-d normal N(0, 9) in t: log p = -(log(2 pi) + log 9 + t^2 / 9) / 2 (SciPy: rank 1, log pdet = log 9).
        // Off the line it is -inf (density 0).
        var mean = NDArray.FromArray(new double[] { 1, -1, 0.5 });
        var mvn = new MultivariateNormal<double>(mean, Outer([1, 2, 2]));
        double[] ts = [0, 1.5, -4, 30];
        var pts = NDArray.VStack([.. ts.Select(t => (mean + NDArray.FromArray(new double[] { 1, 2, 2 }) * (t / 3)).Reshape(1, -1))]);
        var lp = mvn.LogPdf(pts).ToArray();
        for (int i = 0; i < ts.Length; i++)
            Assert.Equal(-0.5 * (Math.Log(2 * Math.PI) + Math.Log(9) + ts[i] * ts[i] / 9), lp[i], 1e-13);
        var off = mean + NDArray.FromArray(new double[] { 0, 1e-3, -1e-3 });   // orthogonal to v, 1.4e-3 away
        Assert.Equal(double.NegativeInfinity, mvn.LogPdf(off).Item());
        Assert.Equal(0.0, mvn.Pdf(off).Item());
        // Its own samples are on the support.
        Assert.All(mvn.LogPdf(mvn.Sample(200, new Rng(3))).ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.Throws<InvalidOperationException>(() => mvn.CholeskyFactor);
    }

    [Fact]
    public void Rank_two_in_three_dimensions_and_the_zero_covariance()
    {
        // Sigma = diag(4, 0, 1) rotated by an exact permutation: the samples keep coordinate 1 at the mean exactly.
        var cov = NDArray.FromArray(new double[,] { { 4, 0, 0 }, { 0, 0, 0 }, { 0, 0, 1 } });
        var mean = NDArray.FromArray(new double[] { 0, 7, 0 });
        var mvn = new MultivariateNormal<double>(mean, cov);
        Assert.Equal(2, mvn.Rank);
        Assert.Equal(Math.Log(4), mvn.LogPseudoDeterminant, 1e-15);
        var x = mvn.Sample(1000, new Rng(5));
        Assert.All(x[.., 1].ToArray(), v => Assert.Equal(7.0, v));
        // log p at (a, 7, b) = -(2 log(2 pi) + log 4 + a^2 / 4 + b^2) / 2.
        Assert.Equal(-0.5 * (2 * Math.Log(2 * Math.PI) + Math.Log(4) + 1.0 / 4 + 4), mvn.LogPdf(NDArray.FromArray(new double[] { 1, 7, -2 })).Item(), 1e-14);

        // The zero covariance: a point mass at the mean (rank 0), as NumPy samples it.
        var point = new MultivariateNormal<double>(mean, NDArray.Zeros<double>(3, 3));
        Assert.Equal(0, point.Rank);
        var px = point.Sample(5, new Rng(1));
        for (int i = 0; i < 5; i++) NumAssert.Close(mean, px[i, ..], 0);
        Assert.Equal(0.0, point.LogPdf(mean).Item());
        Assert.Equal(double.NegativeInfinity, point.LogPdf(mean + 1.0).Item());
    }

    [Fact]
    public void Float_rank_one()
    {
        var cov = NDArray.FromArray(new float[,] { { 0.01f, 0.03f }, { 0.03f, 0.09f } });   // (0.1, 0.3) (0.1, 0.3)^T, rounded
        var mvn = new MultivariateNormal<float>(NDArray.FromArray(new float[] { 2, 3 }), cov);
        Assert.Equal(1, mvn.Rank);
        var x = mvn.Sample(500, new Rng(2));
        for (int i = 0; i < 500; i++)
        {
            // On the line through (2, 3) with direction (1, 3): 3 (x0 - 2) - (x1 - 3) = 0 up to float rounding.
            double r = 3 * (x[i, 0] - 2.0) - (x[i, 1] - 3.0);
            Assert.True(Math.Abs(r) <= 64 * 1.2e-7 * 4, $"sample {i}: {r}");
        }
    }

    [Fact]
    public void Positive_definite_covariances_keep_the_cholesky_samples()
    {
        // Same draws as before the singular path existed: mean + L z with z from the generator.
        var mvn = new MultivariateNormal<double>(NDArray.FromArray(new double[] { 3, 4 }), NDArray.FromArray(new double[,] { { 9, 3 }, { 3, 5 } }));
        Assert.False(mvn.IsSingular);
        Assert.Equal(2, mvn.Rank);
        NumAssert.Close(mvn.CholeskyFactor, mvn.Factor, 0);
        Assert.Equal(mvn.LogDeterminant, mvn.LogPseudoDeterminant);
        Assert.Equal(Math.Log(36), mvn.LogDeterminant, 1e-14);
    }

    [Fact]
    public void Indefinite_covariances_are_rejected_naming_the_most_negative_eigenvalue()
    {
        // [[1, 2], [2, 1]] has eigenvalues 3 and -1.
        var ex = Assert.Throws<NotPositiveDefiniteException>(() =>
            new MultivariateNormal<double>(NDArray.Zeros<double>(2), NDArray.FromArray(new double[,] { { 1, 2 }, { 2, 1 } })));
        Assert.Contains("not positive semi-definite", ex.Message);
        Assert.Contains("most negative eigenvalue is -1", ex.Message);
        Assert.Equal(2, ex.MinorOrder);
        // Slightly indefinite: rank-1 plus -1e-6 along another direction (far beyond rounding, 1e6 eps = 2.2e-10 relative).
        var cov = Outer([1, 2, 2]) - Outer([2, -1, 0]) * (1e-6 / 5);
        var ex2 = Assert.Throws<NotPositiveDefiniteException>(() => new MultivariateNormal<double>(NDArray.Zeros<double>(3), cov));
        Assert.Contains("most negative eigenvalue is -1", ex2.Message);   // -1.0000...e-06
        Assert.Contains("E-06", ex2.Message, StringComparison.OrdinalIgnoreCase);
        // Rounding-size negative eigenvalues are clipped instead: -1e-14 relative is accepted as rank 1.
        var nearly = Outer([1, 2, 2]) - Outer([2, -1, 0]) * (9e-14 / 5);
        Assert.Equal(1, new MultivariateNormal<double>(NDArray.Zeros<double>(3), nearly).Rank);
    }
}
