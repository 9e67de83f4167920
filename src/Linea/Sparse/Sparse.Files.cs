using System.Numerics;
using Linea.IO;

namespace Linea;

public static partial class Sparse
{
    private const int FileBufferBytes = 1 << 16;

    /// <summary>
    /// Reads a Matrix Market file as a sparse matrix (SciPy's <c>scipy.io.mmread</c>, followed by <c>tocsr()</c>): coordinate
    /// or array format, real/double/integer/pattern field, general/symmetric/skew-symmetric storage (mirrored), duplicates
    /// summed. An array file gives the nonzeros of its dense matrix (SciPy returns an ndarray there; use
    /// <see cref="MatrixMarket.ReadDense{T}(string)"/> for a tensor). O(entries) time. See <see cref="MatrixMarket"/> for
    /// the details.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="path">The <c>.mtx</c> file (or <c>.mtx.gz</c>).</param>
    /// <param name="format">The format of the result, CSR by default.</param>
    /// <returns>A matrix with sorted, distinct indices.</returns>
    /// <exception cref="TensorFormatException">A malformed file; the message names the line.</exception>
    /// <exception cref="NotSupportedException">A complex or hermitian file, or a vector object.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static SparseMatrix<T> MmRead<T>(string path, SparseFormat format = SparseFormat.Csr) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatrixMarket.Read<T>(path, format);

    /// <summary>Reads Matrix Market text from <paramref name="reader"/> (left open) as a sparse matrix; as <see cref="MmRead{T}(string, SparseFormat)"/>.</summary>
    /// <exception cref="TensorFormatException">Malformed text; the message names the line.</exception>
    /// <exception cref="NotSupportedException">Complex or hermitian data, or a vector object.</exception>
    public static SparseMatrix<T> MmRead<T>(TextReader reader, SparseFormat format = SparseFormat.Csr) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatrixMarket.Read<T>(reader, format);

    /// <summary>The header of a Matrix Market file (SciPy's <c>scipy.io.mminfo</c>): shape, stored entries, format, field, symmetry.</summary>
    /// <exception cref="TensorFormatException">A malformed banner or size line.</exception>
    /// <exception cref="NotSupportedException">A complex or hermitian file, or a vector object.</exception>
    public static MatrixMarketInfo MmInfo(string path) => MatrixMarket.Info(path);

    /// <summary>
    /// Writes <paramref name="matrix"/> as a coordinate Matrix Market file (SciPy's <c>scipy.io.mmwrite</c>), real general
    /// by default, values in round-trip form so reading back is exact. Symmetric and skew-symmetric output stores the lower
    /// triangle after an exact check; pattern output stores positions only. O(nnz) time (O(nnz + n) and a transposed copy
    /// for the symmetric checks). See <see cref="MatrixMarket.Write{T}(string, SparseMatrix{T}, string?, MatrixMarketField, MatrixMarketSymmetry)"/>.
    /// </summary>
    /// <param name="path">The file to create (<c>.gz</c> compresses).</param>
    /// <param name="matrix">The matrix.</param>
    /// <param name="comment">Comment text after the banner; null for none.</param>
    /// <param name="field">Real, integer (whole values only) or pattern.</param>
    /// <param name="symmetry">General, symmetric or skew-symmetric (checked exactly).</param>
    /// <exception cref="ArgumentException">The matrix lacks the requested symmetry (the first mismatching pair is named), or integer values.</exception>
    public static void MmWrite<T>(string path, SparseMatrix<T> matrix, string? comment = null, MatrixMarketField field = MatrixMarketField.Real,
        MatrixMarketSymmetry symmetry = MatrixMarketSymmetry.General) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatrixMarket.Write(path, matrix, comment, field, symmetry);

    /// <summary>Writes <paramref name="matrix"/> as Matrix Market text to <paramref name="writer"/> (left open); as <see cref="MmWrite{T}(string, SparseMatrix{T}, string?, MatrixMarketField, MatrixMarketSymmetry)"/>.</summary>
    /// <exception cref="ArgumentException">The matrix lacks the requested symmetry, or integer values.</exception>
    public static void MmWrite<T>(TextWriter writer, SparseMatrix<T> matrix, string? comment = null, MatrixMarketField field = MatrixMarketField.Real,
        MatrixMarketSymmetry symmetry = MatrixMarketSymmetry.General) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatrixMarket.Write(writer, matrix, comment, field, symmetry);

    /// <summary>
    /// Loads a sparse matrix saved by SciPy's <c>scipy.sparse.save_npz</c> (or <see cref="SaveNpz{T}(string, SparseMatrix{T}, bool)"/>):
    /// CSR and CSC keep their format and arrays (indices need not be sorted); COO is compressed to CSR with duplicates
    /// summed. Indices and indptr may be any integer width (values checked against the shape); data may be float64,
    /// float32, float16, integers or booleans, converted to <typeparamref name="T"/> (rounded to nearest when narrowed).
    /// O(nnz + n) time; memory for the arrays, twice while they are validated and copied.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="path">The <c>.npz</c> file.</param>
    /// <exception cref="TensorFormatException">Not a zip, a missing or malformed member, or arrays that disagree (the message names the member).</exception>
    /// <exception cref="NotSupportedException">A bsr or dia matrix.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static SparseMatrix<T> LoadNpz<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferBytes);
        return SparseNpzReader.Read<T>(file, $"'{path}'");
    }

    /// <summary>
    /// Loads a SciPy sparse .npz archive from <paramref name="stream"/> (left open; a stream that cannot seek is buffered
    /// in memory first by the zip reader); as <see cref="LoadNpz{T}(string)"/>.
    /// </summary>
    /// <exception cref="TensorFormatException">Not a zip, a missing or malformed member, or arrays that disagree.</exception>
    /// <exception cref="NotSupportedException">A bsr or dia matrix.</exception>
    public static SparseMatrix<T> LoadNpz<T>(Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) ThrowHelper.Argument("load_npz", nameof(stream), "the stream is not readable");
        return SparseNpzReader.Read<T>(stream, "(stream)");
    }

    /// <summary>
    /// Saves <paramref name="matrix"/> in SciPy's sparse .npz format (<c>scipy.sparse.save_npz</c>), readable by
    /// <c>load_npz</c>: its CSR or CSC arrays as they are (int32 indices, int32 indptr unless the entry count needs int64,
    /// float64 or float32 data). Deflated when <paramref name="compressed"/> (the default, as SciPy's), stored otherwise.
    /// The file is written exactly at <paramref name="path"/> (SciPy appends <c>.npz</c> to a name without it; Linea does
    /// not). O(nnz + n) time, no copy of the arrays.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="matrix">The matrix to save.</param>
    /// <param name="compressed">Deflate the members (smaller, slower) or store them.</param>
    public static void SaveNpz<T>(string path, SparseMatrix<T> matrix, bool compressed = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(matrix);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, FileBufferBytes);
        SparseNpzWriter.Write(file, matrix, compressed);
    }

    /// <summary>Saves <paramref name="matrix"/> in SciPy's sparse .npz format to <paramref name="stream"/> (left open); as <see cref="SaveNpz{T}(string, SparseMatrix{T}, bool)"/>.</summary>
    /// <exception cref="ArgumentException">The stream is not writable.</exception>
    public static void SaveNpz<T>(Stream stream, SparseMatrix<T> matrix, bool compressed = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(matrix);
        if (!stream.CanWrite) ThrowHelper.Argument("save_npz", nameof(stream), "the stream is not writable");
        SparseNpzWriter.Write(stream, matrix, compressed);
    }
}
