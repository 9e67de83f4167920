using Linea.Numerics;

namespace Linea.Tests.Core;

/// <summary>The shared float/double conversions agree bit for bit with a scalar cast, on every length around the vector widths.</summary>
public class FloatConvertTests
{
    private static double[] Values(int n)
    {
        var rng = new Random(n);
        var special = new[] { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-45, 1.5e-45, 1e-40,
            3.4028235677973366e38, 3.5e38, 1 + Math.ScaleB(1.0, -24), 1 + 3 * Math.ScaleB(1.0, -24), double.Epsilon };
        var v = new double[n];
        for (int i = 0; i < n; i++)
            v[i] = i % 3 == 0 ? special[rng.Next(special.Length)] : Math.ScaleB(rng.NextDouble() - 0.5, rng.Next(-160, 140));
        return v;
    }

    [Fact]
    public void Narrow_and_FromDouble_round_like_a_cast()
    {
        for (int n = 0; n < 70; n++)
        {
            var src = Values(n);
            var f = new float[n];
            var g = new float[n + 3];
            FloatConvert.Narrow(src, f);
            FloatConvert.FromDouble<float>(src, g);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits((float)src[i]) , BitConverter.SingleToInt32Bits(f[i]));
                Assert.Equal(BitConverter.SingleToInt32Bits((float)src[i]), BitConverter.SingleToInt32Bits(g[i]));
            }
            var d = new double[n];
            FloatConvert.FromDouble<double>(src, d);
            Assert.Equal(src, d);
        }
    }

    [Fact]
    public void Widen_and_ToDouble_are_exact()
    {
        for (int n = 0; n < 70; n++)
        {
            var src = Values(n).Select(x => (float)x).ToArray();
            var d = new double[n];
            FloatConvert.Widen(src, d);
            for (int i = 0; i < n; i++) Assert.Equal(BitConverter.DoubleToInt64Bits(src[i]), BitConverter.DoubleToInt64Bits(d[i]));
            Assert.Equal(d, FloatConvert.ToDoubleArray<float>(src));
        }
        Assert.Throws<ArgumentException>(() => FloatConvert.Widen(new float[3], new double[2]));
    }
}
