namespace Linea.Bench;

/// <summary>The matrices of the `sparse` runner, built the same way on every run.</summary>
internal static class SparseBenchMatrices
{
    /// <summary>
    /// The 2-D Poisson matrix (5-point Laplacian, Dirichlet boundary) on a grid x grid mesh: n = grid^2, 4 on the
    /// diagonal and -1 for each of the up to four neighbours; nnz = 5 grid^2 - 4 grid; SPD. CSR with sorted indices.
    /// </summary>
    public static SparseMatrix<double> Poisson2D(int grid)
    {
        int n = checked(grid * grid);
        var ptr = new long[n + 1];
        var idx = new int[5L * n - 4L * grid];
        var val = new double[idx.Length];
        int p = 0;
        for (int r = 0; r < grid; r++)
            for (int c = 0; c < grid; c++)
            {
                int i = r * grid + c;
                if (r > 0) { idx[p] = i - grid; val[p++] = -1; }
                if (c > 0) { idx[p] = i - 1; val[p++] = -1; }
                idx[p] = i; val[p++] = 4;
                if (c < grid - 1) { idx[p] = i + 1; val[p++] = -1; }
                if (r < grid - 1) { idx[p] = i + grid; val[p++] = -1; }
                ptr[i + 1] = p;
            }
        return Sparse.Csr<double>(n, n, ptr, idx, val);
    }

    /// <summary>
    /// A random directed graph's adjacency (CSR, weight 1 per edge, repeated edges summed): <paramref name="edges"/>
    /// edges whose source and target are drawn in turn, uniform in [0, nodes), from <c>new Rng(seed)</c> - the same
    /// graph as examples/WebGraph's RandomGraph for the same arguments. SciPy gets it through the files the runner writes.
    /// </summary>
    public static SparseMatrix<double> RandomGraph(int nodes, int edges, ulong seed)
    {
        var rng = new Rng(seed);
        var src = new int[edges];
        var dst = new int[edges];
        for (int k = 0; k < edges; k++)
        {
            src[k] = rng.NextInt(nodes);
            dst[k] = rng.NextInt(nodes);
        }
        var ones = new double[edges];
        Array.Fill(ones, 1.0);
        return Sparse.Coo(nodes, nodes, src, dst, ones);
    }
}
