using System.Numerics;

namespace Linea;

/// <summary>
/// An undirected graph in compressed form, the input of the orderings: vertex v's neighbours are
/// <c>Adj[Ptr[v]..Ptr[v+1]]</c>, each edge stored in both directions, no self-loops, no duplicates.
/// </summary>
internal sealed class AdjacencyGraph
{
    public AdjacencyGraph(int n, int[] ptr, int[] adj)
    {
        N = n;
        Ptr = ptr;
        Adj = adj;
    }

    /// <summary>The number of vertices.</summary>
    public int N { get; }

    /// <summary>Offsets, length N + 1.</summary>
    public int[] Ptr { get; }

    /// <summary>Neighbour lists, length Ptr[N].</summary>
    public int[] Adj { get; }

    /// <summary>The number of stored (directed) edges, twice the number of undirected ones.</summary>
    public int EdgeCount => Ptr[N];

    /// <summary>
    /// The pattern of A + A^T with the diagonal removed and duplicates merged (A square; the storage format does not
    /// matter since the pattern is symmetric). O(nnz(A) + n) time and memory.
    /// </summary>
    public static AdjacencyGraph SymmetricPattern<T>(string op, SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != a.Columns)
            ThrowHelper.ShapeMismatch(op, "the ordering of A + A^T needs a square matrix", a.Shape);
        if (a.Nnz > int.MaxValue / 2)
            ThrowHelper.TooLarge(op, a.Shape, "the ordering graph holds at most 2^30 off-diagonal entries");
        int n = a.Rows, majors = a.MajorCount;
        var count = new int[n + 1];
        for (int j = 0; j < majors; j++)
            foreach (int i in a.RunIndices(j))
                if (i != j) { count[i]++; count[j]++; }
        return Build(n, count, emit =>
        {
            for (int j = 0; j < majors; j++)
                foreach (int i in a.RunIndices(j))
                    if (i != j) { emit(i, j); emit(j, i); }
        });
    }

    /// <summary>The graph from an explicit list of directed entries (both directions given by the caller); dedupes.</summary>
    internal static AdjacencyGraph Build(int n, int[] count, Action<Action<int, int>> entries)
    {
        var ptr = new int[n + 1];
        for (int v = 0; v < n; v++) ptr[v + 1] = ptr[v] + count[v];
        var adj = new int[ptr[n]];
        var fill = new int[n];
        Array.Copy(ptr, fill, n);
        entries((v, w) => adj[fill[v]++] = w);
        // Remove duplicates in place, compacting the lists.
        var mark = fill;
        Array.Fill(mark, -1);
        int q = 0;
        for (int v = 0; v < n; v++)
        {
            int start = ptr[v], end = ptr[v + 1];
            ptr[v] = q;
            for (int p = start; p < end; p++)
            {
                int w = adj[p];
                if (mark[w] == v) continue;
                mark[w] = v;
                adj[q++] = w;
            }
        }
        ptr[n] = q;
        if (q < adj.Length) Array.Resize(ref adj, q);
        return new AdjacencyGraph(n, ptr, adj);
    }
}
