using System.Numerics;
using FsCheck.Xunit;
using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

public class BigRationalDoubleTests
{
    private static double RandomDouble(Rng rng)
    {
        // Any finite bit pattern: normals over the whole exponent range, subnormals, zeros.
        while (true)
        {
            double d = BitConverter.Int64BitsToDouble((long)rng.NextUInt64());
            if (double.IsFinite(d)) return d;
        }
    }

    [Fact]
    public void FromDouble_gives_the_exact_binary_value()
    {
        Assert.Equal(new BigRational(3602879701896397, 36028797018963968), BigRational.FromDouble(0.1));
        Assert.Equal(new BigRational(BigInteger.One, BigInteger.One << 1074), BigRational.FromDouble(double.Epsilon));
        Assert.Equal(new BigRational(((BigInteger.One << 53) - 1) << 971), BigRational.FromDouble(double.MaxValue));
        Assert.Equal(new BigRational(-5, 2), BigRational.FromDouble(-2.5));
        Assert.Equal(BigRational.Zero, BigRational.FromDouble(-0.0));
        // The smallest normal, 2^-1022, and the largest subnormal, (2^52 - 1) 2^-1074.
        Assert.Equal(new BigRational(BigInteger.One, BigInteger.One << 1022), BigRational.FromDouble(BitConverter.Int64BitsToDouble(1L << 52)));
        Assert.Equal(new BigRational((BigInteger.One << 52) - 1, BigInteger.One << 1074), BigRational.FromDouble(BitConverter.Int64BitsToDouble((1L << 52) - 1)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_doubles_have_no_rational_value(double d)
    {
        Assert.Throws<ArgumentException>(() => BigRational.FromDouble(d));
        Assert.Throws<ArgumentException>(() => BigRational.FromDoubleShortest(d));
    }

    [Theory]
    [InlineData(0.1, 1, 10)]
    [InlineData(0.25, 1, 4)]
    [InlineData(-2.5, -5, 2)]
    [InlineData(1e-3, 1, 1000)]
    [InlineData(1.0 / 3.0, 3333333333333333, 10000000000000000)]
    [InlineData(123456.789, 123456789, 1000)]
    [InlineData(1e22, 10000000000000000000000.0, 1)]
    public void FromDoubleShortest_gives_the_decimal_the_user_typed(double d, double p, double q)
    {
        Assert.Equal(new BigRational(new BigInteger(p), new BigInteger(q)), BigRational.FromDoubleShortest(d));
    }

    [Fact]
    public void FromDoubleShortest_handles_extreme_exponents()
    {
        Assert.Equal(new BigRational(5, BigInteger.Pow(10, 324)), BigRational.FromDoubleShortest(double.Epsilon));
        Assert.Equal(new BigRational(BigInteger.Pow(10, 300)), BigRational.FromDoubleShortest(1e300));
        Assert.Equal(new BigRational(17976931348623157, 1) * new BigRational(BigInteger.Pow(10, 292)), BigRational.FromDoubleShortest(double.MaxValue));
    }

    [Property(MaxTest = 500)]
    public void Conversions_round_trip_for_every_finite_double(ulong seed)
    {
        double d = RandomDouble(new Rng(seed));
        Assert.Equal(d, BigRational.FromDouble(d).ToDouble());
        Assert.Equal(d, BigRational.FromDoubleShortest(d).ToDouble());
    }

    [Property(MaxTest = 500)]
    public void ToDouble_of_a_quotient_of_doubles_equals_IEEE_division(ulong seed)
    {
        // IEEE 754 division is correctly rounded (ties to even, with gradual underflow and overflow), so it is an
        // independent reference for quotients whose operands are doubles, over the whole exponent range.
        var rng = new Rng(seed);
        double x = RandomDouble(rng), y = RandomDouble(rng);
        if (y == 0) y = 1;
        double expected = x / y;
        double actual = (BigRational.FromDouble(x) / BigRational.FromDouble(y)).ToDouble();
        if (expected == 0) Assert.Equal(0.0, actual); // the sign of zero is not kept by rationals
        else Assert.Equal(expected, actual);
    }

    [Property(MaxTest = 300)]
    public void ToDouble_is_the_nearest_double_with_ties_to_even(ulong seed)
    {
        // Reference: compare the exact distances to the neighbours of the result.
        var rng = new Rng(seed);
        var q = Ex.Rational(rng, 1 + rng.NextInt(2500));
        double r = q.ToDouble();
        if (double.IsInfinity(r))
        {
            Assert.True(q.Abs() >= BigRational.FromDouble(double.MaxValue));
            return;
        }
        var exact = BigRational.FromDouble(r);
        var distance = (q - exact).Abs();
        foreach (double neighbour in new[] { Math.BitIncrement(r), Math.BitDecrement(r) })
        {
            if (double.IsInfinity(neighbour)) continue;
            var other = (q - BigRational.FromDouble(neighbour)).Abs();
            Assert.True(distance <= other, $"{q} rounded to {r:R}, but {neighbour:R} is nearer");
            if (distance == other)
                Assert.True((BitConverter.DoubleToInt64Bits(r) & 1) == 0, $"tie for {q} must go to the even neighbour");
        }
    }

    [Fact]
    public void ToDouble_rounds_hard_cases_correctly()
    {
        var two53 = BigInteger.One << 53;
        // Exact halfway cases go to the even neighbour.
        Assert.Equal(9007199254740992.0, new BigRational(two53 + 1).ToDouble());
        Assert.Equal(9007199254740996.0, new BigRational(two53 + 3).ToDouble());
        // Just above halfway, with the excess 2000 bits below: rounds up.
        var big = BigInteger.One << 2000;
        Assert.Equal(9007199254740994.0, new BigRational((two53 + 1) * big + 1, big).ToDouble());
        // Huge numerator and denominator whose quotient is ordinary.
        var h = BigInteger.Pow(3, 5000);
        Assert.Equal(2.0 / 3.0, new BigRational(2 * h, 3 * h + 0).ToDouble()); // reduces to 2/3
        Assert.Equal(1.0 / 3.0, new BigRational(h, 3 * h + 1).ToDouble());
        // Values beyond the double range.
        Assert.Equal(double.PositiveInfinity, new BigRational(BigInteger.One << 1024).ToDouble());
        Assert.Equal(double.NegativeInfinity, new BigRational(-(BigInteger.One << 5000), 3).ToDouble());
        Assert.Equal(double.MaxValue, BigRational.FromDouble(double.MaxValue).ToDouble());
        // Halfway between MaxValue and 2^1024 rounds to infinity (even), just below stays MaxValue.
        var maxPlusHalfUlp = BigRational.FromDouble(double.MaxValue) + new BigRational(BigInteger.One << 970);
        Assert.Equal(double.PositiveInfinity, maxPlusHalfUlp.ToDouble());
        Assert.Equal(double.MaxValue, (maxPlusHalfUlp - new BigRational(1, 3)).ToDouble());
        // Subnormals: 2^-1075 is halfway between 0 and the smallest subnormal and goes to 0 (even);
        // anything above it goes to 2^-1074; 3 * 2^-1075 is halfway between 1 and 2 units and goes to 2.
        var half = new BigRational(BigInteger.One, BigInteger.One << 1075);
        Assert.Equal(0.0, half.ToDouble());
        Assert.Equal(double.Epsilon, (half + new BigRational(BigInteger.One, BigInteger.One << 3000)).ToDouble());
        Assert.Equal(2 * double.Epsilon, (3 * half).ToDouble());
        Assert.Equal(0.0, new BigRational(BigInteger.One, BigInteger.One << 5000).ToDouble());
        Assert.Equal(-double.Epsilon, new BigRational(-2, 3 * (BigInteger.One << 1074)).ToDouble()); // 2/3 unit rounds to 1 unit
        Assert.Equal(0.1, new BigRational(1, 10).ToDouble());
    }
}
