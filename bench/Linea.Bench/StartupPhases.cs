using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Linea.Kernels.Gemm;
using Linea.Kernels.Threading;

namespace Linea.Bench;

/// <summary>
/// Diagnosis of a first call's one-time costs (<c>startup-child OP N WARM</c> with <c>LINEA_STARTUP_PHASES=1</c>): in the
/// fresh process, before the timed first call, each piece of first-time work the call would do is done alone and its
/// time and minor page faults (getrusage) printed as <c>phase NAME s=.. faults=.. kib=..</c>: starting the worker threads,
/// the per-thread GEMM packing buffers (an A block on every thread, the shared B panel, every page written), and a fresh
/// n x n result or workspace array (every page written). What the first call still costs after them is type loading,
/// the precompiled code's first runs and its own fresh result.
/// </summary>
public static unsafe partial class StartupPhases
{
    /// <summary>Runs the phases for OP (<c>gemm</c> or <c>solve</c>; the SVD is not broken down) on n x n float64.</summary>
    public static void Run(string op, int n)
    {
        int threads = Parallelism.Default.Threads;
        if (Environment.GetEnvironmentVariable("LINEA_STARTUP_PHASES_THREAD") == "1")
        {
            Phase("thread_start", () => new Thread(static () => { }) { IsBackground = true }.Start());
            Phase("thread_start2", () => new Thread(static () => { }) { IsBackground = true }.Start());
        }
        Phase("workers", () => WorkerPool.Run(threads, new NoopJob()));
        Phase("workers_again", () => WorkerPool.Run(threads, new NoopJob()));
        // The blocking of a 500 x 500 float64 product on the AVX-512 8 x 24 kernel: A blocks of MC x KC per thread,
        // one KC x NC panel of B (NC = n rounded up to NR); LU's trailing updates use the same buffers.
        var (mc, kc, nc) = BlockSizes.For(BlockSizes.Best(sizeof(double)), sizeof(double));
        nc = Math.Min(nc, (n + 23) / 24 * 24);
        Phase("pack_a_per_thread", () => WorkerPool.Run(threads, new TouchJob(mc * kc)));
        Phase("pack_b", () => Touch(PackBuffers<double>.B(kc * nc), kc * nc));
        Phase(op == "gemm" ? "result_array" : "lu_workspace", () =>
        {
            var x = GC.AllocateUninitializedArray<double>(n * n);
            fixed (double* p = x) Touch(p, x.Length);
        });
    }

    /// <summary>One single-threaded 200 x 200 float64 product through <see cref="Gemm"/>'s packed path, on plain arrays.</summary>
    public static void PrimePacked()
    {
        const int m = 200;
        var a = new double[m * m];
        var c = new double[m * m];
        Gemm.Multiply(m, m, m, 1.0, a, 0, m, 1, a, 0, m, 1, 0.0, c, 0, m, 1, Parallelism.None);
    }

    private static void Phase(string name, Action work)
    {
        long f0 = MinorFaults();
        long t = Stopwatch.GetTimestamp();
        work();
        double s = Stopwatch.GetElapsedTime(t).TotalSeconds;
        long faults = MinorFaults() - f0;
        Console.WriteLine($"phase {name} s={s.ToString("F6", CultureInfo.InvariantCulture)} faults={faults} kib={faults * 4}");
    }

    private static void Touch(double* p, int count)
    {
        for (int i = 0; i < count; i += 512) p[i] = 1;
    }

    private sealed class NoopJob : IParallelJob
    {
        public void Execute(int tid, int threads, SpinBarrier barrier) { }
    }

    private sealed class TouchJob(int count) : IParallelJob
    {
        public void Execute(int tid, int threads, SpinBarrier barrier) => Touch(PackBuffers<double>.A(count), count);
    }

    /// <summary>Minor page faults of this process (getrusage(RUSAGE_SELF).ru_minflt), or -1 where libc is not there.</summary>
    public static long MinorFaults()
    {
        if (!OperatingSystem.IsLinux()) return -1;
        long* usage = stackalloc long[18]; // struct rusage: two timevals, then 14 longs; ru_minflt is the 5th long
        return GetRusage(0, usage) == 0 ? usage[8] : -1;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, long* usage);
}
