namespace Linea;

/// <summary>
/// Tuning of the recursive Cholesky factorization (<see cref="CholeskyFactorization"/>). Tests shrink
/// <see cref="RecursionThreshold"/> so that the recursive path runs at small n.
/// </summary>
/// <param name="RecursionThreshold">
/// Diagonal blocks at most this large are factored unblocked (row by row, dot products); larger ones are split in
/// halves with TRSM and SYRK/GEMM between them. Must be at least 1.
/// </param>
public sealed record CholeskyParams(int RecursionThreshold)
{
    /// <summary>The default: 32 x 32 leaves, whose row-oriented dot products are a small share of n^3/3.</summary>
    public static CholeskyParams Auto { get; } = new(32);
}
