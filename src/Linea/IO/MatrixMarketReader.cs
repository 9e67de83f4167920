using System.Globalization;
using System.Numerics;

namespace Linea.IO;

/// <summary>
/// Reads the entries of a Matrix Market file after its header (<see cref="MatrixMarketHeader"/>): coordinate entries
/// into triplets that <see cref="CooCompression"/> compresses (duplicates summed, symmetric and skew-symmetric entries
/// mirrored), array entries into a dense tensor. Lines are parsed as spans with the invariant culture; nothing is
/// allocated per line. Buffers grow as entries arrive, so a size line that claims more than the file holds never
/// causes a large allocation up front.
/// </summary>
internal static class MatrixMarketReader
{
    /// <summary>The most entries reserved before any arrive; beyond it, buffers double as the file proves longer.</summary>
    private const int MaxInitialCapacity = 1 << 22;

    public static SparseMatrix<T> ReadSparse<T>(TextReader reader, string source, SparseFormat format)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scanner = new TextLineScanner(reader);
        var (info, sizeLine) = MatrixMarketHeader.Read(scanner, source);
        if (info.Format == MatrixMarketFormat.Array)
            return Sparse.FromDense(ReadArray<T>(scanner, source, info, sizeLine), format);
        var (rows, cols, values, count) = ReadCoordinate<T>(scanner, source, info, sizeLine);
        return format == SparseFormat.Csr
            ? CooCompression.Compress(SparseFormat.Csr, info.Rows, info.Columns, rows.AsSpan(0, count), cols.AsSpan(0, count), values.AsSpan(0, count))
            : CooCompression.Compress(SparseFormat.Csc, info.Rows, info.Columns, cols.AsSpan(0, count), rows.AsSpan(0, count), values.AsSpan(0, count));
    }

    public static NDArray<T> ReadDense<T>(TextReader reader, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scanner = new TextLineScanner(reader);
        var (info, sizeLine) = MatrixMarketHeader.Read(scanner, source);
        if (info.Format == MatrixMarketFormat.Array) return ReadArray<T>(scanner, source, info, sizeLine);
        var (rows, cols, values, count) = ReadCoordinate<T>(scanner, source, info, sizeLine);
        var dense = NDArray.Zeros<T>(info.Rows, info.Columns);
        for (int k = 0; k < count; k++) dense[rows[k], cols[k]] += values[k];
        return dense;
    }

    public static MatrixMarketInfo ReadInfo(TextReader reader, string source) =>
        MatrixMarketHeader.Read(new TextLineScanner(reader), source).Info;

    /// <summary>
    /// The coordinate entries as 0-based triplets, mirrored for symmetric (A[j, i] = A[i, j]) and skew-symmetric
    /// (A[j, i] = -A[i, j]) files; duplicates are kept (the caller sums them).
    /// </summary>
    private static (int[] Rows, int[] Cols, T[] Values, int Count) ReadCoordinate<T>(TextLineScanner scanner, string source,
        MatrixMarketInfo info, long sizeLine) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long declared = info.Entries;
        bool mirror = info.Symmetry != MatrixMarketSymmetry.General;
        bool skew = info.Symmetry == MatrixMarketSymmetry.SkewSymmetric;
        bool pattern = info.Field == MatrixMarketField.Pattern;
        int capacity = (int)Math.Min(Math.Min(declared * (mirror ? 2 : 1), MaxInitialCapacity), Array.MaxLength);
        var rows = new int[capacity];
        var cols = new int[capacity];
        var values = new T[capacity];
        int count = 0;
        long seen = 0;
        while (MatrixMarketHeader.NextDataLine(scanner, out var line))
        {
            long at = scanner.LineNumber;
            if (seen == declared)
                throw MatrixMarketHeader.Error(source, at, $"more entries than the {declared} declared on the size line (line {sizeLine})");
            var rest = line;
            int i = ParseIndex(ref rest, info.Rows, "row", source, at);
            int j = ParseIndex(ref rest, info.Columns, "column", source, at);
            T v;
            if (pattern)
            {
                if (MatrixMarketHeader.NextToken(ref rest, out var extra))
                    throw MatrixMarketHeader.Error(source, at, $"a pattern entry is 'row column' without a value, found '{MatrixMarketHeader.Abbreviate(extra)}' after the indices");
                v = T.One;
            }
            else
            {
                if (!MatrixMarketHeader.NextToken(ref rest, out var token))
                    throw MatrixMarketHeader.Error(source, at, $"the entry ({i + 1}, {j + 1}) has no value; a {FieldName(info.Field)} entry is 'row column value'");
                v = ParseValue<T>(token, info.Field, source, at);
                if (MatrixMarketHeader.NextToken(ref rest, out var extra))
                    throw MatrixMarketHeader.Error(source, at, $"unexpected '{MatrixMarketHeader.Abbreviate(extra)}' after the value; a {FieldName(info.Field)} entry is 'row column value' (complex values are not supported)");
            }
            if (skew && i == j && v != T.Zero)
                throw MatrixMarketHeader.Error(source, at, $"a skew-symmetric matrix has a zero diagonal, but the entry ({i + 1}, {j + 1}) is {v.ToString(null, CultureInfo.InvariantCulture)}");
            int needed = count + (mirror && i != j ? 2 : 1);
            if (needed > rows.Length) Grow(ref rows, ref cols, ref values, needed, source, at);
            rows[count] = i; cols[count] = j; values[count++] = v;
            if (mirror && i != j)
            {
                rows[count] = j; cols[count] = i; values[count++] = skew ? -v : v;
            }
            seen++;
        }
        if (seen < declared)
            throw MatrixMarketHeader.Error(source, scanner.LineNumber,
                $"the file ends after {seen} entries, but the size line (line {sizeLine}) declares {declared}");
        return (rows, cols, values, count);
    }

    /// <summary>Array entries, column by column (the lower triangle only for symmetric and skew-symmetric files).</summary>
    private static NDArray<T> ReadArray<T>(TextLineScanner scanner, string source, MatrixMarketInfo info, long sizeLine)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = info.Rows, n = info.Columns;
        long declared = info.Entries;
        if (declared > Array.MaxLength)
            throw MatrixMarketHeader.Error(source, sizeLine, $"the array of shape ({m}, {n}) has {declared} elements, more than one .NET array holds ({Array.MaxLength})");
        // The stored values in file order; grown as they arrive.
        var stored = new T[(int)Math.Min(declared, MaxInitialCapacity)];
        long seen = 0;
        while (MatrixMarketHeader.NextDataLine(scanner, out var line))
        {
            long at = scanner.LineNumber;
            var rest = line;
            while (MatrixMarketHeader.NextToken(ref rest, out var token))
            {
                if (seen == declared)
                    throw MatrixMarketHeader.Error(source, at, $"more values than the {declared} that an array of shape ({m}, {n}) with symmetry {SymmetryName(info.Symmetry)} stores (size line {sizeLine})");
                if (seen == stored.Length) Array.Resize(ref stored, (int)Math.Min(declared, 2L * stored.Length));
                stored[seen++] = ParseValue<T>(token, info.Field, source, at);
            }
        }
        if (seen < declared)
            throw MatrixMarketHeader.Error(source, scanner.LineNumber,
                $"the file ends after {seen} values, but an array of shape ({m}, {n}) with symmetry {SymmetryName(info.Symmetry)} stores {declared} (size line {sizeLine})");

        var dense = new T[(long)m * n];
        long p = 0;
        bool skew = info.Symmetry == MatrixMarketSymmetry.SkewSymmetric;
        for (int j = 0; j < n; j++)
        {
            int first = info.Symmetry switch { MatrixMarketSymmetry.General => 0, MatrixMarketSymmetry.Symmetric => j, _ => j + 1 };
            for (int i = first; i < m; i++)
            {
                T v = stored[p++];
                dense[(long)i * n + j] = v;
                if (info.Symmetry != MatrixMarketSymmetry.General && i != j) dense[(long)j * n + i] = skew ? -v : v;
            }
        }
        long[] dims = [m, n];
        return new NDArray<T>(dense, 0, dims, Shape.ContiguousStrides(dims));
    }

    private static int ParseIndex(ref ReadOnlySpan<char> rest, int length, string what, string source, long line)
    {
        if (!MatrixMarketHeader.NextToken(ref rest, out var token))
            throw MatrixMarketHeader.Error(source, line, $"missing the {what} index; a coordinate entry is 'row column value' (1-based)");
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int k))
        {
            bool integer = long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            throw MatrixMarketHeader.Error(source, line, integer
                ? $"{what} index {MatrixMarketHeader.Abbreviate(token)} is out of range 1..{length} (indices are 1-based)"
                : $"cannot read '{MatrixMarketHeader.Abbreviate(token)}' as a {what} index (a positive integer)");
        }
        if (k < 1 || k > length)
            throw MatrixMarketHeader.Error(source, line, $"{what} index {k} is out of range 1..{length} (indices are 1-based)");
        return k - 1;
    }

    /// <summary>
    /// A value as <typeparamref name="T"/>: integer fields as whole numbers (converted exactly while they fit the
    /// mantissa), real fields with the invariant culture, accepting also <c>nan</c>, <c>inf</c>, <c>infinity</c> in any
    /// case and sign, and Fortran's exponent letter <c>D</c> (<c>1.5D+03</c>).
    /// </summary>
    internal static T ParseValue<T>(ReadOnlySpan<char> token, MatrixMarketField field, string source, long line)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (field == MatrixMarketField.Integer)
        {
            if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
                return T.CreateTruncating(whole);
            if (T.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out T big)) return big;
            throw MatrixMarketHeader.Error(source, line, $"cannot read '{MatrixMarketHeader.Abbreviate(token)}' as an integer (the banner's field is 'integer')");
        }
        if (T.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out T value)) return value;
        return ParseSpecial<T>(token, source, line);
    }

    private static T ParseSpecial<T>(ReadOnlySpan<char> token, string source, long line) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = token;
        bool negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase)) return T.NaN;
        if (s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("infinity", StringComparison.OrdinalIgnoreCase))
            return negative ? T.NegativeInfinity : T.PositiveInfinity;
        int d = token.IndexOfAny('D', 'd');
        if (d >= 0 && token.Length <= 64)
        {
            Span<char> copy = stackalloc char[token.Length];
            token.CopyTo(copy);
            copy[d] = 'E';
            if (T.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out T value)) return value;
        }
        throw MatrixMarketHeader.Error(source, line, $"cannot read '{MatrixMarketHeader.Abbreviate(token)}' as a number");
    }

    private static void Grow<T>(ref int[] rows, ref int[] cols, ref T[] values, int needed, string source, long line)
    {
        if (needed > Array.MaxLength)
            throw MatrixMarketHeader.Error(source, line, $"more entries than one .NET array holds ({Array.MaxLength}), mirrored entries included");
        int size = (int)Math.Min(Math.Max(needed, 2L * rows.Length), Array.MaxLength);
        Array.Resize(ref rows, size);
        Array.Resize(ref cols, size);
        Array.Resize(ref values, size);
    }

    internal static string FieldName(MatrixMarketField field) => field switch
    {
        MatrixMarketField.Real => "real",
        MatrixMarketField.Integer => "integer",
        _ => "pattern",
    };

    internal static string SymmetryName(MatrixMarketSymmetry symmetry) => symmetry switch
    {
        MatrixMarketSymmetry.General => "general",
        MatrixMarketSymmetry.Symmetric => "symmetric",
        _ => "skew-symmetric",
    };
}
