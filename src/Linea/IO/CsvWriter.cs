using System.Globalization;
using System.Numerics;

namespace Linea.IO;

/// <summary>
/// Writes a 1-d (one column) or 2-d tensor as delimited text, one row per line, each value in the
/// shortest form that parses back to the same bits ("R" in the invariant culture); NaN and the
/// infinities as <c>nan</c>, <c>inf</c>, <c>-inf</c>, as NumPy's <c>savetxt</c> writes them.
/// </summary>
internal static class CsvWriter
{
    public static void Write<T>(TextWriter writer, NDArray<T> tensor, string[]? header, char delimiter)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(tensor, header, delimiter);
        long rows = tensor.Dims[0], columns = tensor.Rank == 2 ? tensor.Dims[1] : 1;
        if (header is not null)
        {
            for (int c = 0; c < columns; c++)
            {
                if (c > 0) writer.Write(delimiter);
                writer.Write(QuoteIfNeeded(header[c] ?? "", delimiter));
            }
            writer.WriteLine();
        }

        ReadOnlySpan<T> values = (tensor.IsContiguous ? tensor : tensor.Copy()).ContiguousSpan;
        Span<char> buffer = stackalloc char[64];
        for (long r = 0; r < rows; r++)
        {
            for (long c = 0; c < columns; c++)
            {
                if (c > 0) writer.Write(delimiter);
                writer.Write(Format(values[(int)(r * columns + c)], buffer));
            }
            writer.WriteLine();
        }
    }

    /// <summary>Checks the arguments before anything is written (so a bad call leaves no half-written file).</summary>
    public static void Validate<T>(NDArray<T> tensor, string[]? header, char delimiter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CsvReader.ValidateDelimiter(delimiter);
        if (tensor.Rank is not (1 or 2))
            ThrowHelper.Argument("csv.write", nameof(tensor), $"CSV holds a 1-d or 2-d tensor, got shape {tensor.Shape}; reshape it first");
        if (header is null) return;
        long columns = tensor.Rank == 2 ? tensor.Dims[1] : 1;
        if (header.Length != columns)
            ThrowHelper.Argument("csv.write", nameof(header), $"{header.Length} header names for {columns} columns (tensor shape {tensor.Shape})");
        for (int c = 0; c < columns; c++)
            if (header[c] is { } name && name.AsSpan().IndexOfAny('\r', '\n') >= 0)
                ThrowHelper.Argument("csv.write", nameof(header), $"header name {c} ('{name.ReplaceLineEndings(" ")}') contains a line break, which this CSV format cannot hold");
    }

    /// <summary>The shortest round-trip text of <paramref name="value"/>, in <paramref name="buffer"/>.</summary>
    internal static ReadOnlySpan<char> Format<T>(T value, Span<char> buffer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNaN(value)) return "nan";
        if (T.IsPositiveInfinity(value)) return "inf";
        if (T.IsNegativeInfinity(value)) return "-inf";
        if (!value.TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"csv.write: could not format {value}");
        return buffer[..written];
    }

    private static string QuoteIfNeeded(string name, char delimiter)
    {
        bool quote = name.Length == 0 || name.Contains(delimiter) || name.Contains('"')
                     || (name.Length > 0 && (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1])));
        return quote ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;
    }
}
