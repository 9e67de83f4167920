using System.Globalization;
using System.Numerics;

namespace Linea.IO;

/// <summary>
/// Writes Matrix Market text: the banner, the comment lines, the size line and one line per entry, formatted into a
/// reusable character buffer (shortest round-trip form for values, so reading back gives the same bits; <c>nan</c>,
/// <c>inf</c> and <c>-inf</c> for the non-finite values, as C's printf writes them).
/// </summary>
internal static class MatrixMarketWriter
{
    public static void WriteSparse<T>(TextWriter writer, SparseMatrix<T> matrix, string? comment, MatrixMarketField field,
        MatrixMarketSymmetry symmetry) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckEnums(field, symmetry);
        if (field == MatrixMarketField.Integer) CheckIntegers(matrix);
        if (field == MatrixMarketField.Pattern && symmetry == MatrixMarketSymmetry.SkewSymmetric)
            ThrowHelper.Argument("mmwrite", nameof(symmetry), "a pattern file cannot be skew-symmetric (its mirrored entries would be -1); write it as general or symmetric");
        var canonical = symmetry == MatrixMarketSymmetry.General ? matrix
            : SymmetryCheck.RequireSymmetric(matrix, symmetry, structural: field == MatrixMarketField.Pattern);
        var output = new LineBuffer(writer);
        WriteHeader(output, MatrixMarketFormat.Coordinate, field, symmetry, comment);
        if (symmetry == MatrixMarketSymmetry.General)
        {
            output.Append(matrix.Rows).Append(' ').Append(matrix.Columns).Append(' ').Append(matrix.Nnz).Append('\n');
            bool csr = matrix.Format == SparseFormat.Csr;
            for (int a = 0; a < matrix.MajorCount; a++)
            {
                var idx = matrix.RunIndices(a);
                var val = matrix.RunValues(a);
                for (int k = 0; k < idx.Length; k++)
                    WriteEntry(output, csr ? a : idx[k], csr ? idx[k] : a, val[k], field);
            }
        }
        else
        {
            // Lower triangle of the canonical CSR form: the diagonal too when symmetric, strictly below when skew.
            int offset = symmetry == MatrixMarketSymmetry.Symmetric ? 0 : 1;
            long count = 0;
            for (int i = 0; i < canonical.Rows; i++)
                foreach (int j in canonical.RunIndices(i)) if (j + offset <= i) count++;
            output.Append(matrix.Rows).Append(' ').Append(matrix.Columns).Append(' ').Append(count).Append('\n');
            for (int i = 0; i < canonical.Rows; i++)
            {
                var idx = canonical.RunIndices(i);
                var val = canonical.RunValues(i);
                for (int k = 0; k < idx.Length && idx[k] + offset <= i; k++) WriteEntry(output, i, idx[k], val[k], field);
            }
        }
        output.Flush();
    }

    public static void WriteDense<T>(TextWriter writer, NDArray<T> tensor, string? comment, MatrixMarketField field,
        MatrixMarketSymmetry symmetry) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckEnums(field, symmetry);
        if (tensor.Rank != 2)
            ThrowHelper.Argument("mmwrite", nameof(tensor), $"the array format stores a matrix; expected a 2-D tensor, got shape {tensor.Shape}");
        if (field == MatrixMarketField.Pattern)
            ThrowHelper.Argument("mmwrite", nameof(field), "the field 'pattern' exists only for the coordinate format; write a dense tensor as real or integer");
        long m = tensor.Shape[0], n = tensor.Shape[1];
        if (field == MatrixMarketField.Integer)
            for (long i = 0; i < m; i++)
                for (long j = 0; j < n; j++) CheckInteger(tensor[i, j], i, j);
        if (symmetry != MatrixMarketSymmetry.General) SymmetryCheck.RequireSymmetric(tensor, symmetry);
        var output = new LineBuffer(writer);
        WriteHeader(output, MatrixMarketFormat.Array, field, symmetry, comment);
        output.Append(m).Append(' ').Append(n).Append('\n');
        for (long j = 0; j < n; j++)
        {
            long first = symmetry switch { MatrixMarketSymmetry.General => 0, MatrixMarketSymmetry.Symmetric => j, _ => j + 1 };
            for (long i = first; i < m; i++)
            {
                AppendValue(output, tensor[i, j], field);
                output.Append('\n');
            }
        }
        output.Flush();
    }

    private static void CheckEnums(MatrixMarketField field, MatrixMarketSymmetry symmetry)
    {
        if (!Enum.IsDefined(field)) ThrowHelper.Argument("mmwrite", nameof(field), $"unknown field {(int)field}");
        if (!Enum.IsDefined(symmetry)) ThrowHelper.Argument("mmwrite", nameof(symmetry), $"unknown symmetry {(int)symmetry}");
    }

    private static void WriteHeader(LineBuffer output, MatrixMarketFormat format, MatrixMarketField field, MatrixMarketSymmetry symmetry, string? comment)
    {
        output.Append("%%MatrixMarket matrix ").Append(format == MatrixMarketFormat.Coordinate ? "coordinate" : "array").Append(' ')
            .Append(MatrixMarketReader.FieldName(field)).Append(' ').Append(MatrixMarketReader.SymmetryName(symmetry)).Append('\n');
        if (string.IsNullOrEmpty(comment)) return;
        foreach (var part in comment.Split('\n'))
            output.Append('%').Append(part.TrimEnd('\r')).Append('\n');
    }

    private static void WriteEntry<T>(LineBuffer output, int i, int j, T value, MatrixMarketField field) where T : unmanaged, IFloatingPointIeee754<T>
    {
        output.Append(i + 1).Append(' ').Append(j + 1);
        if (field != MatrixMarketField.Pattern) AppendValue(output.Append(' '), value, field);
        output.Append('\n');
    }

    private static void AppendValue<T>(LineBuffer output, T value, MatrixMarketField field) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (field == MatrixMarketField.Integer) output.Append(long.CreateTruncating(value));
        else output.AppendReal(value);
    }

    private static void CheckIntegers<T>(SparseMatrix<T> matrix) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool csr = matrix.Format == SparseFormat.Csr;
        for (int a = 0; a < matrix.MajorCount; a++)
        {
            var idx = matrix.RunIndices(a);
            var val = matrix.RunValues(a);
            for (int k = 0; k < idx.Length; k++) CheckInteger(val[k], csr ? a : idx[k], csr ? idx[k] : a);
        }
    }

    /// <summary>Integers up to 2^63 in magnitude are written exactly; anything else is refused.</summary>
    private static void CheckInteger<T>(T v, long i, long j) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!T.IsInteger(v) || T.Abs(v) >= T.CreateTruncating(9.2233720368547758e18))
            ThrowHelper.Argument("mmwrite", "field",
                $"the field 'integer' needs whole numbers below 2^63 in magnitude, but A[{i}, {j}] = {v.ToString("R", CultureInfo.InvariantCulture)}; write it as real");
    }

    /// <summary>Characters collected into one buffer and handed to the writer in large blocks.</summary>
    private sealed class LineBuffer(TextWriter writer)
    {
        private const int Size = 1 << 16;
        private const int Reserve = 128;
        private readonly char[] _buffer = new char[Size];
        private int _length;

        public LineBuffer Append(char c)
        {
            Ensure(1);
            _buffer[_length++] = c;
            return this;
        }

        public LineBuffer Append(string s)
        {
            if (s.Length > Size - Reserve)
            {
                Flush();
                writer.Write(s);
                return this;
            }
            Ensure(s.Length);
            s.CopyTo(_buffer.AsSpan(_length));
            _length += s.Length;
            return this;
        }

        public LineBuffer Append(long v)
        {
            Ensure(Reserve);
            v.TryFormat(_buffer.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture);
            _length += written;
            return this;
        }

        public LineBuffer AppendReal<T>(T v) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (T.IsNaN(v)) return Append("nan");
            if (T.IsInfinity(v)) return Append(T.IsNegative(v) ? "-inf" : "inf");
            Ensure(Reserve);
            v.TryFormat(_buffer.AsSpan(_length), out int written, "R", CultureInfo.InvariantCulture);
            _length += written;
            return this;
        }

        public void Flush()
        {
            writer.Write(_buffer, 0, _length);
            _length = 0;
        }

        private void Ensure(int count)
        {
            if (_length + count > Size) Flush();
        }
    }
}
