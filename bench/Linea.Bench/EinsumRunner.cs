using System.Diagnostics;
using System.Globalization;

namespace Linea.Bench;

/// <summary>
/// The <c>einsum</c> runner: <c>NDArray.Einsum</c> against <c>numpy.einsum(..., optimize=True)</c> (bench/numpy_einsum.py
/// run by /usr/bin/python3 or $LINEA_PYTHON, with OPENBLAS_NUM_THREADS = --threads; Linea runs with its default
/// parallelism, LINEA_NUM_THREADS or every core, so set both alike). Both sides: standard normal operands, best of the
/// samples after a warm-up call. Cases: attention scores <c>bhqd,bhkd->bhqk</c> (a batched GEMM), a 3-operand chain
/// <c>ij,jk,kl->il</c> whose order matters, a bilinear form <c>i,ij,j-></c> and a batched trace-of-product <c>bij,bji->b</c>.
/// Line: <c>einsum case=attention subscripts=bhqd,bhkd->bhqk shapes=.. dtype=float64 threads=2 linea_s=.. numpy_s=.. ratio=..</c>
/// with ratio = numpy_s / linea_s (above 1: Linea is faster), and matmul_s, the same product written with MatMul
/// (attention, chain), which shows einsum's own overhead apart from GEMM speed.
/// Usage: <c>einsum [--dtypes float64,float32] [--threads 2] [--samples 5]</c>
/// </summary>
public static class EinsumRunner
{
    private static readonly (string Name, string Subscripts, string Shapes)[] Cases =
    [
        ("attention", "bhqd,bhkd->bhqk", "8x8x256x64,8x8x256x64"),
        ("chain3", "ij,jk,kl->il", "200x2000,2000x200,200x2000"),
        ("bilinear", "i,ij,j->", "2000,2000x2000,2000"),
        ("batched-trace", "bij,bji->b", "64x128x128,64x128x128"),
    ];

    /// <summary>Runs every case and prints one line each; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        string[] dtypes = ["float64", "float32"];
        int threads = 2, samples = 5;
        for (int i = 1; i < args.Length; i++)
            switch (args[i])
            {
                case "--dtypes": dtypes = args[++i].Split(','); break;
                case "--threads": threads = int.Parse(args[++i], c); break;
                case "--samples": samples = int.Parse(args[++i], c); break;
                default: Console.Error.WriteLine($"einsum: unknown option {args[i]}"); return 2;
            }
        foreach (var dtype in dtypes)
            foreach (var (name, subscripts, shapes) in Cases)
            {
                var (linea, direct) = dtype == "float32" ? TimeLinea<float>(name, subscripts, shapes, samples) : TimeLinea<double>(name, subscripts, shapes, samples);
                var peer = NumPy(subscripts, shapes, dtype, threads, samples);
                string numpy = peer.TryGetValue("peer_s", out var p) ? p : "na";
                string ratio = double.TryParse(numpy, NumberStyles.Float, c, out double ns) ? (ns / linea).ToString("F2", c) : "na";
                Console.WriteLine($"einsum case={name} subscripts={subscripts} shapes={shapes} dtype={dtype} threads={threads} linea_s={linea.ToString("F6", c)} numpy_s={numpy} ratio={ratio} matmul_s={(double.IsNaN(direct) ? "na" : direct.ToString("F6", c))}");
            }
        return 0;
    }

    /// <summary>Best einsum time, and the best time of the same product spelled with MatMul where one exists (else NaN).</summary>
    private static (double Einsum, double MatMul) TimeLinea<T>(string name, string subscripts, string shapes, int samples)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var ops = shapes.Split(',').Select((s, i) =>
            NDArray.Normal(s.Split('x').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray(), T.Zero, T.One, (ulong)(7 + i))).ToArray();
        Action? direct = name switch
        {
            "attention" => () => _ = ops[0].MatMul(ops[1].MT),
            "chain3" => () => _ = ops[0].MatMul(ops[1]).MatMul(ops[2]),
            _ => null,
        };
        return (Best(() => _ = NDArray.Einsum(subscripts, ops), samples), direct is null ? double.NaN : Best(direct, samples));
    }

    private static double Best(Action run, int samples)
    {
        run();
        double best = double.PositiveInfinity;
        for (int s = 0; s < samples; s++)
        {
            Thread.Sleep(100);
            var sw = Stopwatch.StartNew();
            run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static Dictionary<string, string> NumPy(string subscripts, string shapes, string dtype, int threads, int samples)
    {
        string? script = PythonPeer.FindScript("numpy_einsum.py");
        if (script is null) return new() { ["peer_s"] = "na" };
        string python = PythonPeer.Interpreter();
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--subscripts", subscripts, "--shapes", shapes, "--dtype", dtype, "--samples", samples.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(arg);
        psi.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(psi);
        if (process is null) return new() { ["peer_s"] = "na" };
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith("peer_s=", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null) return new() { ["peer_s"] = "error" };
        return line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => x.Split('=', 2)).ToDictionary(x => x[0], x => x.Length > 1 ? x[1] : "");
    }
}
