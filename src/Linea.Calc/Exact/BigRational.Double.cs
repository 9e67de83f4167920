using System.Globalization;
using System.Numerics;

namespace Linea.Calc.Exact;

public readonly partial struct BigRational
{
    /// <summary>
    /// The exact value of the binary double <paramref name="value"/>: 0.1 gives 3602879701896397/36028797018963968.
    /// Use <see cref="FromDoubleShortest"/> for the decimal the user most likely meant.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public static BigRational FromDouble(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} has no exact rational value", nameof(value));
        if (value == 0) return Zero;
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; // subnormal: no hidden bit, same scale as the smallest normal
        else mantissa |= 1L << 52;
        int shift = exponent - 1075; // value = mantissa * 2^shift
        BigInteger m = negative ? -mantissa : mantissa;
        if (shift >= 0) return new BigRational(m << shift);
        return new BigRational(m, BigInteger.One << -shift);
    }

    /// <summary>
    /// The shortest decimal that round-trips to <paramref name="value"/> (what <c>double.ToString("R")</c> prints),
    /// as an exact fraction: 0.1 gives 1/10, 1e-3 gives 1/1000, 2.5 gives 5/2. This is the value a user typing a
    /// decimal literal meant.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public static BigRational FromDoubleShortest(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} has no exact rational value", nameof(value));
        return ParseDecimal(value.ToString("R", CultureInfo.InvariantCulture), checkLimits: false);
    }

    /// <summary>
    /// The double nearest to the number, ties to even (correctly rounded, as IEEE 754 division of exact operands
    /// would give), also when numerator and denominator are far beyond the double range; overflow gives ±infinity,
    /// underflow gives a subnormal or ±0. Cost O(b) in the bit length b plus one division.
    /// </summary>
    public double ToDouble()
    {
        if (_num.IsZero) return 0.0;
        bool negative = _num.Sign < 0;
        var n = BigInteger.Abs(_num);
        var d = Denominator;
        long nb = (long)n.GetBitLength(), db = (long)d.GetBitLength();
        // The value lies in [2^(nb-db-1), 2^(nb-db+1)): settle overflow and deep underflow before shifting.
        if (nb - db - 1 >= 1024) return negative ? double.NegativeInfinity : double.PositiveInfinity;
        if (nb - db + 1 <= -1075) return negative ? -0.0 : 0.0;
        // Scale so that the integer quotient q = floor(n 2^s / d) has 65 or 66 bits: enough for 53 bits,
        // a rounding bit and sticky information in the remainder.
        long s = 65 - (nb - db);
        BigInteger num = s >= 0 ? n << (int)s : n;
        BigInteger den = s < 0 ? d << (int)-s : d;
        var q = BigInteger.DivRem(num, den, out var rem);
        bool sticky = !rem.IsZero;
        long qBits = (long)q.GetBitLength();
        long topExponent = qBits - 1 - s; // the value lies in [2^topExponent, 2^(topExponent+1))
        if (topExponent > 1023) return negative ? double.NegativeInfinity : double.PositiveInfinity;
        // Bits of q to keep: 53 for normal numbers, fewer for subnormals (whose last bit has weight 2^-1074).
        long keep = topExponent >= -1022 ? 53 : 53 - (-1022 - topExponent);
        if (keep < 0) return negative ? -0.0 : 0.0; // below 2^-1075: rounds to zero
        int drop = (int)(qBits - keep);
        BigInteger mant = q >> drop;
        bool roundBit = drop > 0 && !(q >> (drop - 1)).IsEven;
        if (!sticky && drop > 1)
            sticky = !(q & ((BigInteger.One << (drop - 1)) - 1)).IsZero;
        if (roundBit && (sticky || !mant.IsEven)) mant += 1;
        // mant has at most 54 bits (a carry gives a power of two), so the conversion and the scaling are exact,
        // except for an overflow to infinity, which is then the correct result.
        double r = Math.ScaleB((double)(ulong)mant, (int)(drop - s));
        return negative ? -r : r;
    }

    /// <summary>The double nearest to the number (see <see cref="ToDouble"/>).</summary>
    public static explicit operator double(BigRational x) => x.ToDouble();
}
