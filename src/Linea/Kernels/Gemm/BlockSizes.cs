using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Cache blocking per microkernel and scalar type. The constants come from the machine this was tuned on,
/// a 2-core AMD EPYC (Zen 5) VM. `getconf -a` (the VM hides /sys/devices/system/cpu/cpu0/cache): L1D 48 KiB
/// 12-way per core, L2 1 MiB 8-way per core (private), 64-byte lines; getconf's L3 figure (512 MiB) is a VM
/// artefact, Zen 5 has 32 MiB of L3 per CCD, shared, which is what NC assumes.
/// The BLIS analytical model (Low et al., "Analytical modeling is enough for high-performance BLIS"):
/// <list type="bullet">
/// <item>KC: the kc x NR micro-panel of packed B is reused by every MR-row micro-panel of A in the inner loop,
/// so it must stay in L1 next to the streaming A micro-panel and the C tile.</item>
/// <item>MC: the MC x KC block of packed A is reused across all NR-column micro-panels of B, so it lives in
/// (about half of) the private L2; the other half holds the B micro-panels streaming through.</item>
/// <item>NC: the KC x NC panel of packed B is shared by all threads and lives in L3.</item>
/// </list>
/// Each figure below was then checked by measurement (bench gflops, Linea and OpenBLAS interleaved, ratios
/// compared because other jobs share the machine and absolute GFLOP/s move by +-20 % between runs).
/// </summary>
internal static class BlockSizes
{
    /// <summary>Block sizes (mc, kc, nc) for a microkernel with the given register block.</summary>
    public static (int MC, int KC, int NC) For(MicroKernelKind kind, int elementSize)
    {
        bool dbl = elementSize == 8;
        return kind switch
        {
            // AVX-512 8 x 24 doubles (and 8 x 48 floats): KC = 256 makes the B micro-panel 256 x 24 x 8 B = 48 KiB,
            // all of L1; the analytical model says kc = 128 (24 KiB, half of L1), but the L2 streamer keeps up with
            // the 192 B per step and kc = 256 halves the C-tile loads/stores: two alternating runs at n = 256..1024
            // gave ratios to OpenBLAS of 1.14-1.17 for kc = 256 against 1.09-1.17 for kc = 128, and kc = 384 was no
            // better (within noise). MC = 192: A block 192 x 256 x 8 B = 384 KiB,
            // 3/8 of the 1 MiB L2, leaving room for the B micro-panels streaming through. NC = 3072: B panel
            // 256 x 3072 x 8 B = 6 MiB, a fifth of the 32 MiB L3 shared by the threads.
            MicroKernelKind.Avx512 => (192, 256, 3072),
            // AVX-512 12 x 32 floats (12 x 16 doubles). Floats: KC = 512, although the B micro-panel (512 x 32 x 4 B =
            // 64 KiB) then exceeds the 48 KiB L1: the A micro-panel (12 x 512 x 4 B = 24 KiB) and B stream from L2
            // fast enough, and the C-tile loads/stores halve, which is what limits large n. On a quiet machine,
            // alternating runs against OpenBLAS gave, kc = 256 vs 512: n = 512 0.97/1.00 (1 thread) 1.08/1.11
            // (2 threads); n = 1024 1.00/1.02, 0.99/1.04; n = 2048 0.95-1.00/0.91-0.97, 0.93-0.95/0.99-1.05;
            // n = 4096 0.91-0.94/0.98, 0.90-1.07/0.95-0.97 (the target is 0.95; kc = 128 was 10-25 % slower at n = 512).
            // MC = 192: 192 x 512 x 4 B = 384 KiB of L2. NC = 3072: 6 MiB of L3.
            // Doubles on this kernel keep kc = 256 (192 x 256 x 8 B = 384 KiB of L2); 8 x 24 is their default kernel.
            MicroKernelKind.Avx512Tall => dbl ? (192, 256, 3072) : (192, 512, 3072),
            // AVX2 6 x 8 doubles / 6 x 16 floats: B micro-panel 64 B per step, kc = 256 -> 16 KiB, a third of L1.
            // A: 192 x 256 x 8 B = 384 KiB in L2. Not tuned further: this machine runs the AVX-512 kernels.
            MicroKernelKind.Avx2 => dbl ? (192, 256, 3072) : (192, 384, 3072),
            // Scalar reference, 4 x 4: blocking hardly matters at its speed; L2-sized blocks.
            _ => (128, 256, 2048),
        };
    }

    /// <summary>
    /// The best kernel family this hardware runs for the element size. With AVX-512: 8 x 24 for double and
    /// 12 x 32 for float. Measured side by side at n = 256..1024 (single thread), 12 x 32 float beat 8 x 48 by 5-10 %
    /// at n = 256..512 (its NR = 32 divides power-of-two sizes; 8 x 48 wastes a third of the last column panel),
    /// while for double 8 x 24 and 12 x 16 were within noise, 8 x 24 slightly ahead at n = 256 and 1024.
    /// </summary>
    public static MicroKernelKind Best(int elementSize)
    {
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
            return elementSize == 8 ? MicroKernelKind.Avx512 : MicroKernelKind.Avx512Tall;
        if (Avx2.IsSupported && Fma.IsSupported) return MicroKernelKind.Avx2;
        return MicroKernelKind.Reference;
    }

    /// <summary>
    /// <see cref="Best"/>, except that with AVX-512 and doubles the 12 x 16 kernel replaces 8 x 24 when it pads C less:
    /// the register blocks cover ceil(m/MR)*MR x ceil(n/NR)*NR of C whatever the real size, so n = 64 (attention's
    /// P @ V, head size 64) wastes a quarter of the last 24-column panel's work on 8 x 24 and none on 12 x 16.
    /// Chosen only when the padded area is at least 5 % smaller (the two kernels are within noise where both fit).
    /// </summary>
    public static MicroKernelKind BestFor(int elementSize, int m, int n)
    {
        var best = Best(elementSize);
        if (best != MicroKernelKind.Avx512 || elementSize != 8) return best;
        long wide = Padded(m, 8) * Padded(n, 24), tall = Padded(m, 12) * Padded(n, 16);
        return tall * 20 <= wide * 19 ? MicroKernelKind.Avx512Tall : best;
    }

    private static long Padded(int x, int r) => (x + r - 1L) / r * r;

    /// <summary>Whether this hardware can run <paramref name="kind"/>.</summary>
    public static bool IsSupported(MicroKernelKind kind) => kind switch
    {
        MicroKernelKind.Avx512 or MicroKernelKind.Avx512Tall => Avx512F.IsSupported,
        MicroKernelKind.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        _ => true,
    };
}
