using Linea.Numerics;

namespace Linea.Tests.Linalg;

public class DoubleDoubleTests
{
    [Fact]
    public void Error_free_transformations_are_exact()
    {
        var s = DoubleDouble.TwoSum(1.0, 1e-20);
        Assert.Equal(1.0, s.Hi);
        Assert.Equal(1e-20, s.Lo);
        double a = 1 + Math.Pow(2, -30), b = 1 - Math.Pow(2, -30);
        var p = DoubleDouble.TwoProd(a, b); // 1 - 2^-60
        Assert.Equal(1.0, p.Hi);
        Assert.Equal(-Math.Pow(2, -60), p.Lo);
    }

    [Fact]
    public void Arithmetic_keeps_about_32_digits()
    {
        DoubleDouble third = DoubleDouble.One / 3.0;
        var back = third * 3.0 - 1.0;
        Assert.True(Math.Abs(back.ToDouble()) < 1e-31, back.ToString());
        var sq = DoubleDouble.Sqrt(2.0);
        var err = sq * sq - 2.0;
        Assert.True(Math.Abs(err.ToDouble()) < 1e-30, err.ToString());
        // (1 + 2^-70) - 1 survives in double-double but not in double
        var x = new DoubleDouble(1.0, 0) + Math.Pow(2, -70);
        Assert.Equal(Math.Pow(2, -70), (x - 1.0).ToDouble());
        Assert.True(DoubleDouble.Abs(-x) > new DoubleDouble(1.0, 0));
    }
}
