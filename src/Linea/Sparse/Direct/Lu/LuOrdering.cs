using System.Numerics;

namespace Linea;

/// <summary>
/// The column ordering of the sparse LU, with UMFPACK's choice of strategy for <see cref="SparseOrdering.Auto"/>: a
/// matrix whose pattern is mostly symmetric and whose diagonal is mostly nonzero is ordered by the symmetric ordering of
/// A + A^T (AMD, or nested dissection on large meshes), which the diagonal preference of the threshold pivoting then
/// keeps; any other matrix by COLAMD on A^T A's pattern.
/// </summary>
internal static class LuOrdering
{
    /// <summary>Least fraction of matched off-diagonal entries (a_ij and a_ji both stored) for the symmetric strategy (UMFPACK's 0.5).</summary>
    internal const double SymmetryThreshold = 0.5;

    /// <summary>Least fraction of nonzero diagonal entries for the symmetric strategy (UMFPACK's 0.9).</summary>
    internal const double DiagonalThreshold = 0.9;

    /// <summary>
    /// The column permutation and the ordering used, for a square CSC matrix, and for an ordering of A + A^T the
    /// column counts of its Cholesky factor (diagonal included; null otherwise): with diagonal pivots, L has exactly
    /// that pattern and U its transpose, so the factorization can size its arrays once (<see cref="LuMemoryPlan"/>)
    /// instead of growing them (one O(nnz(A)) count).
    /// </summary>
    public static (int[] Perm, SparseOrdering Used, long[]? ColumnCounts) Compute<T>(string op, SparseMatrix<T> csc, SparseOrdering ordering,
        int[]? columnPermutation, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int[] Perm, SparseOrdering Used) r;
        if (columnPermutation is not null || ordering != SparseOrdering.Auto)
            r = FillReducingOrder.Compute(op, csc, ordering, symmetric: false, columnPermutation);
        else
        {
            if (IsSymmetricStrategy(csc))
            {
                // one graph of A + A^T for the ordering and the counts, which the choice between AMD and ND computes anyway
                var g = AdjacencyGraph.SymmetricPattern(op, csc);
                var auto = FillReducingOrder.AutoSymmetricCounted(g, parallelism ?? Parallelism.None);
                return (auto.Perm, auto.Used, auto.Counts);
            }
            r = FillReducingOrder.Compute(op, csc, SparseOrdering.Colamd, symmetric: false);
        }
        long[]? counts = columnPermutation is null && r.Used is SparseOrdering.Amd or SparseOrdering.NestedDissection
            ? FillEstimate.ColumnCounts(AdjacencyGraph.SymmetricPattern(op, csc), r.Perm)
            : null;
        return (r.Perm, r.Used, counts);
    }

    /// <summary>
    /// Whether UMFPACK's symmetric strategy applies: at least <see cref="SymmetryThreshold"/> of the off-diagonal entries
    /// matched and at least <see cref="DiagonalThreshold"/> of the diagonal nonzero. O(nnz + n).
    /// </summary>
    public static bool IsSymmetricStrategy<T>(SparseMatrix<T> csc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (symmetry, diagonal) = PatternStatistics(csc);
        return symmetry >= SymmetryThreshold && diagonal >= DiagonalThreshold * csc.Columns;
    }

    /// <summary>
    /// The fraction of off-diagonal stored entries a_ij (i != j) whose mirror a_ji is stored too (1 when there are none),
    /// and the number of nonzero diagonal entries. O(nnz + n) time, one CSR copy of the pattern.
    /// </summary>
    internal static (double Symmetry, int NonzeroDiagonal) PatternStatistics<T>(SparseMatrix<T> csc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = csc.Columns;
        var csr = csc.ToCsr();
        var mark = new int[n];
        Array.Fill(mark, -1);
        long offDiagonal = 0, matched = 0;
        int diagonal = 0;
        for (int j = 0; j < n; j++)
        {
            foreach (int i in csr.RunIndices(j)) mark[i] = j;
            var rows = csc.RunIndices(j);
            var vals = csc.RunValues(j);
            for (int t = 0; t < rows.Length; t++)
            {
                int i = rows[t];
                if (i == j) { if (vals[t] != T.Zero) diagonal++; continue; }
                offDiagonal++;
                if (mark[i] == j) matched++;
            }
        }
        return (offDiagonal == 0 ? 1 : (double)matched / offDiagonal, diagonal);
    }
}
