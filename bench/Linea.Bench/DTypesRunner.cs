using System.Diagnostics;
using System.Globalization;

namespace Linea.Bench;

/// <summary>
/// `dtypes`: the integer and boolean operations (#20 item 6) beside NumPy's, timed in one run (best of --samples after
/// a warm-up; the NumPy peer is bench/numpy_dtypes.py under Debian's python). One line per case: linea_s, numpy_s and
/// ratio = numpy_s / linea_s (above 1: Linea is faster). Data: uniform doubles in [0, 1) and ints in [0, 1000).
/// </summary>
internal static class DTypesRunner
{
    public static int Run(string[] args)
    {
        int samples = args.Contains("--samples") ? int.Parse(args[Array.IndexOf(args, "--samples") + 1], CultureInfo.InvariantCulture) : 7;
        int n = args.Contains("--n") ? int.Parse(args[Array.IndexOf(args, "--n") + 1], CultureInfo.InvariantCulture) : 1_000_000;
        var x = NDArray.Uniform([n], 0.0, 1.0, seed: 7);
        var ints = (x * 1000.0).AsType<int>();
        var sorted = NDArray.Sort(x);
        var cases = new (string Op, Action Run)[]
        {
            ("less", () => _ = x < 0.5),
            ("mask_select", () => _ = x[x < 0.5]),
            ("where", () => _ = NDArray.Where(x < 0.5, x, 0.0)),
            ("astype_int", () => _ = (x * 1000.0).AsType<int>()),
            ("sort", () => _ = NDArray.Sort(x)),
            ("argsort_stable", () => _ = NDArray.Argsort(x)),
            ("unique_all_int", () => _ = NDArray.UniqueAll(ints)),
            ("cumsum_int", () => _ = NDArray.Cumsum(ints)),
            ("searchsorted", () => _ = NDArray.SearchSorted(sorted, x)),
            ("bincount", () => _ = NDArray.Bincount(ints)),
            ("histogram", () => _ = NDArray.Histogram(x, 100)),
            ("take", () => _ = NDArray.Take(x, ints)),
        };
        foreach (var (op, run) in cases)
        {
            double linea = Best(run, samples);
            string peer = NumPy(op, n, samples);
            string ratio = double.TryParse(peer, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) ? (p / linea).ToString("F2", CultureInfo.InvariantCulture) : "na";
            Console.WriteLine(FormattableString.Invariant($"dtypes op={op} n={n} linea_s={linea:F6} numpy_s={peer} ratio={ratio}"));
        }
        return 0;
    }

    private static double Best(Action run, int samples)
    {
        run();
        double best = double.PositiveInfinity;
        for (int s = 0; s < samples; s++)
        {
            Thread.Sleep(50);
            var sw = Stopwatch.StartNew();
            run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static string NumPy(string op, int n, int samples)
    {
        string? script = PythonPeer.FindScript("numpy_dtypes.py");
        if (script is null) return "na";
        var psi = new ProcessStartInfo(PythonPeer.Interpreter()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--op", op, "--n", n.ToString(CultureInfo.InvariantCulture), "--samples", samples.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi);
        if (process is null) return "na";
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith("peer_s=", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null) return "error";
        return line.Split(' ')[0]["peer_s=".Length..];
    }
}
