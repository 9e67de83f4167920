using Linea.Numerics;

namespace Linea.Tests.Core;

/// <summary>
/// <see cref="BFloat16"/> against bit patterns worked out by hand: a bfloat16 is the upper half of a float32, and
/// narrowing adds 0x7FFF plus the lowest kept bit before dropping the lower 16 bits (round to nearest, ties to even).
/// </summary>
public class BFloat16Tests
{
    private static ushort Bits(float f) => ((BFloat16)f).RawValue;
    private static float F(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    [Theory]
    [InlineData(0x3F80_0000u, 0x3F80)] // 1
    [InlineData(0x3F80_8000u, 0x3F80)] // 1 + 2^-8: halfway between 1 and 1 + 2^-7, ties to the even 1
    [InlineData(0x3F81_8000u, 0x3F82)] // 1 + 3 * 2^-8: halfway, ties to the even 1 + 2^-6
    [InlineData(0x3F80_8001u, 0x3F81)] // just above halfway rounds up
    [InlineData(0x3F80_7FFFu, 0x3F80)] // just below halfway rounds down
    [InlineData(0x3FFF_8000u, 0x4000)] // rounding carries into the exponent: 2 - 2^-8 ties up to 2
    [InlineData(0xBF80_8000u, 0xBF80)] // the sign does not change the rounding
    [InlineData(0x8000_0000u, 0x8000)] // -0 stays -0
    [InlineData(0x7F80_0000u, 0x7F80)] // +inf
    [InlineData(0xFF80_0000u, 0xFF80)] // -inf
    [InlineData(0x7F7F_7FFFu, 0x7F7F)] // below the halfway point to infinity: the largest finite bfloat16
    [InlineData(0x7F7F_8000u, 0x7F80)] // halfway between max (odd) and infinity: ties to even, infinity
    [InlineData(0x7F7F_FFFFu, 0x7F80)] // float32 max overflows to infinity
    [InlineData(0x0001_0000u, 0x0001)] // 2^-133, the smallest bfloat16 subnormal
    [InlineData(0x0000_8000u, 0x0000)] // 2^-134, halfway to it: ties to even zero
    [InlineData(0x0000_8001u, 0x0001)]
    [InlineData(0x0001_8000u, 0x0002)] // 3 * 2^-134: ties to even 2^-132
    [InlineData(0x0080_0000u, 0x0080)] // 2^-126, the smallest normal
    [InlineData(0x007F_FFFFu, 0x0080)] // the largest float subnormal rounds up to the smallest normal
    public void Narrowing_rounds_to_nearest_even(uint floatBits, int expected) =>
        Assert.Equal((ushort)expected, Bits(F(floatBits)));

    [Theory]
    [InlineData(0x7FC0_0000u, 0x7FC0)] // the quiet NaN
    [InlineData(0x7F80_0001u, 0x7FC0)] // a signalling NaN whose payload lies in the dropped bits: still NaN, not inf
    [InlineData(0xFFA0_0000u, 0xFFE0)] // sign and leading payload kept, quiet bit set
    [InlineData(0x7FFF_FFFFu, 0x7FFF)] // no carry out of a NaN
    public void NaN_stays_NaN(uint floatBits, int expected)
    {
        Assert.Equal((ushort)expected, Bits(F(floatBits)));
        Assert.True(BFloat16.IsNaN(BFloat16.FromRawValue((ushort)expected)));
    }

    [Fact]
    public void Widening_is_exact_and_properties_hold()
    {
        for (int b = 0; b <= 0xFFFF; b++)
        {
            var x = BFloat16.FromRawValue((ushort)b);
            float f = x;
            Assert.Equal((uint)b << 16, BitConverter.SingleToUInt32Bits(f));
            if (!float.IsNaN(f)) Assert.Equal((ushort)b, ((BFloat16)f).RawValue); // round trip
            Assert.Equal(float.IsNaN(f), BFloat16.IsNaN(x));
            Assert.Equal(float.IsInfinity(f), BFloat16.IsInfinity(x));
            Assert.Equal(float.IsFinite(f), BFloat16.IsFinite(x));
        }
        Assert.Equal(MathF.Pow(2, -133), (float)BFloat16.Epsilon);
        Assert.Equal((2 - MathF.Pow(2, -7)) * MathF.Pow(2, 127), (float)BFloat16.MaxValue);
        Assert.Equal(-(float)BFloat16.MaxValue, (float)BFloat16.MinValue);
        Assert.Equal(1f, (float)BFloat16.One);
        Assert.True(float.IsPositiveInfinity(BFloat16.PositiveInfinity));
        Assert.True(float.IsNegativeInfinity(BFloat16.NegativeInfinity));
    }

    [Fact]
    public void Double_narrows_in_one_rounding()
    {
        // 1 + 2^-8 + 2^-40 lies above the halfway point, so it rounds up; through float it would first become the tie
        // 1 + 2^-8 and then round down to 1.
        double x = 1 + Math.ScaleB(1.0, -8) + Math.ScaleB(1.0, -40);
        Assert.Equal(0x3F80, ((BFloat16)(float)x).RawValue);
        Assert.Equal(0x3F81, ((BFloat16)x).RawValue);
        Assert.Equal(0xBF81, ((BFloat16)(-x)).RawValue);
        Assert.Equal(0x3F80, ((BFloat16)(1 + Math.ScaleB(1.0, -8))).RawValue); // an exact tie still goes to even
        Assert.Equal(0x7F80, ((BFloat16)1e39).RawValue); // beyond float32's range: infinity
        Assert.Equal(0x7F7F, ((BFloat16)3.39e38).RawValue); // 3.39e38 / 2^127 = 1.9925: fraction 127.04 / 128
        Assert.Equal(0x7F78, ((BFloat16)3.3e38).RawValue); // 1.9395: fraction 120.26 / 128
        Assert.Equal(0x0000, ((BFloat16)1e-50).RawValue);
        Assert.Equal(0x8000, ((BFloat16)(-1e-50)).RawValue);
        Assert.Equal(0x0001, ((BFloat16)Math.ScaleB(1.0, -133)).RawValue);
        Assert.Equal(0x0001, ((BFloat16)(Math.ScaleB(1.0, -134) + Math.ScaleB(1.0, -160))).RawValue); // above the tie
        Assert.True(BFloat16.IsNaN((BFloat16)double.NaN));
        Assert.Equal(0xFF80, ((BFloat16)double.NegativeInfinity).RawValue);
        // Every double that is a float rounds as the float does.
        var rng = new Random(7);
        for (int i = 0; i < 10000; i++)
        {
            float f = BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32));
            if (float.IsNaN(f)) continue;
            Assert.Equal(((BFloat16)f).RawValue, ((BFloat16)(double)f).RawValue);
        }
    }

    [Fact]
    public void Half_conversions_go_through_float()
    {
        Assert.Equal(0x3F80, ((BFloat16)(Half)1).RawValue);
        Assert.Equal(0x4780, ((BFloat16)(Half)65504).RawValue); // 65504 = 2^15 (1 + 127.875/128): nearer 65536 (0x4780) than 65280
        Assert.Equal((Half)1, (Half)BFloat16.One);
        Assert.True(Half.IsPositiveInfinity((Half)(BFloat16)1e6f)); // beyond float16's range
    }

    [Fact]
    public void Equality_comparison_and_hashing_follow_float()
    {
        var nan = BFloat16.NaN;
        var otherNan = BFloat16.FromRawValue(0x7FC0);
        Assert.False(nan == otherNan);
        Assert.True(nan != otherNan);
        Assert.True(nan.Equals(nan));
        var zero = BFloat16.Zero;
        var negZero = BFloat16.FromRawValue(0x8000);
        Assert.True(zero == negZero);
        Assert.Equal(zero.GetHashCode(), negZero.GetHashCode());
        Assert.True((BFloat16)1f < (BFloat16)2f);
        Assert.True((BFloat16)2f >= (BFloat16)2f);
        Assert.False(nan < BFloat16.One);
        Assert.Equal(-1, nan.CompareTo(BFloat16.One));
        Assert.Equal(1, BFloat16.One.CompareTo(null));
        Assert.Throws<ArgumentException>(() => BFloat16.One.CompareTo((object)1f));
    }

    [Theory]
    [InlineData(0x3F80, "1")]
    [InlineData(0x3F81, "1.01")] // 1.0078125: 1.01 lies nearer to it than to 1 or 1.015625, so two digits suffice
    [InlineData(0x3DCD, "0.1")] // 0.10009765625
    [InlineData(0xC2F7, "-123.5")]
    [InlineData(0x7F7F, "3.39E+38")]
    public void Prints_the_shortest_round_trip_decimal(int bits, string text)
    {
        Assert.Equal(float.NaN.ToString(System.Globalization.CultureInfo.InvariantCulture), BFloat16.NaN.ToString());
        Assert.Equal(float.NegativeInfinity.ToString(System.Globalization.CultureInfo.InvariantCulture), BFloat16.NegativeInfinity.ToString());
        var x = BFloat16.FromRawValue((ushort)bits);
        Assert.Equal(text, x.ToString());
        if (BFloat16.IsFinite(x)) Assert.Equal((ushort)bits, BFloat16.Parse(text).RawValue);
        Assert.Equal(((float)x).ToString("F2", System.Globalization.CultureInfo.InvariantCulture), x.ToString("F2", null));
    }

    [Fact]
    public void Vector_conversions_match_the_scalar_ones_at_every_length()
    {
        var rng = new Random(3);
        uint[] special = [0x7F80_0001u, 0xFFA0_0000u, 0x3F80_8000u, 0x3F81_8000u, 0x7F7F_FFFFu, 0x0000_8000u, 0x8000_0000u, 0x7F80_0000u];
        for (int n = 0; n <= 100; n++)
        {
            var src = new float[n];
            for (int i = 0; i < n; i++)
                src[i] = F(i % 4 == 0 ? special[rng.Next(special.Length)] : (uint)rng.NextInt64(0, 1L << 32));
            var narrow = new BFloat16[n];
            HalfConvert.SingleToBFloat16(src, narrow);
            var wide = new float[n];
            HalfConvert.BFloat16ToSingle(narrow, wide);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(((BFloat16)src[i]).RawValue, narrow[i].RawValue);
                Assert.Equal((uint)narrow[i].RawValue << 16, BitConverter.SingleToUInt32Bits(wide[i]));
            }
        }
    }
}
