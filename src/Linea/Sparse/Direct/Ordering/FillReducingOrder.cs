using System.Numerics;

namespace Linea;

/// <summary>
/// The one place the sparse factorizations get a fill-reducing permutation from: <c>perm[k]</c> is the original index
/// placed at position k (so the factored matrix is A[perm, perm] for Cholesky, A[:, perm] for LU and QR).
/// </summary>
internal static class FillReducingOrder
{
    /// <summary>
    /// The permutation for <paramref name="ordering"/> (or the caller's <paramref name="userPermutation"/>, checked to be a
    /// permutation of 0..n-1, which wins when given). <paramref name="symmetric"/> says whether the factorization is
    /// symmetric (Cholesky, LDL^T: Auto means AMD, or nested dissection where it measures better, see AutoSymmetric) or not
    /// (LU, QR: Auto means COLAMD), and so which ordering <see cref="SparseOrdering.Auto"/> picks.
    /// Returns the permutation and the ordering actually used. Auto's symmetric trial runs its two orderings on two
    /// threads when <paramref name="parallelism"/> has them.
    /// </summary>
    public static (int[] Perm, SparseOrdering Used) Compute<T>(string op, SparseMatrix<T> a, SparseOrdering ordering, bool symmetric,
        ReadOnlySpan<int> userPermutation = default, Parallelism parallelism = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = symmetric ? a.Rows : a.Columns;
        if (!userPermutation.IsEmpty) return (CheckedPermutation(op, userPermutation, n), SparseOrdering.Natural);
        if (ordering == SparseOrdering.Auto)
        {
            if (!symmetric) ordering = SparseOrdering.Colamd;
            else return AutoSymmetric(AdjacencyGraph.SymmetricPattern(op, a), parallelism);
        }
        return ordering switch
        {
            SparseOrdering.Natural => (Identity(n), SparseOrdering.Natural),
            SparseOrdering.Amd => (Amd.Order(SymmetricGraph(op, a, symmetric)), SparseOrdering.Amd),
            SparseOrdering.NestedDissection => (NestedDissection.Order(SymmetricGraph(op, a, symmetric)), SparseOrdering.NestedDissection),
            SparseOrdering.Colamd => (Colamd.Order(op, a), SparseOrdering.Colamd),
            _ => throw new ArgumentOutOfRangeException(nameof(ordering), ordering, $"{op}: unknown ordering {ordering}"),
        };
    }

    /// <summary>Below this order Auto takes AMD without trying nested dissection.</summary>
    internal const int NestedDissectionTrialSize = 10_000;

    /// <summary>
    /// Auto for a symmetric factorization: AMD; from <see cref="NestedDissectionTrialSize"/> vertices on, and when AMD
    /// leaves real work (more than 50 nnz(A) + 10^7 multiply-adds), nested dissection is tried too and taken when its
    /// factor is no larger and its multiply-add count at least 20% smaller, both counted by <see cref="FillEstimate"/>
    /// (large 2-D and 3-D meshes). The trial costs one more ordering and two O(nnz(A)) counts.
    /// </summary>
    private static (int[] Perm, SparseOrdering Used) AutoSymmetric(AdjacencyGraph g, Parallelism parallelism)
    {
        var (perm, used, _) = AutoSymmetricCounted(g, parallelism);
        return (perm, used);
    }

    /// <summary>
    /// <see cref="AutoSymmetric"/> that also returns the chosen ordering's Cholesky column counts (computed for the choice
    /// anyway; the sparse LU sizes its factors by them). With two or more threads in <paramref name="parallelism"/> and a
    /// graph large enough for the trial, nested dissection is ordered on a second thread while AMD runs and is counted
    /// (the two only read the graph); it is then waited for even when AMD's count makes the trial unnecessary.
    /// </summary>
    internal static (int[] Perm, SparseOrdering Used, long[] Counts) AutoSymmetricCounted(AdjacencyGraph g, Parallelism parallelism)
    {
        bool trial = g.N >= NestedDissectionTrialSize;
        int[]? nd = null, amd = null;
        long[]? amdCounts = null;
        if (trial && parallelism.Count > 1)
        {
            Linea.Kernels.Threading.SplitJob.Run(2, (tid, _) =>
            {
                if (tid == 0) { amd = Amd.Order(g); amdCounts = FillEstimate.ColumnCounts(g, amd); }
                else nd = NestedDissection.Order(g);
            });
        }
        else
        {
            amd = Amd.Order(g);
            amdCounts = FillEstimate.ColumnCounts(g, amd);
        }
        if (!trial) return (amd!, SparseOrdering.Amd, amdCounts!);
        var (amdNnz, amdFlops) = Totals(amdCounts!);
        if (amdFlops <= 50.0 * g.EdgeCount + 1e7) return (amd!, SparseOrdering.Amd, amdCounts!);
        nd ??= NestedDissection.Order(g);
        var ndCounts = FillEstimate.ColumnCounts(g, nd);
        var (ndNnz, ndFlops) = Totals(ndCounts);
        return ndNnz <= amdNnz && ndFlops < 0.8 * amdFlops ? (nd, SparseOrdering.NestedDissection, ndCounts) : (amd!, SparseOrdering.Amd, amdCounts!);
    }

    /// <summary>nnz(L) and the multiply-add count sum c_j^2 from column counts.</summary>
    private static (long Nnz, double Flops) Totals(long[] counts)
    {
        long nnz = 0;
        double flops = 0;
        foreach (long c in counts) { nnz += c; flops += (double)c * c; }
        return (nnz, flops);
    }

    /// <summary>The graph of A + A^T for the symmetric orderings (A square whether or not the factorization is symmetric).</summary>
    private static AdjacencyGraph SymmetricGraph<T>(string op, SparseMatrix<T> a, bool symmetric) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!symmetric && a.Rows != a.Columns)
            ThrowHelper.ShapeMismatch(op, "AMD and nested dissection order A + A^T, which needs a square matrix; use Colamd for a rectangular one", a.Shape);
        return AdjacencyGraph.SymmetricPattern(op, a);
    }

    /// <summary>0, 1, ..., n - 1.</summary>
    public static int[] Identity(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    /// <summary>The inverse permutation: inv[perm[k]] = k.</summary>
    public static int[] Inverse(ReadOnlySpan<int> perm)
    {
        var inv = new int[perm.Length];
        for (int k = 0; k < perm.Length; k++) inv[perm[k]] = k;
        return inv;
    }

    /// <summary>A copy of <paramref name="p"/> after checking it holds each of 0..n-1 exactly once.</summary>
    public static int[] CheckedPermutation(string op, ReadOnlySpan<int> p, int n)
    {
        if (p.Length != n) ThrowHelper.Argument(op, "permutation", $"the permutation has {p.Length} entries, expected {n}");
        var seen = new bool[n];
        for (int k = 0; k < n; k++)
        {
            int v = p[k];
            if ((uint)v >= (uint)n) ThrowHelper.Argument(op, "permutation", $"entry {k} of the permutation is {v}, outside 0..{n - 1}");
            if (seen[v]) ThrowHelper.Argument(op, "permutation", $"the permutation repeats {v} (at position {k})");
            seen[v] = true;
        }
        return p.ToArray();
    }
}
