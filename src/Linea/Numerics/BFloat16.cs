using System.Globalization;
using System.Runtime.CompilerServices;

namespace Linea;

/// <summary>
/// The bfloat16 ("brain float") storage type of mixed-precision ML: the upper 16 bits of an IEEE float32 (1 sign bit,
/// 8 exponent bits, 7 stored fraction bits), so it has float32's range (about 3.4e38, subnormals down to 9.2e-41) with
/// 8 significant bits (unit roundoff 2^-8). .NET 10 has no such type (<see cref="Half"/> is IEEE float16, 5 exponent
/// bits and 11 significant bits), hence this one. Widening to float is exact; narrowing from float and double rounds
/// to nearest, ties to even, with overflow to infinity; NaN stays NaN (sign and leading payload bits kept, quiet bit
/// set). A storage type: arithmetic converts to float (<c>(float)x</c> is implicit and exact).
/// </summary>
/// <remarks>Equality follows IEEE for <c>==</c> (NaN differs from itself, +0 equals -0) and .NET's float for
/// <see cref="Equals(BFloat16)"/> (NaN equals NaN), so it works as a dictionary key.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "Conversion members are named after the types they convert to, as System.Half's are.")]
public readonly struct BFloat16 : IEquatable<BFloat16>, IComparable<BFloat16>, IComparable, IFormattable
{
    private readonly ushort _bits;

    private BFloat16(ushort bits) => _bits = bits;

    /// <summary>The bit pattern (sign, 8 exponent bits, 7 fraction bits).</summary>
    public ushort RawValue => _bits;

    /// <summary>The value with the given bit pattern.</summary>
    public static BFloat16 FromRawValue(ushort bits) => new(bits);

    /// <summary>Positive zero.</summary>
    public static BFloat16 Zero => new(0);
    /// <summary>One (0x3F80).</summary>
    public static BFloat16 One => new(0x3F80);
    /// <summary>The smallest positive (subnormal) value, 2^-133 (0x0001).</summary>
    public static BFloat16 Epsilon => new(0x0001);
    /// <summary>The largest finite value, (2 - 2^-7) 2^127, about 3.39e38 (0x7F7F).</summary>
    public static BFloat16 MaxValue => new(0x7F7F);
    /// <summary>The most negative finite value (0xFF7F).</summary>
    public static BFloat16 MinValue => new(0xFF7F);
    /// <summary>Positive infinity (0x7F80).</summary>
    public static BFloat16 PositiveInfinity => new(0x7F80);
    /// <summary>Negative infinity (0xFF80).</summary>
    public static BFloat16 NegativeInfinity => new(0xFF80);
    /// <summary>A quiet NaN (0x7FC0).</summary>
    public static BFloat16 NaN => new(0x7FC0);

    /// <summary>Whether the value is NaN.</summary>
    public static bool IsNaN(BFloat16 value) => (value._bits & 0x7FFF) > 0x7F80;
    /// <summary>Whether the value is positive or negative infinity.</summary>
    public static bool IsInfinity(BFloat16 value) => (value._bits & 0x7FFF) == 0x7F80;
    /// <summary>Whether the value is neither infinite nor NaN.</summary>
    public static bool IsFinite(BFloat16 value) => (value._bits & 0x7F80) != 0x7F80;

    /// <summary>Exact widening: the float whose upper 16 bits are these and whose lower 16 bits are zero.</summary>
    public static implicit operator float(BFloat16 value) => BitConverter.UInt32BitsToSingle((uint)value._bits << 16);

    /// <summary>Exact widening to double.</summary>
    public static explicit operator double(BFloat16 value) => (float)value;

    /// <summary>Rounds to nearest, ties to even (1 + 2^-8 gives 1, 1 + 3 * 2^-8 gives 1 + 2^-6); values from about
    /// 3.3961e38 up give infinity; NaN stays NaN.</summary>
    public static explicit operator BFloat16(float value) => new(RoundToBFloat16Bits(BitConverter.SingleToUInt32Bits(value)));

    /// <summary>Rounds to nearest, ties to even, in one rounding (not through float, which could round twice).</summary>
    public static explicit operator BFloat16(double value)
    {
        // Round to float toward zero and mark any discarded bits in the lowest bit ("round to odd"): float keeps 24 bits,
        // more than the 8 + 2 that make the second rounding, to nearest even at bfloat16, give the correctly rounded result.
        float f = (float)value;
        if (double.IsNaN(value) || double.IsInfinity(value)) return (BFloat16)f;
        if (Math.Abs((double)f) > Math.Abs(value)) f = MathF.BitDecrement(Math.Abs(f)) * (value < 0 ? -1 : 1);
        uint bits = BitConverter.SingleToUInt32Bits(f);
        if ((double)f != value) bits |= 1;
        return new(RoundToBFloat16Bits(bits));
    }

    /// <summary>Rounds to float16 through float: exact widening, then one rounding to nearest even.</summary>
    public static explicit operator Half(BFloat16 value) => (Half)(float)value;

    /// <summary>Exact: every float16 value is a float, and bfloat16 rounds it to nearest even.</summary>
    public static explicit operator BFloat16(Half value) => (BFloat16)(float)value;

    /// <summary>The bfloat16 bits of a float's bits, rounded to nearest, ties to even; NaN kept quiet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort RoundToBFloat16Bits(uint bits)
    {
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) return (ushort)((bits >> 16) | 0x0040);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    /// <summary>IEEE equality: false if either is NaN; +0 equals -0.</summary>
    public static bool operator ==(BFloat16 left, BFloat16 right) => (float)left == (float)right;
    /// <summary>IEEE inequality: true if either is NaN.</summary>
    public static bool operator !=(BFloat16 left, BFloat16 right) => (float)left != (float)right;
    /// <summary>IEEE ordering (false when either is NaN).</summary>
    public static bool operator <(BFloat16 left, BFloat16 right) => (float)left < (float)right;
    /// <summary>IEEE ordering (false when either is NaN).</summary>
    public static bool operator >(BFloat16 left, BFloat16 right) => (float)left > (float)right;
    /// <summary>IEEE ordering (false when either is NaN).</summary>
    public static bool operator <=(BFloat16 left, BFloat16 right) => (float)left <= (float)right;
    /// <summary>IEEE ordering (false when either is NaN).</summary>
    public static bool operator >=(BFloat16 left, BFloat16 right) => (float)left >= (float)right;

    /// <summary>As <see cref="float.Equals(float)"/>: NaN equals NaN, +0 equals -0.</summary>
    public bool Equals(BFloat16 other) => ((float)this).Equals((float)other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BFloat16 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((float)this).GetHashCode();

    /// <summary>As <see cref="float.CompareTo(float)"/>: NaN sorts first.</summary>
    public int CompareTo(BFloat16 other) => ((float)this).CompareTo((float)other);

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        BFloat16 other => CompareTo(other),
        _ => throw new ArgumentException("bfloat16: can only compare with another BFloat16", nameof(obj)),
    };

    /// <summary>The shortest decimal that converts back to this value (culture-invariant): 1 + 2^-7 prints "1.008".</summary>
    public override string ToString() => ToString(null, null);

    /// <summary>
    /// The value through <paramref name="format"/> as float formats it; a null, empty or "R" format gives the shortest
    /// decimal that converts back to this value (O(1): at most 9 trial formats).
    /// </summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        float f = this;
        formatProvider ??= CultureInfo.InvariantCulture;
        if (!string.IsNullOrEmpty(format) && format != "R" && format != "r") return f.ToString(format, formatProvider);
        if (!float.IsFinite(f) || f == 0) return f.ToString(formatProvider);
        for (int digits = 1; digits < 9; digits++)
        {
            string s = f.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), formatProvider);
            if (float.TryParse(s, NumberStyles.Float, formatProvider, out float back) && ((BFloat16)back)._bits == _bits) return s;
        }
        return f.ToString(formatProvider);
    }

    /// <summary>Parses a decimal number (culture-invariant by default) and rounds it to nearest bfloat16.</summary>
    /// <exception cref="FormatException">The text is not a number.</exception>
    public static BFloat16 Parse(string s, IFormatProvider? provider = null) =>
        (BFloat16)double.Parse(s, NumberStyles.Float, provider ?? CultureInfo.InvariantCulture);
}
