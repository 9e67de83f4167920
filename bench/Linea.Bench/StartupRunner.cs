using System.Diagnostics;
using System.Globalization;

namespace Linea.Bench;

/// <summary>
/// The <c>startup</c> runner (#20 item 4): how long things take in a fresh process, against the same thing warm, beside
/// NumPy. Cases:
/// <list type="bullet">
/// <item><c>cli_oneshot</c>: the installed <c>linea -e "inv([1 2; 3 4])"</c>, a whole process, for each tool in
/// <c>--linea</c> (default: <c>linea</c> on PATH); warm is the same program evaluated by <c>CalcSession</c> in a process
/// that has run it before. NumPy: <c>python3 numpy_startup.py oneshot</c> (interpreter start and <c>import numpy</c>
/// included), warm <c>np.linalg.inv</c> of the 2x2 in a running interpreter.</item>
/// <item><c>cli_first_svd500</c>: the tool's first <c>svd</c> of a 500 x 500 matrix, from whole-process times (with
/// the svd less without it), against its second in the same process.</item>
/// <item><c>first_gemm</c>, <c>first_solve</c>, <c>first_svd500</c>: the first <c>MatMul</c>, <c>Linalg.Solve</c> and
/// <c>Linalg.Svd(fullMatrices: false)</c> of an n x n float64 matrix (n = 500) in a fresh .NET process (this assembly's
/// <c>startup-child</c>, run with the runtime's default JIT settings, not the bench's), timed inside the process so that
/// runtime start is excluded; warm is the steady state: the median of the last 5 of at least 40 calls and 2 s in the
/// same process (tiered compilation has promoted the hot methods by then). NumPy: the same in a fresh
/// interpreter after <c>import numpy</c>.</item>
/// </list>
/// Cold values are the median over <c>--samples</c> fresh processes (default 5). Line:
/// <c>startup case=first_svd500 n=500 linea_cold_s=.. linea_warm_s=.. cold_over_warm=.. numpy_cold_s=.. numpy_warm_s=.. ratio=..</c>
/// with ratio = numpy_cold_s / linea_cold_s (above 1: Linea's cold call is faster); the first-call lines end with the
/// methods the JIT compiled and its time up to the end of the first call (<c>JitInfo</c>; ReadyToRun code is not counted).
/// Usage: <c>startup [--cases cli_oneshot,cli_first_svd500,first_gemm,first_solve,first_svd500] [--linea PATH[,PATH]] [--n 500]
/// [--samples 5] [--child-env NAME=VALUE[,NAME=VALUE]] [--child-dll PATH[,PATH]] [--peer none]</c>. <c>--child-env</c> sets
/// runtime knobs for the child (e.g. <c>DOTNET_TieredPGO=0</c>, <c>DOTNET_TC_QuickJitForLoops=0</c>,
/// <c>DOTNET_ReadyToRun=0</c>); <c>--child-dll</c> runs the child from other builds (a path ending in .dll through
/// <c>dotnet</c>, any other path as an executable, e.g. the <c>Linea.StartupApp</c> that <c>bench/startup-r2r.sh</c>
/// publishes as a composite ReadyToRun image); with several, one line each (<c>child=PATH</c>), their samples
/// alternating, beside one NumPy measurement.
/// </summary>
public static class StartupRunner
{
    private const string OneShotProgram = "inv([1 2; 3 4])";

    /// <summary>Runs the cases and prints one line each; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        string[] cases = ["cli_oneshot", "cli_first_svd500", "first_gemm", "first_solve", "first_svd500"];
        string[] tools = [];
        int n = 500, samples = 5;
        bool peer = true;
        var childEnv = new Dictionary<string, string>();
        string[] children = [typeof(StartupRunner).Assembly.Location];
        for (int i = 1; i < args.Length; i++)
            switch (args[i])
            {
                case "--cases": cases = args[++i].Split(','); break;
                case "--linea": tools = args[++i].Split(','); break;
                case "--n": n = int.Parse(args[++i], c); break;
                case "--samples": samples = int.Parse(args[++i], c); break;
                case "--peer": peer = args[++i] != "none"; break;
                case "--child-dll": children = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath)]; break;
                case "--child-env":
                    foreach (var kv in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries))
                        childEnv[kv[..kv.IndexOf('=', StringComparison.Ordinal)]] = kv[(kv.IndexOf('=', StringComparison.Ordinal) + 1)..];
                    break;
                default: Console.Error.WriteLine($"startup: unknown option {args[i]}"); return 2;
            }
        if (tools.Length == 0) tools = [FindOnPath("linea") ?? "linea"];
        tools = [.. tools.Select(t => t.Contains('/', StringComparison.Ordinal) ? Path.GetFullPath(t) : t)];
        string? script = peer ? PythonPeer.FindScript("numpy_startup.py") : null;
        if (peer && script is null) Console.Error.WriteLine("startup: bench/numpy_startup.py not found; NumPy columns are na");
        string python = PythonPeer.Interpreter();

        foreach (var name in cases)
        {
            if (name == "cli_oneshot")
            {
                double warm = CalcWarm(OneShotProgram);
                (double numpyCold, double numpyWarm) = (double.NaN, double.NaN);
                if (script is not null)
                {
                    numpyCold = Median(samples, () => TimeProcess(python, [script, "oneshot"], []));
                    numpyWarm = ParseChild(RunCapture(python, [script, "first", "inv2", "2", "50"], [])).Warm;
                }
                foreach (var tool in tools)
                {
                    double cold = Median(samples, () => TimeProcess(tool, ["-e", OneShotProgram], []));
                    Print($"startup case=cli_oneshot tool={tool}", cold, warm, numpyCold, numpyWarm);
                }
                continue;
            }
            if (name == "cli_first_svd500")
            {
                // The tool's first and second svd of a 500 x 500 matrix, from whole-process times: first = T(make A, svd)
                // - T(make A), warm = T(make A, svd, svd) - T(make A, svd). Beside it NumPy's first and warm svd.
                string make = $"A = randn({n}, {n}, seed=7); t = A[0, 0]", once = make + "; s = svd(A)", twice = once + "; s = svd(A)";
                (double svdCold, double svdWarm) = (double.NaN, double.NaN);
                if (script is not null)
                {
                    var peerRuns = Enumerable.Range(0, samples)
                        .Select(_ => ParseChild(RunCapture(python, [script, "first", "svd", n.ToString(c), "5"], []))).ToArray();
                    (svdCold, svdWarm) = (MedianOf(peerRuns.Select(r => r.First)), MedianOf(peerRuns.Select(r => r.Warm)));
                }
                foreach (var tool in tools)
                {
                    double t0 = Median(samples, () => TimeProcess(tool, ["-e", make], []));
                    double t1 = Median(samples, () => TimeProcess(tool, ["-e", once], []));
                    double t2 = Median(samples, () => TimeProcess(tool, ["-e", twice], []));
                    Print($"startup case=cli_first_svd500 tool={tool} n={n}", t1 - t0, t2 - t1, svdCold, svdWarm);
                }
                continue;
            }
            string op = name switch
            {
                "first_gemm" => "gemm",
                "first_solve" => "solve",
                "first_svd500" or "first_svd" => "svd",
                _ => "",
            };
            if (op.Length == 0) { Console.Error.WriteLine($"startup: unknown case {name}"); return 2; }
            // The child is this assembly, whose runtimeconfig turns QuickJitForLoops off for the steady-state runners;
            // a user's process has the runtime's default (on, with OSR), so the child gets that unless told otherwise.
            var env = new Dictionary<string, string> { ["DOTNET_TC_QuickJitForLoops"] = "1" };
            foreach (var (k, v) in childEnv) env[k] = v;
            // Samples alternate between the children, so that a drift of the machine's load touches each alike.
            var runs = children.Select(_ => new List<(double First, double Warm, double JitMethods, double JitSeconds)>()).ToArray();
            for (int s = 0; s < samples; s++)
                for (int ch = 0; ch < children.Length; ch++)
                {
                    string[] childArgs = ["startup-child", op, n.ToString(c), "5"];
                    runs[ch].Add(ParseChild(children[ch].EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                        ? RunCapture("dotnet", [children[ch], .. childArgs], env)
                        : RunCapture(children[ch], childArgs, env)));
                }
            (double pCold, double pWarm) = (double.NaN, double.NaN);
            if (script is not null)
            {
                var peerRuns = Enumerable.Range(0, samples)
                    .Select(_ => ParseChild(RunCapture(python, [script, "first", op, n.ToString(c), "5"], []))).ToArray();
                pCold = MedianOf(peerRuns.Select(r => r.First));
                pWarm = MedianOf(peerRuns.Select(r => r.Warm));
            }
            string settings = childEnv.Count == 0 ? "default" : string.Join(';', childEnv.Select(kv => $"{kv.Key}={kv.Value}"));
            for (int ch = 0; ch < children.Length; ch++)
            {
                string child = children.Length == 1 ? "" : $" child={children[ch]}";
                Print($"startup case={name} n={n} jit={settings}{child}", MedianOf(runs[ch].Select(r => r.First)), MedianOf(runs[ch].Select(r => r.Warm)), pCold, pWarm,
                    $" jit_methods={MedianOf(runs[ch].Select(r => r.JitMethods)).ToString("F0", c)} jit_s={MedianOf(runs[ch].Select(r => r.JitSeconds)).ToString("F3", c)}");
            }
        }
        return 0;
    }

    private static void Print(string head, double cold, double warm, double numpyCold, double numpyWarm, string tail = "")
    {
        var c = CultureInfo.InvariantCulture;
        string F(double x) => double.IsNaN(x) ? "na" : x.ToString("F6", c);
        string R(double x) => double.IsNaN(x) ? "na" : x.ToString("F2", c);
        Console.WriteLine($"{head} linea_cold_s={F(cold)} linea_warm_s={F(warm)} cold_over_warm={R(cold / warm)} "
            + $"numpy_cold_s={F(numpyCold)} numpy_warm_s={F(numpyWarm)} numpy_cold_over_warm={R(numpyCold / numpyWarm)} ratio={R(numpyCold / cold)}{tail}");
    }

    /// <summary>The program evaluated by the calculator in this (warm) process: the median of 50 runs after 50 warm-ups.</summary>
    private static double CalcWarm(string program)
    {
        var session = new Linea.Calc.CalcSession();
        for (int i = 0; i < 50; i++) session.Evaluate(program);
        var times = new double[50];
        for (int i = 0; i < times.Length; i++)
        {
            long t = Stopwatch.GetTimestamp();
            session.Evaluate(program);
            times[i] = Stopwatch.GetElapsedTime(t).TotalSeconds;
        }
        return MedianOf(times);
    }

    private static double Median(int samples, Func<double> sample) => MedianOf(Enumerable.Range(0, samples).Select(_ => sample()));

    private static double MedianOf(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>Wall time of one whole process (output discarded); NaN when it cannot start or fails.</summary>
    private static double TimeProcess(string file, string[] args, Dictionary<string, string> env)
    {
        long t = Stopwatch.GetTimestamp();
        string? output = RunCapture(file, args, env);
        double s = Stopwatch.GetElapsedTime(t).TotalSeconds;
        return output is null ? double.NaN : s;
    }

    /// <summary>Standard output of a process, or null when it cannot start or exits non-zero.</summary>
    private static string? RunCapture(string file, string[] args, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        try
        {
            using var p = Process.Start(info)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) { Console.Error.WriteLine($"startup: {file} exited {p.ExitCode}: {stderr.Result.Trim()}"); return null; }
            return output;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"startup: cannot run {file}: {e.Message}");
            return null;
        }
    }

    private static (double First, double Warm, double JitMethods, double JitSeconds) ParseChild(string? output)
    {
        double first = double.NaN, warm = double.NaN, methods = double.NaN, jit = double.NaN;
        foreach (var field in (output ?? "").Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = field.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || !double.TryParse(field[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) continue;
            switch (field[..eq])
            {
                case "first_s": first = v; break;
                case "warm_s": warm = v; break;
                case "jit_methods": methods = v; break;
                case "jit_s": jit = v; break;
            }
        }
        return (first, warm, methods, jit);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
