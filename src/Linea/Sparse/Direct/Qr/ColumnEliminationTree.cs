using System.Numerics;

namespace Linea;

/// <summary>
/// The symbolic part of the sparse QR: the elimination tree of A^T A for the column-permuted A, found from A's columns
/// without forming A^T A (Liu's algorithm with path compression, as CSparse's <c>cs_etree</c> with <c>ata</c>), and
/// every row's leftmost column (the first permuted column where the row has an entry).
/// </summary>
internal static class ColumnEliminationTree
{
    /// <summary>
    /// <c>parent[k]</c> is the parent of permuted column k in the column elimination tree (-1 for a root) and
    /// <c>leftmost[i]</c> the first permuted column with an entry in row i (-1 for an empty row).
    /// <paramref name="a"/> is CSC; <paramref name="perm"/>[k] is the original column at position k.
    /// O(nnz(A) log n) time (path compression), O(m + n) memory.
    /// </summary>
    public static (int[] Parent, int[] Leftmost) Compute<T>(SparseMatrix<T> a, ReadOnlySpan<int> perm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Columns;
        var parent = new int[n];
        var ancestor = new int[n];
        var leftmost = new int[m];
        var prev = new int[m]; // the last permuted column seen with an entry in row i
        Array.Fill(leftmost, -1);
        Array.Fill(prev, -1);
        for (int k = 0; k < n; k++)
        {
            parent[k] = -1;
            ancestor[k] = -1;
            foreach (int row in a.RunIndices(perm[k]))
            {
                if (leftmost[row] < 0) leftmost[row] = k;
                // Climb from the previous column of this row to its root, linking the root under k; compress the path to k.
                for (int j = prev[row]; j != -1 && j < k;)
                {
                    int next = ancestor[j];
                    ancestor[j] = k;
                    if (next == -1) parent[j] = k;
                    j = next;
                }
                prev[row] = k;
            }
        }
        return (parent, leftmost);
    }
}
