namespace Linea;

/// <summary>
/// Tuning of the recursive LU factorization (<see cref="LuFactorization"/>). Tests shrink
/// <see cref="RecursionThreshold"/> so that the recursive path runs at small n.
/// </summary>
/// <param name="RecursionThreshold">
/// Panels at most this many columns wide are factored unblocked (right-looking, one column at a time); wider ones
/// are split in halves, with the off-diagonal work done by TRSM and GEMM. Must be at least 1.
/// </param>
public sealed record LuParams(int RecursionThreshold)
{
    /// <summary>The default: 16-column leaves, narrow enough that the unblocked work is a small share of n^3 and wide
    /// enough that the GEMM calls near the leaves are not dominated by call overhead.</summary>
    public static LuParams Auto { get; } = new(16);
}
