using System.Globalization;

namespace Linea.IO;

/// <summary>
/// Reads the start of a Matrix Market file: the banner line <c>%%MatrixMarket matrix &lt;format&gt; &lt;field&gt;
/// &lt;symmetry&gt;</c> (words in any case), comment lines beginning with <c>%</c> and blank lines, and the size line
/// (<c>rows columns entries</c> for coordinate, <c>rows columns</c> for array). Also holds the tokenizer and the error
/// factory that the entry reader shares, so every message has the form "mmread: source: line n: what".
/// </summary>
internal static class MatrixMarketHeader
{
    private const string Banner = "%%MatrixMarket";

    /// <summary>The header and the line number of the size line (for messages about the entry count).</summary>
    public static (MatrixMarketInfo Info, long SizeLine) Read(TextLineScanner scanner, string source)
    {
        if (!scanner.TryReadLine(out var banner))
            throw Error(source, 1, $"the input is empty; a Matrix Market file starts with the banner line '{Banner} matrix coordinate real general'");
        if (banner.Length > 0 && banner[0] == '\uFEFF') banner = banner[1..];
        var rest = banner;
        if (!NextToken(ref rest, out var word) || !word.Equals(Banner, StringComparison.OrdinalIgnoreCase))
            throw Error(source, 1, $"expected the banner '{Banner} matrix <format> <field> <symmetry>', found '{Abbreviate(banner)}'; this is not a Matrix Market file");
        string[] found = new string[4];
        int count = 0;
        while (NextToken(ref rest, out word))
        {
            if (count == 4)
                throw Error(source, 1, $"the banner has more than the four words 'matrix <format> <field> <symmetry>': '{Abbreviate(banner)}'");
            found[count++] = word.ToString().ToLowerInvariant();
        }
        if (count < 4)
            throw Error(source, 1, $"the banner needs four words after '{Banner}' (object, format, field, symmetry), found {count}: '{Abbreviate(banner)}'");

        if (found[0] != "matrix")
            throw found[0] == "vector"
                ? new NotSupportedException($"mmread: {source}: line 1: Matrix Market 'vector' objects are not supported; Linea reads 'matrix' files")
                : Error(source, 1, $"unknown object '{found[0]}' in the banner; expected 'matrix'");
        var format = found[1] switch
        {
            "coordinate" => MatrixMarketFormat.Coordinate,
            "array" => MatrixMarketFormat.Array,
            _ => throw Error(source, 1, $"unknown format '{found[1]}' in the banner; expected 'coordinate' or 'array'"),
        };
        var field = found[2] switch
        {
            "real" or "double" => MatrixMarketField.Real,
            "integer" or "unsigned-integer" => MatrixMarketField.Integer,
            "pattern" => MatrixMarketField.Pattern,
            "complex" => throw new NotSupportedException(
                $"mmread: {source}: line 1: the field 'complex' is not supported: Linea's sparse matrices hold float or double; Linea reads real, double, integer and pattern files"),
            _ => throw Error(source, 1, $"unknown field '{found[2]}' in the banner; expected 'real', 'double', 'integer', 'pattern' or 'complex'"),
        };
        var symmetry = found[3] switch
        {
            "general" => MatrixMarketSymmetry.General,
            "symmetric" => MatrixMarketSymmetry.Symmetric,
            "skew-symmetric" => MatrixMarketSymmetry.SkewSymmetric,
            "hermitian" => throw new NotSupportedException(
                $"mmread: {source}: line 1: the symmetry 'hermitian' is not supported (it belongs to complex matrices); Linea reads general, symmetric and skew-symmetric files"),
            _ => throw Error(source, 1, $"unknown symmetry '{found[3]}' in the banner; expected 'general', 'symmetric' or 'skew-symmetric'"),
        };
        if (field == MatrixMarketField.Pattern && format == MatrixMarketFormat.Array)
            throw Error(source, 1, "the field 'pattern' is only defined for the 'coordinate' format, not 'array'");

        if (!NextDataLine(scanner, out var size))
            throw Error(source, scanner.LineNumber + 1, "the file ends before the size line ('rows columns entries' for coordinate, 'rows columns' for array)");
        long sizeLine = scanner.LineNumber;
        int expected = format == MatrixMarketFormat.Coordinate ? 3 : 2;
        string layout = format == MatrixMarketFormat.Coordinate ? "'rows columns entries'" : "'rows columns'";
        Span<long> numbers = stackalloc long[3];
        int n = 0;
        rest = size;
        while (NextToken(ref rest, out word))
        {
            if (n == expected)
                throw Error(source, sizeLine, $"the size line of a {found[1]} file has {expected} numbers, {layout}, found more: '{Abbreviate(size)}'");
            if (!long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out numbers[n]))
                throw Error(source, sizeLine, $"the size line must hold non-negative integers {layout}, found '{Abbreviate(word)}'");
            n++;
        }
        if (n < expected)
            throw Error(source, sizeLine, $"the size line of a {found[1]} file has {expected} numbers, {layout}, found {n}: '{Abbreviate(size)}'");
        if (numbers[0] > int.MaxValue || numbers[1] > int.MaxValue)
            throw Error(source, sizeLine, $"the shape ({numbers[0]}, {numbers[1]}) has more than {int.MaxValue} rows or columns, the most a Linea matrix holds");
        int rows = (int)numbers[0], columns = (int)numbers[1];
        if (symmetry != MatrixMarketSymmetry.General && rows != columns)
            throw Error(source, sizeLine, $"a {found[3]} matrix must be square, but the size line gives shape ({rows}, {columns})");
        long entries = format == MatrixMarketFormat.Coordinate ? numbers[2] : symmetry switch
        {
            MatrixMarketSymmetry.General => (long)rows * columns,
            MatrixMarketSymmetry.Symmetric => (long)rows * (rows + 1) / 2,
            _ => (long)rows * Math.Max(rows - 1, 0) / 2,
        };
        return (new MatrixMarketInfo(rows, columns, entries, format, field, symmetry), sizeLine);
    }

    /// <summary>The next line that is neither blank nor a comment (a line whose first non-blank character is '%').</summary>
    public static bool NextDataLine(TextLineScanner scanner, out ReadOnlySpan<char> line)
    {
        while (scanner.TryReadLine(out line))
        {
            int k = 0;
            while (k < line.Length && line[k] <= ' ') k++;
            if (k < line.Length && line[k] != '%') return true;
        }
        return false;
    }

    /// <summary>
    /// Splits off the next word: characters up to the next space, tab or other control character. False when only
    /// blanks remain.
    /// </summary>
    public static bool NextToken(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> token)
    {
        int i = 0;
        while (i < rest.Length && rest[i] <= ' ') i++;
        if (i == rest.Length)
        {
            token = default;
            rest = default;
            return false;
        }
        int start = i;
        while (i < rest.Length && rest[i] > ' ') i++;
        token = rest[start..i];
        rest = rest[i..];
        return true;
    }

    public static TensorFormatException Error(string source, long line, string message) =>
        new($"mmread: {source}: line {line}: {message}");

    public static string Abbreviate(ReadOnlySpan<char> text) =>
        text.Length <= 80 ? text.Trim().ToString() : string.Concat(text[..80], "...");
}
