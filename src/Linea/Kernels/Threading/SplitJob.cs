namespace Linea.Kernels.Threading;

/// <summary>
/// Runs a body once per thread of the <see cref="WorkerPool"/> with its (tid, threads); the body partitions its own work.
/// Used by the level-3 kernels that split independent blocks across threads, each block then running single-threaded
/// (nested GEMM calls find the pool busy and run on their own thread).
/// </summary>
internal sealed class SplitJob : IParallelJob
{
    private readonly Action<int, int> _body;

    private SplitJob(Action<int, int> body) => _body = body;

    public void Execute(int tid, int threads, SpinBarrier barrier) => _body(tid, threads);

    /// <summary>Runs <paramref name="body"/>(tid, threads) on up to <paramref name="threads"/> threads (fewer when the pool is busy).</summary>
    public static void Run(int threads, Action<int, int> body) => WorkerPool.Run(threads, new SplitJob(body));

    /// <summary>Boundary t of a split of n into <paramref name="threads"/> parts, rounded down to a multiple of <paramref name="align"/> (the last is n).</summary>
    public static int Bound(int t, int threads, int n, int align)
        => t >= threads ? n : (int)((long)t * n / threads) / align * align;
}
