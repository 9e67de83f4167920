using System.Numerics;
using Linea.Storage;

namespace Linea;

/// <summary>Coordinates to compressed form with duplicates summed (SciPy's coo-to-csr plus sum_duplicates).</summary>
internal static class CooCompression
{
    /// <summary>
    /// Compresses triplets along <paramref name="majorIdx"/>: two stable counting sorts (by minor, then by major) give
    /// runs with sorted minor indices, and adjacent duplicates are then summed in place. O(nnz + rows + columns), two
    /// passes over the triplets, no comparison sort. Indices must already be checked.
    /// </summary>
    public static SparseMatrix<T> Compress<T>(SparseFormat format, int rows, int columns, ReadOnlySpan<int> majorIdx,
        ReadOnlySpan<int> minorIdx, ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int major = format == SparseFormat.Csr ? rows : columns;
        int minor = format == SparseFormat.Csr ? columns : rows;
        int n = values.Length;
        // Pass 1: order the entries by minor index (stable).
        var byMinor = CountingOrder(minorIdx, minor, null);
        // Pass 2: order that sequence by major index (stable), so each run's minor indices are sorted.
        var order = CountingOrder(majorIdx, major, byMinor);
        var ptr = new long[major + 1];
        var idx = TensorStorage<int>.Allocate(n, zero: false, op: "coo");
        var val = TensorStorage<T>.Allocate(n, zero: false, op: "coo");
        long p = 0;
        int k = 0;
        for (int i = 0; i < major; i++)
        {
            long start = p;
            while (k < n && majorIdx[order[k]] == i)
            {
                int e = order[k++];
                int j = minorIdx[e];
                if (p > start && idx.At(p - 1) == j) val.At(p - 1) += values[e];
                else { idx.At(p) = j; val.At(p) = values[e]; p++; }
            }
            ptr[i + 1] = p;
        }
        // Duplicates were summed: Shrunk copies down to the stored count.
        return SparseMatrix<T>.Shrunk(format, rows, columns, ptr, idx, val, sortedIndices: true, canonical: true);
    }

    /// <summary>A stable counting sort of the positions <paramref name="input"/> (or 0..n-1) by <paramref name="key"/>.</summary>
    private static int[] CountingOrder(ReadOnlySpan<int> key, int buckets, int[]? input)
    {
        int n = key.Length;
        var start = new int[buckets + 1];
        for (int e = 0; e < n; e++) start[key[e] + 1]++;
        for (int b = 0; b < buckets; b++) start[b + 1] += start[b];
        var output = new int[n];
        for (int t = 0; t < n; t++)
        {
            int e = input is null ? t : input[t];
            output[start[key[e]]++] = e;
        }
        return output;
    }
}
