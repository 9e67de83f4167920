using System.Globalization;
using System.Numerics;

namespace Linea;

// NumPy's float style: the scalar repr, and one FloatingFormat chosen for all the elements shown.
internal static partial class ArrayPrinter
{
    /// <summary>
    /// A 0-d tensor prints as NumPy prints a scalar (Python's repr of a float): the shortest round-trip digits,
    /// positional for 1e-4 &lt;= |x| &lt; 1e16 ("1.0", "0.0001"), scientific otherwise ("1e+16", "1.5e-05").
    /// </summary>
    internal static string ScalarString<T>(T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNaN(value)) return "nan";
        if (T.IsInfinity(value)) return T.IsNegative(value) ? "-inf" : "inf";
        var d = DecimalDigits.Shortest(value);
        string sign = T.IsNegative(value) ? "-" : "";
        double a = Math.Abs(double.CreateTruncating(value));
        if (a == 0 || (a >= 1e-4 && a < 1e16))
        {
            var (ip, fp) = d.Positional();
            return sign + ip + "." + (fp.Length == 0 ? "0" : fp);
        }
        int e = d.Point - 1;
        string mantissa = d.Digits.Length == 1 ? d.Digits : d.Digits[..1] + "." + d.Digits[1..];
        return sign + mantissa + ExponentString(e, 2);
    }

    internal static string ExponentString(int e, int digits) =>
        "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');

    /// <summary>
    /// NumPy's <c>FloatingFormat</c> with its defaults (floatmode "maxprec", precision 8, sign "-", or sign "+" for
    /// the imaginary parts of complex numbers): decides once, from the finite values shown, between positional and
    /// scientific notation and the paddings that align them.
    /// </summary>
    private sealed class FloatStyle<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly bool _plus;        // sign "+": non-negative values get a '+'
        private readonly bool _scientific;
        private readonly int _padLeft, _padRight;
        private readonly int _fracDigits;   // scientific: digits after the point in every mantissa
        private readonly int _expDigits;    // scientific: digits in every exponent

        public FloatStyle(List<T> values, bool plusSign = false)
        {
            _plus = plusSign;
            // Scientific when the nonzero magnitudes are very large, very small, or spread over more than 3 decades.
            T maxVal = T.Zero, minVal = T.PositiveInfinity;
            bool anyFinite = false, anyNonFinite = false, negInf = false;
            foreach (T v in values)
            {
                if (!T.IsFinite(v))
                {
                    anyNonFinite = true;
                    if (T.IsNegativeInfinity(v)) negInf = true;
                    continue;
                }
                anyFinite = true;
                if (T.IsZero(v)) continue;
                T a = T.Abs(v);
                if (a > maxVal) maxVal = a;
                if (a < minVal) minVal = a;
            }
            if (maxVal > T.Zero)
            {
                // NumPy 1.x compares the thresholds in double but divides in the element type.
                _scientific = double.CreateTruncating(maxVal) >= 1e8
                    || double.CreateTruncating(minVal) < 1e-4
                    || maxVal / minVal > T.CreateTruncating(1000);
            }

            if (!anyFinite)
            {
                _padLeft = _padRight = 0;
            }
            else if (_scientific)
            {
                int padLeft = 0, frac = 0, expDigits = 2;
                foreach (T v in values)
                {
                    if (!T.IsFinite(v)) continue;
                    var (mantissa, e) = DecimalDigits.Shortest(v).Scientific(v, Precision);
                    padLeft = Math.Max(padLeft, T.IsNegative(v) || plusSign ? 2 : 1);
                    frac = Math.Max(frac, mantissa.Length - 1);
                    expDigits = Math.Max(expDigits, Math.Abs(e).ToString(CultureInfo.InvariantCulture).Length);
                }
                _padLeft = padLeft;
                _fracDigits = frac;
                _expDigits = expDigits;
                _padRight = expDigits + 2 + frac;
            }
            else
            {
                int padLeft = 0, padRight = 0;
                foreach (T v in values)
                {
                    if (!T.IsFinite(v)) continue;
                    var (ip, fp) = DecimalDigits.Shortest(v).Positional(v, Precision);
                    padLeft = Math.Max(padLeft, ip.Length + (T.IsNegative(v) || plusSign ? 1 : 0));
                    padRight = Math.Max(padRight, fp.Length);
                }
                _padLeft = padLeft;
                _padRight = padRight;
            }

            if (anyNonFinite)
            {
                int offset = _padRight + 1; // +1 for the decimal point
                _padLeft = Math.Max(_padLeft, Math.Max(3 - offset, 3 + (negInf || plusSign ? 1 : 0) - offset));
            }
        }

        public string Format(T v)
        {
            if (!T.IsFinite(v))
            {
                string word = T.IsNaN(v) ? (_plus ? "+nan" : "nan") : T.IsNegative(v) ? "-inf" : _plus ? "+inf" : "inf";
                return word.PadLeft(_padLeft + _padRight + 1);
            }
            string sign = T.IsNegative(v) ? "-" : _plus ? "+" : "";
            var d = DecimalDigits.Shortest(v);
            if (_scientific)
            {
                var (mantissa, e) = d.Scientific(v, _fracDigits, exactDigits: _fracDigits);
                return (sign + mantissa[..1]).PadLeft(_padLeft) + "." + mantissa[1..] + ExponentString(e, _expDigits);
            }
            var (ip, fp) = d.Positional(v, Precision, exactInteger: true);
            return (sign + ip).PadLeft(_padLeft) + "." + fp.PadRight(_padRight);
        }
    }
}
