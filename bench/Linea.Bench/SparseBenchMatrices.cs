namespace Linea.Bench;

/// <summary>The matrices of the `sparse` runner, built the same way on every run.</summary>
internal static class SparseBenchMatrices
{
    /// <summary>
    /// The 2-D Poisson matrix (5-point Laplacian, Dirichlet boundary) on a grid x grid mesh: n = grid^2, 4 on the
    /// diagonal and -1 for each of the up to four neighbours; nnz = 5 grid^2 - 4 grid; SPD. CSR with sorted indices.
    /// </summary>
    public static SparseMatrix<double> Poisson2D(int grid) => FivePoint(grid, -1, -1, 4, -1, -1);

    /// <summary>
    /// A 5-point stencil on a grid x grid mesh, row i = r grid + c: <paramref name="south"/> at i - grid,
    /// <paramref name="west"/> at i - 1, <paramref name="centre"/> on the diagonal, <paramref name="east"/> at i + 1 and
    /// <paramref name="north"/> at i + grid, where those neighbours exist. CSR with sorted indices.
    /// </summary>
    private static SparseMatrix<double> FivePoint(int grid, double south, double west, double centre, double east, double north)
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
                if (r > 0) { idx[p] = i - grid; val[p++] = south; }
                if (c > 0) { idx[p] = i - 1; val[p++] = west; }
                idx[p] = i; val[p++] = centre;
                if (c < grid - 1) { idx[p] = i + 1; val[p++] = east; }
                if (r < grid - 1) { idx[p] = i + grid; val[p++] = north; }
                ptr[i + 1] = p;
            }
        return Sparse.Csr<double>(n, n, ptr, idx, val);
    }

    /// <summary>
    /// The 3-D Poisson matrix (7-point Laplacian, Dirichlet boundary) on a grid^3 mesh, lexicographic order
    /// i = (z grid + y) grid + x: n = grid^3, 6 on the diagonal and -1 for each of the up to six neighbours;
    /// nnz = 7 grid^3 - 6 grid^2; SPD. CSR with sorted indices.
    /// </summary>
    public static SparseMatrix<double> Poisson3D(int grid)
    {
        int g2 = checked(grid * grid), n = checked(g2 * grid);
        var ptr = new long[n + 1];
        var idx = new int[7L * n - 6L * g2];
        var val = new double[idx.Length];
        int p = 0;
        for (int z = 0; z < grid; z++)
            for (int y = 0; y < grid; y++)
                for (int x = 0; x < grid; x++)
                {
                    int i = (z * grid + y) * grid + x;
                    if (z > 0) { idx[p] = i - g2; val[p++] = -1; }
                    if (y > 0) { idx[p] = i - grid; val[p++] = -1; }
                    if (x > 0) { idx[p] = i - 1; val[p++] = -1; }
                    idx[p] = i; val[p++] = 6;
                    if (x < grid - 1) { idx[p] = i + 1; val[p++] = -1; }
                    if (y < grid - 1) { idx[p] = i + grid; val[p++] = -1; }
                    if (z < grid - 1) { idx[p] = i + g2; val[p++] = -1; }
                    ptr[i + 1] = p;
                }
        return Sparse.Csr<double>(n, n, ptr, idx, val);
    }

    /// <summary>Cell Peclet number |c_x| h / 2 of <see cref="ConvectionDiffusion2D"/> along x (the mesh's columns).</summary>
    public const double ConvectionPecletX = 0.5;

    /// <summary>Cell Peclet number |c_y| h / 2 of <see cref="ConvectionDiffusion2D"/> along y (the mesh's rows).</summary>
    public const double ConvectionPecletY = 0.25;

    /// <summary>
    /// The unsymmetric LU case: -Laplace(u) + c . grad(u) on the unit square, Dirichlet boundary, grid x grid interior
    /// points (h = 1 / (grid + 1)), 5-point diffusion and central differences for the convection, scaled by h^2. With
    /// the cell Peclet numbers p_x = c_x h / 2 = <see cref="ConvectionPecletX"/> and p_y = c_y h / 2 =
    /// <see cref="ConvectionPecletY"/> (the velocity grows with the grid so that the matrix is the same at every size):
    /// row i = r grid + c holds 4 on the diagonal, -1 - p_x (west, i - 1), -1 + p_x (east, i + 1), -1 - p_y (south,
    /// i - grid) and -1 + p_y (north, i + grid). The pattern is that of <see cref="Poisson2D"/> (nnz = 5 grid^2 - 4 grid)
    /// but the values are unsymmetric; since p &lt; 1 every off-diagonal is negative and the matrix is a nonsingular,
    /// weakly diagonally dominant M-matrix, so partial pivoting keeps the diagonal. CSR with sorted indices.
    /// </summary>
    public static SparseMatrix<double> ConvectionDiffusion2D(int grid) =>
        FivePoint(grid, -1 - ConvectionPecletY, -1 - ConvectionPecletX, 4, -1 + ConvectionPecletX, -1 + ConvectionPecletY);

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
