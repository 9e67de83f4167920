using System.Numerics;
using Linea.Storage;

namespace Linea;

/// <summary>
/// Creates sparse matrices, in SciPy's <c>scipy.sparse</c> vocabulary: from compressed arrays (<c>Csr</c>,
/// <c>Csc</c>), from triplets (<see cref="Coo{T}"/>, which sums duplicates), from a dense tensor, and the
/// identity. The solvers and eigensolvers are in <see cref="SparseLinalg"/>.
/// </summary>
public static partial class Sparse
{
    /// <summary>
    /// A CSR matrix from SciPy's <c>(data, indices, indptr)</c> triple: row i's column indices are
    /// <c>indices[indptr[i]..indptr[i+1]]</c> and its values the same range of <paramref name="data"/>. The arrays are
    /// copied. Indices need not be sorted, and duplicates are allowed (they add up, as in SciPy).
    /// Throws <see cref="ArgumentException"/> naming the first problem: indptr of the wrong length, not starting at 0,
    /// decreasing, or not ending at the length of indices; indices and data of different lengths; an index outside
    /// [0, columns).
    /// </summary>
    public static SparseMatrix<T> Csr<T>(int rows, int columns, ReadOnlySpan<long> indPtr, ReadOnlySpan<int> indices, ReadOnlySpan<T> data)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        FromCompressed(SparseFormat.Csr, rows, columns, indPtr, indices, data, "csr");

    /// <summary>
    /// A CSC matrix from SciPy's <c>(data, indices, indptr)</c> triple: column j's row indices are
    /// <c>indices[indptr[j]..indptr[j+1]]</c>. Copied and validated as <c>Csr</c>.
    /// </summary>
    public static SparseMatrix<T> Csc<T>(int rows, int columns, ReadOnlySpan<long> indPtr, ReadOnlySpan<int> indices, ReadOnlySpan<T> data)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        FromCompressed(SparseFormat.Csc, rows, columns, indPtr, indices, data, "csc");

    /// <summary>CSR from 32-bit <paramref name="indPtr"/>, as SciPy stores matrices with fewer than 2^31 entries.</summary>
    public static SparseMatrix<T> Csr<T>(int rows, int columns, ReadOnlySpan<int> indPtr, ReadOnlySpan<int> indices, ReadOnlySpan<T> data)
        where T : unmanaged, IFloatingPointIeee754<T> => Csr(rows, columns, Widen(indPtr), indices, data);

    /// <summary>CSC from 32-bit <paramref name="indPtr"/>.</summary>
    public static SparseMatrix<T> Csc<T>(int rows, int columns, ReadOnlySpan<int> indPtr, ReadOnlySpan<int> indices, ReadOnlySpan<T> data)
        where T : unmanaged, IFloatingPointIeee754<T> => Csc(rows, columns, Widen(indPtr), indices, data);

    /// <summary>
    /// A matrix from coordinates (SciPy's <c>coo_matrix((data, (row, col)), shape)</c> followed by <c>tocsr()</c> or
    /// <c>tocsc()</c>): entry k is <paramref name="values"/>[k] at (<paramref name="rowIndices"/>[k],
    /// <paramref name="columnIndices"/>[k]). Duplicates are summed; the result has sorted indices and explicit zeros
    /// are kept (drop them with <c>EliminateZeros</c>). O(nnz + rows + columns).
    /// Throws <see cref="ArgumentException"/> when the three arrays differ in length or an index is out of range.
    /// </summary>
    public static SparseMatrix<T> Coo<T>(int rows, int columns, ReadOnlySpan<int> rowIndices, ReadOnlySpan<int> columnIndices,
        ReadOnlySpan<T> values, SparseFormat format = SparseFormat.Csr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape("coo", rows, columns);
        if (rowIndices.Length != columnIndices.Length || rowIndices.Length != values.Length)
            ThrowHelper.Argument("coo", nameof(values),
                $"row indices, column indices and values must have one length, got {rowIndices.Length}, {columnIndices.Length} and {values.Length}");
        CheckRange("coo", rowIndices, rows, "row");
        CheckRange("coo", columnIndices, columns, "column");
        return format == SparseFormat.Csr
            ? CooCompression.Compress(SparseFormat.Csr, rows, columns, rowIndices, columnIndices, values)
            : CooCompression.Compress(SparseFormat.Csc, rows, columns, columnIndices, rowIndices, values);
    }

    /// <summary>
    /// The nonzeros of a 2-D tensor (of any strides) as a sparse matrix (SciPy's <c>csr_matrix(dense)</c>); NaN counts as
    /// nonzero. O(rows x columns). Throws <see cref="ArgumentException"/> for a tensor that is not 2-D or has more than
    /// 2^31 - 1 rows or columns.
    /// </summary>
    public static SparseMatrix<T> FromDense<T>(NDArray<T> dense, SparseFormat format = SparseFormat.Csr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dense);
        if (dense.Rank != 2) ThrowHelper.Argument("sparse from dense", nameof(dense), $"expected a 2-D tensor, got shape {dense.Shape}");
        if (dense.Shape[0] > int.MaxValue || dense.Shape[1] > int.MaxValue)
            ThrowHelper.Argument("sparse from dense", nameof(dense), $"shape {dense.Shape} has more than {int.MaxValue} rows or columns");
        var src = format == SparseFormat.Csr ? dense : dense.T;
        int major = (int)src.Shape[0], minor = (int)src.Shape[1];
        var ptr = new long[major + 1];
        for (int i = 0; i < major; i++)
        {
            long count = 0;
            for (int j = 0; j < minor; j++) if (src[i, j] != T.Zero) count++;
            ptr[i + 1] = ptr[i] + count;
        }
        var idx = TensorStorage<int>.Allocate(ptr[major], zero: false, op: "sparse from dense");
        var val = TensorStorage<T>.Allocate(ptr[major], zero: false, op: "sparse from dense");
        long p = 0;
        for (int i = 0; i < major; i++)
            for (int j = 0; j < minor; j++)
            {
                T v = src[i, j];
                if (v == T.Zero) continue;
                idx.At(p) = j;
                val.At(p++) = v;
            }
        return new SparseMatrix<T>(format, (int)dense.Shape[0], (int)dense.Shape[1], ptr, idx, val, sortedIndices: true, canonical: true);
    }

    /// <summary>
    /// The n x m identity (m = n by default) with ones on diagonal <paramref name="k"/> (SciPy's <c>eye</c>; k &gt; 0 above
    /// the main diagonal).
    /// </summary>
    public static SparseMatrix<T> Eye<T>(int n, int? m = null, int k = 0, SparseFormat format = SparseFormat.Csr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = m ?? n;
        CheckShape("eye", n, cols);
        // Row i holds column i + k when that column exists; in CSC column j holds row j - k.
        int major = format == SparseFormat.Csr ? n : cols;
        int minor = format == SparseFormat.Csr ? cols : n;
        int shift = format == SparseFormat.Csr ? k : -k;
        var ptr = new long[major + 1];
        for (int i = 0; i < major; i++) ptr[i + 1] = ptr[i] + ((long)i + shift >= 0 && (long)i + shift < minor ? 1 : 0);
        var idx = TensorStorage<int>.Allocate(ptr[major], zero: false, op: "eye");
        var val = TensorStorage<T>.Allocate(ptr[major], zero: false, op: "eye");
        for (int i = 0; i < major; i++)
            if (ptr[i + 1] > ptr[i]) { idx.At(ptr[i]) = i + shift; val.At(ptr[i]) = T.One; }
        return new SparseMatrix<T>(format, n, cols, ptr, idx, val, sortedIndices: true, canonical: true);
    }

    internal static SparseMatrix<T> FromCompressed<T>(SparseFormat format, int rows, int columns, ReadOnlySpan<long> indPtr,
        ReadOnlySpan<int> indices, ReadOnlySpan<T> data, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(op, rows, columns);
        int major = format == SparseFormat.Csr ? rows : columns;
        int minor = format == SparseFormat.Csr ? columns : rows;
        string majorName = format == SparseFormat.Csr ? "row" : "column";
        if (indPtr.Length != major + 1)
            ThrowHelper.Argument(op, nameof(indPtr), $"indptr must have {major + 1} entries ({majorName}s + 1) for shape ({rows}, {columns}), got {indPtr.Length}");
        if (indPtr[0] != 0) ThrowHelper.Argument(op, nameof(indPtr), $"indptr must start at 0, got {indPtr[0]}");
        if (indices.Length != data.Length)
            ThrowHelper.Argument(op, nameof(data), $"indices and data must have one length, got {indices.Length} and {data.Length}");
        if (indPtr[major] != indices.Length)
            ThrowHelper.Argument(op, nameof(indPtr), $"indptr must end at the number of stored entries {indices.Length}, got {indPtr[major]}");
        for (int i = 0; i < major; i++)
            if (indPtr[i + 1] < indPtr[i])
                ThrowHelper.Argument(op, nameof(indPtr), $"indptr decreases at {majorName} {i}: {indPtr[i]} then {indPtr[i + 1]}");
        bool sorted = true, canonical = true;
        for (int i = 0; i < major; i++)
        {
            long a = indPtr[i], b = indPtr[i + 1];
            int previous = -1;
            for (long p = a; p < b; p++)
            {
                int j = indices[(int)p];
                if ((uint)j >= (uint)minor)
                    ThrowHelper.Index(op, $"index {j} at position {p} ({majorName} {i}) is out of range for {minor} {(format == SparseFormat.Csr ? "columns" : "rows")}");
                if (j < previous) sorted = canonical = false;
                else if (j == previous) canonical = false;
                previous = j;
            }
        }
        var ptr = indPtr.ToArray();
        var idx = TensorStorage<int>.Allocate(indices.Length, zero: false, op: op);
        var val = TensorStorage<T>.Allocate(data.Length, zero: false, op: op);
        indices.CopyTo(idx.Span(0, indices.Length));
        data.CopyTo(val.Span(0, data.Length));
        return new SparseMatrix<T>(format, rows, columns, ptr, idx, val, sorted, canonical);
    }

    internal static void CheckShape(string op, int rows, int columns)
    {
        if (rows < 0 || columns < 0) ThrowHelper.Argument(op, nameof(rows), $"the shape ({rows}, {columns}) has a negative length");
    }

    internal static void CheckRange(string op, ReadOnlySpan<int> indices, int length, string what)
    {
        for (int k = 0; k < indices.Length; k++)
            if ((uint)indices[k] >= (uint)length)
                ThrowHelper.Index(op, $"{what} index {indices[k]} at position {k} is out of range for {length} {what}s");
    }

    private static long[] Widen(ReadOnlySpan<int> p)
    {
        var w = new long[p.Length];
        for (int i = 0; i < p.Length; i++) w[i] = p[i];
        return w;
    }
}
