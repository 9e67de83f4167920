using System.Globalization;
using System.Runtime.CompilerServices;

namespace Linea;

// Printing of every element type: floats through NumPy's float style, integers and booleans as NumPy prints them.
internal static partial class ArrayPrinter
{
    /// <summary>
    /// Prints a tensor of any supported element type: float and double through <see cref="Format{T}"/>; int and long
    /// right-aligned in columns (<c>[ 1 -2 30]</c>); bool as <c>[ True False]</c>. A format string applies to numbers only.
    /// </summary>
    public static string FormatAny<T>(NDArray<T> t, string? format, IFormatProvider? provider) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return Format(Unsafe.As<NDArray<double>>(t), format, provider);
        if (typeof(T) == typeof(float)) return Format(Unsafe.As<NDArray<float>>(t), format, provider);
        if (typeof(T) == typeof(Half)) return Format(Unsafe.As<NDArray<Half>>(t), format, provider);
        provider ??= CultureInfo.InvariantCulture;
        if (t.Rank == 0) return Word(t.Store.At(t.Offset), format, provider);
        if (t.Size == 0) return "[]";
        bool summarize = t.Size > Threshold;
        var shown = new List<T>();
        Gather(t, 0, t.Offset, summarize, shown);
        var words = new string[shown.Count];
        int width = 0;
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = Word(shown[i], format, provider);
            width = Math.Max(width, words[i].Length);
        }
        for (int i = 0; i < words.Length; i++) words[i] = words[i].PadLeft(width);
        int next = 0;
        return Layout(t.Dims, 0, words, ref next, summarize, " ", LineWidth);
    }

    /// <summary>One integer or boolean as NumPy writes it (<c>True</c>, <c>-3</c>), or through <paramref name="format"/>.</summary>
    private static string Word<T>(T value, string? format, IFormatProvider provider) where T : unmanaged
    {
        if (value is bool b) return b ? "True" : "False";
        if (value is BFloat16 bf) return BFloat16Word(bf, format, provider);
        if (value is IFormattable f) return f.ToString(string.IsNullOrEmpty(format) ? null : format, provider);
        return value.ToString() ?? "";
    }
}
