using System.Numerics;

namespace Linea;

/// <summary>
/// The symbolic analysis of the multifrontal sparse QR of a tall matrix F[:, perm]: F's rows with their columns renumbered
/// by position (CSR), each row's leftmost column, the column elimination tree of F^T F, R's row pattern of every column
/// (to count it), and the fronts: chains of columns merged while the extra explicit zeros they add to R stay small
/// (relaxed amalgamation), each with its sorted column pattern (its pivotal columns first) and its parent front.
/// </summary>
internal sealed class QrSymbolic
{
    /// <summary>Most pivotal columns in one front.</summary>
    private const int MaxFrontColumns = 64;

    public required int Rows { get; init; }
    public required int Columns { get; init; }
    /// <summary>Row pointers, column positions and source positions (in F's CSC values) of F[:, perm] by rows.</summary>
    public required int[] RowPtr { get; init; }
    public required int[] RowCols { get; init; }
    public required long[] RowSource { get; init; }
    /// <summary>Rows by leftmost column: the rows whose first entry is in column k are RowsByLeftmost[LeftmostPtr[k]..LeftmostPtr[k+1]].</summary>
    public required int[] LeftmostPtr { get; init; }
    public required int[] RowsByLeftmost { get; init; }
    /// <summary>Front f has pivotal columns FrontStart[f]..FrontStart[f+1]-1 and column pattern Patterns[f] (sorted).</summary>
    public required int[] FrontStart { get; init; }
    public required int[][] Patterns { get; init; }
    /// <summary>The front that receives front f's contribution block, or -1.</summary>
    public required int[] FrontParent { get; init; }

    public int FrontCount => FrontStart.Length - 1;

    /// <summary>O(nnz(F) + nnz(R) + m + n) time and memory (the R row patterns of front tops are kept until the end).</summary>
    public static QrSymbolic Analyze<T>(SparseMatrix<T> f, int[] perm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = f.Rows, n = f.Columns;
        var (parent, leftmost) = ColumnEliminationTree.Compute(f, perm);

        // F[:, perm] by rows, with column positions; counting sort by row keeps each row's positions ascending.
        var rowPtr = new int[m + 1];
        for (int k = 0; k < n; k++) foreach (int i in f.RunIndices(perm[k])) rowPtr[i + 1]++;
        for (int i = 0; i < m; i++) rowPtr[i + 1] += rowPtr[i];
        var fill = (int[])rowPtr.Clone();
        var rowCols = new int[rowPtr[m]];
        var rowSource = new long[rowPtr[m]];
        for (int k = 0; k < n; k++)
        {
            long start = f.Ptr[perm[k]];
            var idx = f.RunIndices(perm[k]);
            for (int p = 0; p < idx.Length; p++)
            {
                int q = fill[idx[p]]++;
                rowCols[q] = k;
                rowSource[q] = start + p;
            }
        }

        var leftPtr = new int[n + 1];
        for (int i = 0; i < m; i++) if (leftmost[i] >= 0) leftPtr[leftmost[i] + 1]++;
        for (int k = 0; k < n; k++) leftPtr[k + 1] += leftPtr[k];
        var byLeft = new int[leftPtr[n]];
        var lf = (int[])leftPtr.Clone();
        for (int i = 0; i < m; i++) if (leftmost[i] >= 0) byLeft[lf[leftmost[i]]++] = i;

        // Children lists of the column tree.
        var childHead = new int[n];
        var childNext = new int[n];
        var childCount = new int[n];
        Array.Fill(childHead, -1);
        for (int k = n - 1; k >= 0; k--)
            if (parent[k] >= 0) { childNext[k] = childHead[parent[k]]; childHead[parent[k]] = k; childCount[parent[k]]++; }

        // R's row pattern of each column k: k, the columns of the rows starting at k, and the children's patterns less
        // the children themselves. Decide the fronts on the way: k joins the front of k - 1 when k - 1's only parent is
        // k, k has no other child, and the explicit zeros the merge adds stay within about a tenth of the front's R.
        var pattern = new int[n][];
        var mark = new int[n];
        Array.Fill(mark, -1);
        var list = new List<int>();
        var frontStart = new List<int>();
        long exact = 0, padded = 0;
        int prevCount = 0;
        for (int k = 0; k < n; k++)
        {
            list.Clear();
            mark[k] = k;
            list.Add(k);
            for (int p = leftPtr[k]; p < leftPtr[k + 1]; p++)
            {
                int i = byLeft[p];
                for (int q = rowPtr[i]; q < rowPtr[i + 1]; q++)
                    if (mark[rowCols[q]] != k) { mark[rowCols[q]] = k; list.Add(rowCols[q]); }
            }
            for (int c = childHead[k]; c >= 0; c = childNext[c])
                foreach (int q in pattern[c]!)
                    if (q != c && mark[q] != k) { mark[q] = k; list.Add(q); }
            int count = list.Count;
            pattern[k] = list.ToArray();

            bool merge = false;
            if (k > 0 && parent[k - 1] == k && childCount[k] == 1 && k - frontStart[^1] < MaxFrontColumns)
            {
                int size = k - frontStart[^1];
                long grow = (long)size * (count - (prevCount - 1)); // every member row pads by the new columns
                long newExact = exact + count, newPadded = padded + grow + count;
                merge = newPadded - newExact <= newPadded / 10 + 16;
                if (merge) { exact = newExact; padded = newPadded; pattern[k - 1] = null!; }
            }
            if (!merge) { frontStart.Add(k); exact = count; padded = count; }
            prevCount = count;
        }
        frontStart.Add(n);

        int nf = frontStart.Count - 1;
        var starts = frontStart.ToArray();
        var patterns = new int[nf][];
        var frontOf = new int[n];
        for (int fr = 0; fr < nf; fr++)
        {
            int k0 = starts[fr], top = starts[fr + 1] - 1;
            var pt = pattern[top];
            Array.Sort(pt);
            var full = new int[(top - k0) + pt.Length];
            for (int j = k0; j < top; j++) full[j - k0] = j;
            pt.CopyTo(full, top - k0);
            patterns[fr] = full;
            for (int j = k0; j <= top; j++) frontOf[j] = fr;
        }
        var frontParent = new int[nf];
        for (int fr = 0; fr < nf; fr++)
        {
            int top = starts[fr + 1] - 1;
            frontParent[fr] = parent[top] >= 0 ? frontOf[parent[top]] : -1;
        }
        return new QrSymbolic
        {
            Rows = m, Columns = n, RowPtr = rowPtr, RowCols = rowCols, RowSource = rowSource, LeftmostPtr = leftPtr,
            RowsByLeftmost = byLeft, FrontStart = starts, Patterns = patterns, FrontParent = frontParent,
        };
    }
}
