using System.Globalization;
using System.Numerics;

namespace Linea.Calc.Exact;

public readonly partial struct BigRational
{
    /// <summary>
    /// Parses an exact number: an integer ("3", "-17"), a fraction ("-3/2", "6/4" gives 3/2), or a decimal with an
    /// optional exponent ("0.25", ".5", "1e-3", "2.5E+4"), each read exactly (0.1 is 1/10). Both sides of a fraction
    /// may be decimals ("1.5/2"). Surrounding white space is ignored.
    /// </summary>
    /// <exception cref="FormatException">The text is not such a number.</exception>
    /// <exception cref="DivideByZeroException">The denominator of a fraction is zero.</exception>
    /// <exception cref="CalcLimitException">The exponent would make a number over <see cref="ExactLimits.MaxBits"/> bits.</exception>
    public static BigRational Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        int slash = s.IndexOf('/');
        if (slash < 0) return ParseDecimal(s, checkLimits: true);
        var num = ParseDecimal(s[..slash].Trim(), checkLimits: true);
        var den = ParseDecimal(s[(slash + 1)..].Trim(), checkLimits: true);
        if (den.IsZero) throw new DivideByZeroException($"the fraction '{text}' has a zero denominator");
        return num / den;
    }

    /// <summary>Like <see cref="Parse"/>, but returns false instead of throwing a <see cref="FormatException"/> or a division by zero.</summary>
    public static bool TryParse(string? text, out BigRational value)
    {
        value = Zero;
        if (text is null) return false;
        try
        {
            value = Parse(text);
            return true;
        }
        catch (FormatException) { return false; }
        catch (DivideByZeroException) { return false; }
    }

    /// <summary>[sign] digits [. digits] [(e|E) [sign] digits], at least one digit in the mantissa.</summary>
    private static BigRational ParseDecimal(string s, bool checkLimits)
    {
        int i = 0;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        int intStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        string intDigits = s[intStart..i];
        string fracDigits = "";
        if (i < s.Length && s[i] == '.')
        {
            int fracStart = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            fracDigits = s[fracStart..i];
        }
        if (intDigits.Length + fracDigits.Length == 0) throw BadNumber(s);
        long exponent = 0;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            bool expNegative = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) expNegative = s[i++] == '-';
            int expStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == expStart) throw BadNumber(s);
            // Saturate: anything beyond a billion is over every limit anyway.
            var expText = s[expStart..i].TrimStart('0');
            exponent = expText.Length > 10 ? 10_000_000_000L : (expText.Length == 0 ? 0 : long.Parse(expText, CultureInfo.InvariantCulture));
            if (expNegative) exponent = -exponent;
        }
        if (i != s.Length) throw BadNumber(s);

        var digits = (intDigits + fracDigits).TrimStart('0');
        if (digits.Length == 0) return Zero;
        long scale = exponent - fracDigits.Length; // value = digits * 10^scale
        if (checkLimits)
        {
            // 10^k has about 3.33 k bits.
            double bits = digits.Length * 3.33 + Math.Abs((double)scale) * 3.33;
            if (bits > ExactLimits.MaxBits)
                throw new CalcLimitException(
                    $"exact number '{s}' would need about {bits:0} bits, beyond the limit of {ExactLimits.MaxBits} bits; use float(...)");
        }
        var mantissa = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative) mantissa = -mantissa;
        if (scale >= 0) return new BigRational(mantissa * BigInteger.Pow(10, (int)scale));
        return new BigRational(mantissa, BigInteger.Pow(10, (int)-scale));
    }

    private static FormatException BadNumber(string s) =>
        new($"'{s}' is not a number; write an integer (3), a fraction (-3/2) or a decimal (0.25, 1e-3, 2.5E+4)");
}
