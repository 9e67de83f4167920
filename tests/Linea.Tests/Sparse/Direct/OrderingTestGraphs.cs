namespace Linea.Tests.Sparse.Direct;

/// <summary>Symmetric test patterns for the orderings (values 1, diagonal present) and the fill they produce.</summary>
internal static class OrderingTestGraphs
{
    /// <summary>The n x n matrix with a unit diagonal and a unit at (u, v) and (v, u) for each edge.</summary>
    public static SparseMatrix<double> FromEdges(int n, IEnumerable<(int U, int V)> edges, bool diagonal = true)
    {
        var (r, c) = (new List<int>(), new List<int>());
        if (diagonal) for (int i = 0; i < n; i++) { r.Add(i); c.Add(i); }
        foreach (var (u, v) in edges) { r.Add(u); c.Add(v); r.Add(v); c.Add(u); }
        var vals = new double[r.Count];
        Array.Fill(vals, 1.0);
        return Linea.Sparse.Coo(n, n, r.ToArray(), c.ToArray(), vals).ToCsc();
    }

    /// <summary>The gx x gy x gz grid graph (7-point stencil; 5-point when gz = 1), natural x-fastest numbering.</summary>
    public static SparseMatrix<double> Grid(int gx, int gy, int gz = 1)
    {
        var edges = new List<(int, int)>();
        for (int z = 0; z < gz; z++)
            for (int y = 0; y < gy; y++)
                for (int x = 0; x < gx; x++)
                {
                    int i = (z * gy + y) * gx + x;
                    if (x + 1 < gx) edges.Add((i, i + 1));
                    if (y + 1 < gy) edges.Add((i, i + gx));
                    if (z + 1 < gz) edges.Add((i, i + gx * gy));
                }
        return FromEdges(gx * gy * gz, edges);
    }

    /// <summary>A random symmetric pattern: each vertex draws <paramref name="perVertex"/> random neighbours.</summary>
    public static SparseMatrix<double> RandomSymmetric(int n, int perVertex, int seed)
    {
        var rng = new Random(seed);
        var edges = new List<(int, int)>();
        for (int i = 0; i < n; i++)
            for (int t = 0; t < perVertex; t++)
            {
                int j = rng.Next(n);
                if (j != i) edges.Add((i, j));
            }
        return FromEdges(n, edges);
    }

    /// <summary>A uniformly random permutation of 0..n-1.</summary>
    public static int[] RandomPermutation(int n, int seed)
    {
        var p = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(p);
        return p;
    }

    /// <summary>The same graph with vertex v renamed relabel[v].</summary>
    public static SparseMatrix<double> Relabel(SparseMatrix<double> a, int[] relabel)
    {
        var (r, c) = (new List<int>(), new List<int>());
        var csc = a.ToCsc();
        for (int j = 0; j < a.Columns; j++)
            foreach (int i in csc.IndicesOf(j)) { r.Add(relabel[i]); c.Add(relabel[j]); }
        var vals = new double[r.Count];
        Array.Fill(vals, 1.0);
        return Linea.Sparse.Coo(a.Rows, a.Columns, r.ToArray(), c.ToArray(), vals).ToCsc();
    }

    /// <summary>True when p holds each of 0..n-1 once.</summary>
    public static bool IsPermutation(int[] p, int n)
    {
        if (p.Length != n) return false;
        var seen = new bool[n];
        foreach (int v in p)
        {
            if ((uint)v >= (uint)n || seen[v]) return false;
            seen[v] = true;
        }
        return true;
    }

    /// <summary>
    /// nnz(L), diagonal included, of the Cholesky factor of the pattern of A + A^T permuted to A[perm, perm]: the
    /// elimination tree (Liu's algorithm with path compression) and the row subtrees, O(nnz(L)) time.
    /// </summary>
    public static long CholeskyFill(SparseMatrix<double> a, int[] perm)
    {
        int n = a.Rows;
        var adj = Neighbours(a);
        var pinv = new int[n];
        for (int k = 0; k < n; k++) pinv[perm[k]] = k;
        var parent = new int[n];
        var ancestor = new int[n];
        for (int k = 0; k < n; k++)
        {
            parent[k] = -1; ancestor[k] = -1;
            foreach (int v in adj[perm[k]])
                for (int i = pinv[v]; i != -1 && i < k;)
                {
                    int up = ancestor[i];
                    ancestor[i] = k;
                    if (up == -1) { parent[i] = k; break; }
                    i = up;
                }
        }
        var mark = new int[n];
        Array.Fill(mark, -1);
        long count = n;
        for (int k = 0; k < n; k++)
        {
            mark[k] = k;
            foreach (int v in adj[perm[k]])
                for (int i = pinv[v]; i < k && mark[i] != k; i = parent[i])
                {
                    mark[i] = k;
                    count++;
                }
        }
        return count;
    }

    /// <summary>nnz(L) by eliminating on a dense boolean graph: O(n^3), the independent truth for small n.</summary>
    public static long CholeskyFillByElimination(SparseMatrix<double> a, int[] perm)
    {
        int n = a.Rows;
        var adj = Neighbours(a);
        var pinv = new int[n];
        for (int k = 0; k < n; k++) pinv[perm[k]] = k;
        var g = new bool[n, n];
        for (int v = 0; v < n; v++) foreach (int w in adj[v]) g[pinv[v], pinv[w]] = true;
        long count = n;
        for (int k = 0; k < n; k++)
        {
            var later = new List<int>();
            for (int i = k + 1; i < n; i++) if (g[k, i]) later.Add(i);
            count += later.Count;
            foreach (int i in later) foreach (int j in later) if (i != j) g[i, j] = true;
        }
        return count;
    }

    private static List<int>[] Neighbours(SparseMatrix<double> a)
    {
        int n = a.Rows;
        var adj = new List<int>[n];
        for (int i = 0; i < n; i++) adj[i] = [];
        var csc = a.ToCsc();
        for (int j = 0; j < n; j++)
            foreach (int i in csc.IndicesOf(j))
                if (i != j) { adj[i].Add(j); adj[j].Add(i); }
        return adj;
    }
}
