using System.Diagnostics;
using System.Globalization;

namespace Linea.Bench;

/// <summary>
/// The child process of the <c>startup</c> runner's first-call cases (<c>startup-child OP N WARM</c>): makes the
/// operands (untimed), times the first call of OP (<c>gemm</c>, <c>solve</c>, <c>svd</c>) on n x n float64, then (WARM > 0) the
/// median of the last WARM calls in steady state; prints <c>first_s=.. warm_s=.. setup_s=.. jit_methods=.. jit_s=..</c>
/// (setup: making the operands, during which Linea's background prestart and warm-up run).
/// Compiled into Linea.Bench and into the small <c>Linea.StartupApp</c> that <c>bench/startup-r2r.sh</c> publishes as a
/// composite ReadyToRun image and as Native AOT, so that all measure the same thing (under Native AOT there is no JIT:
/// <c>jit_methods</c> and <c>jit_s</c> read 0).
/// </summary>
public static class StartupChild
{
    /// <summary>Runs the child; <paramref name="args"/>[0] is the verb, then OP, N and WARM. Returns the exit code.</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var c = CultureInfo.InvariantCulture;
        string op = args[1];
        int n = int.Parse(args[2], c), warm = int.Parse(args[3], c);
        // Making the operands: the first large tensor starts Linea's workers and warm-up in the background (setup_s shows
        // what that costs this thread).
        long t0 = Stopwatch.GetTimestamp();
        var a = NDArray.Normal([n, n], 0.0, 1.0, 7);
        var b = op == "gemm" ? NDArray.Normal([n, n], 0.0, 1.0, 8) : NDArray.Normal([n], 0.0, 1.0, 8);
        double setup = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        Func<object> call = op switch
        {
            "gemm" => () => a.MatMul(b),
            "solve" => () => Linalg.Solve(a, b),
            "svd" => () => Linalg.Svd(a, fullMatrices: false),
            _ => throw new ArgumentException($"startup-child: unknown op {op}"),
        };
        // LINEA_STARTUP_PRIME=small (diagnosis): one call at n = 24 first, so that code, types and threads are ready and
        // the timed call pays only for its memory and its size.
        string? prime = Environment.GetEnvironmentVariable("LINEA_STARTUP_PRIME");
        if (prime == "small") GC.KeepAlive(Prime(op));
        // LINEA_STARTUP_PRIME=packed (diagnosis): one single-threaded 200 x 200 product through the packed GEMM driver, below
        // the front door, so that the kernels' code has run once (without the front door, the worker pool or their types).
        if (prime == "packed") StartupPhases.PrimePacked();
        // LINEA_STARTUP_PHASES=1 (diagnosis): the call's first-time pieces one by one, each timed with its page faults.
        if (Environment.GetEnvironmentVariable("LINEA_STARTUP_PHASES") == "1") StartupPhases.Run(op, n);
        (long faults0, long bytes0) = (MinorFaults(), GC.GetTotalAllocatedBytes(precise: true));
        // What the first call cost the JIT: methods compiled before it (making the operands) are told apart.
        long jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        long t = Stopwatch.GetTimestamp();
        GC.KeepAlive(call());
        double first = Stopwatch.GetElapsedTime(t).TotalSeconds;
        // Methods the JIT compiled and its time up to the end of the first call (ReadyToRun code not counted).
        long jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
        double jitSeconds = System.Runtime.JitInfo.GetCompilationTime().TotalSeconds;
        (long firstFaults, long firstBytes) = (MinorFaults() - faults0, GC.GetTotalAllocatedBytes(precise: true) - bytes0);
        // WARM = 0: the first call only (bench/startup-r2r.sh --jit-list lists what the JIT compiled up to here).
        if (warm == 0)
        {
            Console.WriteLine($"first_s={first.ToString("F6", c)} setup_s={setup.ToString("F6", c)} jit_methods={jitMethods} jit_methods_first_call={jitMethods - jitBefore} "
                + $"faults_first_call={firstFaults} alloc_mb_first_call={(firstBytes / 1e6).ToString("F1", c)}");
            return 0;
        }
        // The second call: one-time costs (type loads, stubs, threads, fresh pages) are paid, the code is still what ran first.
        t = Stopwatch.GetTimestamp();
        GC.KeepAlive(call());
        double second = Stopwatch.GetElapsedTime(t).TotalSeconds;
        // Warm means steady state: tiered compilation promotes a method after 30 calls and a quiet 100 ms, so the calls
        // go on for at least 40 calls and 2 s, and warm is the median of the last `warm` of them.
        var times = new List<double>();
        long start = Stopwatch.GetTimestamp();
        while (times.Count < Math.Max(40, warm) || Stopwatch.GetElapsedTime(start).TotalSeconds < 2)
        {
            t = Stopwatch.GetTimestamp();
            GC.KeepAlive(call());
            times.Add(Stopwatch.GetElapsedTime(t).TotalSeconds);
        }
        // The page faults of one more (warm) call, to set beside the first call's.
        long faultsWarm = MinorFaults();
        GC.KeepAlive(call());
        faultsWarm = MinorFaults() - faultsWarm;
        var last = times.TakeLast(warm).Order().ToArray();
        double median = last.Length % 2 == 1 ? last[last.Length / 2] : (last[last.Length / 2 - 1] + last[last.Length / 2]) / 2;
        Console.WriteLine($"first_s={first.ToString("F6", c)} second_s={second.ToString("F6", c)} warm_s={median.ToString("F6", c)} setup_s={setup.ToString("F6", c)} "
            + $"jit_methods={jitMethods} jit_s={jitSeconds.ToString("F6", c)} jit_methods_first_call={jitMethods - jitBefore} "
            + $"faults_first_call={firstFaults} faults_warm_call={faultsWarm} alloc_mb_first_call={(firstBytes / 1e6).ToString("F1", c)}");
        return 0;
    }

    private static object Prime(string op)
    {
        var a = NDArray.Normal([24, 24], 0.0, 1.0, 1);
        return op switch
        {
            "gemm" => a.MatMul(a),
            "solve" => Linalg.Solve(a, NDArray.Normal([24], 0.0, 1.0, 2)),
            _ => Linalg.Svd(a, fullMatrices: false),
        };
    }

    /// <summary>Minor page faults of this process so far (getrusage); -1 where it cannot be read.</summary>
    private static long MinorFaults() => StartupPhases.MinorFaults();
}
