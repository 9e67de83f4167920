using System.Numerics;

namespace Linea;

/// <summary>
/// Column approximate minimum degree: a fill-reducing order of the columns of A for the pattern of A^T A (the pattern of
/// R in A = QR, and an upper bound on that of L and U in A[:, perm] = LU with partial pivoting), without forming A^T A.
/// As in COLAMD (Davis, Gilbert, Larimore and Ng), each row of A starts as an element of the quotient graph (the clique
/// its columns form in A^T A), and minimum degree runs on that graph: the elimination of <see cref="Amd"/> (approximate
/// external degrees, element absorption, supervariables, mass elimination) started from the row elements. Rows with
/// more than max(16, 10 sqrt(n)) entries are ignored (each would make A^T A dense), and columns with more than
/// max(16, 10 sqrt(min(m, n))) entries, as well as empty columns, are ordered last, as COLAMD does. COLAMD's own
/// column scores and its row-merging details differ; the objective is the same.
/// Time close to O(nnz(A)) in practice, memory O(nnz(A) + m + n).
/// </summary>
internal static class Colamd
{
    /// <summary>The column permutation of the m x n matrix <paramref name="a"/>: perm[k] = column placed k-th.</summary>
    public static int[] Order<T>(string op, SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Columns;
        if (n == 0) return [];
        if (a.Nnz > int.MaxValue / 3)
            ThrowHelper.TooLarge(op, a.Shape, "the column ordering holds at most about 7 * 10^8 entries");
        var csr = a.ToCsr();
        var csc = a.ToCsc();
        int denseRow = (int)Math.Max(16.0, 10.0 * Math.Sqrt(n));
        int denseCol = (int)Math.Max(16.0, 10.0 * Math.Sqrt(Math.Min(m, n)));

        // Columns kept in the graph get local numbers; dense and empty columns go last.
        var local = new int[n];
        var kept = new List<int>(n);
        var last = new List<int>();
        for (int j = 0; j < n; j++)
        {
            int count = csc.RunIndices(j).Length;
            if (count == 0 || count > denseCol) { local[j] = -1; last.Add(j); }
            else { local[j] = kept.Count; kept.Add(j); }
        }
        int nk = kept.Count;
        var mark = new int[nk];
        Array.Fill(mark, -1);
        // Each kept row with two or more kept columns is one element (a clique of A^T A).
        var elemPtr = new List<int>(m + 1) { 0 };
        var members = new List<int>((int)a.Nnz);
        for (int i = 0; i < m; i++)
        {
            var row = csr.RunIndices(i);
            if (row.Length > denseRow) continue;
            int start = members.Count;
            foreach (int c in row)
            {
                int cl = local[c];
                if (cl >= 0 && mark[cl] != i) { mark[cl] = i; members.Add(cl); }
            }
            if (members.Count - start < 2) members.RemoveRange(start, members.Count - start);
            else elemPtr.Add(members.Count);
        }
        var sub = Amd.OrderCliques(nk, elemPtr.Count - 1, elemPtr.ToArray(), members.ToArray());
        var perm = new int[n];
        for (int k = 0; k < nk; k++) perm[k] = kept[sub[k]];
        for (int k = 0; k < last.Count; k++) perm[nk + k] = last[k];
        return perm;
    }
}
