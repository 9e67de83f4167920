using System.Globalization;
using System.Numerics;
using System.Text;

namespace Linea;

public sealed partial class Tensor<TScalar> : IFormattable
{
    /// <summary>
    /// The elements as NumPy's <c>str(a)</c> prints them: nested brackets by rank, values right-aligned in
    /// columns of one width across the whole tensor, rows wrapped at 75 characters, a blank line between
    /// 3-d blocks, and NumPy's float style (<c>[0.5  0.25 1.  ]</c>, <c>[1.e+10 1.e+00]</c>, <c>nan</c>, <c>inf</c>)
    /// with at most 8 digits after the decimal point. Tensors of more than 1000 elements are summarised:
    /// the first and last 3 entries of each long axis, with <c>...</c> between. A 0-d tensor prints its value
    /// alone (<c>1.0</c>), an empty one <c>[]</c>. Culture-invariant.
    /// </summary>
    /// <example><c>Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }).ToString()</c> is <c>"[[1. 2.]\n [3. 4.]]"</c>.</example>
    public override string ToString() => ArrayPrinter.Format(this, null, null);

    /// <summary>
    /// The elements in the layout of <see cref="ToString()"/>, each written with the .NET numeric format string
    /// <paramref name="format"/> (<c>"F2"</c>, <c>"E3"</c>, <c>"G4"</c>, ...) and right-aligned to the widest one.
    /// A null or empty <paramref name="format"/> gives NumPy's default style, as <see cref="ToString()"/>.
    /// </summary>
    /// <param name="format">A standard or custom numeric format string, or null for NumPy's style.</param>
    /// <param name="formatProvider">The culture for <paramref name="format"/>; null means the invariant culture.
    /// NumPy's default style is always culture-invariant.</param>
    /// <example><c>A.ToString("F2", null)</c> gives <c>"[[1.00 2.50]\n [3.00 4.00]]"</c>.</example>
    public string ToString(string? format, IFormatProvider? formatProvider) => ArrayPrinter.Format(this, format, formatProvider);
}

/// <summary>
/// NumPy's array printing (<c>numpy.array2string</c> with its defaults and <c>numpy.array_str</c> for 0-d):
/// chooses one float style for the elements shown, then lays them out in nested, wrapped, aligned rows.
/// </summary>
internal static partial class ArrayPrinter
{
    /// <summary>Most digits after the decimal point (NumPy's <c>precision</c>).</summary>
    internal const int Precision = 8;

    /// <summary>Tensors with more elements than this are summarised (NumPy's <c>threshold</c>).</summary>
    internal const int Threshold = 1000;

    /// <summary>Entries kept at each end of a summarised axis (NumPy's <c>edgeitems</c>).</summary>
    internal const int EdgeItems = 3;

    /// <summary>Characters per line before a row wraps (NumPy's <c>linewidth</c>).</summary>
    internal const int LineWidth = 75;

    private const string SummaryInsert = "...";

    /// <summary>
    /// Prints <paramref name="t"/>: NumPy's style when <paramref name="format"/> is null or empty, otherwise each
    /// element through <paramref name="format"/> and <paramref name="provider"/> (invariant when null).
    /// </summary>
    public static string Format<T>(Tensor<T> t, string? format, IFormatProvider? provider)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool numpyStyle = string.IsNullOrEmpty(format);
        provider ??= CultureInfo.InvariantCulture;
        if (t.Rank == 0)
        {
            T v = t.Store.At(t.Offset);
            return numpyStyle ? ScalarString(v) : v.ToString(format, provider);
        }
        if (t.Size == 0) return "[]";

        bool summarize = t.Size > Threshold;
        var shown = new List<T>();
        Gather(t, 0, t.Offset, summarize, shown);

        var words = new string[shown.Count];
        if (numpyStyle)
        {
            var style = new FloatStyle<T>(shown);
            for (int i = 0; i < words.Length; i++) words[i] = style.Format(shown[i]);
        }
        else
        {
            int width = 0;
            for (int i = 0; i < words.Length; i++)
            {
                words[i] = shown[i].ToString(format, provider);
                width = Math.Max(width, words[i].Length);
            }
            for (int i = 0; i < words.Length; i++) words[i] = words[i].PadLeft(width);
        }

        int next = 0;
        return Layout(t.Dims, 0, words, ref next, summarize, " ", LineWidth);
    }

    /// <summary>Whether an axis of length <paramref name="n"/> shows only its first and last <see cref="EdgeItems"/> entries.</summary>
    private static bool Summarised(long n, bool summarize) => summarize && n > 2 * EdgeItems;

    /// <summary>Collects the elements that will be printed, in C order (a strided walk; no contiguity assumed).</summary>
    private static void Gather<T>(Tensor<T> t, int axis, long offset, bool summarize, List<T> into)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (axis == t.Rank)
        {
            into.Add(t.Store.At(offset));
            return;
        }
        long n = t.Dims[axis], stride = t.StrideArray[axis];
        if (Summarised(n, summarize))
        {
            for (long i = 0; i < EdgeItems; i++) Gather(t, axis + 1, offset + i * stride, summarize, into);
            for (long i = n - EdgeItems; i < n; i++) Gather(t, axis + 1, offset + i * stride, summarize, into);
        }
        else
        {
            for (long i = 0; i < n; i++) Gather(t, axis + 1, offset + i * stride, summarize, into);
        }
    }

    /// <summary>
    /// NumPy's <c>_formatArray</c>: brackets the sub-array at <paramref name="axis"/>; the last axis is one row of
    /// words wrapped at <paramref name="width"/>, outer axes put each sub-array on its own line(s) with
    /// (rank - axis - 1) newlines between them. Words are consumed from <paramref name="words"/> in order.
    /// </summary>
    private static string Layout(long[] dims, int axis, string[] words, ref int next, bool summarize, string hangingIndent, int width)
    {
        int axesLeft = dims.Length - axis;
        if (axesLeft == 0) return words[next++];

        string nextIndent = hangingIndent + " ";
        int nextWidth = width - 1; // room for the closing ']'
        int n = (int)Math.Min(dims[axis], int.MaxValue);
        bool showSummary = Summarised(n, summarize);
        int leading = showSummary ? EdgeItems : 0;
        int trailing = showSummary ? EdgeItems : n;

        var s = new StringBuilder();
        if (axesLeft == 1)
        {
            int elemWidth = width - 1;
            var line = new StringBuilder(hangingIndent);
            for (int i = 0; i < leading; i++)
            {
                ExtendLine(s, line, Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth), elemWidth, hangingIndent);
                line.Append(' ');
            }
            if (showSummary)
            {
                ExtendLine(s, line, SummaryInsert, elemWidth, hangingIndent);
                line.Append(' ');
            }
            for (int i = trailing; i > 1; i--)
            {
                ExtendLine(s, line, Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth), elemWidth, hangingIndent);
                line.Append(' ');
            }
            ExtendLine(s, line, Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth), elemWidth, hangingIndent);
            s.Append(line);
        }
        else
        {
            string lineSep = new('\n', axesLeft - 1);
            for (int i = 0; i < leading; i++)
                s.Append(hangingIndent).Append(Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth)).Append(lineSep);
            if (showSummary)
                s.Append(hangingIndent).Append(SummaryInsert).Append(lineSep);
            for (int i = trailing; i > 1; i--)
                s.Append(hangingIndent).Append(Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth)).Append(lineSep);
            s.Append(hangingIndent).Append(Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth));
        }
        return "[" + s.ToString(hangingIndent.Length, s.Length - hangingIndent.Length) + "]";
    }

    /// <summary>Appends a word to the line, first moving to a new line when it would pass the width (unless that cannot help).</summary>
    private static void ExtendLine(StringBuilder s, StringBuilder line, string word, int width, string nextLinePrefix)
    {
        if (line.Length + word.Length > width && line.Length > nextLinePrefix.Length)
        {
            int end = line.Length;
            while (end > 0 && line[end - 1] == ' ') end--;
            s.Append(line.ToString(0, end)).Append('\n');
            line.Clear().Append(nextLinePrefix);
        }
        line.Append(word);
    }

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
