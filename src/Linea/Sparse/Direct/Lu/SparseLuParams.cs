namespace Linea;

/// <summary>Which numeric factorization <see cref="Sparse.Lu{T}"/> runs.</summary>
public enum SparseLuMethod
{
    /// <summary>
    /// UMFPACK's choice of strategy: <see cref="Multifrontal"/> when the columns are ordered by a symmetric ordering
    /// (Auto, AMD, nested dissection; no caller's permutation) and A's pattern is mostly symmetric with a mostly nonzero
    /// diagonal (meshes, convection-diffusion); <see cref="GilbertPeierls"/> otherwise (circuits, COLAMD orderings).
    /// </summary>
    Auto,

    /// <summary>Left-looking column-at-a-time LU (CSparse, KLU), pivoting anywhere below the diagonal.</summary>
    GilbertPeierls,

    /// <summary>
    /// Multifrontal LU on the supernodes of A + A^T under the column ordering, used as a symmetric permutation; pivots
    /// restricted to each front's fully summed rows, falling back to <see cref="GilbertPeierls"/> when a front has none.
    /// </summary>
    Multifrontal,
}

/// <summary>
/// Tuning of the sparse LU (<see cref="Sparse.Lu{T}"/>). Tests force <see cref="SparseLuMethod.Multifrontal"/> and shrink
/// <see cref="PanelLeaf"/> and the amalgamation so that the blocked front code runs at small n.
/// </summary>
/// <param name="Method">The numeric factorization (<see cref="SparseLuMethod.Auto"/> by default).</param>
/// <param name="PanelLeaf">
/// Multifrontal only: front panels at most this many columns wide are factored one column at a time; wider ones are split
/// in halves with TRSM and GEMM between them (as <see cref="LuParams.RecursionThreshold"/>). At least 1; 16 by default.
/// </param>
/// <param name="Amalgamation">Multifrontal only: the relaxed supernode amalgamation (null: CHOLMOD's defaults, <see cref="SparseCholeskyParams.Default"/>).</param>
public sealed record SparseLuParams(SparseLuMethod Method = SparseLuMethod.Auto, int PanelLeaf = 16, SparseCholeskyParams? Amalgamation = null)
{
    /// <summary>The defaults: automatic choice, 16-column leaves, CHOLMOD's amalgamation.</summary>
    public static SparseLuParams Default { get; } = new();
}
