using System.Diagnostics;
using System.Globalization;
using Linea.ML;

namespace Linea.Examples.OutOfCoreRegression;

/// <summary>
/// dotnet run -c Release --project examples/OutOfCoreRegression [-- [X_PATH] [--rows N] [--block-rows B] [--no-in-memory]]
/// <para>Fits LinearRegression to a rows x 50 float64 .npy (default 20,000,000 rows: 8 GB) without loading it: one
/// streaming TSQR pass over the memory-mapped file. The file (and its targets, X_PATH with _y before .npy) is generated
/// block by block through Npy.OpenMemmap if absent; the default path is under the temp folder. Prints name: value lines:
/// rows, seconds, peak_rss_mb (VmHWM right after the out-of-core fit), and the largest coefficient difference from the
/// in-memory fit of the same file (centring and Linalg.Lstsq of the whole matrix, run afterwards when about twice the
/// file's size is available).</para>
/// </summary>
internal static class Program
{
    private const int Features = 50;

    private static int Main(string[] args)
    {
        long rows = 20_000_000;
        int blockRows = 0;
        bool inMemory = true;
        string? path = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--block-rows": blockRows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--no-in-memory": inMemory = false; break;
                default: path = args[i]; break;
            }
        }
        path ??= Path.Combine(Path.GetTempPath(), "linea-ooc-regression", $"x_{rows}x{Features}.npy");
        string yPath = Path.ChangeExtension(path, null) + "_y.npy";
        var output = Console.Out;

        if (!File.Exists(path) || !File.Exists(yPath))
        {
            var generation = Stopwatch.StartNew();
            DataGenerator.Write(path, yPath, rows, Features);
            output.WriteLine($"generated_seconds: {generation.Elapsed.TotalSeconds:F1}");
        }
        var x = RowBlocks.Npy<double>(path);
        var y = RowBlocks.Npy<double>(yPath);
        output.WriteLine($"file: {path}");
        output.WriteLine($"rows: {x.Rows}");
        output.WriteLine($"columns: {x.Columns}");
        output.WriteLine($"file_mb: {new FileInfo(path).Length / (1 << 20)}");

        ProcessMemory.ResetPeak();   // generation (a writable mapping of the whole file) must not count
        var clock = Stopwatch.StartNew();
        var streamed = new LinearRegression<double>().Fit(x, y, blockRows);
        double seconds = clock.Elapsed.TotalSeconds;
        long peak = ProcessMemory.PeakResidentMegabytes();
        output.WriteLine($"seconds: {seconds:F2}");
        output.WriteLine($"peak_rss_mb: {peak}");
        output.WriteLine($"intercept: {streamed.Intercept:R}");
        output.WriteLine($"r_squared: {streamed.RSquared:R}");
        output.WriteLine($"coef_max_abs_error_vs_truth: {MaxDiff(streamed.Coefficients, DataGenerator.TrueCoefficients(Features)):E2}");

        if (!inMemory) return 0;
        // The in-memory fit is what LinearRegression.Fit(Tensor, Tensor) computes for the coefficients: centre X and y, then
        // Linalg.Lstsq of the whole centred matrix. It holds the centred copy and Lstsq's column-major copy (2x the file);
        // the full model (its standard errors take a third copy) would not fit beside them in 24 GB at 20,000,000 rows.
        long needed = 2 * new FileInfo(path).Length + (1L << 30);
        long available = ProcessMemory.AvailableBytes();
        if (available < needed)
        {
            output.WriteLine($"coef_max_diff_vs_in_memory: skipped (the in-memory fit needs about {needed >> 30} GB, {available >> 30} GB available)");
            return 0;
        }
        clock.Restart();
        var xAll = Npy.Load<double>(path, MmapMode.ReadOnly);
        var yAll = Npy.Load<double>(yPath, MmapMode.ReadOnly);
        var xMean = xAll.Mean(0);
        double yMean = yAll.Mean();
        var memory = Linalg.Lstsq(xAll - xMean, yAll - yMean).Solution;
        double memoryIntercept = yMean - Tensor.Dot(xMean, memory);
        output.WriteLine($"in_memory_seconds: {clock.Elapsed.TotalSeconds:F2}");
        output.WriteLine($"coef_max_diff_vs_in_memory: {MaxDiff(streamed.Coefficients, memory):E2}");
        output.WriteLine($"intercept_diff_vs_in_memory: {Math.Abs(streamed.Intercept - memoryIntercept):E2}");
        output.WriteLine($"coef_max_abs: {memory.ToArray().Max(Math.Abs):F4}");
        output.WriteLine($"in_memory_peak_rss_mb: {ProcessMemory.PeakResidentMegabytes()}");
        return 0;
    }

    private static double MaxDiff(Tensor<double> a, Tensor<double> b) => a.ToArray().Zip(b.ToArray(), (u, v) => Math.Abs(u - v)).Max();
}
