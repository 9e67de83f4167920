using System.Globalization;
using System.Numerics;

namespace Linea;

// NumPy's complex printing (ComplexFloatingFormat) and Python's complex repr for 0-d tensors.
internal static partial class ArrayPrinter
{
    /// <summary>
    /// NumPy's printing of a complex array (<c>ComplexFloatingFormat</c>): the real parts share one float style, the
    /// imaginary parts another with sign "+", and each element is real word + imaginary word with <c>j</c> placed
    /// before the imaginary word's padding; then the usual layout. A 0-d tensor prints as Python's complex repr.
    /// </summary>
    public static string FormatComplex<T>(NDArray<T> re, NDArray<T> im, string? format, IFormatProvider? provider)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool numpyStyle = string.IsNullOrEmpty(format);
        provider ??= CultureInfo.InvariantCulture;
        if (re.Rank == 0)
        {
            T r = re.Store.At(re.Offset), i = im.Store.At(im.Offset);
            if (!numpyStyle) return r.ToString(format, provider) + (T.IsNegative(i) ? "" : "+") + i.ToString(format, provider) + "j";
            return PythonComplexRepr(r, i);
        }
        if (re.Size == 0) return "[]";

        bool summarize = re.Size > Threshold;
        var reShown = new List<T>();
        var imShown = new List<T>();
        Gather(re, 0, re.Offset, summarize, reShown);
        Gather(im, 0, im.Offset, summarize, imShown);

        var words = new string[reShown.Count];
        if (numpyStyle)
        {
            var reStyle = new FloatStyle<T>(reShown);
            var imStyle = new FloatStyle<T>(imShown, plusSign: true);
            for (int k = 0; k < words.Length; k++)
            {
                string iw = imStyle.Format(imShown[k]);
                int sp = iw.TrimEnd(' ').Length;
                words[k] = reStyle.Format(reShown[k]) + iw[..sp] + "j" + iw[sp..];
            }
        }
        else
        {
            int width = 0;
            for (int k = 0; k < words.Length; k++)
            {
                T i = imShown[k];
                words[k] = reShown[k].ToString(format, provider) + (T.IsNegative(i) ? "" : "+") + i.ToString(format, provider) + "j";
                width = Math.Max(width, words[k].Length);
            }
            for (int k = 0; k < words.Length; k++) words[k] = words[k].PadLeft(width);
        }

        int next = 0;
        return Layout(re.Dims, 0, words, ref next, summarize, " ", LineWidth);
    }

    /// <summary>Python's repr of a complex number: <c>(1+2j)</c>, <c>(1.5-0.5j)</c>, <c>1j</c> when the real part is +0.</summary>
    private static string PythonComplexRepr<T>(T r, T i) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string im = PythonFloatPart(i);
        if (r == T.Zero && !T.IsNegative(r)) return im + "j";
        if (!im.StartsWith('-')) im = "+" + im;
        return "(" + PythonFloatPart(r) + im + "j)";
    }

    /// <summary>A float as Python's complex repr writes a part: the shortest repr without a trailing ".0".</summary>
    private static string PythonFloatPart<T>(T v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string s = ScalarString(v);
        return s.EndsWith(".0", StringComparison.Ordinal) ? s[..^2] : s;
    }
}
