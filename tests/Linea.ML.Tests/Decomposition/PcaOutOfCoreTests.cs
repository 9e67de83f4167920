using Linea.ML;
using Xunit.Abstractions;

namespace Linea.ML.Tests.Decomposition;

public class PcaOutOfCoreTests(ITestOutputHelper output)
{
    private const double Eps = Fixtures.Eps;
    private static readonly NDArray<double> Iris = Fixtures.Iris().X;

    /// <summary>Eigenvalues of the covariance C (p x p) as this fit computes it: C is off by at most
    /// 3 (256 + 3) eps M^2 per entry (CovarianceAccumulator's bound, M the largest |x - shift|), so by p times that in
    /// the 2-norm, and the symmetric eigensolver adds about 10 p eps ||C||; the in-memory SVD-based variances are off by
    /// about 2 (10 n eps) lambda_1 (PcaTests' SvdError). Weyl: each variance moves by at most the sum.</summary>
    private static double VarianceError(NDArray<double> x, double lambda1)
    {
        int n = (int)x.Shape[0], p = (int)x.Shape[1];
        double m = Fixtures.MaxAbs(x - x.Mean(0)) * 2;   // the shift (first block's mean) is within that of the data
        return (p * 3 * 259 * m * m + 10 * p * lambda1 + 20 * n * lambda1) * Eps;
    }

    /// <summary>Davis-Kahan: a component moves by at most the variance error over the gap to its neighbours.</summary>
    private static double MinGap(double[] lambda, int k) =>
        Enumerable.Range(0, Math.Min(k, lambda.Length - 1)).Min(i => lambda[i] - lambda[i + 1]);

    [Theory]
    [InlineData(SignConvention.ComponentBased, 1)]
    [InlineData(SignConvention.SampleBased, 2)]
    public void Covariance_route_matches_the_in_memory_fit_in_one_pass(SignConvention signs, int passes)
    {
        var source = new CountingRowBlockSource<double>(Iris);
        var streamed = new Pca<double>(signs: signs).Fit(source, blockRows: 32);
        var memory = new Pca<double>(signs: signs).Fit(Iris);
        Assert.Equal(passes, source.Passes);
        var lambda = memory.ExplainedVariance.ToArray();
        double varError = VarianceError(Iris, lambda[0]);
        Assert.True(Fixtures.MaxDiff(memory.ExplainedVariance, streamed.ExplainedVariance) <= varError);
        double compError = varError / MinGap(lambda, 4);
        double diff = Fixtures.MaxDiff(memory.Components, streamed.Components);
        output.WriteLine($"variance diff {Fixtures.MaxDiff(memory.ExplainedVariance, streamed.ExplainedVariance):E3} (bound {varError:E3}), components {diff:E3} (bound {compError:E3})");
        Assert.True(diff <= compError, $"components differ by {diff:E3}, bound {compError:E3}");
        Assert.True(Fixtures.MaxDiff(memory.Mean, streamed.Mean) <= 8 * 4 * Eps);
        Assert.Equal(150, streamed.NSamples);
        var ratio = memory.ExplainedVarianceRatio.ToArray();
        var streamedRatio = streamed.ExplainedVarianceRatio.ToArray();
        for (int i = 0; i < 4; i++) Assert.True(Math.Abs(ratio[i] - streamedRatio[i]) <= 4 * varError / lambda.Sum());
    }

    [Fact]
    public void Covariance_route_keeps_the_components_a_variance_fraction_asks_for_and_reads_a_mapped_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"linea-pca-{Guid.NewGuid():N}.npy");
        try
        {
            Npy.Save(path, Iris);
            using var mapped = Npy.Load<double>(path, MmapMode.ReadOnly);
            var streamed = new Pca<double>(0.95).Fit(RowBlocks.FromTensor(mapped), blockRows: 50);
            var memory = new Pca<double>(0.95).Fit(Iris);
            Assert.Equal(memory.NComponents, streamed.NComponents);
            Assert.Equal(2, streamed.NComponents);
            Assert.True(Math.Abs(memory.NoiseVariance - streamed.NoiseVariance) <= VarianceError(Iris, 4.3));
            // Transform of the streamed model agrees with the in-memory scores to the component error times |x|.
            var z = streamed.Transform(Iris);
            var zm = memory.Transform(Iris);
            Assert.True(Fixtures.MaxDiff(z, zm) <= 1e-8, $"{Fixtures.MaxDiff(z, zm):E3}");
        }
        finally { File.Delete(path); }
    }

    /// <summary>Rank-5 data (singular values 5000 .. 200 before centring noise) with 20 columns and an offset.</summary>
    private static NDArray<double> LowRank(int n, int p, double offset, ulong seed)
    {
        var g = NDArray.Normal([n, 5], 0.0, 1.0, seed);
        var basis = Linalg.Qr(NDArray.Normal([p, 5], 0.0, 1.0, seed + 1)).Q;     // p x 5, orthonormal columns
        var scale = NDArray.FromArray(new[] { 160.0, 80.0, 40.0, 15.0, 6.0 });
        return (g * scale).MatMul(basis.T) + offset;
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.0, 2)]
    [InlineData(1e6, 1)]
    public void Randomized_fit_of_low_rank_data_equals_the_full_fit_in_nIter_plus_2_passes(double offset, int nIter)
    {
        const int n = 1000, p = 20, k = 3;
        var x = LowRank(n, p, offset, seed: 7);
        var source = new CountingRowBlockSource<double>(x);
        var streamed = new Pca<double>(k).FitRandomized(source, nIter: nIter, seed: 3, blockRows: 128);
        var memory = new Pca<double>(k).Fit(x);
        Assert.Equal(nIter + 2, source.Passes);

        // The data have rank 5 <= l = 13, so the sketch spans their row space exactly up to rounding: Z = A^T A Q puts
        // the spanned directions within (s_1 / s_5)^2 eps of the truth, and the singular values come from a QR of A Q,
        // within about n eps s_1 (plus the offset's rounding, eps |offset| sqrt(n) per entry of A).
        var s = memory.SingularValues.ToArray();
        double sAll5 = Linalg.Svd(x - x.Mean(0), fullMatrices: false).S[4];
        double perturb = (Math.Pow(s[0] / sAll5, 2) + n) * Eps * s[0] + Eps * Math.Abs(offset) * Math.Sqrt((double)n * p);
        double sError = 10 * perturb;
        double sDiff = Fixtures.MaxDiff(memory.SingularValues, streamed.SingularValues);
        output.WriteLine($"singular values {sDiff:E3} (bound {sError:E3}), components {Fixtures.MaxDiff(memory.Components, streamed.Components):E3} (bound {sError / (Math.Min(s[0] - s[1], Math.Min(s[1] - s[2], s[2] - sAll5))):E3})");
        Assert.True(sDiff <= sError, $"singular values differ by {sDiff:E3}, bound {sError:E3}");
        double gap = Math.Min(s[0] - s[1], Math.Min(s[1] - s[2], s[2] - sAll5));
        double cDiff = Fixtures.MaxDiff(memory.Components, streamed.Components);
        Assert.True(cDiff <= sError / gap, $"components differ by {cDiff:E3}, bound {sError / gap:E3}");
        Assert.True(Fixtures.MaxDiff(memory.ExplainedVarianceRatio, streamed.ExplainedVarianceRatio) <= 10 * sError / s[0]);
        double meanTol = 10 * Eps * (Math.Abs(offset) + Fixtures.MaxAbs(x - x.Mean(0)));
        Assert.True(Fixtures.MaxDiff(memory.Mean, streamed.Mean) <= meanTol);
        double noiseTol = 10 * sError * s[0] / (n - 1);
        Assert.True(Math.Abs(memory.NoiseVariance - streamed.NoiseVariance) <= noiseTol,
            $"noise variance {streamed.NoiseVariance} vs {memory.NoiseVariance}");
    }

    [Fact]
    public void Randomized_svd_of_a_source_is_seeded_and_matches_the_in_memory_singular_values()
    {
        var x = LowRank(600, 20, 0, seed: 9);
        var (s1, vt1) = RandomizedSvd.Compute(RowBlocks.FromTensor(x), 4, new Rng(5), blockRows: 100);
        var (s2, vt2) = RandomizedSvd.Compute(RowBlocks.FromTensor(x), 4, new Rng(5), blockRows: 100);
        Assert.Equal(s1.ToArray(), s2.ToArray());
        Assert.Equal(vt1.ToArray(), vt2.ToArray());
        var exact = Linalg.Svd(x, fullMatrices: false).S[..4];
        double bound = 10 * (Math.Pow(exact[0] / exact[3], 2) + 600) * Eps * exact[0];
        Assert.True(Fixtures.MaxDiff(exact.Contiguous(), s1) <= bound);
        // Vt has orthonormal rows, and A^T A v = s^2 v for each of them.
        Assert.True(Fixtures.MaxDiff(vt1.MatMul(vt1.T), NDArray.Eye<double>(4)) <= 100 * 20 * Eps);
    }

    [Fact]
    public void Bad_sources_and_arguments_give_clear_errors()
    {
        var x = Iris[..20, ..].Contiguous();
        var tooMany = Assert.Throws<ArgumentException>(() => new Pca<double>(5).Fit(RowBlocks.FromTensor(x)));
        Assert.Contains("at most min(n_samples, n_features) = 4", tooMany.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pca<double>(5).FitRandomized(RowBlocks.FromTensor(x)));
        var fraction = Assert.Throws<ArgumentException>(() => new Pca<double>(0.9).FitRandomized(RowBlocks.FromTensor(x)));
        Assert.Contains("needs a number of components", fraction.Message);

        var empty = Assert.Throws<ArgumentException>(() => new Pca<double>().Fit(TestRowBlockSources.Empty<double>(4)));
        Assert.Contains("0 rows", empty.Message);
        Assert.Throws<ArgumentException>(() => new Pca<double>(2).FitRandomized(TestRowBlockSources.Empty<double>(4)));

        var wrong = Assert.Throws<ShapeMismatchException>(() => new Pca<double>().Fit(TestRowBlockSources.WrongColumns(x, 3)));
        Assert.Contains("3 columns", wrong.Message);

        var nan = x.Copy();
        nan[13, 1] = double.NaN;
        var e = Assert.Throws<NonFiniteException>(() => new Pca<double>(2).FitRandomized(RowBlocks.FromTensor(nan), blockRows: 5));
        Assert.Contains("NaN at row 13, column 1", e.Message);

        var changed = TestRowBlockSources.ChangesBetweenPasses(x, x[..10, ..].Contiguous());
        var again = Assert.Throws<InvalidDataException>(() => new Pca<double>(2).FitRandomized(changed));
        Assert.Contains("changed between passes", again.Message);
    }
}
