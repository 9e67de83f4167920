using Linea.Kernels.Gemm;
using Kernels = Linea.Kernels;
using Linea.Kernels.Threading;
using Linea.Storage;

namespace Linea.Tests.Threading;

/// <summary>
/// The worker threads started ahead of the first parallel kernel (<see cref="WorkerPool.Prestart"/>): they come up in
/// the background, each with its A packing block already sized, and jobs then run on every thread as before.
/// </summary>
public class WorkerPrestartTests
{
    [Fact]
    public void PrestartBringsUpTheDefaultWorkersWithTheirABlocks()
    {
        WorkerPool.Prestart();
        WorkerPool.Prestart(); // idempotent
        Assert.True(WorkerPool.PrestartRequested);
        int threads = Parallelism.Default.Count;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (WorkerPool.StartedWorkers < threads - 1 && DateTime.UtcNow < deadline) Thread.Sleep(1);
        Assert.True(WorkerPool.StartedWorkers >= threads - 1, $"{WorkerPool.StartedWorkers} workers for {threads} threads");

        // Every thread of a job takes part once, and each worker already holds the largest A block of the best kernels.
        long block = 0;
        foreach (int size in new[] { sizeof(float), sizeof(double) })
        {
            var (mc, kc, _) = BlockSizes.For(BlockSizes.Best(size), size);
            block = Math.Max(block, (long)mc * kc * size);
        }
        var job = new ProbeJob(threads);
        WorkerPool.Run(threads, job);
        for (int t = 0; t < threads; t++) Assert.Equal(t < job.Threads ? 1 : 0, job.Calls[t]);
        // Thread 0 is this test's thread; workers are 1..threads-1 (when the pool was free; a busy pool runs the job alone).
        if (job.Threads > 1)
            for (int t = 1; t < job.Threads; t++) Assert.True(job.ABytes[t] >= block, $"worker {t}: A buffer {job.ABytes[t]} bytes < {block}");
    }

    /// <summary>Tensors from the prestart size up start the workers: the size is the side at which products go parallel.</summary>
    [Fact]
    public void PrestartSizeMatchesTheParallelThreshold()
    {
        long side = (long)Math.Round(Math.Cbrt(Kernels.Gemm.Gemm.DefaultParallelThreshold));
        Assert.Equal(Kernels.Gemm.Gemm.DefaultParallelThreshold, side * side * side);
        Assert.Equal(TensorStorage<double>.PrestartLength, side * side);
        _ = NDArray.Zeros<double>(96, 96);
        Assert.True(WorkerPool.PrestartRequested);
    }

    private sealed class ProbeJob(int threads) : IParallelJob
    {
        public readonly int[] Calls = new int[threads];
        public readonly long[] ABytes = new long[threads];
        public int Threads;

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            Threads = threads;
            Interlocked.Increment(ref Calls[tid]);
            ABytes[tid] = (PackBuffers.t_a?.Length ?? 0) * sizeof(long);
            barrier.SignalAndWait();
        }
    }
}
