using System.Numerics;

namespace Linea;

/// <summary>
/// The symbolic analysis of the multifrontal LU (UMFPACK's symmetric strategy): the supernodal Cholesky analysis of the
/// pattern of A + A^T under a given symmetric permutation (elimination tree, postorder, column counts, relaxed
/// supernodes, row structures, the update-stack layout), where each supernode's front holds both its L columns and its
/// U rows, plus where A's entries go in the fronts (<see cref="FrontAssemblyMap"/>) and the offsets of the U12 blocks.
/// The permutation factored is <c>Symbolic.Perm</c>: the given one followed by the elimination tree's postorder (same
/// fill). Depends on the pattern only; O(nnz(A) + sum of supernode row counts) time and memory.
/// </summary>
internal sealed class MultifrontalLuAnalysis
{
    /// <summary>The supernodal analysis of A + A^T (supernodes, structures, stack layout).</summary>
    public readonly SparseCholeskyAnalysis Symbolic;

    /// <summary>Where A's entries go in the fronts.</summary>
    public readonly FrontAssemblyMap Map;

    /// <summary>Offsets of each supernode's k x w block U12 in the U values (length supernodes + 1).</summary>
    public readonly long[] UPtr;

    private MultifrontalLuAnalysis(SparseCholeskyAnalysis symbolic, FrontAssemblyMap map, long[] uptr)
    {
        Symbolic = symbolic; Map = map; UPtr = uptr;
    }

    /// <summary>
    /// Analyzes the square CSC matrix <paramref name="csc"/> for the symmetric permutation <paramref name="perm"/>;
    /// <paramref name="graph"/> is A + A^T's pattern when the ordering already built it (else it is built here).
    /// </summary>
    public static MultifrontalLuAnalysis Build<T>(string op, SparseMatrix<T> csc, AdjacencyGraph? graph, int[] perm, SparseCholeskyParams amalgamation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = csc.Columns;
        var g = graph ?? AdjacencyGraph.SymmetricPattern(op, csc);
        // The lower triangle of A + A^T's pattern with a full diagonal, the only part the Cholesky analysis reads.
        var ptr = new long[n + 1];
        for (int v = 0; v < n; v++)
        {
            int below = 0;
            for (int p = g.Ptr[v]; p < g.Ptr[v + 1]; p++) if (g.Adj[p] > v) below++;
            ptr[v + 1] = ptr[v] + 1 + below;
        }
        var idx = new int[ptr[n]];
        for (int v = 0; v < n; v++)
        {
            long d = ptr[v];
            idx[d++] = v;
            for (int p = g.Ptr[v]; p < g.Ptr[v + 1]; p++) if (g.Adj[p] > v) idx[d++] = g.Adj[p];
        }
        var b = Sparse.Csc<T>(n, n, ptr, idx, new T[idx.Length]);
        var symbolic = SparseCholeskyAnalysis.Analyze(b, SparseOrdering.Natural, perm, amalgamation);
        var map = FrontAssemblyMap.Build(csc, FillReducingOrder.Inverse(symbolic.Perm));
        int ns = symbolic.SupernodeCount;
        var uptr = new long[ns + 1];
        for (int s = 0; s < ns; s++)
        {
            long k = symbolic.Start[s + 1] - symbolic.Start[s];
            long m = symbolic.RowPtr[s + 1] - symbolic.RowPtr[s];
            uptr[s + 1] = uptr[s] + k * (m - k);
        }
        if (uptr[ns] > Array.MaxLength)
            ThrowHelper.TooLarge(op, new Shape([n, n]), $"the multifrontal factors need {uptr[ns]} stored entries of U; one .NET array holds at most {Array.MaxLength}");
        if (symbolic.StackSize > Array.MaxLength)
            ThrowHelper.TooLarge(op, new Shape([n, n]), $"the multifrontal LU needs a {symbolic.StackSize}-entry update stack; one .NET array holds at most {Array.MaxLength}");
        return new MultifrontalLuAnalysis(symbolic, map, uptr);
    }

    /// <summary>The order n.</summary>
    public int N => Symbolic.N;
}
