using System.Numerics;

namespace Linea;

public static partial class RowBlocks
{
    /// <summary>
    /// The rows of a sparse matrix as dense blocks: each block is a reused (rows, columns) buffer, zeroed and filled
    /// with the block's stored entries (duplicates summed). Suits modest column counts, since a dense block holds
    /// blockRows x columns values whatever the density: for thousands of columns choose small blocks, and for very
    /// wide matrices use the sparse algorithms instead. A CSC matrix is converted to CSR once, here. Memory held: the
    /// sparse matrix (the caller's) and one dense block. Progress reports rows only.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="matrix">The sparse matrix; it is not copied (except a CSC matrix, converted to CSR).</param>
    public static IRowBlockSource<T> FromSparse<T>(SparseMatrix<T> matrix) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return new SparseRowBlocks<T>(matrix.ToCsr(), -1);
    }

    /// <summary>
    /// The rows of the sparse matrix in the Matrix Market (<c>.mtx</c>) or SciPy <c>.npz</c> file at
    /// <paramref name="path"/> (chosen by the extension <c>.npz</c>, otherwise Matrix Market), as dense blocks of rows
    /// (see <see cref="FromSparse{T}(SparseMatrix{T})"/>, which suits modest column counts). The compressed matrix is
    /// read into memory once, here (O(nnz) memory: these formats do not store rows in an order that allows streaming
    /// them); a pass then densifies one block at a time and reports rows read and, in proportion to the rows, the
    /// file's bytes. Memory held: O(nnz + blockRows x columns).
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="path">A <c>.mtx</c> (Matrix Market coordinate or array) or <c>.npz</c> (scipy.sparse.save_npz) file.</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="TensorFormatException">The file is malformed (the message names the file and line or member).</exception>
    public static IRowBlockSource<T> SparseFile<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"row blocks: no sparse matrix file at '{path}'", path);
        var matrix = path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase) ? Sparse.LoadNpz<T>(path) : Sparse.MmRead<T>(path);
        return new SparseRowBlocks<T>(matrix.ToCsr(), new FileInfo(path).Length);
    }

    private sealed class SparseRowBlocks<T>(SparseMatrix<T> csr, long fileBytes) : IRowBlockSource<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public long Rows => csr.Rows;

        public int Columns => csr.Columns;

        public IEnumerable<RowBlock<T>> Blocks(int blockRows, IProgress<RowBlockProgress>? progress = null)
        {
            CheckBlockRows(blockRows);
            return Enumerate(blockRows, progress);
        }

        private IEnumerable<RowBlock<T>> Enumerate(int blockRows, IProgress<RowBlockProgress>? progress)
        {
            int rows = csr.Rows, columns = csr.Columns;
            int capacity = Math.Min(rows, blockRows);
            if ((long)capacity * columns > Array.MaxLength)
                ThrowHelper.Argument("row blocks", nameof(blockRows), $"a dense block of {capacity} x {columns} values exceeds one array; use fewer rows per block");
            var buffer = new T[(long)capacity * columns];
            for (int start = 0; start < rows; start += blockRows)
            {
                int count = Math.Min(rows - start, blockRows);
                var dense = buffer.AsSpan(0, count * columns);
                dense.Clear();
                var ptr = csr.IndPtr;
                var idx = csr.Indices;
                var val = csr.Data;
                for (int i = 0; i < count; i++)
                {
                    var row = dense.Slice(i * columns, columns);
                    for (long k = ptr[start + i]; k < ptr[start + i + 1]; k++) row[idx[(int)k]] += val[(int)k];
                }
                yield return new RowBlock<T>(start, new NDArray<T>(buffer, 0, [count, columns], [columns, 1]));
                long stop = start + count;
                progress?.Report(new RowBlockProgress(stop, rows, fileBytes < 0 ? -1 : fileBytes * stop / Math.Max(rows, 1), fileBytes));
            }
        }
    }
}
