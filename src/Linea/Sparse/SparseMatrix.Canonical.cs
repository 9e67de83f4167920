using System.Numerics;
using System.Runtime.InteropServices;
using Linea.Storage;

namespace Linea;

public sealed partial class SparseMatrix<TScalar>
{
    /// <summary>A deep copy: new index, pointer and value arrays, the same format and flags. O(nnz + MajorCount).</summary>
    public SparseMatrix<TScalar> Copy()
    {
        long nnz = Nnz;
        var idx = TensorStorage<int>.Allocate(nnz, zero: false, op: "sparse copy");
        var val = TensorStorage<TScalar>.Allocate(nnz, zero: false, op: "sparse copy");
        CopyRange(Idx, 0, idx, 0, nnz);
        CopyRange(Val, 0, val, 0, nnz);
        return new SparseMatrix<TScalar>(Format, Rows, Columns, (long[])Ptr.Clone(), idx, val, HasSortedIndices, HasCanonicalFormat);
    }

    /// <summary>
    /// A new matrix with the indices of every row (CSR) or column (CSC) in increasing order, duplicates kept (SciPy's
    /// <c>sort_indices</c>, which works in place; Linea's pattern is immutable). Returns this matrix when already sorted.
    /// O(nnz log(run length)).
    /// </summary>
    public SparseMatrix<TScalar> SortIndices()
    {
        if (HasSortedIndices) return this;
        var copy = Copy();
        for (int i = 0; i < MajorCount; i++) copy.RunIndices(i).Sort(copy.RunValues(i));
        return new SparseMatrix<TScalar>(Format, Rows, Columns, copy.Ptr, copy.Idx, copy.Val, sortedIndices: true, canonical: HasCanonicalFormat || IsCanonicalAfterSort(copy));
    }

    /// <summary>
    /// A new matrix in canonical form (SciPy's <c>sum_duplicates</c>): indices sorted within every row (column) and
    /// entries at the same position added into one. Explicit zeros are kept. Returns this matrix when already canonical.
    /// O(nnz log(run length)).
    /// </summary>
    public SparseMatrix<TScalar> SumDuplicates()
    {
        if (HasCanonicalFormat) return this;
        var sorted = HasSortedIndices ? Copy() : SortIndices();
        int major = MajorCount;
        var ptr = new long[major + 1];
        long w = 0;
        for (int i = 0; i < major; i++)
        {
            var ri = sorted.RunIndices(i);
            var rv = sorted.RunValues(i);
            // The sorted copy is private (or canonical already), so compact it in place.
            for (int k = 0; k < ri.Length; k++)
            {
                if (w > ptr[i] && sorted.Idx.At(w - 1) == ri[k]) sorted.Val.At(w - 1) += rv[k];
                else { sorted.Idx.At(w) = ri[k]; sorted.Val.At(w) = rv[k]; w++; }
            }
            ptr[i + 1] = w;
        }
        return Shrunk(ptr, sorted.Idx, sorted.Val, sortedIndices: true, canonical: true);
    }

    /// <summary>
    /// A new matrix without the explicitly stored zeros (SciPy's <c>eliminate_zeros</c>); order and duplicates otherwise
    /// unchanged (duplicates that add up to zero stay: call <see cref="SumDuplicates"/> first). NaN is not zero.
    /// O(nnz + MajorCount).
    /// </summary>
    public SparseMatrix<TScalar> EliminateZeros()
    {
        int major = MajorCount;
        var ptr = new long[major + 1];
        long kept = 0;
        for (long k = 0; k < Nnz; k++) if (Val.At(k) != TScalar.Zero) kept++;
        var idx = TensorStorage<int>.Allocate(kept, zero: false, op: "eliminate zeros");
        var val = TensorStorage<TScalar>.Allocate(kept, zero: false, op: "eliminate zeros");
        long w = 0;
        for (int i = 0; i < major; i++)
        {
            var ri = RunIndices(i);
            var rv = RunValues(i);
            for (int k = 0; k < ri.Length; k++)
                if (rv[k] != TScalar.Zero) { idx.At(w) = ri[k]; val.At(w) = rv[k]; w++; }
            ptr[i + 1] = w;
        }
        return new SparseMatrix<TScalar>(Format, Rows, Columns, ptr, idx, val, HasSortedIndices, HasCanonicalFormat);
    }

    /// <summary>This matrix in canonical form (itself when it is), for the element-wise operations.</summary>
    internal SparseMatrix<TScalar> Canonical() => HasCanonicalFormat ? this : SumDuplicates();

    /// <summary>A matrix in this format and shape over the first ptr[^1] entries of the given storage, copied down to size when shorter.</summary>
    internal SparseMatrix<TScalar> Shrunk(long[] ptr, TensorStorage<int> idx, TensorStorage<TScalar> val, bool sortedIndices, bool canonical) =>
        Shrunk(Format, Rows, Columns, ptr, idx, val, sortedIndices, canonical);

    internal static SparseMatrix<TScalar> Shrunk(SparseFormat format, int rows, int columns, long[] ptr, TensorStorage<int> idx,
        TensorStorage<TScalar> val, bool sortedIndices, bool canonical)
    {
        long n = ptr[^1];
        if (n < idx.Length)
        {
            var idx2 = TensorStorage<int>.Allocate(n, zero: false, op: "sparse");
            var val2 = TensorStorage<TScalar>.Allocate(n, zero: false, op: "sparse");
            CopyRange(idx, 0, idx2, 0, n);
            CopyRange(val, 0, val2, 0, n);
            (idx, val) = (idx2, val2);
        }
        return new SparseMatrix<TScalar>(format, rows, columns, ptr, idx, val, sortedIndices, canonical);
    }

    /// <summary>Copies <paramref name="count"/> elements between storages in chunks that fit a span.</summary>
    internal static void CopyRange<TElement>(TensorStorage<TElement> from, long fromStart, TensorStorage<TElement> to, long toStart, long count)
        where TElement : unmanaged
    {
        while (count > 0)
        {
            int chunk = (int)Math.Min(count, 1L << 30);
            MemoryMarshal.CreateReadOnlySpan(ref from.At(fromStart), chunk).CopyTo(MemoryMarshal.CreateSpan(ref to.At(toStart), chunk));
            fromStart += chunk; toStart += chunk; count -= chunk;
        }
    }

    private static bool IsCanonicalAfterSort(SparseMatrix<TScalar> sorted)
    {
        for (int i = 0; i < sorted.MajorCount; i++)
        {
            var ri = sorted.RunIndices(i);
            for (int k = 1; k < ri.Length; k++) if (ri[k] == ri[k - 1]) return false;
        }
        return true;
    }
}
