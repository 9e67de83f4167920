using System.Globalization;
using System.Numerics;

namespace Linea;

/// <summary>
/// NumPy's array printing (<c>numpy.array2string</c> with its defaults and <c>numpy.array_str</c> for 0-d):
/// chooses one float style for the elements shown, then lays them out in nested, wrapped, aligned rows.
/// </summary>
internal static partial class ArrayPrinter
{
    /// <summary>Most digits after the decimal point (NumPy's <c>precision</c>).</summary>
    internal const int Precision = 8;

    /// <summary>
    /// Prints <paramref name="t"/>: NumPy's style when <paramref name="format"/> is null or empty, otherwise each
    /// element through <paramref name="format"/> and <paramref name="provider"/> (invariant when null).
    /// </summary>
    public static string Format<T>(NDArray<T> t, string? format, IFormatProvider? provider)
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
}
