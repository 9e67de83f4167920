namespace Linea.Kernels.Gemm;

/// <summary>Which microkernel family the packed GEMM uses.</summary>
internal enum MicroKernelKind
{
    /// <summary>The fastest one the hardware supports.</summary>
    Auto,
    /// <summary>Vector512 + FMA (AVX-512F).</summary>
    Avx512,
    /// <summary>Vector512 + FMA, the 12-row x 2-vector register block.</summary>
    Avx512Tall,
    /// <summary>Vector256 + FMA (AVX2/FMA3).</summary>
    Avx2,
    /// <summary>Portable scalar kernel; runs anywhere and is the yardstick the SIMD kernels are tested against.</summary>
    Reference,
}

/// <summary>
/// Tuning knobs of the packed GEMM. Zero means "automatic" (the <see cref="BlockSizes"/> table for the chosen
/// kernel). Tests shrink the block sizes so that the multi-block paths run at small sizes, force each
/// microkernel, and switch off the shortcut paths (tiny, GEMV) so the packed machinery runs at every size.
/// </summary>
internal sealed record GemmParams
{
    /// <summary>Automatic everything.</summary>
    public static readonly GemmParams Auto = new();

    /// <summary>Rows of A packed per block (loop 3); rounded up to a multiple of MR.</summary>
    public int MC { get; init; }

    /// <summary>Depth of one rank-kc update (loop 4).</summary>
    public int KC { get; init; }

    /// <summary>Columns of B packed per panel (loop 5); rounded up to a multiple of NR.</summary>
    public int NC { get; init; }

    /// <summary>The microkernel family; an unsupported choice falls back to <see cref="MicroKernelKind.Reference"/>.</summary>
    public MicroKernelKind Kernel { get; init; } = MicroKernelKind.Auto;

    /// <summary>Whether tiny products and matrix-vector shapes may bypass packing.</summary>
    public bool AllowShortcuts { get; init; } = true;

    /// <summary>
    /// Whether threads may split the inner dimension when it dwarfs the result (<see cref="KSplitDriver"/>) or take
    /// independent bands of tall-skinny and short-wide products (<see cref="BandSplitDriver"/>); off, threads always
    /// share the five-loop driver.
    /// </summary>
    public bool AllowSplitDrivers { get; init; } = true;

    /// <summary>
    /// Whether A @ A^T on one storage with beta = 0 may compute only the lower triangle and mirror it
    /// (<see cref="SymmetricProduct"/>); off, it runs as a general product.
    /// </summary>
    public bool AllowSymmetric { get; init; } = true;

    /// <summary>Below this many multiply-adds (m*n*k) the product runs on the calling thread only; negative means automatic.</summary>
    public long ParallelThreshold { get; init; } = -1;
}
