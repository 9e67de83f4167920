namespace Linea;

/// <summary>
/// How the sparse LU sizes its arrays before it starts, from the Cholesky column counts of A + A^T under the column
/// ordering (<see cref="LuOrdering"/>): with diagonal pivots (the threshold test prefers them) L has exactly that
/// pattern and U its transpose. The step where <see cref="DenseTail.ShouldSwitch"/> would hand the rest to the dense
/// LU is found on the counts, so the switch is planned rather than discovered, and the sparse part of each factor gets
/// exactly the entries of the columns before it (U's entries above the dense block included: by symmetry of the
/// pattern they number L's entries below it). The factors then grow only when pivoting leaves the diagonal and moves
/// the fill, and nothing is allocated twice: the peak memory of the factorization is the factors plus O(n) work.
/// </summary>
internal readonly record struct LuMemoryPlan(int TailOrder, long CapacityL, long CapacityU)
{
    /// <summary>No plan (no counts: a COLAMD ordering or a caller's permutation): capacities guessed, switch decided as the columns come.</summary>
    public static LuMemoryPlan None => new(0, 0, 0);

    /// <summary>The plan for <paramref name="n"/> columns with Cholesky column counts <paramref name="counts"/> (null: <see cref="None"/>). O(n).</summary>
    public static LuMemoryPlan FromColumnCounts(long[]? counts, int n)
    {
        if (counts is null || counts.Length != n) return None;
        long prefix = 0;
        for (int k = 0; k < n; k++)
        {
            // the arguments GilbertPeierlsLu passes at step k: the last column's L count and the entries of L and U so far
            if (k > 0 && DenseTail.ShouldSwitch(n - k, (int)Math.Min(counts[k - 1], int.MaxValue), (int)Math.Min(counts[k - 1], int.MaxValue), 2 * prefix))
                return new LuMemoryPlan(n - k, prefix, prefix);
            prefix += counts[k];
        }
        return new LuMemoryPlan(0, prefix, prefix);
    }
}
