using System.Globalization;
using System.Numerics;

namespace Linea;

// Exact decimal digits of binary floats: shortest round-trip, positional and scientific roundings.
internal static partial class ArrayPrinter
{
    /// <summary>
    /// The decimal digits of a float's magnitude: <see cref="Digits"/> without leading or trailing zeros (empty for
    /// zero) and the position of the decimal point among them, so 123.45 is ("12345", 3) and 0.00012 is ("12", -3).
    /// </summary>
    private readonly record struct DecimalDigits(string Digits, int Point)
    {
        /// <summary>
        /// The shortest digits that round-trip in the element's own type (float or double), the nearest such when
        /// several. .NET's own shortest form is used when it parses back; it can miss at powers of two, whose
        /// lower neighbour is closer than the upper one (2^-25 gives "2.980232238769531E-08", which parses to the
        /// float below), and then the digits are searched exactly.
        /// </summary>
        public static DecimalDigits Shortest<T>(T value) where T : unmanaged, IFloatingPointIeee754<T>
        {
            string s = value.ToString(null, CultureInfo.InvariantCulture); // e.g. "-1.5E-05"
            if (T.IsFinite(value) && !T.IsZero(value) && T.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) != value)
                return SearchShortest(value);
            if (s.StartsWith('-')) s = s[1..];
            int exp = 0, ePos = s.IndexOf('E');
            if (ePos >= 0)
            {
                exp = int.Parse(s.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                s = s[..ePos];
            }
            int dot = s.IndexOf('.');
            int point = (dot >= 0 ? dot : s.Length) + exp;
            string digits = dot >= 0 ? s.Remove(dot, 1) : s;
            int lead = 0;
            while (lead < digits.Length && digits[lead] == '0') lead++;
            digits = digits[lead..].TrimEnd('0');
            return digits.Length == 0 ? new DecimalDigits("", 1) : new DecimalDigits(digits, point - lead);
        }

        /// <summary>Fewest significant digits p whose rounding down or up (nearer first) parses back to the value.</summary>
        private static DecimalDigits SearchShortest<T>(T value) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T magnitude = T.Abs(value);
            int e = Exponent10(magnitude);
            int maxDigits = typeof(T) == typeof(float) ? 9 : 17;
            for (int p = 1; p <= maxDigits; p++)
            {
                var (floor, half) = Scaled(magnitude, p - 1 - e);
                BigInteger first = half > 0 ? floor + 1 : floor, second = half > 0 ? floor : floor + 1;
                foreach (var c in (ReadOnlySpan<BigInteger>)[first, second])
                {
                    if (c.IsZero) continue;
                    string digits = c.ToString(CultureInfo.InvariantCulture);
                    int point = digits.Length + e - (p - 1);
                    string text = digits + "E" + (point - digits.Length).ToString(CultureInfo.InvariantCulture);
                    if (T.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == magnitude)
                        return new DecimalDigits(digits.TrimEnd('0'), point);
                }
            }
            return new DecimalDigits(ExactRound(magnitude, maxDigits - 1 - e).ToString(CultureInfo.InvariantCulture).TrimEnd('0'), e + 1);
        }

        /// <summary>Integer and fraction digits of the magnitude, unrounded ("0" and "" for zero).</summary>
        public (string Int, string Frac) Positional()
        {
            if (Digits.Length == 0) return ("0", "");
            string ip = Point <= 0 ? "0" : Point >= Digits.Length ? Digits + new string('0', Point - Digits.Length) : Digits[..Point];
            string fp = Point >= Digits.Length ? "" : Point < 0 ? new string('0', -Point) + Digits : Digits[Point..];
            return (ip, fp);
        }

        /// <summary>
        /// Positional digits with at most <paramref name="maxFrac"/> after the point: the shortest digits when they fit,
        /// otherwise the exact value rounded half to even at that place; trailing zeros of the fraction dropped.
        /// With <paramref name="exactInteger"/>, digits the shortest form leaves as zeros before the point come from
        /// the exact value (NumPy's <c>min_digits=0</c>: a float32 91426752 prints so, not as 91426750).
        /// </summary>
        public (string Int, string Frac) Positional<T>(T value, int maxFrac, bool exactInteger = false) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (exactInteger && Digits.Length > 0 && Point > Digits.Length)
                return (ExactRound(value, 0).ToString(CultureInfo.InvariantCulture), ""); // such a value is an integer
            if (Digits.Length - Point <= maxFrac) return Positional();
            string s = ExactRound(value, maxFrac).ToString(CultureInfo.InvariantCulture).PadLeft(maxFrac + 1, '0');
            return (s[..^maxFrac], s[^maxFrac..].TrimEnd('0'));
        }

        /// <summary>
        /// Scientific mantissa digits (first digit, then the fraction, no point) and decimal exponent, with at most
        /// <paramref name="maxFrac"/> fraction digits: the shortest digits when they fit, otherwise the exact value
        /// rounded half to even; trailing zeros dropped. With <paramref name="exactDigits"/>, exactly that many fraction
        /// digits, the extra ones taken from the exact binary value (NumPy's <c>min_digits</c>).
        /// </summary>
        public (string Mantissa, int Exponent) Scientific<T>(T value, int maxFrac, int exactDigits = -1) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (Digits.Length == 0) return ("0" + new string('0', Math.Max(exactDigits, 0)), 0);
            int e = Point - 1, have = Digits.Length - 1;
            if (exactDigits < 0 ? have <= maxFrac : have == exactDigits) return (Digits, e);
            int want = exactDigits < 0 ? maxFrac : exactDigits;
            e = Exponent10(value); // the shortest form may have rounded up to a power of ten (float32 1e18 is 9.99999984e17)
            string s = ExactRound(value, want - e).ToString(CultureInfo.InvariantCulture);
            if (s.Length > want + 1)
            {
                e++; // rounding carried into a new leading digit: 9.99... became 10.0
                s = s[..(want + 1)];
            }
            return (exactDigits < 0 ? s.TrimEnd('0') : s, e);
        }

        /// <summary>The decimal exponent of a finite nonzero value: 10^e &lt;= |value| &lt; 10^(e+1), exactly.</summary>
        private static int Exponent10<T>(T value) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int e = (int)Math.Floor(Math.Log10(Math.Abs(double.CreateTruncating(value))));
            while (true)
            {
                var (q, _) = Scaled(value, -e);
                if (q.IsZero) e--;
                else if (q >= 10) e++;
                else return e;
            }
        }

        /// <summary>round(|value| × 10^scale), half to even, computed exactly from the binary value.</summary>
        private static BigInteger ExactRound<T>(T value, int scale) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var (q, half) = Scaled(value, scale);
            return half > 0 || (half == 0 && !q.IsEven) ? q + 1 : q;
        }

        /// <summary>
        /// floor(|value| × 10^scale) exactly, and how the remainder compares with one half (-1, 0, +1).
        /// </summary>
        private static (BigInteger Floor, int Half) Scaled<T>(T value, int scale) where T : unmanaged, IFloatingPointIeee754<T>
        {
            double x = Math.Abs(double.CreateTruncating(value)); // exact for float
            long bits = BitConverter.DoubleToInt64Bits(x);
            int biased = (int)(bits >> 52);
            long frac = bits & ((1L << 52) - 1);
            BigInteger m = biased == 0 ? frac : frac | (1L << 52);
            int e2 = biased == 0 ? -1074 : biased - 1075;

            BigInteger num = m, den = BigInteger.One;
            if (e2 >= 0) num <<= e2; else den <<= -e2;
            if (scale >= 0) num *= BigInteger.Pow(10, scale); else den *= BigInteger.Pow(10, -scale);
            var q = BigInteger.DivRem(num, den, out var r);
            return (q, (r * 2).CompareTo(den));
        }
    }
}
