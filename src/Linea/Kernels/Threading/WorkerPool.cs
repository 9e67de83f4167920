using System.Diagnostics;

namespace Linea.Kernels.Threading;

/// <summary>A unit of parallel work: called once on each participating thread with its id in [0, threads).</summary>
internal interface IParallelJob
{
    void Execute(int tid, int threads, SpinBarrier barrier);
}

/// <summary>
/// A sense-reversing barrier for a fixed number of participants. Waiters spin, then yield (never sleep),
/// which suits the short phases of a blocked kernel; nothing is allocated per wait.
/// </summary>
internal sealed class SpinBarrier
{
    private int _participants;
    private int _remaining;
    private volatile int _generation;

    public void Reset(int participants) { _participants = participants; _remaining = participants; }

    public void SignalAndWait()
    {
        if (_participants <= 1) return;
        int gen = _generation;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            _generation = gen + 1;
            return;
        }
        var sw = new SpinWait();
        while (_generation == gen) sw.SpinOnce(sleep1Threshold: -1);
    }
}

/// <summary>
/// A fixed set of worker threads, created once and reused by every parallel kernel (no per-call thread
/// creation, no Task allocation). The calling thread takes part as thread 0. One job runs at a time: a call
/// that finds the pool busy (a second caller, or a nested call from inside a job) runs on its own thread
/// with threads = 1, so kernels must accept any thread count.
/// </summary>
internal static class WorkerPool
{
    private const int MaxThreads = 256;
    private static readonly object s_grow = new();
    private static Worker[] s_workers = [];
    private static int s_busy;
    private static readonly SpinBarrier s_barrier = new();
    private static int s_pending;
    private static Exception? s_error;
    private static int s_prestarted;

    /// <summary>
    /// Starts the workers that <see cref="Parallelism.Default"/> asks for in the background, once per process, as
    /// OpenBLAS starts its threads when it is loaded: <see cref="Storage.TensorStorage{T}.Allocate"/> calls this for the
    /// first tensor large enough for threaded kernels, so that the workers are running, and have written the pages of
    /// their first A packing block (<see cref="Gemm.PackBuffers.PrefaultA"/>), by the time the first parallel kernel
    /// runs, instead of that kernel waiting for them (1.3-2.2 ms of a first 500 x 500 product on the 2-core VM: creating
    /// the thread, its first run, and 96 fresh pages). The caller pays for creating one short-lived starter thread (about
    /// 0.3 ms); nothing happens with one thread. A kernel that arrives while they are still being created waits for
    /// them, as it would have without this. <paramref name="warmup"/>, when not null, runs on the starter thread after
    /// the workers are started (the first calls' code, <see cref="FirstCallWarmup"/>); a call after the first that brings
    /// one starts a starter thread for it alone.
    /// </summary>
    public static void Prestart(Action? warmup = null)
    {
        bool first = Volatile.Read(ref s_prestarted) == 0 && Interlocked.Exchange(ref s_prestarted, 1) == 0;
        if (!first && warmup is null) return;
        int workers = Math.Min(Parallelism.Default.Count, MaxThreads) - 1;
        if (workers <= 0 || (warmup is null && Volatile.Read(ref s_workers).Length >= workers)) return;
        var starter = new Thread(static state =>
        {
            var (count, work) = ((int, Action?))state!;
            EnsureWorkers(count);
            work?.Invoke();
        }) { IsBackground = true, Name = "Linea worker start" };
        starter.Start((first ? workers : 0, warmup));
    }

    /// <summary>The worker threads created so far (the calling thread of a job is not one of them).</summary>
    internal static int StartedWorkers => Volatile.Read(ref s_workers).Length;

    /// <summary>Whether <see cref="Prestart"/> has been called in this process.</summary>
    internal static bool PrestartRequested => Volatile.Read(ref s_prestarted) != 0;

    /// <summary>Runs <paramref name="job"/> on up to <paramref name="threads"/> threads and waits for all of them.</summary>
    public static void Run<TJob>(int threads, TJob job) where TJob : class, IParallelJob
    {
        threads = Math.Min(threads, MaxThreads);
        if (threads <= 1 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            var solo = new SpinBarrier();
            solo.Reset(1);
            job.Execute(0, 1, solo);
            return;
        }
        try
        {
            EnsureWorkers(threads - 1);
            s_barrier.Reset(threads);
            s_error = null;
            Volatile.Write(ref s_pending, threads - 1);
            for (int t = 1; t < threads; t++) s_workers[t - 1].Start(job, t, threads);
            try { job.Execute(0, threads, s_barrier); }
            finally
            {
                var sw = new SpinWait();
                while (Volatile.Read(ref s_pending) != 0) sw.SpinOnce(sleep1Threshold: -1);
            }
            if (s_error is { } e) throw new AggregateException(e);
        }
        finally { Volatile.Write(ref s_busy, 0); }
    }

    private static void EnsureWorkers(int count)
    {
        if (s_workers.Length >= count) return;
        lock (s_grow)
        {
            if (s_workers.Length >= count) return;
            var grown = new Worker[count];
            Array.Copy(s_workers, grown, s_workers.Length);
            for (int i = s_workers.Length; i < count; i++) grown[i] = new Worker(i + 1);
            s_workers = grown;
        }
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim _go = new(false, spinCount: 2000);
        private IParallelJob? _job;
        private int _tid, _threads;

        public Worker(int id)
        {
            var t = new Thread(Loop) { IsBackground = true, Name = $"Linea worker {id}" };
            t.Start();
        }

        public void Start(IParallelJob job, int tid, int threads)
        {
            _job = job; _tid = tid; _threads = threads;
            _go.Set();
        }

        private void Loop()
        {
            // Ready this thread's A packing block while no job needs the thread (see Prestart).
            Gemm.PackBuffers.PrefaultA();
            while (true)
            {
                _go.Wait();
                _go.Reset();
                var job = _job;
                Debug.Assert(job is not null);
                try { job!.Execute(_tid, _threads, s_barrier); }
                catch (Exception e) { s_error = e; }
                finally { _job = null; Interlocked.Decrement(ref s_pending); }
            }
        }
    }
}
