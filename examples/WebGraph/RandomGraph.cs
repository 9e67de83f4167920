namespace Linea.Examples.WebGraph;

/// <summary>A seeded random directed graph: edges drawn uniformly over all ordered pairs (self-loops possible).</summary>
public static class RandomGraph
{
    /// <summary>
    /// <paramref name="edges"/> edges (source, target), each endpoint uniform in [0, <paramref name="nodes"/>), drawn
    /// source then target from one <see cref="Rng"/> stream seeded with <paramref name="seed"/>: the same arguments give
    /// the same graph. An edge may repeat (it then counts twice, as a weight of 2). O(edges) time, 8 bytes per edge.
    /// </summary>
    public static (int[] Sources, int[] Targets) Edges(int nodes, int edges, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodes);
        ArgumentOutOfRangeException.ThrowIfNegative(edges);
        var rng = new Rng(seed);
        var sources = new int[edges];
        var targets = new int[edges];
        for (int k = 0; k < edges; k++)
        {
            sources[k] = rng.NextInt(nodes);
            targets[k] = rng.NextInt(nodes);
        }
        return (sources, targets);
    }

    /// <summary>
    /// The adjacency matrix of <see cref="Edges"/> in CSC form (column j: the sources of the edges into j, so that
    /// PageRank's transposed products are gathers), every edge of weight 1 and repeats summed.
    /// </summary>
    public static SparseMatrix<double> Adjacency(int nodes, int edges, ulong seed)
    {
        var (sources, targets) = Edges(nodes, edges, seed);
        var ones = new double[edges];
        Array.Fill(ones, 1.0);
        return Sparse.Coo(nodes, nodes, sources, targets, ones, SparseFormat.Csc);
    }
}
