using System.IO.Compression;
using System.Numerics;
using System.Text;
using Linea.IO;

namespace Linea;

/// <summary>
/// Reads and writes the NIST Matrix Market exchange format (<c>.mtx</c>; SciPy's <c>scipy.io.mmread</c>,
/// <c>mmwrite</c> and <c>mminfo</c>), the format of the SuiteSparse Matrix Collection. <see cref="Sparse.MmRead{T}(string, SparseFormat)"/>
/// and <see cref="Sparse.MmWrite{T}(string, SparseMatrix{T}, string?, MatrixMarketField, MatrixMarketSymmetry)"/> are the
/// same operations under SciPy's names.
/// </summary>
/// <remarks>
/// <para><b>Reading</b> accepts the <c>coordinate</c> format (one 1-based "row column value" line per entry) and the
/// <c>array</c> format (every element, column by column); the fields <c>real</c>, <c>double</c>, <c>integer</c> and
/// <c>pattern</c> (positions only; every entry reads as 1); the symmetries <c>general</c>, <c>symmetric</c> and
/// <c>skew-symmetric</c>, whose stored triangle is mirrored (negated for skew, whose diagonal must be zero; an entry stored
/// above the diagonal is mirrored too, as SciPy does). Banner words
/// may be in any case; comment lines (first non-blank character <c>%</c>) and blank lines may appear anywhere after the
/// banner. Values are parsed with the invariant culture; <c>nan</c>, <c>inf</c>, <c>infinity</c> (any case and sign), .NET's
/// <c>NaN</c>/<c>Infinity</c> and Fortran's <c>D</c> exponent are accepted. Duplicate coordinates are summed, as SciPy's
/// conversion to CSR does. Entries are parsed as spans from a buffered reader (nothing allocated per line): O(entries)
/// time, and memory for the entries (twice, mirrored entries included, while compressing); up to
/// <see cref="Array.MaxLength"/> entries, mirrored ones included. Files whose name ends in <c>.gz</c> are decompressed.</para>
/// <para><b>Errors</b>: <see cref="TensorFormatException"/> with the source and the line number for a missing or malformed
/// banner or size line, a non-square symmetric matrix, a malformed number, an index outside 1..rows or 1..columns, a
/// nonzero diagonal entry in a skew-symmetric file, and more or fewer entries than the size line declares;
/// <see cref="NotSupportedException"/> naming the word for <c>complex</c> and <c>hermitian</c> files and <c>vector</c>
/// objects.</para>
/// <para><b>Writing</b> produces a <c>coordinate</c> file for a sparse matrix (<c>real general</c> unless asked otherwise)
/// and an <c>array</c> file for a dense tensor, with values in the shortest form that reads back to the same bits
/// (<c>"R"</c>) for the element type, so every round trip is exact (a <c>float</c> matrix is written in float's shortest
/// form: read it back as <c>float</c> for the same bits). Symmetric and skew-symmetric output stores the lower triangle only, after an
/// exact check that the matrix has that symmetry (refused with an <see cref="ArgumentException"/> naming the first
/// mismatching pair otherwise); for the pattern field the check compares positions only.</para>
/// </remarks>
public static class MatrixMarket
{
    private const int BufferBytes = 1 << 16;

    /// <summary>
    /// Reads the Matrix Market file at <paramref name="path"/> as a sparse matrix. A coordinate file gives its entries
    /// (duplicates summed, symmetric storage expanded, explicit zeros kept); an array file gives the nonzeros of its dense
    /// matrix (SciPy's <c>mmread</c> returns a dense ndarray there; use <see cref="ReadDense{T}(string)"/> for that).
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>: values are parsed straight to this type (correctly rounded).</typeparam>
    /// <param name="path">The file; a name ending in <c>.gz</c> is read through gzip.</param>
    /// <param name="format">The format of the result, CSR by default.</param>
    /// <returns>A (rows, columns) matrix with sorted, distinct indices.</returns>
    /// <exception cref="TensorFormatException">A malformed file; the message names the line (see the class remarks).</exception>
    /// <exception cref="NotSupportedException">A complex or hermitian file, or a vector object.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static SparseMatrix<T> Read<T>(string path, SparseFormat format = SparseFormat.Csr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var reader = OpenText(path);
        return MatrixMarketReader.ReadSparse<T>(reader, $"'{path}'", format);
    }

    /// <summary>Reads Matrix Market text from <paramref name="reader"/> (left open) as a sparse matrix; as <see cref="Read{T}(string, SparseFormat)"/>.</summary>
    /// <exception cref="TensorFormatException">Malformed text; the message names the line.</exception>
    /// <exception cref="NotSupportedException">Complex or hermitian data, or a vector object.</exception>
    public static SparseMatrix<T> Read<T>(TextReader reader, SparseFormat format = SparseFormat.Csr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        return MatrixMarketReader.ReadSparse<T>(reader, "(reader)", format);
    }

    /// <summary>
    /// Reads the Matrix Market file at <paramref name="path"/> as a dense (rows, columns) tensor, as SciPy's <c>mmread</c>
    /// does for an array file; a coordinate file is expanded (duplicates summed). O(rows x columns) memory.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="path">The file; a name ending in <c>.gz</c> is read through gzip.</param>
    /// <returns>A new C-contiguous 2-D tensor.</returns>
    /// <exception cref="TensorFormatException">A malformed file; the message names the line.</exception>
    /// <exception cref="NotSupportedException">A complex or hermitian file, or a vector object.</exception>
    public static NDArray<T> ReadDense<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var reader = OpenText(path);
        return MatrixMarketReader.ReadDense<T>(reader, $"'{path}'");
    }

    /// <summary>Reads Matrix Market text from <paramref name="reader"/> (left open) as a dense tensor; as <see cref="ReadDense{T}(string)"/>.</summary>
    /// <exception cref="TensorFormatException">Malformed text; the message names the line.</exception>
    /// <exception cref="NotSupportedException">Complex or hermitian data, or a vector object.</exception>
    public static NDArray<T> ReadDense<T>(TextReader reader) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        return MatrixMarketReader.ReadDense<T>(reader, "(reader)");
    }

    /// <summary>
    /// The header of the Matrix Market file at <paramref name="path"/> (SciPy's <c>mminfo</c>): shape, stored entries,
    /// format, field and symmetry. Reads only up to the size line.
    /// </summary>
    /// <exception cref="TensorFormatException">A malformed banner or size line.</exception>
    /// <exception cref="NotSupportedException">A complex or hermitian file, or a vector object.</exception>
    public static MatrixMarketInfo Info(string path)
    {
        using var reader = OpenText(path);
        return MatrixMarketReader.ReadInfo(reader, $"'{path}'");
    }

    /// <summary>The header of the Matrix Market text in <paramref name="reader"/> (left open, read up to the size line).</summary>
    /// <exception cref="TensorFormatException">A malformed banner or size line.</exception>
    /// <exception cref="NotSupportedException">Complex or hermitian data, or a vector object.</exception>
    public static MatrixMarketInfo Info(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return MatrixMarketReader.ReadInfo(reader, "(reader)");
    }

    /// <summary>
    /// Writes <paramref name="matrix"/> to <paramref name="path"/> as a coordinate Matrix Market file, replacing any file
    /// there. With <see cref="MatrixMarketSymmetry.General"/> every stored entry is written as stored (explicit zeros and
    /// duplicates too), in row order for CSR and column order for CSC: O(nnz) time, O(1) extra memory. Symmetric and
    /// skew-symmetric output writes the lower triangle of the canonical matrix after checking the symmetry exactly
    /// (O(nnz + n) time, a transposed copy).
    /// </summary>
    /// <param name="path">The file to create; a name ending in <c>.gz</c> is written through gzip.</param>
    /// <param name="matrix">The matrix, CSR or CSC, any shape.</param>
    /// <param name="comment">Text written after the banner, each of its lines as a <c>%</c> comment; null for none.</param>
    /// <param name="field"><see cref="MatrixMarketField.Real"/> (values in round-trip form), <see cref="MatrixMarketField.Integer"/>
    /// (every value must be a whole number below 2^63 in magnitude) or <see cref="MatrixMarketField.Pattern"/> (positions
    /// only: the values are not written and read back as 1).</param>
    /// <param name="symmetry">Which part to store; <see cref="MatrixMarketSymmetry.Symmetric"/> and
    /// <see cref="MatrixMarketSymmetry.SkewSymmetric"/> need a square matrix with that exact symmetry (a symmetric pattern
    /// needs a symmetric set of positions; a pattern cannot be skew-symmetric).</param>
    /// <exception cref="ArgumentException">The matrix lacks the requested symmetry (the message names the first mismatching
    /// pair), is not square for a symmetric output, or holds a non-integer value for the integer field.</exception>
    public static void Write<T>(string path, SparseMatrix<T> matrix, string? comment = null, MatrixMarketField field = MatrixMarketField.Real,
        MatrixMarketSymmetry symmetry = MatrixMarketSymmetry.General) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix);
        WriteFile(path, writer => MatrixMarketWriter.WriteSparse(writer, matrix, comment, field, symmetry));
    }

    /// <summary>Writes <paramref name="matrix"/> as a coordinate Matrix Market file to <paramref name="writer"/> (left open, flushed); as <see cref="Write{T}(string, SparseMatrix{T}, string?, MatrixMarketField, MatrixMarketSymmetry)"/>.</summary>
    /// <exception cref="ArgumentException">The matrix lacks the requested symmetry or integer values.</exception>
    public static void Write<T>(TextWriter writer, SparseMatrix<T> matrix, string? comment = null, MatrixMarketField field = MatrixMarketField.Real,
        MatrixMarketSymmetry symmetry = MatrixMarketSymmetry.General) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(matrix);
        MatrixMarketWriter.WriteSparse(writer, matrix, comment, field, symmetry);
        writer.Flush();
    }

    /// <summary>
    /// Writes the 2-D <paramref name="tensor"/> (any strides) to <paramref name="path"/> as an array Matrix Market file:
    /// every element column by column, or the lower triangle (with the diagonal when symmetric, without when skew) after
    /// an exact symmetry check. O(rows x columns).
    /// </summary>
    /// <param name="path">The file to create; a name ending in <c>.gz</c> is written through gzip.</param>
    /// <param name="tensor">A 2-D tensor.</param>
    /// <param name="comment">Text written after the banner as <c>%</c> comment lines; null for none.</param>
    /// <param name="field"><see cref="MatrixMarketField.Real"/> or <see cref="MatrixMarketField.Integer"/>; the array
    /// format has no pattern field.</param>
    /// <param name="symmetry">Which part to store.</param>
    /// <exception cref="ArgumentException">Not 2-D, the pattern field, a missing symmetry, or non-integer values for the integer field.</exception>
    public static void WriteDense<T>(string path, NDArray<T> tensor, string? comment = null, MatrixMarketField field = MatrixMarketField.Real,
        MatrixMarketSymmetry symmetry = MatrixMarketSymmetry.General) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        WriteFile(path, writer => MatrixMarketWriter.WriteDense(writer, tensor, comment, field, symmetry));
    }

    /// <summary>Writes the 2-D <paramref name="tensor"/> as an array Matrix Market file to <paramref name="writer"/> (left open, flushed).</summary>
    /// <exception cref="ArgumentException">Not 2-D, the pattern field, a missing symmetry, or non-integer values for the integer field.</exception>
    public static void WriteDense<T>(TextWriter writer, NDArray<T> tensor, string? comment = null, MatrixMarketField field = MatrixMarketField.Real,
        MatrixMarketSymmetry symmetry = MatrixMarketSymmetry.General) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tensor);
        MatrixMarketWriter.WriteDense(writer, tensor, comment, field, symmetry);
        writer.Flush();
    }

    private static StreamReader OpenText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferBytes);
    }

    /// <summary>Creates the file and writes it; when writing fails (a refused symmetry, a full disk) the partial file is deleted.</summary>
    private static void WriteFile(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes);
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionLevel.Optimal);
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), BufferBytes);
            write(writer);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not UnauthorizedAccessException)
        {
            File.Delete(path);
            throw;
        }
    }
}
