using System.Numerics;

namespace Linea;

/// <summary>
/// Where each stored entry of a square CSC matrix A goes in the fronts of the multifrontal LU, for the symmetric
/// permutation perm (Ap = A[perm, perm]): the entries on and below Ap's diagonal by columns (they fill the panels
/// [F11; F21] of the supernode owning the column), those above it by rows (they fill the F12 blocks, or the panel's
/// upper part when the column belongs to the row's own supernode), each with the index of its value in A's storage so
/// new values with the same pattern are gathered without rebuilding anything. Duplicates are kept (assembly sums them).
/// O(nnz(A) + n) time and memory.
/// </summary>
internal sealed class FrontAssemblyMap
{
    /// <summary>Column pointers (n + 1) of Ap's lower triangle, diagonal included.</summary>
    public readonly int[] LowerPtr;

    /// <summary>Row indices (permuted numbering, each &gt;= its column) of the lower triangle.</summary>
    public readonly int[] LowerRow;

    /// <summary>Row pointers (n + 1) of Ap's strict upper triangle.</summary>
    public readonly int[] UpperPtr;

    /// <summary>Column indices (permuted numbering, each &gt; its row) of the strict upper triangle.</summary>
    public readonly int[] UpperCol;

    /// <summary>Positions in A's stored values: of the lower entries first, then of the upper ones (offset by LowerPtr[n]).</summary>
    public readonly int[] Source;

    private FrontAssemblyMap(int[] lowerPtr, int[] lowerRow, int[] upperPtr, int[] upperCol, int[] source)
    {
        LowerPtr = lowerPtr; LowerRow = lowerRow; UpperPtr = upperPtr; UpperCol = upperCol; Source = source;
    }

    /// <summary>The map for CSC <paramref name="a"/> under the permutation whose inverse is <paramref name="inverse"/>.</summary>
    public static FrontAssemblyMap Build<T>(SparseMatrix<T> a, ReadOnlySpan<int> inverse) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Columns;
        var lowerPtr = new int[n + 1];
        var upperPtr = new int[n + 1];
        for (int j = 0; j < n; j++)
        {
            int pj = inverse[j];
            foreach (int i in a.RunIndices(j))
            {
                int pi = inverse[i];
                if (pi >= pj) lowerPtr[pj + 1]++;
                else upperPtr[pi + 1]++;
            }
        }
        for (int j = 0; j < n; j++) { lowerPtr[j + 1] += lowerPtr[j]; upperPtr[j + 1] += upperPtr[j]; }
        int nl = lowerPtr[n], nu = upperPtr[n];
        var lowerRow = new int[nl];
        var upperCol = new int[nu];
        var source = new int[nl + nu];
        var nextL = lowerPtr.AsSpan(0, n).ToArray();
        var nextU = upperPtr.AsSpan(0, n).ToArray();
        for (int j = 0; j < n; j++)
        {
            int pj = inverse[j], start = (int)a.Ptr[j];
            var idx = a.RunIndices(j);
            for (int q = 0; q < idx.Length; q++)
            {
                int pi = inverse[idx[q]];
                if (pi >= pj)
                {
                    int d = nextL[pj]++;
                    lowerRow[d] = pi;
                    source[d] = start + q;
                }
                else
                {
                    int d = nextU[pi]++;
                    upperCol[d] = pj;
                    source[nl + d] = start + q;
                }
            }
        }
        return new FrontAssemblyMap(lowerPtr, lowerRow, upperPtr, upperCol, source);
    }

    /// <summary>Bytes held (for memory reports).</summary>
    public long Bytes => 4L * (LowerPtr.Length + LowerRow.Length + UpperPtr.Length + UpperCol.Length + Source.Length);
}
