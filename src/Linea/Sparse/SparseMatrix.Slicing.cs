using System.Numerics;
using Linea.Storage;

namespace Linea;

public sealed partial class SparseMatrix<TScalar>
{
    /// <summary>
    /// Rows <paramref name="start"/> up to (not including) <paramref name="stop"/> as a new CSR matrix of shape
    /// (stop - start, Columns) (SciPy's <c>A[start:stop]</c>). O(entries in the slice) for CSR; a CSC matrix is
    /// converted to CSR first (O(nnz)). Throws <see cref="TensorIndexOutOfRangeException"/> unless
    /// 0 &lt;= start &lt;= stop &lt;= Rows.
    /// </summary>
    public SparseMatrix<TScalar> SliceRows(int start, int stop)
    {
        if (start < 0 || stop < start || stop > Rows)
            ThrowHelper.Index("sparse row slice", $"rows [{start}, {stop}) are not a range within the {Rows} rows of a matrix of shape ({Rows}, {Columns})");
        var a = ToCsr();
        int count = stop - start;
        long first = a.Ptr[start], nnz = a.Ptr[stop] - first;
        var ptr = new long[count + 1];
        for (int i = 0; i <= count; i++) ptr[i] = a.Ptr[start + i] - first;
        var idx = TensorStorage<int>.Allocate(nnz, zero: false, op: "sparse row slice");
        var val = TensorStorage<TScalar>.Allocate(nnz, zero: false, op: "sparse row slice");
        CopyRange(a.Idx, first, idx, 0, nnz);
        CopyRange(a.Val, first, val, 0, nnz);
        return new SparseMatrix<TScalar>(SparseFormat.Csr, count, Columns, ptr, idx, val, a.HasSortedIndices, a.HasCanonicalFormat);
    }

    /// <summary>
    /// The rows listed in <paramref name="rows"/>, in that order (repeats allowed), as a new CSR matrix of shape
    /// (rows.Length, Columns) (SciPy's <c>A[[i, j, ...]]</c>). O(entries selected) for CSR; CSC is converted first.
    /// Throws <see cref="TensorIndexOutOfRangeException"/> naming the first index outside [0, Rows).
    /// </summary>
    public SparseMatrix<TScalar> SelectRows(ReadOnlySpan<int> rows)
    {
        for (int t = 0; t < rows.Length; t++)
            if ((uint)rows[t] >= (uint)Rows)
                ThrowHelper.Index("sparse row selection", $"row index {rows[t]} at position {t} is out of range for a matrix of shape ({Rows}, {Columns})");
        var a = ToCsr();
        var ptr = new long[rows.Length + 1];
        for (int t = 0; t < rows.Length; t++) ptr[t + 1] = ptr[t] + (a.Ptr[rows[t] + 1] - a.Ptr[rows[t]]);
        var idx = TensorStorage<int>.Allocate(ptr[^1], zero: false, op: "sparse row selection");
        var val = TensorStorage<TScalar>.Allocate(ptr[^1], zero: false, op: "sparse row selection");
        for (int t = 0; t < rows.Length; t++)
        {
            int i = rows[t];
            CopyRange(a.Idx, a.Ptr[i], idx, ptr[t], ptr[t + 1] - ptr[t]);
            CopyRange(a.Val, a.Ptr[i], val, ptr[t], ptr[t + 1] - ptr[t]);
        }
        return new SparseMatrix<TScalar>(SparseFormat.Csr, rows.Length, Columns, ptr, idx, val, a.HasSortedIndices, a.HasCanonicalFormat);
    }
}
