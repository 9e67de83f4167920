using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Linea.Bench;

/// <summary>
/// The tall-skinny lines of the <c>lapack</c> runner (<c>--ops tsqr</c>): <c>Linalg.Qr</c> (reduced), <c>Linalg.QrR</c>
/// (NumPy's mode 'r') and <c>Linalg.Lstsq</c> (one right-hand side) on standard normal m x n matrices (default
/// 200,000 x 100 and 1,000,000 x 50, float64) against NumPy: bench/numpy_tsqr.py run by /usr/bin/python3 (or
/// $LINEA_PYTHON) with OPENBLAS_NUM_THREADS set to the thread count. Both sides: best of the samples after a warm-up
/// call; the first (cold) call is printed too, since a warm call slower than the cold one means allocation churn.
/// OpenBLAS's own dgeqrf_ (for qr_r) and dgelsd_ (for lstsq, as NumPy calls it) are timed too when libopenblas is present.
/// Line: <c>lapack op=qr shape=200000x100 dtype=float64 threads=2 linea_s=.. numpy_s=.. ratio=.. openblas_s=.. ratio_openblas=..
/// openblas_core=.. linea_first_s=.. numpy_first_s=..</c> with ratio = numpy_s / linea_s, ratio_openblas = openblas_s / linea_s.
/// </summary>
public static class TsqrBench
{
    /// <summary>One line per (shape, op); <paramref name="shapes"/> as "mxn".</summary>
    public static IEnumerable<string> Run(string[] shapes, string[] ops, int threads, int samples)
    {
        var c = CultureInfo.InvariantCulture;
        bool openblas = QrBench.Init(threads, out string core);
        foreach (var shape in shapes)
        {
            var parts = shape.Split('x');
            int m = int.Parse(parts[0], c), n = int.Parse(parts[1], c);
            var a = NDArray.Normal([m, n], 0.0, 1.0, 7);
            var b = NDArray.Normal([m], 0.0, 1.0, 8);
            foreach (var op in ops)
            {
                Action run = op switch
                {
                    "qr" => () => _ = Linalg.Qr(a),
                    "qr_r" => () => _ = Linalg.QrR(a),
                    "lstsq" => () => _ = Linalg.Lstsq(a, b).Solution,
                    _ => throw new ArgumentException($"tsqr: unknown op {op} (qr, qr_r, lstsq)"),
                };
                double first = Time(run);
                double best = double.PositiveInfinity;
                for (int s = 0; s < samples; s++)
                {
                    Thread.Sleep(200);
                    best = Math.Min(best, Time(run));
                }
                // OpenBLAS's own LAPACK where it has the same operation: dgeqrf_ for mode 'r' (R and reflectors, no Q),
                // dgelsd_ for lstsq (what numpy.linalg.lstsq calls); both include their column-major copy of A.
                Action? native = !openblas ? null : op switch
                {
                    "qr_r" => () => QrBench.OpenBlasQr(a),
                    "lstsq" => () => QrBench.OpenBlasLstsq(a, b),
                    _ => null,
                };
                string ob = "na", obRatio = "na";
                if (native is not null)
                {
                    native();
                    double nb = double.PositiveInfinity;
                    for (int s = 0; s < samples; s++)
                    {
                        Thread.Sleep(200);
                        nb = Math.Min(nb, Time(native));
                    }
                    ob = nb.ToString("F4", c);
                    obRatio = (nb / best).ToString("F2", c);
                }
                var peer = NumPy(op, m, n, threads, samples);
                string numpy = peer.TryGetValue("peer_s", out var p) ? p : "na";
                string ratio = double.TryParse(numpy, NumberStyles.Float, c, out double ns) ? (ns / best).ToString("F2", c) : "na";
                yield return $"lapack op={op} shape={m}x{n} dtype=float64 threads={threads} linea_s={best.ToString("F4", c)} numpy_s={numpy} ratio={ratio} openblas_s={ob} ratio_openblas={obRatio} openblas_core={(native is null ? "na" : core)} linea_first_s={first.ToString("F4", c)} numpy_first_s={(peer.TryGetValue("peer_first_s", out var f) ? f : "na")}";
            }
        }
    }

    private static double Time(Action run)
    {
        var sw = Stopwatch.StartNew();
        run();
        return sw.Elapsed.TotalSeconds;
    }

    private static Dictionary<string, string> NumPy(string op, int m, int n, int threads, int samples)
    {
        string? script = PythonPeer.FindScript("numpy_tsqr.py");
        if (script is null) return new() { ["peer_s"] = "na" };
        string python = PythonPeer.Interpreter();
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--op", op, "--rows", m.ToString(CultureInfo.InvariantCulture), "--cols", n.ToString(CultureInfo.InvariantCulture), "--samples", samples.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(arg);
        psi.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        using var process = Process.Start(psi);
        if (process is null) return new() { ["peer_s"] = "na" };
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith("peer_s=", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null) return new() { ["peer_s"] = "error" };
        return line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => x.Split('=', 2)).ToDictionary(x => x[0], x => x.Length > 1 ? x[1] : "");
    }
}
