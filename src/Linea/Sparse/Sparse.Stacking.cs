using System.Numerics;
using Linea.Storage;

namespace Linea;

public static partial class Sparse
{
    /// <summary>
    /// Blocks stacked top to bottom (SciPy's <c>vstack</c>): every block has the same number of columns; the result is
    /// CSR with the rows of each block in turn. O(total nnz + rows) (CSC blocks are converted first). Throws
    /// <see cref="ArgumentException"/> for no blocks and <see cref="ShapeMismatchException"/> naming the shapes when the
    /// column counts differ.
    /// </summary>
    public static SparseMatrix<T> Vstack<T>(params ReadOnlySpan<SparseMatrix<T>> blocks) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var csr = ToCsrBlocks(blocks, "vstack");
        int cols = csr[0].Columns;
        long rows = 0;
        foreach (var b in csr)
        {
            if (b.Columns != cols)
                ThrowHelper.ShapeMismatch("vstack", $"blocks of shapes {Shapes(csr)} differ in their number of columns", [.. csr.Select(x => x.Shape)]);
            rows += b.Rows;
        }
        return Concatenate(csr, rows, cols, columnOffsets: null, "vstack");
    }

    /// <summary>
    /// Blocks side by side (SciPy's <c>hstack</c>): every block has the same number of rows; the result is CSR whose row
    /// i is row i of each block in turn, shifted by the columns before it. O(total nnz + rows) (CSC blocks are converted
    /// first). Throws <see cref="ArgumentException"/> for no blocks and <see cref="ShapeMismatchException"/> naming the
    /// shapes when the row counts differ.
    /// </summary>
    public static SparseMatrix<T> Hstack<T>(params ReadOnlySpan<SparseMatrix<T>> blocks) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var csr = ToCsrBlocks(blocks, "hstack");
        int rows = csr[0].Rows;
        foreach (var b in csr)
            if (b.Rows != rows)
                ThrowHelper.ShapeMismatch("hstack", $"blocks of shapes {Shapes(csr)} differ in their number of rows", [.. csr.Select(x => x.Shape)]);
        var offsets = ColumnOffsets(csr, "hstack");
        long cols = offsets[^1];
        int n = rows;
        var ptr = new long[n + 1];
        for (int i = 0; i < n; i++)
        {
            long len = 0;
            foreach (var b in csr) len += b.Ptr[i + 1] - b.Ptr[i];
            ptr[i + 1] = ptr[i] + len;
        }
        var idx = TensorStorage<int>.Allocate(ptr[n], zero: false, op: "hstack");
        var val = TensorStorage<T>.Allocate(ptr[n], zero: false, op: "hstack");
        bool sorted = true, canonical = true;
        for (int i = 0; i < n; i++)
        {
            long w = ptr[i];
            for (int bk = 0; bk < csr.Length; bk++)
            {
                var ri = csr[bk].RunIndices(i);
                var rv = csr[bk].RunValues(i);
                for (int k = 0; k < ri.Length; k++) { idx.At(w) = ri[k] + (int)offsets[bk]; val.At(w++) = rv[k]; }
            }
        }
        foreach (var b in csr) { sorted &= b.HasSortedIndices; canonical &= b.HasCanonicalFormat; }
        return new SparseMatrix<T>(SparseFormat.Csr, rows, (int)cols, ptr, idx, val, sorted, canonical);
    }

    /// <summary>
    /// The block-diagonal matrix of the blocks (SciPy's <c>block_diag</c>): block b occupies the rows and columns after
    /// those of the blocks before it; everything else is zero. CSR; O(total nnz + rows). Throws
    /// <see cref="ArgumentException"/> for no blocks or a result beyond 2^31 - 1 rows or columns.
    /// </summary>
    public static SparseMatrix<T> BlockDiag<T>(params ReadOnlySpan<SparseMatrix<T>> blocks) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var csr = ToCsrBlocks(blocks, "block_diag");
        var offsets = ColumnOffsets(csr, "block_diag");
        long rows = 0;
        foreach (var b in csr) rows += b.Rows;
        return Concatenate(csr, rows, offsets[^1], offsets, "block_diag");
    }

    /// <summary>The CSR blocks' rows one after another, column indices shifted by columnOffsets[b] when given.</summary>
    private static SparseMatrix<T> Concatenate<T>(SparseMatrix<T>[] csr, long rows, long cols, long[]? columnOffsets, string op)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows > int.MaxValue || cols > int.MaxValue)
            ThrowHelper.Argument(op, "blocks", $"the result of shape ({rows}, {cols}) has more than {int.MaxValue} rows or columns");
        var ptr = new long[rows + 1];
        long nnz = 0;
        foreach (var b in csr) nnz += b.Nnz;
        var idx = TensorStorage<int>.Allocate(nnz, zero: false, op: op);
        var val = TensorStorage<T>.Allocate(nnz, zero: false, op: op);
        long row = 0, w = 0;
        bool sorted = true, canonical = true;
        for (int bk = 0; bk < csr.Length; bk++)
        {
            var b = csr[bk];
            int shift = columnOffsets is null ? 0 : (int)columnOffsets[bk];
            for (int i = 0; i < b.Rows; i++) ptr[row + i + 1] = w + b.Ptr[i + 1];
            SparseMatrix<T>.CopyRange(b.Val, 0, val, w, b.Nnz);
            for (long k = 0; k < b.Nnz; k++) idx.At(w + k) = b.Idx.At(k) + shift;
            row += b.Rows; w += b.Nnz;
            sorted &= b.HasSortedIndices; canonical &= b.HasCanonicalFormat;
        }
        return new SparseMatrix<T>(SparseFormat.Csr, (int)rows, (int)cols, ptr, idx, val, sorted, canonical);
    }

    private static SparseMatrix<T>[] ToCsrBlocks<T>(ReadOnlySpan<SparseMatrix<T>> blocks, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (blocks.Length == 0) ThrowHelper.Argument(op, nameof(blocks), "needs at least one block");
        var csr = new SparseMatrix<T>[blocks.Length];
        for (int b = 0; b < blocks.Length; b++)
        {
            ArgumentNullException.ThrowIfNull(blocks[b], nameof(blocks));
            csr[b] = blocks[b].ToCsr();
        }
        return csr;
    }

    private static long[] ColumnOffsets<T>(SparseMatrix<T>[] csr, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var offsets = new long[csr.Length + 1];
        for (int b = 0; b < csr.Length; b++) offsets[b + 1] = offsets[b] + csr[b].Columns;
        if (offsets[^1] > int.MaxValue)
            ThrowHelper.Argument(op, "blocks", $"the blocks have {offsets[^1]} columns in all, more than {int.MaxValue}");
        return offsets;
    }

    private static string Shapes<T>(SparseMatrix<T>[] blocks) where T : unmanaged, IFloatingPointIeee754<T> =>
        string.Join(", ", blocks.Select(b => $"({b.Rows}, {b.Columns})"));
}
