namespace Linea;

/// <summary>
/// Tuning of the blocked Householder QR (geqrf), the formation of Q (orgqr) and the application of Q (ormqr).
/// Panels of <see cref="BlockSize"/> columns are factored unblocked; their reflectors are then applied to the
/// rest of the matrix as one block I - V T V^T through GEMM. Problems with at most <see cref="Crossover"/> columns
/// left run unblocked. Tests shrink both to exercise the multi-block paths at small n.
/// </summary>
/// <param name="BlockSize">Panel width nb (>= 1); 1 means unblocked.</param>
/// <param name="Crossover">Unblocked below this many remaining columns (LAPACK's nx), >= 0.</param>
public sealed record QrParams(int BlockSize, int Crossover)
{
    /// <summary>nb = 48 and nx = 128: LAPACK's geqrf defaults are 32 and 128, but here the block update's GEMMs have
    /// inner or outer dimension nb, and 48 (two 24-wide micro-panels of the AVX-512 kernel) measured 10-20 % faster than
    /// 32 at n = 1000 and 2000 (1 and 2 threads) while keeping the level-2 panel small; 64 to 96 were no better.</summary>
    public static QrParams Auto { get; } = new(48, 128);

    internal int Nb => Math.Max(BlockSize, 1);
    internal int Nx => Math.Max(Crossover, 0);
}
