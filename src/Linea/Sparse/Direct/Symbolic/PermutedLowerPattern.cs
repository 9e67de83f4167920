using System.Numerics;

namespace Linea;

/// <summary>
/// The lower triangle of A[perm, perm] as a column-compressed pattern, built from the entries of A's lower triangle
/// (row &gt;= column; the strict upper triangle of the input is never read), with, for each entry, the index of the
/// stored input value it came from (so new values with the same pattern are gathered without rebuilding anything).
/// Duplicates are kept (the numeric assembly sums them). O(nnz(A) + n) time and memory.
/// </summary>
internal sealed class PermutedLowerPattern
{
    /// <summary>Column pointers (n + 1) of the permuted lower triangle.</summary>
    public readonly int[] ColPtr;

    /// <summary>Row indices (permuted numbering, each &gt;= its column), unsorted within a column.</summary>
    public readonly int[] RowIdx;

    /// <summary>For each entry, the position of its value in the input's stored values.</summary>
    public readonly int[] Source;

    /// <summary>The number of stored values of the input (the range of <see cref="Source"/>).</summary>
    public readonly int ValueCount;

    private PermutedLowerPattern(int[] colPtr, int[] rowIdx, int[] source, int valueCount)
    {
        ColPtr = colPtr; RowIdx = rowIdx; Source = source; ValueCount = valueCount;
    }

    /// <summary>Builds the pattern of the lower triangle of A[perm, perm]; <paramref name="inverse"/> is perm's inverse.</summary>
    public static PermutedLowerPattern Build<T>(SparseMatrix<T> a, ReadOnlySpan<int> inverse) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        bool csc = a.Format == SparseFormat.Csc;
        var colPtr = new int[n + 1];
        for (int major = 0; major < n; major++)
        {
            var idx = a.RunIndices(major);
            for (int q = 0; q < idx.Length; q++)
            {
                int minor = idx[q];
                int row = csc ? minor : major, col = csc ? major : minor;
                if (row < col) continue;
                colPtr[Math.Min(inverse[row], inverse[col]) + 1]++;
            }
        }
        for (int j = 0; j < n; j++) colPtr[j + 1] += colPtr[j];
        int nnz = colPtr[n];
        var rowIdx = new int[nnz];
        var source = new int[nnz];
        var next = colPtr.AsSpan(0, n).ToArray();
        for (int major = 0; major < n; major++)
        {
            var idx = a.RunIndices(major);
            int start = (int)a.Ptr[major];
            for (int q = 0; q < idx.Length; q++)
            {
                int minor = idx[q];
                int row = csc ? minor : major, col = csc ? major : minor;
                if (row < col) continue;
                int pr = inverse[row], pc = inverse[col];
                int dst = next[Math.Min(pr, pc)]++;
                rowIdx[dst] = Math.Max(pr, pc);
                source[dst] = start + q;
            }
        }
        return new PermutedLowerPattern(colPtr, rowIdx, source, (int)a.Nnz);
    }

    /// <summary>
    /// The same entries by rows: for each row i, the columns j &lt; i holding an entry (the upper triangle's columns,
    /// as the elimination tree and the row subtrees want them). Diagonal entries are left out.
    /// </summary>
    public (int[] RowPtr, int[] ColIdx) StrictRows(int n)
    {
        var rowPtr = new int[n + 1];
        for (int j = 0; j < n; j++)
            for (int q = ColPtr[j]; q < ColPtr[j + 1]; q++)
                if (RowIdx[q] != j) rowPtr[RowIdx[q] + 1]++;
        for (int i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
        var colIdx = new int[rowPtr[n]];
        var next = rowPtr.AsSpan(0, n).ToArray();
        for (int j = 0; j < n; j++)
            for (int q = ColPtr[j]; q < ColPtr[j + 1]; q++)
                if (RowIdx[q] != j) colIdx[next[RowIdx[q]]++] = j;
        return (rowPtr, colIdx);
    }
}
