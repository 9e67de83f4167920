using System.Diagnostics;
using System.Globalization;
using Linea.Distributed;
using Linea.ML;

namespace Linea.Examples.DistributedPca;

/// <summary>What the example is asked to do.</summary>
/// <param name="Path">The shared .npy; null for <see cref="DistributedPcaExample.DefaultPath"/> under the temp folder.</param>
/// <param name="Rows">n, used when the file is generated.</param>
/// <param name="Cols">d, used when the file is generated.</param>
/// <param name="Components">k, the components fitted (and the rank planted when the file is generated).</param>
/// <param name="Seed">The generator's seed.</param>
/// <param name="Repeats">Timed fits; the fastest is reported.</param>
/// <param name="CompareWithSingle">Whether rank 0 also fits <c>Pca</c> to the whole file (after the timed part).</param>
public sealed record DistributedPcaOptions(string? Path = null, long Rows = 200_000, int Cols = 100, int Components = 10,
    ulong Seed = 20261207, int Repeats = 1, bool CompareWithSingle = true);

/// <summary>What one run measured (the same on every rank except <see cref="MaxDiffVsSingle"/>, NaN off rank 0).</summary>
/// <param name="Ranks">The number of ranks.</param>
/// <param name="Rows">n of the file.</param>
/// <param name="Cols">d of the file.</param>
/// <param name="Components">k.</param>
/// <param name="Seconds">Fastest timed fit (mapping each rank's slice plus <see cref="DistributedPca{T}.Fit"/>), the
/// slowest rank's time.</param>
/// <param name="Model">The fitted model.</param>
/// <param name="VarianceMaxRelDiff">max_i |var_i - var_i'| / var_0 against the single-process fit (NaN when skipped).</param>
/// <param name="ComponentsMaxDiff">Largest entry-wise difference of the sign-aligned components (NaN when skipped).</param>
public sealed record DistributedPcaResult(int Ranks, long Rows, int Cols, int Components, double Seconds, DistributedPca<double> Model,
    double VarianceMaxRelDiff, double ComponentsMaxDiff)
{
    /// <summary>The larger of <see cref="VarianceMaxRelDiff"/> and <see cref="ComponentsMaxDiff"/>.</summary>
    public double MaxDiffVsSingle => Math.Max(VarianceMaxRelDiff, ComponentsMaxDiff);
}

/// <summary>
/// PCA of a shared .npy over the ranks of a job: rank 0 generates the file when absent (<see cref="LowRankData"/>, block
/// by block through a memory mapping) while the others wait at a barrier; each rank maps its balanced slice of rows
/// (<see cref="RowBlockMatrix{T}.LoadNpy"/>) and <see cref="DistributedPca{T}"/> fits it (mean by allreduce, TSQR, SVD of
/// the d x d R). Rank 0 prints <c>name: value</c> lines (ranks, rows, cols, components, seconds,
/// explained_variance_ratio, max_diff_vs_single), the last from a single-process <c>Pca</c> fit of the whole file
/// computed after the timed part. Memory: per rank its rows' pages and a centred copy of them; rank 0's comparison
/// holds about three copies of the whole matrix.
/// </summary>
public static class DistributedPcaExample
{
    /// <summary>The file used when no path is given, named by its size, rank and seed.</summary>
    public static string DefaultPath(DistributedPcaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return System.IO.Path.Combine(System.IO.Path.GetTempPath(), "linea-distributed-pca",
            string.Create(CultureInfo.InvariantCulture, $"x_{options.Rows}x{options.Cols}_r{options.Components}_s{options.Seed}.npy"));
    }

    /// <summary>Runs the example on every rank of <paramref name="world"/> (collective); rank 0 writes the lines.</summary>
    /// <param name="world">The ranks.</param>
    /// <param name="options">Sizes, file and repeats.</param>
    /// <param name="output">Where rank 0 writes its lines (other ranks write nothing).</param>
    /// <returns>The measurements.</returns>
    /// <exception cref="ArgumentException">Components exceed min(n, d) of the file (on every rank).</exception>
    public static DistributedPcaResult Run(Communicator world, DistributedPcaOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        string path = options.Path ?? DefaultPath(options);
        if (world.IsRoot && !File.Exists(path))
        {
            var generation = Stopwatch.StartNew();
            LowRankData.Write(path, options.Rows, options.Cols, options.Components, options.Seed);
            output.WriteLine($"generated_seconds: {Format(generation.Elapsed.TotalSeconds, "F1")}");
        }
        world.Barrier();

        double best = double.PositiveInfinity;
        DistributedPca<double>? model = null;
        long rows = 0;
        int cols = 0;
        for (int repeat = 0; repeat < Math.Max(1, options.Repeats); repeat++)
        {
            world.Barrier();
            var clock = Stopwatch.StartNew();
            using var x = RowBlockMatrix<double>.LoadNpy(world, path);
            model = new DistributedPca<double>(options.Components).Fit(x);
            double slowest = world.Allreduce(clock.Elapsed.TotalSeconds, ReductionOp.Max);
            best = Math.Min(best, slowest);
            (rows, cols) = (x.Rows, x.Columns);
        }

        if (world.IsRoot)
        {
            output.WriteLine($"file: {path}");
            output.WriteLine($"ranks: {world.Size}");
            output.WriteLine($"rows: {rows}");
            output.WriteLine($"cols: {cols}");
            output.WriteLine($"components: {options.Components}");
            output.WriteLine($"seconds: {Format(best, "F3")}");
            output.WriteLine("explained_variance_ratio: " + string.Join(", ", model!.ExplainedVarianceRatio.ToArray().Take(5).Select(v => Format(v, "F6"))));
        }
        double varianceDiff = double.NaN, componentsDiff = double.NaN;
        if (options.CompareWithSingle && world.IsRoot)
        {
            (varianceDiff, componentsDiff) = CompareWithSingle(path, model!);
            output.WriteLine($"explained_variance_max_rel_diff: {Format(varianceDiff, "E2")}");
            output.WriteLine($"components_max_diff: {Format(componentsDiff, "E2")}");
            output.WriteLine($"max_diff_vs_single: {Format(Math.Max(varianceDiff, componentsDiff), "E2")}");
        }
        else if (world.IsRoot) output.WriteLine("max_diff_vs_single: skipped");
        world.Barrier();   // the other ranks wait for rank 0's comparison
        return new DistributedPcaResult(world.Size, rows, cols, options.Components, best, model!, varianceDiff, componentsDiff);
    }

    /// <summary>
    /// Fits <c>Pca</c> to the whole file in this process and returns the largest relative difference of the explained
    /// variances (over the largest) and the largest difference of the components after aligning each distributed
    /// component's sign with the single-process one (a component is defined up to sign).
    /// </summary>
    public static (double VarianceMaxRelDiff, double ComponentsMaxDiff) CompareWithSingle(string path, DistributedPca<double> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var whole = Npy.Load<double>(path, MmapMode.ReadOnly);
        var single = new Pca<double>((int)model.Components.Shape[0]).Fit(whole);
        double[] v1 = single.ExplainedVariance.ToArray(), v2 = model.ExplainedVariance.ToArray();
        double varianceDiff = v1.Zip(v2, (a, b) => Math.Abs(a - b)).Max() / v1[0];
        var c1 = single.Components;
        var c2 = model.Components;
        double componentsDiff = 0;
        for (long i = 0; i < c1.Shape[0]; i++)
        {
            double dot = 0;
            for (long j = 0; j < c1.Shape[1]; j++) dot += c1[i, j] * c2[i, j];
            double sign = dot < 0 ? -1 : 1;
            for (long j = 0; j < c1.Shape[1]; j++) componentsDiff = Math.Max(componentsDiff, Math.Abs(c1[i, j] - sign * c2[i, j]));
        }
        return (varianceDiff, componentsDiff);
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
