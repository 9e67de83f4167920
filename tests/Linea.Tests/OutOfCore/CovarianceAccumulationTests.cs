using Linea.TestKit;

namespace Linea.Tests.OutOfCore;

public class CovarianceAccumulationTests
{
    private const double Eps = 2.220446049250313e-16;
    private const float EpsF = 1.1920929e-7f;

    /// <summary>The bound of <see cref="CovarianceAccumulator{T}"/> on a covariance entry: the Gram matrix of the shifted
    /// rows is off by at most (ChunkRows + 3) eps sum |xs_i xs_j| &lt;= (ChunkRows + 3) eps n M^2, and the correction
    /// s s^T / n by twice that again (s is off by (ChunkRows + 3) eps n M and |s| &lt;= n M); divided by n - 1.</summary>
    private static double Bound(double eps, long n, double maxShifted) =>
        3 * (CovarianceAccumulator<double>.ChunkRows + 3) * eps * maxShifted * maxShifted * n / (n - 1);

    /// <summary>1e6 + k/8 with k a random integer in [-32, 32]: exact in double, and its exact covariance follows from
    /// the integers: (n sum k_i k_j - sum k_i sum k_j) / (64 n (n - 1)), one rounding.</summary>
    private static (NDArray<double> X, double[,] Exact, int[,] K) Offset(int n, int p, double offset, ulong seed)
    {
        var rng = new Rng(seed);
        var k = new int[n, p];
        var x = NDArray.Zeros<double>(n, p);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
            {
                k[i, j] = rng.NextInt(65) - 32;
                x[i, j] = offset + k[i, j] / 8.0;
            }
        var exact = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                long skk = 0, sa = 0, sb = 0;
                for (int i = 0; i < n; i++) { skk += (long)k[i, a] * k[i, b]; sa += k[i, a]; sb += k[i, b]; }
                exact[a, b] = (double)((long)n * skk - sa * sb) / (64.0 * n * (n - 1));
            }
        return (x, exact, k);
    }

    private static double MaxDiff(NDArray<double> a, double[,] b)
    {
        double d = 0;
        for (int i = 0; i < b.GetLength(0); i++)
            for (int j = 0; j < b.GetLength(1); j++) d = Math.Max(d, Math.Abs(a[i, j] - b[i, j]));
        return d;
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(257)]
    [InlineData(7)]
    public void Covariance_far_from_the_origin_keeps_its_digits_where_the_one_pass_formula_loses_them(int blockRows)
    {
        const int n = 3000, p = 4;
        var (x, exact, _) = Offset(n, p, 1e6, seed: 11);
        var (mean, cov) = Linea.OutOfCore.MeanAndCovariance(RowBlocks.FromTensor(x), blockRows: blockRows);

        // The shift is the first block's mean, within 4 of 1e6, so every shifted entry is below 8 in magnitude.
        double bound = Bound(Eps, n, 8);
        double err = MaxDiff(cov, exact);
        Assert.True(err <= bound, $"streamed covariance off by {err:E3}, bound {bound:E3}");
        Assert.True(MaxDiff(mean, x.Mean(0)) <= 1e6 * 8 * Eps, "mean");

        // The textbook one pass, (sum x x^T - n mean mean^T) / (n - 1), on the same data: sum x x^T is ~ 3e15, so its
        // rounding alone is ~ 0.5 per entry, and the difference with n mean mean^T keeps no digit.
        var naive = (x.T.MatMul(x) - NDArray.Outer(x.Mean(0), x.Mean(0)) * (double)n) / (n - 1.0);
        double naiveErr = MaxDiff(naive, exact);
        Assert.True(naiveErr > 1e4 * bound, $"the naive formula was expected to lose digits, but is off by only {naiveErr:E3}");
    }

    [Fact]
    public void Float_covariance_far_from_the_origin_is_within_the_float_bound()
    {
        const int n = 2000, p = 3;
        var (xd, exact, _) = Offset(n, p, 1000, seed: 5);
        var x = NDArray.Wrap(xd.ToArray().Select(v => (float)v).ToArray(), n, p);   // 1000 + k/8 is exact in float
        var cov = Linea.OutOfCore.Cov(RowBlocks.FromTensor(x), blockRows: 300);
        double bound = Bound(EpsF, n, 8);
        double err = MaxDiff(NDArray.Wrap(cov.ToArray().Select(v => (double)v).ToArray(), p, p), exact);
        Assert.True(err <= bound, $"float covariance off by {err:E3}, bound {bound:E3}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(5000)]
    public void Gram_of_integers_is_exact_for_any_block_size(int blockRows)
    {
        var x = Generators.SmallIntegers<double>([700, 9], 20, seed: 3);
        var gram = Linea.OutOfCore.Gram(RowBlocks.FromTensor(x), blockRows: blockRows);
        Assert.Equal(x.T.MatMul(x).ToArray(), gram.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(999)]
    public void Covariance_equals_the_in_memory_two_pass_covariance(int blockRows)
    {
        const int n = 999, p = 13;
        var x = Generators.Normal<double>([n, p], seed: 8) * 3.0 + 2.0;
        var cov = Linea.OutOfCore.Cov(RowBlocks.FromTensor(x), blockRows: blockRows);
        var centred = x - x.Mean(0);
        var reference = centred.T.MatMul(centred) / (n - 1.0);
        // Both are within their bounds of the exact covariance: ours as above, the in-memory product within n eps M^2.
        // The shift K is a mean of rows, so |K - mean| <= max |x - mean| and every shifted entry is within twice that.
        double m = 2 * MaxAbs(centred);
        double bound = Bound(Eps, n, m) + n * Eps * m * m;
        Assert.True(MaxDiff(cov, reference) <= bound, $"off by {MaxDiff(cov, reference):E3}, bound {bound:E3}");
        Assert.Equal(cov.ToArray(), cov.T.Contiguous().ToArray());   // exactly symmetric
    }

    [Fact]
    public void Strided_and_memory_mapped_sources_give_the_same_bits_as_contiguous_memory()
    {
        var x = Generators.Normal<double>([600, 7], seed: 21) + 50.0;
        var expected = Linea.OutOfCore.MeanAndCovariance(RowBlocks.FromTensor(x), blockRows: 100);

        var strided = x.T.Contiguous().T;    // same values, column-major strides
        var fromStrided = Linea.OutOfCore.MeanAndCovariance(RowBlocks.FromTensor(strided), blockRows: 100);
        Assert.Equal(expected.Covariance.ToArray(), fromStrided.Covariance.ToArray());

        string path = Path.Combine(Path.GetTempPath(), $"linea-cov-{Guid.NewGuid():N}.npy");
        try
        {
            Npy.Save(path, x);
            using var mapped = Npy.Load<double>(path, MmapMode.ReadOnly);
            var fromFile = Linea.OutOfCore.MeanAndCovariance(RowBlocks.FromTensor(mapped), blockRows: 100);
            Assert.Equal(expected.Mean.ToArray(), fromFile.Mean.ToArray());
            Assert.Equal(expected.Covariance.ToArray(), fromFile.Covariance.ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Accumulator_fed_by_hand_matches_the_one_pass_function_and_reports_its_progress()
    {
        var x = Generators.Normal<double>([300, 5], seed: 2);
        var acc = new CovarianceAccumulator<double>(5);
        acc.Add(x[..120, ..], 0);
        acc.Add(x[120..120, ..], 120);   // empty blocks change nothing
        acc.Add(x[120..240, ..], 120);
        acc.Add(x[240.., ..], 240);
        var progress = new List<RowBlockProgress>();
        var (mean, cov) = Linea.OutOfCore.MeanAndCovariance(RowBlocks.FromTensor(x), blockRows: 120,
            progress: new SyncProgress(progress));
        Assert.Equal(300, acc.Count);
        Assert.Equal(mean.ToArray(), acc.Mean().ToArray());
        Assert.Equal(cov.ToArray(), acc.Covariance().ToArray());
        Assert.Equal([120L, 240, 300], progress.Select(r => r.RowsRead));
        // ddof = 0 is the maximum-likelihood estimate: (n - 1) / n times the unbiased one.
        Assert.True(MaxDiff(acc.Covariance(0), cov * (299.0 / 300)) <= 4 * Eps * MaxAbs(cov));
    }

    [Fact]
    public void Bad_sources_give_clear_errors()
    {
        var x = Generators.Normal<double>([50, 3], seed: 1);
        var empty = Assert.Throws<ArgumentException>(() => Linea.OutOfCore.Cov(TestRowBlockSources.Empty<double>(3)));
        Assert.Contains("no rows", empty.Message);

        var wide = Assert.Throws<ShapeMismatchException>(() => Linea.OutOfCore.Gram(TestRowBlockSources.WrongColumns(x, 4)));
        Assert.Contains("(rows, 4)", wide.Message);

        var withNaN = x.Copy();
        withNaN[37, 2] = double.NaN;
        var nan = Assert.Throws<NonFiniteException>(() => Linea.OutOfCore.Cov(RowBlocks.FromTensor(withNaN), blockRows: 16));
        Assert.Contains("NaN at row 37, column 2", nan.Message);

        var one = Assert.Throws<ArgumentException>(() => Linea.OutOfCore.Cov(RowBlocks.FromTensor(x[..1, ..])));
        Assert.Contains("no degrees of freedom", one.Message);
        Assert.Throws<InvalidOperationException>(() => new CovarianceAccumulator<double>(3).Mean());
    }

    private static double MaxAbs(NDArray<double> a) => a.ToArray().Max(Math.Abs);

    private static double MaxDiff(NDArray<double> a, NDArray<double> b) => MaxAbs(a - b);

    private sealed class SyncProgress(List<RowBlockProgress> into) : IProgress<RowBlockProgress>
    {
        public void Report(RowBlockProgress value) => into.Add(value);
    }
}
