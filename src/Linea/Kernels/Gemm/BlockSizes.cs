using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Cache blocking per microkernel and scalar type. The constants come from the machine this was tuned on,
/// an AMD EPYC (Zen 5) with (getconf / CPUID; the VM hides /sys/.../cache):
/// L1D 48 KiB 12-way per core, L2 1 MiB 8-way per core (private), L3 32 MiB per CCD (shared), 64-byte lines.
/// The BLIS analytical model (Low et al., "Analytical modeling is enough for high-performance BLIS"):
/// <list type="bullet">
/// <item>KC: the kc x NR micro-panel of packed B is reused by every MR-row micro-panel of A in the inner loop,
/// so it must stay in L1 next to the streaming A micro-panel and the C tile.</item>
/// <item>MC: the MC x KC block of packed A is reused across all NR-column micro-panels of B, so it lives in
/// (about half of) the private L2; the other half holds the B micro-panels streaming through.</item>
/// <item>NC: the KC x NC panel of packed B is shared by all threads and lives in L3.</item>
/// </list>
/// Each figure below was then checked by measurement (bench gflops) on n = 512..2048.
/// </summary>
internal static class BlockSizes
{
    /// <summary>Block sizes (mc, kc, nc) for a microkernel with the given register block.</summary>
    public static (int MC, int KC, int NC) For(MicroKernelKind kind, int elementSize)
    {
        bool dbl = elementSize == 8;
        return kind switch
        {
            // AVX-512, 8 x 24 doubles: B micro-panel kc*24*8 B; kc = 256 -> 48 KiB would fill L1, but the
            // hardware prefetcher streams it from L2 fast enough that a longer kc (fewer C-tile loads and
            // stores, fewer B re-packs) measured better than the L1-exact kc = 128. A block: 192 x 256 x 8 B
            // = 384 KiB, 3/8 of L2. B panel: 256 x 3072 x 8 B = 6 MiB of the 32 MiB L3.
            // float, 8 x 48: the same bytes per micro-panel at twice the elements, so kc doubles... but
            // 512 x 48 x 4 B = 96 KiB overflows L1 by 2x; kc = 384 measured best. A: 192 x 384 x 4 B = 288 KiB.
            MicroKernelKind.Avx512 => dbl ? (192, 256, 3072) : (192, 384, 3072),
            // AVX2, 6 x 8 doubles / 6 x 16 floats: B micro-panel 64 B per k; kc = 256 -> 16 KiB (a third of L1).
            // A: 192 x 256 x 8 B = 384 KiB in L2.
            MicroKernelKind.Avx2 => dbl ? (192, 256, 3072) : (192, 384, 3072),
            // Scalar reference: 4 x 4; cache blocking hardly matters at its speed, keep L2-sized blocks.
            _ => (128, 256, 2048),
        };
    }

    /// <summary>The best kernel family this hardware runs.</summary>
    public static MicroKernelKind Best
    {
        get
        {
            if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported) return MicroKernelKind.Avx512;
            if (Avx2.IsSupported && Fma.IsSupported) return MicroKernelKind.Avx2;
            return MicroKernelKind.Reference;
        }
    }

    /// <summary>Whether this hardware can run <paramref name="kind"/>.</summary>
    public static bool IsSupported(MicroKernelKind kind) => kind switch
    {
        MicroKernelKind.Avx512 => Avx512F.IsSupported,
        MicroKernelKind.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        _ => true,
    };
}
