using System.Diagnostics;
using Linea.ML;

namespace Linea.Examples.OutOfCoreRegression;

/// <summary>What one run measured: the rows fitted, the out-of-core fit's time and peak resident set, the fitted model,
/// and the largest coefficient difference from the in-memory fit (NaN when it was skipped).</summary>
public sealed record OutOfCoreRegressionResult(long Rows, double Seconds, long PeakRssMb, LinearRegression<double> Model, double CoefMaxDiffVsInMemory);

/// <summary>
/// Fits LinearRegression to a rows x 50 float64 .npy without loading it: one streaming TSQR pass over the file
/// (<see cref="RowBlocks.Npy{T}(string)"/>, mapped one block at a time). The file and its targets (the same name with
/// _y before .npy) are generated block by block through <see cref="Npy.OpenMemmap{T}"/> when absent. Prints name: value
/// lines: rows, seconds, peak_rss_mb (VmHWM right after the out-of-core fit), and the largest coefficient difference from
/// the in-memory fit of the same file (centring and Linalg.Lstsq of the whole matrix, what LinearRegression.Fit(NDArray,
/// NDArray) computes for the coefficients), run afterwards when about twice the file's size is available.
/// </summary>
public static class OutOfCoreRegressionExample
{
    /// <summary>The default number of rows: 20,000,000 x 50 float64 is 8 GB.</summary>
    public const long DefaultRows = 20_000_000;

    /// <summary>The number of features.</summary>
    public const int Features = 50;

    /// <summary>The default file for a number of rows, under the temp folder.</summary>
    public static string DefaultPath(long rows) => Path.Combine(Path.GetTempPath(), "linea-ooc-regression", $"x_{rows}x{Features}.npy");

    /// <summary>The targets' file beside X's.</summary>
    public static string TargetPath(string path) => Path.ChangeExtension(path, null) + "_y.npy";

    /// <summary>Runs the example (generating the files if absent) and writes its lines to <paramref name="output"/>.</summary>
    public static OutOfCoreRegressionResult Run(string path, long rows, int blockRows, bool inMemory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string yPath = TargetPath(path);
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
        var result = new OutOfCoreRegressionResult(x.Rows, seconds, peak, streamed, double.NaN);
        if (!inMemory) return result;

        // The in-memory fit holds the centred copy and Lstsq's column-major copy (2x the file); the full in-memory model
        // (its standard errors take a third copy) would not fit beside them in 24 GB at 20,000,000 rows.
        long needed = 2 * new FileInfo(path).Length + (1L << 30);
        long available = ProcessMemory.AvailableBytes();
        if (available < needed)
        {
            output.WriteLine($"coef_max_diff_vs_in_memory: skipped (the in-memory fit needs about {needed >> 30} GB, {available >> 30} GB available)");
            return result;
        }
        clock.Restart();
        using var xAll = Npy.Load<double>(path, MmapMode.ReadOnly);
        using var yAll = Npy.Load<double>(yPath, MmapMode.ReadOnly);
        var xMean = xAll.Mean(0);
        double yMean = yAll.Mean();
        var memory = Linalg.Lstsq(xAll - xMean, yAll - yMean).Solution;
        double memoryIntercept = yMean - NDArray.Dot(xMean, memory);
        double diff = MaxDiff(streamed.Coefficients, memory);
        output.WriteLine($"in_memory_seconds: {clock.Elapsed.TotalSeconds:F2}");
        output.WriteLine($"coef_max_diff_vs_in_memory: {diff:E2}");
        output.WriteLine($"intercept_diff_vs_in_memory: {Math.Abs(streamed.Intercept - memoryIntercept):E2}");
        output.WriteLine($"coef_max_abs: {memory.ToArray().Max(Math.Abs):F4}");
        output.WriteLine($"in_memory_peak_rss_mb: {ProcessMemory.PeakResidentMegabytes()}");
        return result with { CoefMaxDiffVsInMemory = diff };
    }

    private static double MaxDiff(NDArray<double> a, NDArray<double> b) => a.ToArray().Zip(b.ToArray(), (u, v) => Math.Abs(u - v)).Max();
}
