using System.Numerics;
using System.Text;
using Linea.IO;

namespace Linea;

public static partial class RowBlocks
{
    /// <summary>
    /// The rows of the delimited text file at <paramref name="path"/>, parsed a block at a time and never read whole
    /// (the same rules as <see cref="Csv.Read{T}(string, bool, char, int)"/>: quotes, blank lines skipped, nan/inf,
    /// a UTF-8 byte order mark ignored). Opening reads up to the first non-blank line to learn the number of columns;
    /// <see cref="IRowBlockSource{T}.Rows"/> is -1 until a pass has reached the end. Blocks are full (exactly
    /// blockRows rows) except the last, and are written into one reused buffer. Each pass reports rows and the bytes
    /// of the file consumed so far. Memory held: one block, O(blockRows x columns), and the reader's buffer.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="hasHeader">Whether the first non-blank line holds column names (skipped).</param>
    /// <param name="delimiter">The field separator.</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="TensorFormatException">The file is empty; during a pass: a row with another number of fields
    /// or a field that is not a number, named by file, line and column.</exception>
    public static IRowBlockSource<T> Csv<T>(string path, bool hasHeader = false, char delimiter = ',')
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        CsvReader.ValidateDelimiter(delimiter);
        var source = new CsvRowBlocks<T>(path, hasHeader, delimiter);
        source.ReadColumns();
        return source;
    }

    private sealed class CsvRowBlocks<T>(string path, bool hasHeader, char delimiter) : IRowBlockSource<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly string _source = $"'{path}'";
        private int _firstLine;

        public long Rows { get; private set; } = -1;

        public int Columns { get; private set; }

        /// <summary>Reads up to the first non-blank line: its field count is the number of columns.</summary>
        internal void ReadColumns()
        {
            using var reader = Open(out _);
            var fields = new List<string>();
            int lineNumber = 0;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (lineNumber == 1 && line.StartsWith('\uFEFF')) line = line[1..];
                if (string.IsNullOrWhiteSpace(line)) continue;
                CsvReader.Split(line, delimiter, fields, lineNumber, _source);
                Columns = fields.Count;
                _firstLine = lineNumber;
                return;
            }
            throw CsvReader.Error(_source, "the input is empty (no rows); a CSV file needs at least one line");
        }

        private StreamReader Open(out FileStream file)
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }

        public IEnumerable<RowBlock<T>> Blocks(int blockRows, IProgress<RowBlockProgress>? progress = null)
        {
            CheckBlockRows(blockRows);
            return Enumerate(blockRows, progress);
        }

        private IEnumerable<RowBlock<T>> Enumerate(int blockRows, IProgress<RowBlockProgress>? progress)
        {
            int columns = Columns;
            T[] buffer = [];
            var fields = new List<string>();
            using var reader = Open(out var file);
            long totalBytes = file.Length, start = 0;
            int lineNumber = 0, filled = 0;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (lineNumber == 1 && line.StartsWith('\uFEFF')) line = line[1..];
                if (string.IsNullOrWhiteSpace(line) || (hasHeader && lineNumber == _firstLine)) continue;
                CsvReader.Split(line, delimiter, fields, lineNumber, _source);
                if (fields.Count != columns)
                {
                    string first = hasHeader ? $"the header (line {_firstLine})" : $"line {_firstLine}";
                    throw CsvReader.Error(_source, $"line {lineNumber} has {fields.Count} fields but {first} has {columns}; every row needs the same number of fields");
                }
                if ((long)(filled + 1) * columns > buffer.Length) buffer = Grow(buffer, filled, columns, blockRows, lineNumber);
                for (int c = 0; c < columns; c++)
                    buffer[(long)filled * columns + c] = CsvReader.ParseNumber<T>(fields[c], lineNumber, c + 1, _source);
                if (++filled == blockRows)
                {
                    yield return new RowBlock<T>(start, new NDArray<T>(buffer, 0, [filled, columns], [columns, 1]));
                    start += filled;
                    filled = 0;
                    progress?.Report(new RowBlockProgress(start, Rows, file.Position, totalBytes));
                }
            }
            if (filled > 0)
            {
                yield return new RowBlock<T>(start, new NDArray<T>(buffer, 0, [filled, columns], [columns, 1]));
                start += filled;
                progress?.Report(new RowBlockProgress(start, Rows, totalBytes, totalBytes));
            }
            Rows = start;
        }

        /// <summary>A larger block buffer (doubling, at most blockRows rows), so a block size beyond the file allocates only what arrives.</summary>
        private T[] Grow(T[] buffer, int filled, int columns, int blockRows, int lineNumber)
        {
            long rows = Math.Min(blockRows, Math.Max(1024L, 2L * filled));
            if (rows * columns > Array.MaxLength)
                throw CsvReader.Error(_source, $"line {lineNumber}: a block of {rows} x {columns} values exceeds one array; use fewer rows per block");
            var grown = new T[rows * columns];
            buffer.AsSpan(0, filled * columns).CopyTo(grown);
            return grown;
        }
    }
}
