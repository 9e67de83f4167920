using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Linea.Kernels.Threading;

namespace Linea;

/// <summary>
/// Sparse matrix-vector kernels over compressed runs. The row-oriented product (CSR A x, or CSC A^T x) gathers x and
/// writes each y[i] once; threads take contiguous row blocks of equal work (stored entries plus one per row), not equal
/// row counts, so a few dense rows do not leave one thread with most of the work. The column-oriented product (CSC
/// A x, or CSR A^T x) scatters into y: threads take column blocks of equal work, each scattering into its own
/// accumulator, then add the accumulators row block by row block.
/// </summary>
internal static class Spmv
{
    /// <summary>Below this much work (stored entries plus runs) one thread is faster than waking the pool.</summary>
    internal const long ParallelWork = 1 << 15;

    /// <summary>
    /// Work chunks per thread: threads claim chunks of equal work one at a time, so that on a shared machine a thread
    /// that starts late (its core busy with another process) leaves its chunks to the others instead of holding up the
    /// product; eight per thread keeps the claims (one interlocked increment each) negligible beside the chunks.
    /// </summary>
    internal const int ChunksPerThread = 8;

    /// <summary>
    /// Runs body(tid, r0, r1) over <see cref="ChunksPerThread"/> x threads chunks of equal work (entries plus runs) of
    /// <paramref name="runs"/> runs, each claimed by the next free thread of up to <paramref name="threads"/>; tid
    /// identifies the claiming thread (below the count the pool gave), for per-thread workspace.
    /// </summary>
    internal static void Chunked(int threads, long[] ptr, int runs, Action<int, int, int> body)
    {
        int chunks = threads * ChunksPerThread;
        int next = 0;
        SplitJob.Run(threads, (tid, nt) =>
        {
            int c;
            while ((c = Interlocked.Increment(ref next) - 1) < chunks)
                body(tid, WorkBound(ptr, runs, c, chunks), WorkBound(ptr, runs, c + 1, chunks));
        });
    }

    /// <summary>
    /// The first run of thread <paramref name="t"/>'s share when <paramref name="runs"/> runs are split into
    /// <paramref name="threads"/> parts of equal work ptr[i] + i (entries before run i plus runs before i).
    /// </summary>
    internal static int WorkBound(ReadOnlySpan<long> ptr, int runs, int t, int threads)
    {
        if (t <= 0) return 0;
        if (t >= threads) return runs;
        long total = ptr[runs] + runs;
        long target = (long)((double)total * t / threads);
        int lo = 0, hi = runs;                                   // smallest i with ptr[i] + i >= target
        while (lo < hi)
        {
            int mid = (int)(((uint)lo + (uint)hi) >> 1);
            if (ptr[mid] + mid < target) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Runs at least this long on average take the AVX2 gather kernel. Measured on the 2-core AMD EPYC (Zen 4) build
    /// machine: on a random 1M x 1M graph with 10 entries per row (x out of L2) the masked gather moved 13-14.5 GB/s
    /// against 8-11 GB/s for the scalar loop with four accumulators; on the 5-point Poisson matrix (5 per row, all in
    /// cache) the scalar loop was faster (47 against 38 GB/s), the gather paying its fixed cost on short runs.
    /// </summary>
    internal const int GatherMinAverageRun = 8;

    /// <summary>Which inner loop the row-oriented product uses.</summary>
    internal enum Kernel
    {
        /// <summary>The AVX2 gather where available and runs are long enough, the scalar loop otherwise.</summary>
        Auto,

        /// <summary>The portable scalar loop with four accumulators.</summary>
        Scalar,

        /// <summary>The AVX2 gather (float or double) when the CPU has AVX2 and FMA, else the scalar loop.</summary>
        Avx2Gather,
    }

    /// <summary>y[i] = sum over run i of values * x[indices], for every run, on up to <paramref name="threads"/> threads.</summary>
    internal static unsafe void Gather<T>(SparseMatrix<T> a, ReadOnlySpan<T> x, Span<T> y, int threads, Kernel kernel = Kernel.Auto)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int runs = a.MajorCount;
        if (runs == 0) return;
        long[] ptr = a.Ptr;
        bool avx = Avx2.IsSupported && Fma.IsSupported && kernel != Kernel.Scalar
            && (kernel == Kernel.Avx2Gather || ptr[runs] >= (long)GatherMinAverageRun * runs);
        if (threads <= 1 || ptr[runs] + runs < ParallelWork)
        {
            fixed (T* px = x, py = y) GatherRange(a, px, py, 0, runs, avx);
            return;
        }
        fixed (T* px = x, py = y)
        {
            T* cx = px, cy = py;
            Chunked(threads, ptr, runs, (_, r0, r1) => GatherRange(a, cx, cy, r0, r1, avx));
        }
    }

    private static unsafe void GatherRange<T>(SparseMatrix<T> a, T* x, T* y, int r0, int r1, bool avx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (long* p = a.Ptr)
        fixed (int* idx = &a.Idx.Reference)
        fixed (T* val = &a.Val.Reference)
        {
            if (avx && typeof(T) == typeof(double)) GatherAvx2(p, idx, (double*)val, (double*)x, (double*)y, r0, r1);
            else if (avx && typeof(T) == typeof(float)) GatherAvx2(p, idx, (float*)val, (float*)x, (float*)y, r0, r1);
            else GatherRuns(p, idx, val, x, y, r0, r1);
        }
    }

    /// <summary>
    /// The double gather: four entries per step (vgatherdpd), the run's last one to three through a masked index load
    /// and masked gather, so no scalar tail; one horizontal sum per run.
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static unsafe void GatherAvx2(long* ptr, int* idx, double* val, double* x, double* y, int r0, int r1)
    {
        var lanes = Vector128.Create(0, 1, 2, 3);
        long k = ptr[r0];
        for (int i = r0; i < r1; i++)
        {
            long end = ptr[i + 1];
            var acc = Vector256<double>.Zero;
            for (; k + 3 < end; k += 4)
                acc = Fma.MultiplyAdd(Avx.LoadVector256(val + k), Avx2.GatherVector256(x, Sse2.LoadVector128(idx + k), 8), acc);
            int rest = (int)(end - k);
            if (rest > 0)
            {
                var m32 = Sse2.CompareGreaterThan(Vector128.Create(rest), lanes);
                var m64 = Avx2.ConvertToVector256Int64(m32).AsDouble();
                var xv = Avx2.GatherMaskVector256(Vector256<double>.Zero, x, Avx2.MaskLoad(idx + k, m32), m64, 8);
                acc = Fma.MultiplyAdd(Avx.MaskLoad(val + k, m64), xv, acc);
                k = end;
            }
            y[i] = Vector256.Sum(acc);
        }
    }

    /// <summary>The float gather: eight entries per step (vgatherdps), a masked step for the run's last one to seven.</summary>
    [MethodImpl(HotCode.Options)]
    private static unsafe void GatherAvx2(long* ptr, int* idx, float* val, float* x, float* y, int r0, int r1)
    {
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        long k = ptr[r0];
        for (int i = r0; i < r1; i++)
        {
            long end = ptr[i + 1];
            var acc = Vector256<float>.Zero;
            for (; k + 7 < end; k += 8)
                acc = Fma.MultiplyAdd(Avx.LoadVector256(val + k), Avx2.GatherVector256(x, Avx.LoadVector256(idx + k), 4), acc);
            int rest = (int)(end - k);
            if (rest > 0)
            {
                var m = Avx2.CompareGreaterThan(Vector256.Create(rest), lanes);
                var mf = m.AsSingle();
                var xv = Avx2.GatherMaskVector256(Vector256<float>.Zero, x, Avx2.MaskLoad(idx + k, m), mf, 4);
                acc = Fma.MultiplyAdd(Avx.MaskLoad(val + k, mf), xv, acc);
                k = end;
            }
            y[i] = Vector256.Sum(acc);
        }
    }

    /// <summary>
    /// How far ahead (in stored entries) the scalar gather prefetches values and indices: 1024 entries are 8 KiB of
    /// double values (4 KiB of floats) and 4 KiB of indices. The hardware prefetcher alone kept the 5-point Poisson
    /// product on 2.25M rows (190 MB per product) at 35-38 GB/s on the 2-core AMD EPYC (Zen 5) build machine; one software
    /// prefetch per row at 256 entries gave 62-66, at 512 80, at 1024 83-86 GB/s in the same runs (bench
    /// <c>spmvprobe</c>, a probe runner removed after it was measured; commit 223e049 has it). Prefetching past the end of the arrays is harmless: a prefetch never faults.
    /// </summary>
    internal const int PrefetchEntries = 1024;

    /// <summary>
    /// The gather over runs [r0, r1): four independent accumulators per run hide the FMA latency; one software prefetch
    /// of values and one of indices per run, <see cref="PrefetchEntries"/> ahead, keep more memory requests in flight
    /// than the hardware prefetcher does on short runs (the streams advance only a few entries per run).
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static unsafe void GatherRuns<T>(long* ptr, int* idx, T* val, T* x, T* y, int r0, int r1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long k = ptr[r0];
        for (int i = r0; i < r1; i++)
        {
            long end = ptr[i + 1];
            if (Sse.IsSupported)
            {
                Sse.Prefetch0(val + k + PrefetchEntries);
                Sse.Prefetch0(idx + k + PrefetchEntries);
            }
            T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
            for (; k + 3 < end; k += 4)
            {
                s0 += val[k] * x[idx[k]];
                s1 += val[k + 1] * x[idx[k + 1]];
                s2 += val[k + 2] * x[idx[k + 2]];
                s3 += val[k + 3] * x[idx[k + 3]];
            }
            for (; k < end; k++) s0 += val[k] * x[idx[k]];
            y[i] = (s0 + s1) + (s2 + s3);
        }
    }

    /// <summary>
    /// y = sum over runs j of x[j] times run j scattered by its indices (y has MinorCount elements), on up to
    /// <paramref name="threads"/> threads: thread 0 scatters into y, thread t &gt; 0 into a pooled buffer of y's length,
    /// and a second split adds the buffers into y by row blocks. Memory: (threads - 1) x y's length, rented.
    /// </summary>
    internal static unsafe void Scatter<T>(SparseMatrix<T> a, ReadOnlySpan<T> x, Span<T> y, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int runs = a.MajorCount, m = y.Length;
        long[] ptr = a.Ptr;
        if (threads <= 1 || runs == 0 || ptr[runs] + runs < ParallelWork)
        {
            y.Clear();
            fixed (T* px = x, py = y) ScatterRuns(a, px, py, 0, runs);
            return;
        }
        var buffers = new T[threads - 1][];
        for (int t = 0; t < buffers.Length; t++) buffers[t] = ArrayPool<T>.Shared.Rent(Math.Max(m, 1));
        try
        {
            int used = 1, claimed = 0;
            fixed (T* px = x, py = y)
            {
                T* cx = px, cy = py;
                // Each thread clears its own accumulator (thread 0's is y) and then claims column chunks of equal work.
                SplitJob.Run(threads, (tid, nt) =>
                {
                    if (tid == 0) Volatile.Write(ref used, nt);
                    T[]? own = tid == 0 ? null : buffers[tid - 1];
                    fixed (T* pb = own)
                    {
                        T* acc = tid == 0 ? cy : pb;
                        new Span<T>(acc, m).Clear();
                        int chunks = nt * ChunksPerThread, c;
                        while ((c = Interlocked.Increment(ref claimed) - 1) < chunks)
                            ScatterRuns(a, cx, acc, WorkBound(ptr, runs, c, chunks), WorkBound(ptr, runs, c + 1, chunks));
                    }
                });
                int parts = used;
                if (parts > 1)
                    SplitJob.Run(threads, (tid, nt) =>
                    {
                        int r0 = SplitJob.Bound(tid, nt, m, 64), r1 = SplitJob.Bound(tid + 1, nt, m, 64);
                        var dst = new Span<T>(cy + r0, r1 - r0);
                        for (int b = 0; b < parts - 1; b++)
                            System.Numerics.Tensors.TensorPrimitives.Add(dst, buffers[b].AsSpan(r0, r1 - r0), dst);
                    });
            }
        }
        finally
        {
            foreach (var b in buffers) ArrayPool<T>.Shared.Return(b);
        }
    }

    /// <summary>
    /// Scatters runs [c0, c1) into y: y[idx[k]] += val[k] x[j] over run j; one prefetch of values and indices per run,
    /// <see cref="PrefetchEntries"/> ahead, as in the gather.
    /// </summary>
    private static unsafe void ScatterRuns<T>(SparseMatrix<T> a, T* x, T* y, int c0, int c1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (long* p = a.Ptr)
        fixed (int* idx = &a.Idx.Reference)
        fixed (T* val = &a.Val.Reference)
            ScatterRuns(p, idx, val, x, y, c0, c1);
    }

    [MethodImpl(HotCode.Options)]
    private static unsafe void ScatterRuns<T>(long* ptr, int* idx, T* val, T* x, T* y, int c0, int c1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long k = ptr[c0];
        for (int j = c0; j < c1; j++)
        {
            if (Sse.IsSupported)
            {
                Sse.Prefetch0(val + k + PrefetchEntries);
                Sse.Prefetch0(idx + k + PrefetchEntries);
            }
            T xj = x[j];
            long end = ptr[j + 1];
            for (; k < end; k++)
                y[idx[k]] += val[k] * xj;
        }
    }
}
