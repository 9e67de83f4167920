using System.Numerics;

namespace Linea.Kernels.Gemm.Microkernels;

/// <summary>
/// Portable scalar 4 x 4 microkernel (plain multiply then add, no SIMD, no FMA). It runs on any hardware and
/// is the yardstick that every SIMD kernel is tested against.
/// </summary>
internal unsafe struct ReferenceKernel<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 4;
    public static int NR => 4;

    /// <summary>No prefetch stream here: <see cref="Run"/>.</summary>
    public static void RunFetching(int kc, T* a, T* b, T* c, nint rs, nint cs, T alpha, T beta, int mr, int nr, T* tile, bool chunkedA,
        byte* fetch, nint fetchStride, int fetchRows, int fetchBytes) => Run(kc, a, b, c, rs, cs, alpha, beta, mr, nr, tile, chunkedA);

    public static int FetchCapacity(int kc, bool chunkedA) => 0;

    public static void Run(int kc, T* a, T* b, T* c, nint rs, nint cs, T alpha, T beta, int mr, int nr, T* tile, bool chunkedA)
    {
        for (int i = 0; i < 16; i++) tile[i] = T.Zero;
        int cw = 64 / sizeof(T), chunked = chunkedA ? kc / cw * cw : 0;
        for (int p = 0; p < kc; p++)
        {
            T* bp = b + p * 4;
            for (int i = 0; i < 4; i++)
            {
                // Element (i, p) of the packed micro-panel in either layout.
                T ai = p < chunked ? a[p / cw * 4 * cw + i * cw + p % cw] : a[p * 4 + i];
                T* t = tile + i * 4;
                t[0] += ai * bp[0]; t[1] += ai * bp[1]; t[2] += ai * bp[2]; t[3] += ai * bp[3];
            }
        }
        TileStore.Merge(tile, 4, c, rs, cs, mr, nr, alpha, beta);
    }
}
