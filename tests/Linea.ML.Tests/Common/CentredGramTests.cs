namespace Linea.ML.Tests.Common;

/// <summary>The one-pass shifted Gram kernel against a slow reference: an explicit centred copy and scalar products.</summary>
public class CentredGramTests
{
    /// <summary>Xc^T Xc, Xc^T yc, the means and sum (y - mean)^2 by definition, in double with compensated-free plain loops.</summary>
    private static (double[,] G, double[] Xty, double[] Mean, double YMean, double Yss) Reference(double[,] x, double[] y, bool centre)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        var mean = new double[p];
        double ym = 0;
        if (centre)
        {
            for (int i = 0; i < n; i++) { for (int j = 0; j < p; j++) mean[j] += x[i, j]; ym += y[i]; }
            for (int j = 0; j < p; j++) mean[j] /= n;
            ym /= n;
        }
        var g = new double[p, p];
        var xty = new double[p];
        double yss = 0;
        for (int i = 0; i < n; i++)
        {
            double yi = y[i] - ym;
            yss += yi * yi;
            for (int j = 0; j < p; j++)
            {
                double a = x[i, j] - mean[j];
                xty[j] += a * yi;
                for (int l = 0; l < p; l++) g[j, l] += a * (x[i, l] - mean[l]);
            }
        }
        return (g, xty, mean, ym, yss);
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(7, 3, true)]
    [InlineData(1100, 300, true)]    // 256 rows per block (the least): five blocks on two threads, the last partial
    [InlineData(1100, 300, false)]
    [InlineData(3000, 100, true)]    // 65536 / 101 = 648 rows per block, five blocks split 2 + 3 over two threads
    [InlineData(5000, 20, true)]     // n p^2 below the parallel threshold: one thread, two blocks (3120 rows, then 1880)
    [InlineData(4099, 40, true)]     // 1598 rows per block: three blocks split 1 + 2, the last partial
    public void Matches_the_definition(int n, int p, bool centre)
    {
        var rng = new Rng((ulong)(n * 31 + p));
        // Means far from zero against the spread (1e4 against 1): an uncentred X^T X - n m m^T would lose 8 digits.
        var x = rng.Normal([n, p], 0.0, 1.0) + 1e4;
        var y = rng.Normal([n], 0.0, 1.0) - 3e3;
        var xa = ToArray2(x);
        var ya = y.ToArray();
        var (g, xty, mean, ym, yss) = Reference(xa, ya, centre);
        var r = CentredGram<double>.Compute(x, y, centre, "test");
        // Each entry is a sum of n products of centred values of size ~1 (or ~1e4 uncentred); the shifted sums err by
        // about n eps times the sum of |products|, so compare with that scale.
        double scale = centre ? n : n * 1e8;
        double tol = 20 * n * Precision.Eps<double>() * scale;
        var gg = r.Gram.ToArray();
        for (int j = 0; j < p; j++)
            for (int l = 0; l < p; l++)
            {
                Assert.True(Math.Abs(gg[j * p + l] - g[j, l]) <= tol, $"G[{j},{l}] = {gg[j * p + l]} vs {g[j, l]}");
                Assert.Equal(gg[j * p + l], gg[l * p + j]);
            }
        var xy = r.Xty!.ToArray();
        double tolXy = 20 * n * Precision.Eps<double>() * (centre ? n : n * 1e4 * 3e3);
        for (int j = 0; j < p; j++) Assert.True(Math.Abs(xy[j] - xty[j]) <= tolXy, $"Xty[{j}] = {xy[j]} vs {xty[j]}");
        var m = r.XMean.ToArray();
        // The reference means are plain running sums: n eps relative at worst.
        for (int j = 0; j < p; j++) Assert.True(Math.Abs(m[j] - mean[j]) <= 2 * n * Precision.Eps<double>() * 1e4, $"mean[{j}] = {m[j]} vs {mean[j]}");
        Assert.True(Math.Abs(r.YMean - ym) <= 2 * n * Precision.Eps<double>() * 3e3);
        Assert.True(Math.Abs(r.YSumSquares - yss) <= 20 * n * Precision.Eps<double>() * (centre ? n : n * 1e7), $"yss {r.YSumSquares} vs {yss}");
    }

    [Fact]
    public void Concurrent_callers_get_the_whole_gram_when_the_thread_pool_is_busy()
    {
        // Two callers at once: one finds Linea's worker pool busy and runs its split on one thread. A split that kept
        // the thread count it asked for summed only the first half of the rows there (a wrong Gram, seen in the suite).
        var rng = new Rng(5);
        var x = rng.Normal([3000, 100], 0.0, 1.0) + 1e4;
        var y = rng.Normal([3000], 0.0, 1.0);
        var expected = CentredGram<double>.Compute(x, y, true, "test").Gram.ToArray();
        double tol = 40 * 3000 * Precision.Eps<double>() * 3000;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (int rep = 0; rep < 5; rep++)
            {
                var g = CentredGram<double>.Compute(x, y, true, "test").Gram.ToArray();
                for (int i = 0; i < g.Length; i++) Assert.True(Math.Abs(g[i] - expected[i]) <= tol, $"G[{i}] = {g[i]} vs {expected[i]}");
            }
        });
    }

    [Fact]
    public void Without_y_the_gram_matches_the_one_with_y()
    {
        var rng = new Rng(11);
        var x = rng.Normal([3000, 100], 0.0, 1.0) + 1e4;
        var y = rng.Normal([3000], 0.0, 1.0);
        var (g, _, mean, _, _) = Reference(ToArray2(x), y.ToArray(), centre: true);
        var r = CentredGram<double>.Compute(x, null, true, "test");
        Assert.Null(r.Xty);
        var gg = r.Gram.ToArray();
        double tol = 20 * 3000 * Precision.Eps<double>() * 3000;
        for (int j = 0; j < 100; j++)
        {
            Assert.True(Math.Abs(r.XMean[j] - mean[j]) <= 2 * 3000 * Precision.Eps<double>() * 1e4, $"mean[{j}]");
            for (int l = 0; l < 100; l++) Assert.True(Math.Abs(gg[j * 100 + l] - g[j, l]) <= tol, $"G[{j},{l}] = {gg[j * 100 + l]} vs {g[j, l]}");
        }
    }

    [Fact]
    public void Nan_and_infinity_are_reported_with_their_position()
    {
        var x = new Rng(3).Normal([2000, 150], 0.0, 1.0);
        x[1900, 7] = double.NaN;
        var e = Assert.Throws<NonFiniteException>(() => CentredGram<double>.Compute(x, null, true, "Test.Fit"));
        Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
        Assert.Contains((1900 * 150 + 7).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        var x2 = new Rng(4).Normal([50, 4], 0.0, 1.0);
        var y2 = new Rng(5).Normal([50], 0.0, 1.0);
        y2[49] = double.PositiveInfinity;
        var e2 = Assert.Throws<NonFiniteException>(() => CentredGram<double>.Compute(x2, y2, true, "Test.Fit"));
        Assert.Contains("infinity", e2.Message, StringComparison.Ordinal);
    }

    private static double[,] ToArray2(NDArray<double> t)
    {
        int n = (int)t.Shape[0], p = (int)t.Shape[1];
        var a = new double[n, p];
        var s = t.ToArray();
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) a[i, j] = s[i * p + j];
        return a;
    }
}
