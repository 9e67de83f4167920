namespace Linea.Tests.Core;

/// <summary>
/// The two small helpers the divide-and-conquer merges use instead of BCL generics that a composite ReadyToRun image
/// cannot precompile: <see cref="MaxAbs"/> (against a scalar loop; NaN at every position modulo the vector width
/// propagates) and <see cref="KeyedSort"/> (against Array.Sort on the keys; the items follow the keys). Exact answers.
/// </summary>
public class SpectralHelperTests
{
    [Fact]
    public void MaxAbs_matches_a_scalar_loop_and_propagates_NaN()
    {
        var rng = new Random(11);
        for (int n = 0; n <= 53; n++)
        {
            var d = new double[n];
            for (int i = 0; i < n; i++) d[i] = (rng.NextDouble() - 0.5) * Math.Pow(2, rng.Next(-1070, 1000));
            double expected = 0;
            foreach (var v in d) expected = Math.Max(expected, Math.Abs(v));
            Assert.Equal(expected, MaxAbs.Of(d.AsSpan()));
            Assert.Equal(expected, MaxAbs.Of<double>(d));
            var f = Array.ConvertAll(d, v => (float)(v * 1e-300));
            float expectedF = 0;
            foreach (var v in f) expectedF = MathF.Max(expectedF, MathF.Abs(v));
            Assert.Equal(expectedF, MaxAbs.Of<float>(f));
            for (int p = 0; p < n; p++)
            {
                var dn = (double[])d.Clone();
                dn[p] = double.NaN;
                Assert.True(double.IsNaN(MaxAbs.Of<double>(dn)));
                var fn = (float[])f.Clone();
                fn[p] = float.NaN;
                Assert.True(float.IsNaN(MaxAbs.Of<float>(fn)));
            }
        }
        Assert.Equal(double.PositiveInfinity, MaxAbs.Of<double>([1, double.NegativeInfinity, 2]));
        Assert.Equal(double.Epsilon, MaxAbs.Of<double>([-double.Epsilon, 0]));
        Assert.Equal(Half.One, MaxAbs.Of<Half>([Half.One, -Half.Epsilon]));
    }

    [Fact]
    public void KeyedSort_sorts_keys_and_carries_the_items()
    {
        var rng = new Random(5);
        foreach (int n in new[] { 0, 1, 2, 3, 7, 16, 17, 100, 257 })
        {
            // Ties on purpose: keys drawn from a few values.
            var keys = new double[n];
            for (int i = 0; i < n; i++) keys[i] = rng.Next(-(n / 3) - 1, n / 3 + 1) * 0.25;
            var original = (double[])keys.Clone();
            var items = new int[n];
            for (int i = 0; i < n; i++) items[i] = i;
            KeyedSort.Sort<double>(keys, items);
            var expected = (double[])original.Clone();
            Array.Sort(expected);
            Assert.Equal(expected, keys);
            Assert.Equal(Enumerable.Range(0, n), items.Order());
            for (int i = 0; i < n; i++) Assert.Equal(original[items[i]], keys[i]);
        }
        Assert.Throws<ArgumentException>(() => KeyedSort.Sort<double>(new double[2], new int[3]));
    }
}
