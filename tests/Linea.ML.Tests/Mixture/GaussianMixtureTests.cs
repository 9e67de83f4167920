using System.Text.Json;
using Linea.ML.Clustering;
using Linea.ML.Mixture;

namespace Linea.ML.Tests.Mixture;

public class GaussianMixtureTests
{
    public static TheoryData<string> FixtureCases()
    {
        var data = new TheoryData<string>();
        foreach (var p in MixtureData.Fixture().GetProperty("results").EnumerateObject()) data.Add(p.Name);
        return data;
    }

    private static CovarianceType Parse(string s) => s switch
    {
        "full" => CovarianceType.Full, "tied" => CovarianceType.Tied, "diag" => CovarianceType.Diag, _ => CovarianceType.Spherical,
    };

    private static void Close(NDArray<double> expected, NDArray<double> actual, double rtol, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray();
        var a = actual.ToArray();
        double scale = e.Max(Math.Abs);
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= rtol * scale, $"{what}[{i}]: sklearn {e[i]:R}, Linea {a[i]:R}");
    }

    /// <summary>
    /// From the same initial parameters, EM is the same deterministic map in both implementations; they differ only by
    /// rounding (Cholesky of the covariance plus forward substitution here, against scikit-learn's Cholesky of the
    /// precision), about 1e-15 relative per step times the conditioning of the covariances (below 100 here), and the
    /// iteration contracts near the optimum. Measured deviations are at most 1.2e-14; 1e-12 relative to each quantity's
    /// largest entry allows for up to 13 steps of such rounding with margin. The iteration counts, the convergence flags
    /// and every label must agree exactly.
    /// </summary>
    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void AgreesWithScikitLearnFromTheSameStart(string name)
    {
        var root = MixtureData.Fixture();
        var r = root.GetProperty("results").GetProperty(name);
        var type = Parse(r.GetProperty("covariance_type").GetString()!);
        var x = MixtureData.ToTensor(root.GetProperty("X"));
        var gm = new GaussianMixture<double>(3, type, tol: r.GetProperty("tol").GetDouble(), maxIter: r.GetProperty("max_iter").GetInt32())
        {
            WeightsInit = MixtureData.ToTensor(root.GetProperty("weights_init")),
            MeansInit = MixtureData.ToTensor(root.GetProperty("means_init")),
            CovariancesInit = MixtureData.ToTensor(root.GetProperty("covariances_init").GetProperty(r.GetProperty("covariance_type").GetString()!)),
        }.Fit(x);
        const double rtol = 1e-12;
        Assert.Equal(r.GetProperty("n_iter").GetInt32(), gm.NIter);
        Assert.Equal(r.GetProperty("converged").GetBoolean(), gm.Converged);
        Assert.Equal(r.GetProperty("lower_bound").GetDouble(), gm.LowerBound, rtol * 10);
        Close(MixtureData.ToTensor(r.GetProperty("weights")), gm.Weights, rtol, "weights");
        Close(MixtureData.ToTensor(r.GetProperty("means")), gm.Means, rtol, "means");
        Close(MixtureData.ToTensor(r.GetProperty("covariances")), gm.Covariances, rtol, "covariances");
        double score = r.GetProperty("score").GetDouble(), bic = r.GetProperty("bic").GetDouble(), aic = r.GetProperty("aic").GetDouble();
        Assert.Equal(score, gm.Score(x), rtol * Math.Abs(score));
        Assert.Equal(bic, gm.Bic(x), rtol * Math.Abs(bic));
        Assert.Equal(aic, gm.Aic(x), rtol * Math.Abs(aic));
        var head = x[..5, ..].Copy();
        Close(MixtureData.ToTensor(r.GetProperty("score_samples_head")), gm.ScoreSamples(head), rtol, "score_samples");
        Close(MixtureData.ToTensor(r.GetProperty("predict_proba_head")), gm.PredictProba(head), rtol, "predict_proba");
        Assert.Equal(r.GetProperty("predict").EnumerateArray().Select(e => e.GetInt64()), gm.Predict(x).ToArray());
    }

    [Fact]
    public void IrisSpeciesAreRecoveredByThreeFullComponents()
    {
        var (x, species) = MixtureData.Iris();
        var gm = new GaussianMixture<double>(3, CovarianceType.Full, seed: 0).Fit(x);
        double ari = ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(species), gm.Predict(x));
        Assert.True(ari >= 0.85, $"ARI {ari}");
        Assert.True(gm.Converged);
        Assert.Equal(1.0, gm.Weights.Sum(), 1e-14);
        Assert.Equal(new Shape(3, 4, 4), gm.Covariances.Shape);
    }

    [Fact]
    public void OneFullComponentIsTheSampleMeanAndCovariance()
    {
        var x = new Rng(1).Normal([50, 3], 0.0, 1.0) * NDArray.FromArray(new double[] { 1, 2, 0.5 }) + 3.0;
        var gm = new GaussianMixture<double>(1).Fit(x);
        var mean = x.Mean(0);
        var centred = x - mean;
        var cov = centred.T.MatMul(centred) / 50.0 + NDArray.Eye<double>(3) * 1e-6;
        Assert.True(NDArray.AllClose(mean.Reshape(1, 3), gm.Means, 1e-13, 0));
        Assert.True(NDArray.AllClose(cov.Reshape(1, 3, 3), gm.Covariances, 1e-12, 1e-15));
        // Mean log-likelihood by the textbook formula, through Inv and Slogdet (an independent route).
        var inv = Linalg.Inv(cov);
        var (_, logdet) = Linalg.Slogdet(cov);
        double quad = (centred.MatMul(inv) * centred).Sum() / 50;
        double expected = -0.5 * (3 * Math.Log(2 * Math.PI) + logdet + quad);
        Assert.Equal(expected, gm.Score(x), 1e-12 * Math.Abs(expected));
        Assert.Equal(-2 * 50 * expected + 9 * Math.Log(50), gm.Bic(x), 1e-10);   // 0 + 3 + 6 free parameters
        Assert.Equal(-2 * 50 * expected + 18, gm.Aic(x), 1e-10);
        Assert.Equal(new double[] { 1 }, gm.PredictProba(x[..1, ..].Copy()).ToArray());
    }

    [Fact]
    public void ParameterCountsFollowTheCovarianceType()
    {
        var x = new Rng(2).Normal([30, 4], 0.0, 1.0);
        // k = 3, d = 4: 2 weights + 12 means + covariances 30 (full), 10 (tied), 12 (diag), 3 (spherical).
        Assert.Equal(44, new GaussianMixture<double>(3, CovarianceType.Full).Fit(x).NParameters);
        Assert.Equal(24, new GaussianMixture<double>(3, CovarianceType.Tied).Fit(x).NParameters);
        Assert.Equal(26, new GaussianMixture<double>(3, CovarianceType.Diag).Fit(x).NParameters);
        Assert.Equal(17, new GaussianMixture<double>(3, CovarianceType.Spherical).Fit(x).NParameters);
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Tied)]
    [InlineData(CovarianceType.Diag)]
    [InlineData(CovarianceType.Spherical)]
    public void ACollapsingComponentNeverProducesNaN(CovarianceType type)
    {
        // 30 identical points plus a spread blob plus 2 duplicated points: a component sits on the identical points with
        // zero empirical variance, kept positive definite by RegCovar.
        var blob = new Rng(3).Normal([40, 2], 0.0, 1.0) + 5.0;
        var same = NDArray.Full([30, 2], 1.0);
        var dup = NDArray.FromArray(new double[,] { { -4, 2 }, { -4, 2 } });
        var x = NDArray.Concatenate([blob, same, dup], 0);
        foreach (int k in new[] { 2, 3, 5 })
        {
            var gm = new GaussianMixture<double>(k, type, seed: 4, nInit: 2).Fit(x);
            foreach (var t in new[] { gm.Weights, gm.Means, gm.Covariances, gm.PredictProba(x), gm.ScoreSamples(x) })
                Assert.True(t.ToArray().All(double.IsFinite), $"k = {k}: {t}");
            Assert.True(double.IsFinite(gm.Score(x)) && double.IsFinite(gm.Bic(x)));
            var labels = gm.Predict(x);
            Assert.Single(labels[40..70].Distinct());
        }
    }

    [Fact]
    public void TheCollapsedComponentHasCovarianceRegCovarTimesIdentity()
    {
        var blob = new Rng(5).Normal([40, 2], 0.0, 1.0) + 6.0;
        var x = NDArray.Concatenate([blob, NDArray.Full([30, 2], 1.0)], 0);
        var gm = new GaussianMixture<double>(2, seed: 1).Fit(x);
        int c = (int)gm.Predict(x)[50];
        Assert.True(NDArray.AllClose(NDArray.Eye<double>(2) * 1e-6, gm.Covariances[c, .., ..].Copy(), 1e-6, 1e-16), gm.Covariances.ToString());
        Assert.Equal(1.0, gm.Means[c, 0], 1e-15);
    }

    [Fact]
    public void WithoutRegularisationACollapsedComponentIsAClearError()
    {
        var x = NDArray.Concatenate([new Rng(6).Normal([20, 2], 0.0, 1.0) + 6.0, NDArray.Full([20, 2], 1.0)], 0);
        var ex = Assert.Throws<NotPositiveDefiniteException>(() => new GaussianMixture<double>(2, regCovar: 0, seed: 1).Fit(x));
        Assert.Contains("regCovar", ex.Message);
        // Diagonal variances of the collapsed component come out tiny but positive (the 10 eps added to the counts moves
        // the mean off the points by ~1e-16), as in scikit-learn: the fit is degenerate but finite, never NaN.
        var diag = new GaussianMixture<double>(2, CovarianceType.Diag, regCovar: 0, seed: 1).Fit(x);
        Assert.All(diag.Covariances.ToArray(), v => Assert.True(v >= 0 && double.IsFinite(v)));
        Assert.All(diag.ScoreSamples(x).ToArray(), v => Assert.False(double.IsNaN(v)));
    }

    [Fact]
    public void FloatInputGivesTheSameClusters()
    {
        var (x, species) = MixtureData.Iris();
        var xf = NDArray.FromArray(x.ToArray().Select(v => (float)v).ToArray(), 150, 4);
        var gm = new GaussianMixture<float>(3, seed: 0).Fit(xf);
        Assert.True(ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(species), gm.Predict(xf)) >= 0.85);
        Assert.Equal(1f, gm.PredictProba(xf).Sum(1).Max(), 1e-6f);
    }

    [Fact]
    public void SameSeedSameFit()
    {
        var (x, _) = MixtureData.Iris();
        var a = new GaussianMixture<double>(3, CovarianceType.Diag, nInit: 3, seed: 7).Fit(x);
        var b = new GaussianMixture<double>(3, CovarianceType.Diag, nInit: 3, seed: 7).Fit(x);
        Assert.Equal(a.Means, b.Means);
        Assert.Equal(a.LowerBound, b.LowerBound);
    }

    [Fact]
    public void ErrorsAreSpecific()
    {
        var x = new Rng(8).Normal([10, 2], 0.0, 1.0);
        Assert.Throws<NotFittedException>(() => new GaussianMixture<double>(2).Predict(x));
        Assert.Throws<NotFittedException>(() => new GaussianMixture<double>(2).Score(x));
        Assert.Throws<NotFittedException>(() => new GaussianMixture<double>(2).Means);
        var gm = new GaussianMixture<double>(2).Fit(x);
        Assert.Throws<ShapeMismatchException>(() => gm.Predict(NDArray.Zeros<double>(3, 3)));
        var nan = x.Copy();
        nan[3, 0] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new GaussianMixture<double>(2).Fit(nan));
        Assert.Throws<NonFiniteException>(() => gm.PredictProba(nan));
        Assert.Throws<ArgumentException>(() => new GaussianMixture<double>(11).Fit(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture<double>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture<double>(2, tol: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture<double>(2, regCovar: -1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture<double>(2, maxIter: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture<double>(2, nInit: 0));
        Assert.Throws<ShapeMismatchException>(() => new GaussianMixture<double>(2) { MeansInit = NDArray.Zeros<double>(3, 2) }.Fit(x));
        Assert.Throws<ArgumentException>(() => new GaussianMixture<double>(2) { WeightsInit = NDArray.FromArray(new double[] { 0.5, 0.6 }) }.Fit(x));
        Assert.Throws<ShapeMismatchException>(() => new GaussianMixture<double>(2, CovarianceType.Diag) { CovariancesInit = NDArray.Ones<double>(2) }.Fit(x));
        var notPd = NDArray.FromArray(new double[,,] { { { 1, 2 }, { 2, 1 } }, { { 1, 0 }, { 0, 1 } } });
        Assert.Throws<NotPositiveDefiniteException>(() => new GaussianMixture<double>(2) { CovariancesInit = notPd }.Fit(x));
    }

    /// <summary>
    /// A fit keeps the data as doubles (n d) and the responsibilities (n k), and its initial M-step is the blocked one:
    /// no n x d arrays per component (the tensor form took 2 n d k doubles, 3.2 MB here). Bound: twice those two
    /// arrays plus 1 MiB for k-means, the O(k d^2) parameters and the iterations' small objects.
    /// </summary>
    [Fact]
    public void FitAllocatesNoPerComponentCopiesOfTheData()
    {
        const int n = 4000, d = 10, k = 5;
        var rng = new Random(3);
        var data = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) data[i * d + j] = (i % k) * 4.0 + rng.NextDouble();
        var x = NDArray.FromArray(data, n, d);
        var gmm = new GaussianMixture<double>(k, CovarianceType.Full, seed: 0, maxIter: 5);
        gmm.Fit(x);
        long before = GC.GetAllocatedBytesForCurrentThread();
        gmm.Fit(x);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        long bound = 2L * 8 * (n * d + n * k) + (1 << 20);
        Assert.True(bytes < bound, $"GaussianMixture.Fit allocated {bytes} bytes (bound {bound})");
    }
}
