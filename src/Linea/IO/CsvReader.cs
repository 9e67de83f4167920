using System.Globalization;
using System.Numerics;

namespace Linea.IO;

/// <summary>
/// Parses delimited text into a row-major buffer: one record per line, fields split on the delimiter,
/// optional double quotes around a field (with <c>""</c> for a quote inside it), whitespace around
/// fields ignored, blank lines skipped. Every data field must be a number.
/// </summary>
internal static class CsvReader
{
    /// <summary>The parsed table: a rows x columns tensor and the header names (null without a header).</summary>
    internal readonly record struct Table<T>(NDArray<T> Data, string[]? Header) where T : unmanaged, IFloatingPointIeee754<T>;

    public static Table<T> Read<T>(TextReader reader, bool hasHeader, char delimiter, string source, int ndmin = 2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateDelimiter(delimiter);
        ValidateNdmin(ndmin);
        var fields = new List<string>();
        string[]? header = null;
        int columns = -1, firstLine = 0, rows = 0, lineNumber = 0;
        var data = Array.Empty<T>();
        long filled = 0;

        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber == 1 && line.StartsWith('\uFEFF')) line = line[1..];
            if (string.IsNullOrWhiteSpace(line)) continue;

            Split(line, delimiter, fields, lineNumber, source);
            if (columns < 0)
            {
                columns = fields.Count;
                firstLine = lineNumber;
                if (hasHeader)
                {
                    header = fields.ToArray();
                    continue;
                }
            }
            else if (fields.Count != columns)
            {
                string first = header is null ? $"line {firstLine}" : $"the header (line {firstLine})";
                throw Error(source, $"line {lineNumber} has {fields.Count} fields but {first} has {columns}; every row needs the same number of fields");
            }

            if (filled + columns > data.Length)
            {
                long grown = Math.Max(Math.Max(16, filled + columns), 2L * data.Length);
                if (filled + columns > Array.MaxLength)
                    throw Error(source, $"line {lineNumber}: more values than one .NET array can hold ({Array.MaxLength})");
                Array.Resize(ref data, (int)Math.Min(grown, Array.MaxLength));
            }
            for (int c = 0; c < columns; c++)
                data[filled + c] = ParseNumber<T>(fields[c], lineNumber, c + 1, source);
            filled += columns;
            rows++;
        }

        if (columns < 0)
            throw Error(source, "the input is empty (no rows); a CSV file needs at least one line");
        if (data.Length != filled) Array.Resize(ref data, (int)filled);
        // One column reads as a 1-d tensor unless ndmin asks for 2-d: Write puts a 1-d tensor in one column, so the
        // round trip keeps its shape (NumPy's loadtxt also returns 1-d for a single column).
        long[] dims = ndmin < 2 && columns == 1 ? [rows] : [rows, columns];
        return new Table<T>(new NDArray<T>(data, 0, dims, Shape.ContiguousStrides(dims)), header);
    }

    internal static void ValidateNdmin(int ndmin)
    {
        if (ndmin is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(ndmin), ndmin, $"csv: ndmin must be 1 (a single column reads as a 1-d tensor) or 2 (always (rows, columns)), got {ndmin}");
    }

    internal static void ValidateDelimiter(char delimiter)
    {
        if (delimiter is '"' or '\r' or '\n')
            ThrowHelper.Argument("csv", nameof(delimiter), $"the delimiter cannot be {(delimiter == '"' ? "a double quote" : "a line break")}");
    }

    /// <summary>Splits one line into trimmed, unquoted fields.</summary>
    internal static void Split(string line, char delimiter, List<string> fields, int lineNumber, string source)
    {
        fields.Clear();
        int i = 0, n = line.Length;
        while (true)
        {
            while (i < n && line[i] != delimiter && char.IsWhiteSpace(line[i])) i++;
            if (i < n && line[i] == '"')
            {
                int open = i++;
                var sb = new System.Text.StringBuilder();
                while (true)
                {
                    if (i >= n)
                        throw Error(source, $"line {lineNumber}, column {fields.Count + 1}: the quote opened at character {open + 1} is never closed");
                    if (line[i] == '"')
                    {
                        if (i + 1 < n && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                while (i < n && line[i] != delimiter && char.IsWhiteSpace(line[i])) i++;
                if (i < n && line[i] != delimiter)
                    throw Error(source, $"line {lineNumber}, column {fields.Count + 1}: unexpected text after the closing quote at character {i + 1}");
                fields.Add(sb.ToString());
            }
            else
            {
                int start = i;
                while (i < n && line[i] != delimiter) i++;
                fields.Add(line[start..i].TrimEnd());
            }
            if (i >= n) return;
            i++; // the delimiter
        }
    }

    /// <summary>
    /// Parses a field as <typeparamref name="T"/> with the invariant culture (so '.' is the decimal point),
    /// accepting <c>nan</c>, <c>inf</c>, <c>infinity</c> with any case and sign, and .NET's <c>NaN</c>, <c>Infinity</c>.
    /// </summary>
    internal static T ParseNumber<T>(string field, int lineNumber, int column, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out T value)) return value;
        ReadOnlySpan<char> s = field;
        bool negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase)) return T.NaN;
        if (s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("infinity", StringComparison.OrdinalIgnoreCase))
            return negative ? T.NegativeInfinity : T.PositiveInfinity;
        string what = field.Length == 0 ? "an empty field where a number was expected" : $"cannot read '{Abbreviate(field)}' as a number";
        throw Error(source, $"line {lineNumber}, column {column}: {what}");
    }

    internal static TensorFormatException Error(string source, string message) => new($"csv: {source}: {message}");

    private static string Abbreviate(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
