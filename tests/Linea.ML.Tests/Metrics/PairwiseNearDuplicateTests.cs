namespace Linea.ML.Tests.Metrics;

/// <summary>Issue 16 item 7: distances of near-duplicates keep their digits (the GEMM identity ||x||^2 - 2 x.y + ||y||^2
/// cancels for points close compared with their norms), identical rows give exactly 0.</summary>
public class PairwiseNearDuplicateTests
{
    /// <summary>||a - b||^2 in double-double: the differences and their squares are formed exactly (TwoSum, FMA), then
    /// summed with a compensated (TwoSum) accumulator; the result is correctly rounded to a few units in 2^-104.</summary>
    private static double ReferenceSquared(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double hi = 0, lo = 0;
        for (int k = 0; k < a.Length; k++)
        {
            // diff = dh + dl exactly.
            double dh = a[k] - b[k];
            double bb = dh - a[k];
            double dl = (a[k] - (dh - bb)) + (-b[k] - bb);
            // diff^2 = ph + pl (dropping dl^2, below 2^-104 relative).
            double ph = dh * dh;
            double pl = Math.FusedMultiplyAdd(dh, dh, -ph) + 2 * dh * dl;
            double s = hi + ph;
            double bv = s - hi;
            double e = (hi - (s - bv)) + (ph - bv);
            lo += e + pl;
            hi = s;
        }
        return hi + lo;
    }

    private static double[] Row(NDArray<double> t, int i) => t[i, ..].ToArray();

    /// <summary>Rows around one far-away point b (norm about 1e4 sqrt(p)), each displaced by a random direction scaled
    /// 10^-k for k = 0..15, plus exact copies.</summary>
    private static NDArray<double> Cloud(int p, ulong seed)
    {
        var b = NDArray.Normal([1, p], 1e4, 1.0, seed: seed);
        var dirs = NDArray.Normal([16, p], 0.0, 1.0, seed: seed + 1);
        var rows = new List<NDArray<double>> { b };
        for (int k = 0; k < 16; k++) rows.Add(b + dirs[k..(k + 1), ..] * Math.Pow(10, -k));
        rows.Add(b);                     // an exact duplicate of row 0
        rows.Add(rows[5].Copy());        // and of row 5
        return NDArray.VStack([.. rows]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(129)]
    public void Near_duplicates_have_full_relative_accuracy_and_duplicates_are_exactly_zero(int p)
    {
        var x = Cloud(p, 11);
        var y = Cloud(p, 11)[1..10, ..].Contiguous() + NDArray.Normal([9, p], 0.0, 1e-9, seed: 5);
        foreach (var (a, b, d2) in new[] { (x, x, Pairwise.EuclideanDistances(x, squared: true)),
                                           (x, y, Pairwise.EuclideanDistances(x, y, squared: true)),
                                           (x, x.Copy(), Pairwise.EuclideanDistances(x, x.Copy(), squared: true)) })
        {
            // The documented contract, with norms taken about the common mean of the rows: a pair closer than
            // sqrt((p + 3) eps) of those norms is recomputed directly (full relative accuracy, (p + 1) eps for a sum of
            // p exact squares); any other pair errs by at most a small multiple of (p + 3) eps times the norms.
            var all = ReferenceEquals(a, b) ? a : NDArray.VStack(a, b);
            var mu = all.Mean(0).ToArray();
            double limit = Math.Sqrt((p + 3) * Fixtures.Eps);
            int strict = 0;
            for (int i = 0; i < a.Shape[0]; i++)
                for (int j = 0; j < b.Shape[0]; j++)
                {
                    double truth = ReferenceSquared(Row(a, i), Row(b, j));
                    double norms = ReferenceSquared(Row(a, i), mu) + ReferenceSquared(Row(b, j), mu);
                    bool close = truth <= 0.5 * limit * norms;
                    if (close) strict++;
                    double bound = (p + 1) * Fixtures.Eps * truth + (close ? 0 : 4 * (p + 3) * Fixtures.Eps * norms);
                    Assert.True(Math.Abs(d2[i, j] - truth) <= bound,
                        $"p = {p}, ({i}, {j}) of {a.Shape} vs {b.Shape}: {d2[i, j]:R} vs {truth:R} (norms {norms:R})");
                    if (truth == 0) Assert.Equal(0.0, d2[i, j]);
                }
            Assert.True(strict >= 40, $"only {strict} close pairs");
        }
        // The square roots: sqrt of the accurate squares.
        var d = Pairwise.EuclideanDistances(x);
        var dsq = Pairwise.EuclideanDistances(x, squared: true);
        for (int i = 0; i < x.Shape[0]; i++)
            for (int j = 0; j < x.Shape[0]; j++) Assert.Equal(Math.Sqrt(dsq[i, j]), d[i, j]);
        Assert.Equal(0.0, d[0, 17]);
        Assert.Equal(0.0, d[17, 0]);
        Assert.Equal(0.0, d[5, 18]);
    }

    [Fact]
    public void Two_points_a_billionth_apart_at_norm_ten_thousand()
    {
        // Hand derivation: x = (1e4, 0), y = (1e4 + 2^-30, 0): the distance is exactly 2^-30 (1e4 + 2^-30 is a double).
        double h = Math.ScaleB(1, -30);
        var x = NDArray.FromArray(new double[,] { { 1e4, 0 } });
        var y = NDArray.FromArray(new double[,] { { 1e4 + h, 0 } });
        Assert.Equal(h, Pairwise.EuclideanDistances(x, y)[0, 0]);
        Assert.Equal(h * h, Pairwise.EuclideanDistances(x, y, squared: true)[0, 0]);
        var xy = NDArray.VStack(x, y);
        var self = Pairwise.EuclideanDistances(xy);
        Assert.Equal(h, self[0, 1]);
        Assert.Equal(h, self[1, 0]);
        Assert.Equal(0.0, self[0, 0]);
        Assert.Equal(0.0, self[1, 1]);
    }

    [Fact]
    public void Self_distances_are_exactly_symmetric_with_a_zero_diagonal()
    {
        var x = NDArray.Normal([200, 7], 50.0, 3.0, seed: 3);
        var d = Pairwise.EuclideanDistances(x);
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(0.0, d[i, i]);
            for (int j = 0; j < i; j++) Assert.Equal(d[i, j], d[j, i]);
        }
    }

    [Fact]
    public void Ordinary_data_matches_the_reference_to_a_few_ulps()
    {
        // Points far apart compared with their spread: the GEMM value is kept, and (shifted to the common mean) it is
        // accurate to about sqrt(p) eps relative; a data set far from the origin (offset 1e6) is no worse.
        foreach (double offset in new[] { 0.0, 1e6 })
        {
            var x = NDArray.Normal([40, 16], offset, 1.0, seed: 7);
            var y = NDArray.Normal([30, 16], offset, 1.0, seed: 8);
            var d2 = Pairwise.EuclideanDistances(x, y, squared: true);
            for (int i = 0; i < 40; i++)
                for (int j = 0; j < 30; j++)
                {
                    double truth = ReferenceSquared(Row(x, i), Row(y, j));
                    Assert.True(Math.Abs(d2[i, j] - truth) <= 1e-9 * truth, $"offset {offset} ({i}, {j}): {d2[i, j]:R} vs {truth:R}");
                }
        }
    }

    [Fact]
    public void Float_near_duplicates_and_duplicates()
    {
        // float rows at norm about 1e3: the identity in float has an absolute error near 1e-1 in the squared distance;
        // the pairs it cannot resolve are recomputed (in double, rounded once to float).
        var xd = Cloud(8, 21)[..10, ..].Contiguous() * 0.1;
        var xf = NDArray.FromArray(xd.ToArray().Select(v => (float)v).ToArray(), 10, 8);
        var d2 = Pairwise.EuclideanDistances(xf, squared: true);
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++)
            {
                var a = xf[i, ..].ToArray().Select(v => (double)v).ToArray();
                var b = xf[j, ..].ToArray().Select(v => (double)v).ToArray();
                double truth = ReferenceSquared(a, b);
                // Recomputed pairs: rounded once to float; kept pairs: exact shifted coordinates (Sterbenz), a few float eps.
                Assert.True(Math.Abs(d2[i, j] - truth) <= 32 * 6e-8 * truth, $"({i}, {j}): {d2[i, j]:R} vs {truth:R}");
            }
        var twins = NDArray.VStack(xf[3..4, ..], xf[3..4, ..]);
        Assert.Equal(0f, Pairwise.EuclideanDistances(twins, xf[3..4, ..])[1, 0]);
    }
}
