using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Linea.Kernels.Threading;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Shapes that do not pay for packing: tiny products (every dimension at most <see cref="TinyLimit"/>), computed
/// straight from the strided operands, and matrix-vector products (m or n = 1), which are memory-bound and run
/// as row dot products or column AXPYs on contiguous runs, split over threads by rows of y when large.
/// </summary>
internal static unsafe class SmallGemm
{
    /// <summary>Largest m, n and k handled by the unpacked tiny path.</summary>
    public const int TinyLimit = 16;

    /// <summary>Below this many multiply-adds (m*k) a GEMV stays on the calling thread.</summary>
    public const long GemvParallelThreshold = 1L << 18;

    /// <summary>C = alpha * A @ B + beta * C directly on the strided operands (small sizes only).</summary>
    [MethodImpl(HotCode.Options)]
    public static void Tiny<T>(int m, int n, int k, T alpha, T* a, nint ars, nint acs, T* b, nint brs, nint bcs,
        T beta, T* c, nint crs, nint ccs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* acc = stackalloc T[TinyLimit];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++) acc[j] = T.Zero;
            T* ai = a + i * ars;
            for (int p = 0; p < k; p++)
            {
                T aip = ai[p * acs];
                T* bp = b + p * brs;
                for (int j = 0; j < n; j++) acc[j] += aip * bp[j * bcs];
            }
            T* ci = c + i * crs;
            if (beta == T.Zero) for (int j = 0; j < n; j++) ci[j * ccs] = alpha * acc[j];
            else for (int j = 0; j < n; j++) ci[j * ccs] = alpha * acc[j] + beta * ci[j * ccs];
        }
    }

    /// <summary>
    /// y = alpha * A x + beta * y for an m x k matrix A with strides (ars, acs). The one GEMV (see
    /// <see cref="Blas2.Gemv"/>): contiguous rows of A are dot products here (four or eight rows at once); contiguous
    /// columns of A with x and y contiguous go to <see cref="Blas2.Gemv.Columns{T}"/>, the column-layout driver that
    /// Blas2.Gemv.Multiply uses too (it replaced a second driver here that split y into 1024-row chunks per thread job:
    /// 1.2-1.7x faster at n = 1000-4000 in the blas2 bench runner).
    /// </summary>
    public static void Gemv<T>(int m, int k, T alpha, T* a, nint ars, nint acs, T* x, nint xs, T beta, T* y, nint ys, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ars == 1 && acs != 1 && xs == 1 && ys == 1 && acs <= int.MaxValue)
        {
            Blas2.Gemv.Columns(m, k, alpha, a, (int)acs, x, beta, y, threads);
            return;
        }
        var job = new GemvJob<T> { M = m, K = k, Alpha = alpha, A = a, Ars = ars, Acs = acs, X = x, Xs = xs, Beta = beta, Y = y, Ys = ys };
        if (threads > 1 && (long)m * k >= GemvParallelThreshold && m >= 64) WorkerPool.Run(threads, job);
        else job.Rows(0, m);
    }

    private sealed class GemvJob<T> : IParallelJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int M, K;
        public T Alpha, Beta;
        public T* A, X, Y;
        public nint Ars, Acs, Xs, Ys;

        private int _next;

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            // Rows are dealt out in chunks (a multiple of 16 so threads never share a cache line of y) from a
            // shared counter: GEMV streams A once with no reuse to lose, so a thread that starts late or is
            // preempted simply takes fewer chunks.
            int chunk = Math.Max(16, (M / (8 * threads) + 15) / 16 * 16);
            for (int r0 = Interlocked.Add(ref _next, chunk) - chunk; r0 < M; r0 = Interlocked.Add(ref _next, chunk) - chunk)
                Rows(r0, Math.Min(M, r0 + chunk));
        }

        /// <summary>
        /// Four rows at once against the same x: four independent read streams keep more cache misses in flight
        /// than one row at a time, which is what a memory-bound GEMV needs, and x is loaded once per four rows.
        /// </summary>
        private void Dot4x512(int i, int k, T alpha, T beta)
        {
            T* a0 = A + i * Ars, a1 = a0 + Ars, a2 = a1 + Ars, a3 = a2 + Ars, x = X;
            int V = Vector512<T>.Count;
            Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default;
            int p = 0;
            // Prefetch each row stream 1 KiB ahead (one line per row per iteration): with four streams the hardware
            // prefetchers alone left GEMV at 0.8x OpenBLAS's bandwidth.
            int ahead = 1024 / sizeof(T);
            for (; p + V <= k; p += V)
            {
                if (p + ahead < k)
                {
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0(a0 + p + ahead); System.Runtime.Intrinsics.X86.Sse.Prefetch0(a1 + p + ahead);
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0(a2 + p + ahead); System.Runtime.Intrinsics.X86.Sse.Prefetch0(a3 + p + ahead);
                }
                var xv = Vector512.Load(x + p);
                s0 += Vector512.Load(a0 + p) * xv; s1 += Vector512.Load(a1 + p) * xv;
                s2 += Vector512.Load(a2 + p) * xv; s3 += Vector512.Load(a3 + p) * xv;
            }
            T d0 = Vector512.Sum(s0), d1 = Vector512.Sum(s1), d2 = Vector512.Sum(s2), d3 = Vector512.Sum(s3);
            for (; p < k; p++) { T xp = x[p]; d0 += a0[p] * xp; d1 += a1[p] * xp; d2 += a2[p] * xp; d3 += a3[p] * xp; }
            Put(i, d0, alpha, beta); Put(i + 1, d1, alpha, beta); Put(i + 2, d2, alpha, beta); Put(i + 3, d3, alpha, beta);
        }

        /// <summary>Eight rows at once: twice the independent read streams of <see cref="Dot4x512"/> for long rows.</summary>
        private void Dot8x512(int i, int k, T alpha, T beta)
        {
            T* a0 = A + i * Ars, x = X;
            nint r = Ars;
            int V = Vector512<T>.Count, ahead = 1024 / sizeof(T);
            Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            int p = 0;
            for (; p + V <= k; p += V)
            {
                if (p + ahead < k)
                    for (int t = 0; t < 8; t++) System.Runtime.Intrinsics.X86.Sse.Prefetch0(a0 + t * r + p + ahead);
                var xv = Vector512.Load(x + p);
                T* ap = a0 + p;
                s0 += Vector512.Load(ap) * xv; s1 += Vector512.Load(ap + r) * xv;
                s2 += Vector512.Load(ap + 2 * r) * xv; s3 += Vector512.Load(ap + 3 * r) * xv;
                s4 += Vector512.Load(ap + 4 * r) * xv; s5 += Vector512.Load(ap + 5 * r) * xv;
                s6 += Vector512.Load(ap + 6 * r) * xv; s7 += Vector512.Load(ap + 7 * r) * xv;
            }
            Span<T> d = stackalloc T[8];
            d[0] = Vector512.Sum(s0); d[1] = Vector512.Sum(s1); d[2] = Vector512.Sum(s2); d[3] = Vector512.Sum(s3);
            d[4] = Vector512.Sum(s4); d[5] = Vector512.Sum(s5); d[6] = Vector512.Sum(s6); d[7] = Vector512.Sum(s7);
            for (int t = 0; t < 8; t++)
            {
                T* at = a0 + t * r;
                T acc = d[t];
                for (int q = p; q < k; q++) acc += at[q] * x[q];
                Put(i + t, acc, alpha, beta);
            }
        }

        private void Dot4x256(int i, int k, T alpha, T beta)
        {
            T* a0 = A + i * Ars, a1 = a0 + Ars, a2 = a1 + Ars, a3 = a2 + Ars, x = X;
            int V = Vector256<T>.Count;
            Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default;
            int p = 0;
            for (; p + V <= k; p += V)
            {
                var xv = Vector256.Load(x + p);
                s0 += Vector256.Load(a0 + p) * xv; s1 += Vector256.Load(a1 + p) * xv;
                s2 += Vector256.Load(a2 + p) * xv; s3 += Vector256.Load(a3 + p) * xv;
            }
            T d0 = Vector256.Sum(s0), d1 = Vector256.Sum(s1), d2 = Vector256.Sum(s2), d3 = Vector256.Sum(s3);
            for (; p < k; p++) { T xp = x[p]; d0 += a0[p] * xp; d1 += a1[p] * xp; d2 += a2[p] * xp; d3 += a3[p] * xp; }
            Put(i, d0, alpha, beta); Put(i + 1, d1, alpha, beta); Put(i + 2, d2, alpha, beta); Put(i + 3, d3, alpha, beta);
        }

        private void Put(int i, T d, T alpha, T beta)
        {
            ref T yi = ref Y[i * Ys];
            yi = beta == T.Zero ? alpha * d : alpha * d + beta * yi;
        }

        public void Rows(int r0, int r1)
        {
            int k = K;
            T alpha = Alpha, beta = Beta;
            if (Acs == 1 && Xs == 1)
            {
                int i = r0;
                if (Vector512.IsHardwareAccelerated && k >= Vector512<T>.Count)
                {
                    for (; i + 8 <= r1; i += 8) Dot8x512(i, k, alpha, beta);
                    for (; i + 4 <= r1; i += 4) Dot4x512(i, k, alpha, beta);
                }
                else if (Vector256.IsHardwareAccelerated && k >= Vector256<T>.Count)
                    for (; i + 4 <= r1; i += 4) Dot4x256(i, k, alpha, beta);
                var xv = new ReadOnlySpan<T>(X, k);
                for (; i < r1; i++)
                {
                    T d = alpha * TensorPrimitives.Dot(new ReadOnlySpan<T>(A + i * Ars, k), xv);
                    ref T yi = ref Y[i * Ys];
                    yi = beta == T.Zero ? d : d + beta * yi;
                }
            }
            else if (Ars == 1 && Ys == 1)
            {
                // Strided x (contiguous x goes to Blas2.Gemv.Columns above): column AXPYs over chunks of y small
                // enough to stay in L1 while the columns stream past.
                const int Chunk = 1024;
                for (int i0 = r0; i0 < r1; i0 += Chunk)
                {
                    var yv = new Span<T>(Y + i0, Math.Min(Chunk, r1 - i0));
                    if (beta == T.Zero) yv.Clear();
                    else if (beta != T.One) TensorPrimitives.Multiply(yv, beta, yv);
                    if (Xs == 1 && Acs <= int.MaxValue)
                        Blas2.Gemv.AccumulateColumns(yv.Length, k, alpha, ref *(A + i0), (int)Acs, new ReadOnlySpan<T>(X, k), yv);
                    else
                        for (int p = 0; p < k; p++)
                            TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(A + i0 + p * Acs, yv.Length), alpha * X[p * Xs], yv, yv);
                }
            }
            else
            {
                for (int i = r0; i < r1; i++)
                {
                    T s = T.Zero;
                    T* ai = A + i * Ars;
                    for (int p = 0; p < k; p++) s += ai[p * Acs] * X[p * Xs];
                    ref T yi = ref Y[i * Ys];
                    yi = beta == T.Zero ? alpha * s : alpha * s + beta * yi;
                }
            }
        }
    }
}
