using System.Runtime.CompilerServices;

namespace Linea;

/// <summary>
/// The <see cref="MethodImplAttribute"/> options of Linea's hot loops (GEMM driver, packing and microkernels, gemv,
/// the spectral kernels, sparse products): <see cref="MethodImplOptions.AggressiveOptimization"/> by default, so that
/// under the JIT their first call runs fully optimised code instead of tier-0 code waiting for on-stack replacement
/// (without it the first 500 x 500 SVD takes 445 ms instead of 256 ms). Crossgen2 never precompiles such methods, so
/// building Linea with <c>-p:LineaReadyToRun=true</c> (symbol <c>LINEA_READYTORUN</c>) drops the option for
/// applications published as a composite ReadyToRun image, where the first SVD then takes 67-71 ms instead of
/// 119-141 ms (README "Fast start").
/// </summary>
internal static class HotCode
{
#if LINEA_READYTORUN
    /// <summary>No option: the methods are precompiled by crossgen2 and re-JIT-compiled at tier 1 when hot.</summary>
    public const MethodImplOptions Options = (MethodImplOptions)0;
#else
    /// <summary>Fully optimised JIT compilation at the first call.</summary>
    public const MethodImplOptions Options = MethodImplOptions.AggressiveOptimization;
#endif
}
