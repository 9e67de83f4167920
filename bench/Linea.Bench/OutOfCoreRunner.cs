using System.Diagnostics;
using System.Globalization;

namespace Linea.Bench;

/// <summary>
/// `ooc`: least squares over a rows x 50 float64 .npy (default 20,000,000 rows, 8 GB): Linea's one-pass streaming TSQR
/// (<see cref="OutOfCore.Lstsq{T}"/> over the memory-mapped file) against NumPy loading X and y whole and calling
/// <c>numpy.linalg.lstsq</c> (bench/numpy_lstsq.py under /usr/bin/python3, or --python, or $LINEA_PYTHON), same data,
/// same problem (no intercept). One line: times, ratio numpy/linea (higher is better, as every runner), both peak resident sets and the largest coefficient
/// difference. The file goes to --path (default the example's, under the temp folder) and is generated if absent
/// (through Npy.OpenMemmap, block by block); --delete removes it afterwards. Options: --rows N, --path X.npy, --python P,
/// --peer none, --delete.
/// </summary>
internal static class OutOfCoreRunner
{
    private const int Features = 50;

    public static int Run(string[] args)
    {
        long rows = long.Parse(Arg(args, "--rows") ?? "20000000", CultureInfo.InvariantCulture);
        string path = Arg(args, "--path") ?? Path.Combine(Path.GetTempPath(), "linea-ooc-regression", $"x_{rows}x{Features}.npy");
        string yPath = Path.ChangeExtension(path, null) + "_y.npy";
        try
        {
            if (!File.Exists(path) || !File.Exists(yPath)) Generate(path, yPath, rows);
            TryResetPeak();
            var clock = Stopwatch.StartNew();
            var fit = OutOfCore.Lstsq(RowBlocks.Npy<double>(path), RowBlocks.Npy<double>(yPath));
            double lineaS = clock.Elapsed.TotalSeconds;
            long lineaRss = PeakRssMb();
            string line = $"ooc task=regression rows={fit.Rows} cols={Features} linea_s={lineaS:F2} linea_peak_rss_mb={lineaRss}";
            if (Arg(args, "--peer") != "none")
            {
                var (numpyS, numpyRss, coef) = NumPy(Arg(args, "--python"), path, yPath);
                double diff = coef.Zip(fit.Solution.ToArray(), (a, b) => Math.Abs(a - b)).Max();
                line += $" numpy_s={numpyS:F2} ratio={numpyS / lineaS:F2} numpy_peak_rss_mb={numpyRss} max_coef_diff={diff:E1}";
            }
            Console.WriteLine(line);
        }
        finally
        {
            if (args.Contains("--delete"))
            {
                File.Delete(path);
                File.Delete(yPath);
            }
        }
        return 0;
    }

    private static (double Seconds, long PeakRssMb, double[] Coef) NumPy(string? python, string path, string yPath)
    {
        python = PythonPeer.Interpreter(python);
        string script = PythonPeer.FindScript("numpy_lstsq.py") ?? throw new FileNotFoundException("ooc: bench/numpy_lstsq.py not found above the working directory or the binary");
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(path);
        info.ArgumentList.Add(yPath);
        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ooc: {python} {script} exited with {process.ExitCode}");
        var fields = output.Trim().Split(' ').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
        return (double.Parse(fields["numpy_s"], CultureInfo.InvariantCulture), long.Parse(fields["peak_rss_mb"], CultureInfo.InvariantCulture),
            fields["coef"].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>The example's data (examples/OutOfCoreRegression): X uniform in [-1, 1) plus a column offset, y = 3 + X w + noise, written block by block through OpenMemmap.</summary>
    private static void Generate(string path, string yPath, long rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        ulong state = 0x9E3779B97F4A7C15;
        using (var x = Npy.OpenMemmap<double>(path, MmapMode.ReadWrite, rows, Features))
        using (var y = Npy.OpenMemmap<double>(yPath, MmapMode.ReadWrite, rows))
        {
            for (long start = 0; start < rows; start += 1 << 16)
            {
                long stop = Math.Min(rows, start + (1 << 16));
                var xb = x[Slice.Range(start, stop), Slice.All].AsSpan();
                var yb = y[Slice.Range(start, stop)].AsSpan();
                for (int i = 0; i < yb.Length; i++)
                {
                    double target = 3;
                    for (int j = 0; j < Features; j++)
                    {
                        double v = 2 * Uniform(ref state) - 1 + (j % 5);
                        xb[i * Features + j] = v;
                        target += (j + 1) / 10.0 * v;
                    }
                    yb[i] = target + 0.5 * (Uniform(ref state) - 0.5);
                }
            }
        }
    }

    private static double Uniform(ref ulong state)
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return ((state * 0x2545F4914F6CDD1DUL) >> 11) * (1.0 / (1UL << 53));
    }

    private static void TryResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static long PeakRssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return -1;
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
