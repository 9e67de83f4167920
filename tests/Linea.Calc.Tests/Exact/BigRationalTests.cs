using System.Numerics;
using FsCheck.Xunit;
using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

public class BigRationalTests
{
    /// <summary>p/q as given (q != 0), reduced and normalised by hand for comparison.</summary>
    private static void AssertValue(BigRational r, BigInteger p, BigInteger q)
    {
        Assert.True(r.Denominator.Sign > 0, "denominator must be positive");
        Assert.True(BigInteger.GreatestCommonDivisor(r.Numerator, r.Denominator).IsOne || r.Numerator.IsZero && r.Denominator.IsOne,
            $"{r} is not reduced");
        // r == p/q  <=>  r.num * q == p * r.den (cross-multiplication)
        Assert.Equal(p * r.Denominator, r.Numerator * q);
    }

    [Property(MaxTest = 300)]
    public void Arithmetic_matches_cross_multiplication(ulong seed)
    {
        var rng = new Rng(seed);
        BigInteger p1 = Ex.Int(rng, 150), q1 = Ex.Int(rng, 150), p2 = Ex.Int(rng, 150), q2 = Ex.Int(rng, 150);
        if (q1.IsZero) q1 = 7;
        if (q2.IsZero) q2 = -3;
        var a = new BigRational(p1, q1);
        var b = new BigRational(p2, q2);
        AssertValue(a, p1, q1);
        AssertValue(a + b, p1 * q2 + p2 * q1, q1 * q2);
        AssertValue(a - b, p1 * q2 - p2 * q1, q1 * q2);
        AssertValue(a * b, p1 * p2, q1 * q2);
        AssertValue(-a, -p1, q1);
        if (!p2.IsZero) AssertValue(a / b, p1 * q2, q1 * p2);
        else Assert.Throws<DivideByZeroException>(() => a / b);
        // Order: a < b  <=>  p1/q1 < p2/q2  <=>  p1 q2 sgn(q1 q2) < p2 q1 sgn(q1 q2)
        int expected = (p1 * q2 * (q1 * q2).Sign).CompareTo(p2 * q1 * (q1 * q2).Sign);
        Assert.Equal(Math.Sign(expected), Math.Sign(a.CompareTo(b)));
        Assert.Equal(expected < 0, a < b);
        Assert.Equal(expected <= 0, a <= b);
        Assert.Equal(expected > 0, a > b);
        Assert.Equal(expected >= 0, a >= b);
        Assert.Equal(expected == 0, a == b);
        Assert.Equal(expected != 0, a != b);
    }

    [Property(MaxTest = 200)]
    public void Field_laws_hold(ulong seed)
    {
        var rng = new Rng(seed);
        var a = Ex.Rational(rng, 80);
        var b = Ex.Rational(rng, 80);
        var c = Ex.Rational(rng, 80);
        Assert.Equal(a + b, b + a);
        Assert.Equal(a * b, b * a);
        Assert.Equal((a + b) + c, a + (b + c));
        Assert.Equal((a * b) * c, a * (b * c));
        Assert.Equal(a * (b + c), a * b + a * c);
        Assert.Equal(BigRational.Zero, a - a);
        Assert.Equal(a, a + BigRational.Zero);
        Assert.Equal(a, a * BigRational.One);
        if (!a.IsZero)
        {
            Assert.Equal(BigRational.One, a / a);
            Assert.Equal(BigRational.One, a * a.Reciprocal());
            Assert.Equal((a * a * a).Reciprocal(), a.Pow(-3));
        }
        Assert.Equal(a * a * a * a * a, a.Pow(5));
        Assert.Equal(a.Sign < 0 ? -a : a, a.Abs());
        Assert.Equal(a.GetHashCode(), new BigRational(a.Numerator * 5, a.Denominator * 5).GetHashCode());
    }

    [Property(MaxTest = 300)]
    public void Parse_of_ToString_round_trips(ulong seed)
    {
        var a = Ex.Rational(new Rng(seed), 200);
        Assert.Equal(a, BigRational.Parse(a.ToString()));
    }

    [Theory]
    [InlineData("3", 3, 1)]
    [InlineData("-3/2", -3, 2)]
    [InlineData("6/4", 3, 2)]
    [InlineData("6/-4", -3, 2)]
    [InlineData(" 7 / 21 ", 1, 3)]
    [InlineData("0.25", 1, 4)]
    [InlineData("-0.125", -1, 8)]
    [InlineData(".5", 1, 2)]
    [InlineData("5.", 5, 1)]
    [InlineData("+2", 2, 1)]
    [InlineData("1e-3", 1, 1000)]
    [InlineData("2.5E+4", 25000, 1)]
    [InlineData("2.5e4", 25000, 1)]
    [InlineData("1.5/2", 3, 4)]
    [InlineData("0", 0, 1)]
    [InlineData("-0.0", 0, 1)]
    [InlineData("000120e-2", 6, 5)]
    public void Parse_reads_exact_values(string text, long p, long q)
    {
        var r = BigRational.Parse(text);
        Assert.Equal(new BigInteger(p), r.Numerator);
        Assert.Equal(new BigInteger(q), r.Denominator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1e")]
    [InlineData("--1")]
    [InlineData("1.2.3")]
    [InlineData(".")]
    [InlineData("1/")]
    [InlineData("e5")]
    [InlineData("0x10")]
    public void Parse_rejects_text_that_is_not_a_number(string text)
    {
        var e = Assert.Throws<FormatException>(() => BigRational.Parse(text));
        Assert.Contains("not a number", e.Message);
        Assert.False(BigRational.TryParse(text, out _));
    }

    [Fact]
    public void Parse_of_a_zero_denominator_throws_divide_by_zero()
    {
        Assert.Throws<DivideByZeroException>(() => BigRational.Parse("1/0"));
        Assert.Throws<DivideByZeroException>(() => new BigRational(1, 0));
        Assert.False(BigRational.TryParse("3/0.0", out _));
    }

    [Fact]
    public void Parse_of_a_huge_exponent_hits_the_bit_limit_instead_of_allocating()
    {
        var e = Assert.Throws<CalcLimitException>(() => BigRational.Parse("1e1000000000000"));
        Assert.Contains("20000 bits", e.Message);
        Assert.Throws<CalcLimitException>(() => BigRational.Parse("1e-100000"));
    }

    [Fact]
    public void Default_is_zero_and_ToString_uses_the_reduced_fraction()
    {
        BigRational d = default;
        Assert.Equal(BigRational.Zero, d);
        Assert.Equal(BigInteger.One, d.Denominator);
        Assert.True(d.IsInteger);
        Assert.Equal("0", d.ToString());
        Assert.Equal("3/2", new BigRational(-6, -4).ToString());
        Assert.Equal("-2", new BigRational(4, -2).ToString());
        Assert.Equal("-1/3", new BigRational(1, -3).ToString());
        Assert.Equal(0, new BigRational(0, -5).Sign);
        Assert.Equal(-1, new BigRational(1, -5).Sign);
    }

    [Fact]
    public void Pow_handles_zero_and_negative_exponents()
    {
        Assert.Equal(BigRational.One, BigRational.Zero.Pow(0));
        Assert.Equal(new BigRational(-8, 27), new BigRational(-2, 3).Pow(3));
        Assert.Equal(new BigRational(9, 4), new BigRational(-2, 3).Pow(-2));
        Assert.Equal(new BigRational(-27, 8), new BigRational(-2, 3).Pow(-3));
        Assert.Throws<DivideByZeroException>(() => BigRational.Zero.Pow(-1));
        Assert.Equal(BigRational.One, new BigRational(-1).Pow(int.MinValue));
        Assert.Equal(new BigRational(-1), new BigRational(-1).Pow(int.MaxValue));
        Assert.Throws<OverflowException>(() => new BigRational(2).Pow(int.MinValue));
    }

    [Fact]
    public void BitLength_counts_numerator_and_denominator_bits()
    {
        Assert.Equal(1, BigRational.Zero.BitLength);          // 0 bits + 1 bit for the denominator 1
        Assert.Equal(2 + 2, new BigRational(-3, 2).BitLength); // |-3| = 0b11, 2 = 0b10
        Assert.Equal(101 + 1, new BigRational(BigInteger.One << 100).BitLength);
    }

    [Fact]
    public void Floor_rounds_toward_minus_infinity()
    {
        Assert.Equal(new BigInteger(1), new BigRational(3, 2).Floor());
        Assert.Equal(new BigInteger(-2), new BigRational(-3, 2).Floor());
        Assert.Equal(new BigInteger(-2), new BigRational(-2).Floor());
    }
}
