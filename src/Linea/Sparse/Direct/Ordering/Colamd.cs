using System.Numerics;

namespace Linea;

/// <summary>
/// Column ordering for LU and QR: a fill-reducing order of the columns of A for the pattern of A^T A (the pattern of R
/// in A = QR, and an upper bound on that of L and U in A[:, perm] = LU with partial pivoting).
/// <para>
/// This is not Davis' COLAMD algorithm, which runs minimum degree on A^T A implicitly through the rows of A. It forms
/// the pattern of A^T A explicitly, leaving out what COLAMD also sets aside: rows with more than
/// max(16, 10 sqrt(n)) entries are ignored (each would make A^T A dense), and columns with more than
/// max(16, 10 sqrt(min(m, n))) entries, as well as empty columns, are ordered last. The pattern is then ordered by
/// <see cref="Amd"/>. Time and memory are O(sum over the kept rows of r_i^2), where r_i is row i's count; with the
/// dense rows removed that is at most 10 sqrt(n) nnz(A).
/// </para>
/// </summary>
internal static class Colamd
{
    /// <summary>The column permutation of the m x n matrix <paramref name="a"/>: perm[k] = column placed k-th.</summary>
    public static int[] Order<T>(string op, SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Columns;
        if (n == 0) return [];
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
        var rowKept = new bool[m];
        long work = 0;
        for (int i = 0; i < m; i++)
        {
            int ri = csr.RunIndices(i).Length;
            rowKept[i] = ri <= denseRow;
            if (rowKept[i]) work += (long)ri * ri;
        }
        if (work > int.MaxValue / 2)
            ThrowHelper.TooLarge(op, a.Shape, $"the column ordering forms the pattern of A^T A, here up to {work} entries; pass SparseOrdering.Natural or a permutation");

        // Pattern of A^T A on the kept columns, without the diagonal: two passes with a marker per column.
        var mark = new int[nk];
        Array.Fill(mark, -1);
        // Writes column jl's neighbours to dest[q..] (when dest is given) and returns how many there are.
        int Neighbours(int jl, int[]? dest, int q)
        {
            int j = kept[jl], d = 0;
            foreach (int i in csc.RunIndices(j))
            {
                if (!rowKept[i]) continue;
                foreach (int c in csr.RunIndices(i))
                {
                    int cl = local[c];
                    if (cl < 0 || cl == jl || mark[cl] == jl) continue;
                    mark[cl] = jl;
                    if (dest != null) dest[q + d] = cl;
                    d++;
                }
            }
            return d;
        }
        var ptr = new int[nk + 1];
        for (int jl = 0; jl < nk; jl++) ptr[jl + 1] = ptr[jl] + Neighbours(jl, null, 0);
        Array.Fill(mark, -1);
        var adj = new int[ptr[nk]];
        for (int jl = 0; jl < nk; jl++) Neighbours(jl, adj, ptr[jl]);
        var sub = Amd.Order(new AdjacencyGraph(nk, ptr, adj));
        var perm = new int[n];
        for (int k = 0; k < nk; k++) perm[k] = kept[sub[k]];
        for (int k = 0; k < last.Count; k++) perm[nk + k] = last[k];
        return perm;
    }
}
