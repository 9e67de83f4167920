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
    /// symmetric (Cholesky, LDL^T: Auto means AMD) or not (LU, QR: Auto means COLAMD), and so which ordering <see cref="SparseOrdering.Auto"/> picks.
    /// Returns the permutation and the ordering actually used.
    /// </summary>
    public static (int[] Perm, SparseOrdering Used) Compute<T>(string op, SparseMatrix<T> a, SparseOrdering ordering, bool symmetric,
        ReadOnlySpan<int> userPermutation = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = symmetric ? a.Rows : a.Columns;
        if (!userPermutation.IsEmpty) return (CheckedPermutation(op, userPermutation, n), SparseOrdering.Natural);
        if (ordering == SparseOrdering.Auto) ordering = AutoChoice(a, symmetric);
        return ordering switch
        {
            SparseOrdering.Natural => (Identity(n), SparseOrdering.Natural),
            SparseOrdering.Amd => (Amd.Order(SymmetricGraph(op, a, symmetric)), SparseOrdering.Amd),
            SparseOrdering.NestedDissection => (NestedDissection.Order(SymmetricGraph(op, a, symmetric)), SparseOrdering.NestedDissection),
            SparseOrdering.Colamd => (Colamd.Order(op, a), SparseOrdering.Colamd),
            _ => throw new NotSupportedException($"{op}: the {ordering} ordering is not available yet; use SparseOrdering.Natural or pass a permutation"),
        };
    }

    /// <summary>What <see cref="SparseOrdering.Auto"/> means for this matrix.</summary>
    private static SparseOrdering AutoChoice<T>(SparseMatrix<T> a, bool symmetric) where T : unmanaged, IFloatingPointIeee754<T> =>
        symmetric ? SparseOrdering.Amd : SparseOrdering.Colamd;

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
