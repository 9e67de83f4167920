using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels.Gemm.Microkernels;
using Linea.Kernels.Threading;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Threads over the inner dimension, for products whose depth dwarfs the result (the Gram matrix X^T X of least
/// squares, 100 x 100 from k = 200,000): splitting rows or columns of a small C leaves each thread a sliver of
/// register blocks and puts two barriers on every KC step, while each thread running the whole single-threaded
/// five-loop GEMM on its own slice of k needs no synchronisation until the end. Thread 0 accumulates into C with the
/// caller's beta; thread t &gt; 0 into a private m x n buffer (<see cref="PackBuffers{T}.Partial"/>, m*n elements per
/// extra thread, reused between calls); then every thread adds a share of the rows of the partial results into C.
/// With <c>lowerOnly</c> (symmetric products, <see cref="SymmetricProduct"/>) each thread computes and adds only the
/// tiles and elements on or below the diagonal.
/// Rounding: C's elements are sums of threads' partial sums, an order as valid as BLIS's (error bound unchanged).
/// </summary>
internal static unsafe class KSplitDriver
{
    /// <summary>Least depth per thread: below this a split buys less than the final reduction costs.</summary>
    public const int MinDepthPerThread = 512;

    /// <summary>
    /// Whether the k-split pays: depth at least 8 times the larger of m and n, and a result small enough
    /// (at most 2^20 elements) that the per-thread partial buffers stay in cache.
    /// </summary>
    public static bool Suits(int m, int n, int k, int threads) =>
        threads > 1 && k >= 2 * MinDepthPerThread && (long)k >= 8L * Math.Max(m, n) && (long)m * n <= 1 << 20;

    /// <summary>C = alpha * A @ B + beta * C with the inner dimension split over up to <paramref name="threads"/> threads.</summary>
    public static void Run<T, TK>(int m, int n, int k, T alpha, T* a, nint ars, nint acs, T* b, nint brs, nint bcs,
        T beta, T* c, nint crs, nint ccs, int mcBlock, int kcBlock, int ncBlock, int threads, bool lowerOnly = false)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernel<T>
    {
        threads = Math.Min(threads, k / MinDepthPerThread);
        var job = new Job<T, TK>
        {
            LowerOnly = lowerOnly, M = m, N = n, K = k, Alpha = alpha, Beta = beta, A = a, Ars = ars, Acs = acs, B = b, Brs = brs, Bcs = bcs,
            C = c, Crs = crs, Ccs = ccs, MC = mcBlock, KC = kcBlock, NC = ncBlock, Partials = new nint[Math.Max(threads, 1)],
        };
        WorkerPool.Run(threads, job);
    }

    private sealed class Job<T, TK> : IParallelJob
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernel<T>
    {
        public int M, N, K, MC, KC, NC;
        public T Alpha, Beta;
        public T* A, B, C;
        public nint Ars, Acs, Brs, Bcs, Crs, Ccs;
        public nint[] Partials = [];
        public bool LowerOnly;

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            int m = M;
            int k0 = (int)((long)tid * K / threads), k1 = (int)((long)(tid + 1) * K / threads);
            T* target = C;
            nint trs = Crs, tcs = Ccs;
            T beta = Beta;
            if (tid > 0)
            {
                target = PackBuffers<T>.Partial(m * N);
                Partials[tid] = (nint)target;
                trs = N; tcs = 1; beta = T.Zero;
            }
            // (An unpacked variant, tiles of C sweeping KC-deep slices of A and B in place, was tried for the Gram
            // matrix 100 x 100 x 200,000: 10-15 % slower than packing, because B then streams from L2, not L1.)
            GemmDriver.Run<T, TK>(m, N, k1 - k0, Alpha, A + k0 * Acs, Ars, Acs, B + k0 * Brs, Brs, Bcs, beta, target, trs, tcs, MC, KC, NC, 1, LowerOnly ? TrianglePart.LowerTiles : TrianglePart.All);
            if (threads == 1) return;
            barrier.SignalAndWait();
            int r0 = (int)((long)tid * m / threads), r1 = (int)((long)(tid + 1) * m / threads);
            if (LowerOnly)
            {
                // Row i holds i + 1 lower elements: cut the rows at equal triangle area.
                r0 = (int)Math.Round(m * Math.Sqrt((double)tid / threads));
                r1 = tid + 1 == threads ? m : (int)Math.Round(m * Math.Sqrt((double)(tid + 1) / threads));
            }
            for (int i = r0; i < r1; i++)
            {
                T* ci = C + i * Crs;
                int n = LowerOnly ? i + 1 : N;
                for (int t = 1; t < threads; t++)
                {
                    T* pi = (T*)Partials[t] + (nint)i * N;
                    if (Ccs == 1)
                    {
                        var row = new Span<T>(ci, n);
                        TensorPrimitives.Add(row, new ReadOnlySpan<T>(pi, n), row);
                    }
                    else
                    {
                        for (int j = 0; j < n; j++) ci[j * Ccs] += pi[j];
                    }
                }
            }
        }
    }
}
