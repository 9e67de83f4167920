using System.Numerics;
using Linea.Kernels.Gemm.Microkernels;
using Linea.Kernels.Threading;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Threads over independent bands of C for tall-skinny (m large, n and k small) and short-wide (n large, m and k
/// small) products: when the operand that every band shares (B for row bands, A for column bands) is small, each
/// thread packs it itself and runs the single-threaded five-loop GEMM on its own band, with no shared panel and no
/// barrier per block; the five-loop driver would otherwise meet twice per KC x NC panel (65 panels at n = 200,000).
/// Bands are whole register blocks (multiples of MR rows or NR columns) so no tile straddles two threads.
/// </summary>
internal static unsafe class BandSplitDriver
{
    /// <summary>Largest shared operand (elements times size) that each thread packs for itself: half of one L2.</summary>
    public const long MaxSharedBytes = 512 * 1024;

    /// <summary>Least register blocks per thread for a band split to pay.</summary>
    private const int MinBlocksPerThread = 8;

    /// <summary>Which split applies: 'r' (row bands), 'c' (column bands) or '\0' (none).</summary>
    public static char Choose<T, TK>(int m, int n, int k, int threads) where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernel<T>
    {
        if (threads <= 1) return '\0';
        int mp = (m + TK.MR - 1) / TK.MR, np = (n + TK.NR - 1) / TK.NR;
        if (m >= 4 * n && (long)k * n * sizeof(T) <= MaxSharedBytes && mp >= MinBlocksPerThread * threads) return 'r';
        if (n >= 4 * m && (long)m * k * sizeof(T) <= MaxSharedBytes && np >= MinBlocksPerThread * threads) return 'c';
        return '\0';
    }

    /// <summary>C = alpha * A @ B + beta * C in <paramref name="threads"/> independent bands of rows ('r') or columns ('c').</summary>
    public static void Run<T, TK>(char split, int m, int n, int k, T alpha, T* a, nint ars, nint acs, T* b, nint brs, nint bcs,
        T beta, T* c, nint crs, nint ccs, int mcBlock, int kcBlock, int ncBlock, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernel<T>
    {
        var job = new Job<T, TK>
        {
            Split = split, M = m, N = n, K = k, Alpha = alpha, Beta = beta, A = a, Ars = ars, Acs = acs, B = b, Brs = brs, Bcs = bcs,
            C = c, Crs = crs, Ccs = ccs, MC = mcBlock, KC = kcBlock, NC = ncBlock,
        };
        WorkerPool.Run(threads, job);
    }

    private sealed class Job<T, TK> : IParallelJob
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernel<T>
    {
        public char Split;
        public int M, N, K, MC, KC, NC;
        public T Alpha, Beta;
        public T* A, B, C;
        public nint Ars, Acs, Brs, Bcs, Crs, Ccs;

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            if (Split == 'r')
            {
                int r0 = SplitJob.Bound(tid, threads, M, TK.MR), r1 = SplitJob.Bound(tid + 1, threads, M, TK.MR);
                if (r1 > r0)
                    GemmDriver.Run<T, TK>(r1 - r0, N, K, Alpha, A + r0 * Ars, Ars, Acs, B, Brs, Bcs, Beta, C + r0 * Crs, Crs, Ccs, MC, KC, NC, 1);
            }
            else
            {
                int c0 = SplitJob.Bound(tid, threads, N, TK.NR), c1 = SplitJob.Bound(tid + 1, threads, N, TK.NR);
                if (c1 > c0)
                    GemmDriver.Run<T, TK>(M, c1 - c0, K, Alpha, A, Ars, Acs, B + c0 * Bcs, Brs, Bcs, Beta, C + c0 * Ccs, Crs, Ccs, MC, KC, NC, 1);
            }
        }
    }
}
