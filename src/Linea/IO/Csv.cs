using System.Numerics;
using System.Text;
using Linea.IO;

namespace Linea;

/// <summary>
/// Reads and writes numeric tables as delimited text (CSV), like NumPy's <c>loadtxt</c> and <c>savetxt</c>
/// with an optional header row of column names.
/// </summary>
/// <remarks>
/// <para><b>Reading</b>: one row per line (LF, CRLF or CR); fields split on the delimiter; whitespace around a
/// field ignored; a field may be enclosed in double quotes (<c>""</c> inside stands for one quote), which
/// also lets header names contain the delimiter, but a quoted field cannot span lines. Blank lines are
/// skipped wherever they occur; line numbers in error messages count them. Numbers use the invariant
/// culture ('.' as decimal point, no thousands separators); <c>nan</c>, <c>inf</c>, <c>-inf</c> and
/// <c>infinity</c> are accepted in any case, as are .NET's <c>NaN</c> and <c>Infinity</c>. A UTF-8 byte
/// order mark is ignored. A file with one column reads as a 1-d tensor (rows,), as NumPy's <c>loadtxt</c> gives it, so
/// that writing a 1-d tensor and reading it back keeps its shape; pass <c>ndmin: 2</c> for (rows, 1) (NumPy's
/// <c>ndmin=2</c>). Any other file reads as (rows, columns), a single row included (1, columns).</para>
/// <para><b>Writing</b>: one line per row, values in the shortest text that parses back to exactly the
/// same value (so a write-read round trip is exact), NaN and infinities as <c>nan</c>, <c>inf</c>,
/// <c>-inf</c>. A 1-d tensor is written as one column. Files are UTF-8 without a byte order mark, with
/// <c>\n</c> line endings.</para>
/// </remarks>
public static class Csv
{
    /// <summary>
    /// Reads the file at <paramref name="path"/> as a 2-d tensor of shape (rows, columns), or a 1-d tensor of shape
    /// (rows,) when it has one column (unless <paramref name="ndmin"/> is 2).
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="path">The file to read.</param>
    /// <param name="hasHeader">Whether the first non-blank line holds column names, which are skipped
    /// (use <see cref="ReadWithHeader{T}(string, char, int)"/> to get them).</param>
    /// <param name="delimiter">The field separator: ',' by default, ';' or '\t' are common.</param>
    /// <param name="ndmin">1 (the default): a single-column file gives a 1-d tensor (rows,); 2: always a 2-d
    /// (rows, columns) tensor, (rows, 1) for one column.</param>
    /// <returns>A new C-contiguous (rows, columns) tensor, (rows,) for one column; (0, columns) when only a header is present.</returns>
    /// <exception cref="TensorFormatException">The file is empty, rows have different numbers of fields, or a
    /// field is not a number; the message names the file, the line, the column and the text.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ndmin"/> is not 1 or 2.</exception>
    public static NDArray<T> Read<T>(string path, bool hasHeader = false, char delimiter = ',', int ndmin = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        CsvReader.ValidateNdmin(ndmin);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return CsvReader.Read<T>(reader, hasHeader, delimiter, $"'{path}'", ndmin).Data;
    }

    /// <summary>Reads delimited text from <paramref name="reader"/> (to its end) as a 2-d tensor of shape (rows, columns), (rows,) for one column unless <paramref name="ndmin"/> is 2.</summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="reader">The text to read; it is not disposed.</param>
    /// <param name="hasHeader">Whether the first non-blank line holds column names, which are skipped.</param>
    /// <param name="delimiter">The field separator.</param>
    /// <param name="ndmin">1 (the default): a single-column file gives a 1-d tensor (rows,); 2: always a 2-d
    /// (rows, columns) tensor, (rows, 1) for one column.</param>
    /// <returns>A new C-contiguous (rows, columns) tensor, (rows,) for one column.</returns>
    /// <exception cref="TensorFormatException">Empty input, ragged rows or a non-numeric field.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ndmin"/> is not 1 or 2.</exception>
    public static NDArray<T> Read<T>(TextReader reader, bool hasHeader = false, char delimiter = ',', int ndmin = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        return CsvReader.Read<T>(reader, hasHeader, delimiter, "(text)", ndmin).Data;
    }

    /// <summary>Reads the file at <paramref name="path"/>, whose first non-blank line holds the column names.</summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="path">The file to read.</param>
    /// <param name="delimiter">The field separator.</param>
    /// <param name="ndmin">1 (the default): a single-column file gives a 1-d tensor (rows,); 2: always a 2-d
    /// (rows, columns) tensor, (rows, 1) for one column.</param>
    /// <returns>The (rows, columns) data ((rows,) for one column) and the column names, unquoted and trimmed.</returns>
    /// <exception cref="TensorFormatException">Empty file, ragged rows or a non-numeric field.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ndmin"/> is not 1 or 2.</exception>
    public static (NDArray<T> Data, string[] Header) ReadWithHeader<T>(string path, char delimiter = ',', int ndmin = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        CsvReader.ValidateNdmin(ndmin);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var table = CsvReader.Read<T>(reader, hasHeader: true, delimiter, $"'{path}'", ndmin);
        return (table.Data, table.Header!);
    }

    /// <summary>Reads delimited text whose first non-blank line holds the column names.</summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="reader">The text to read; it is not disposed.</param>
    /// <param name="delimiter">The field separator.</param>
    /// <param name="ndmin">1 (the default): a single-column file gives a 1-d tensor (rows,); 2: always a 2-d
    /// (rows, columns) tensor, (rows, 1) for one column.</param>
    /// <returns>The (rows, columns) data ((rows,) for one column) and the column names, unquoted and trimmed.</returns>
    /// <exception cref="TensorFormatException">Empty input, ragged rows or a non-numeric field.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ndmin"/> is not 1 or 2.</exception>
    public static (NDArray<T> Data, string[] Header) ReadWithHeader<T>(TextReader reader, char delimiter = ',', int ndmin = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        var table = CsvReader.Read<T>(reader, hasHeader: true, delimiter, "(text)", ndmin);
        return (table.Data, table.Header!);
    }

    /// <summary>Writes a 1-d (as one column) or 2-d tensor to <paramref name="path"/>, replacing any existing file.</summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="tensor">The values; any view, including strided and transposed ones.</param>
    /// <param name="header">Column names for a first line, one per column, or null for none. Names holding the
    /// delimiter, a quote or surrounding whitespace are quoted; line breaks are not allowed.</param>
    /// <param name="delimiter">The field separator.</param>
    /// <exception cref="ArgumentException">The tensor is not 1-d or 2-d, or the header has the wrong length.</exception>
    public static void Write<T>(string path, NDArray<T> tensor, string[]? header = null, char delimiter = ',')
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensor);
        CsvWriter.Validate(tensor, header, delimiter);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        CsvWriter.Write(writer, tensor, header, delimiter);
    }

    /// <summary>Writes a 1-d (as one column) or 2-d tensor to <paramref name="writer"/>, ending lines with its <see cref="TextWriter.NewLine"/>.</summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="writer">Where the text goes; it is neither flushed nor disposed.</param>
    /// <param name="tensor">The values; any view, including strided and transposed ones.</param>
    /// <param name="header">Column names for a first line, one per column, or null for none.</param>
    /// <param name="delimiter">The field separator.</param>
    /// <exception cref="ArgumentException">The tensor is not 1-d or 2-d, or the header has the wrong length.</exception>
    public static void Write<T>(TextWriter writer, NDArray<T> tensor, string[]? header = null, char delimiter = ',')
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tensor);
        CsvWriter.Write(writer, tensor, header, delimiter);
    }
}
