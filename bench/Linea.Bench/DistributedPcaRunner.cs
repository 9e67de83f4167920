using System.Globalization;
using Linea.Distributed;
using Linea.Examples.DistributedPca;

namespace Linea.Bench;

/// <summary>
/// `dpca`: PCA of a rows x cols float64 .npy (default 2,000,000 x 100, 1.6 GB, generated if absent under the temp folder
/// by the DistributedPca example's <see cref="LowRankData"/>) with <see cref="DistributedPca{T}"/> over the ranks of the
/// job that started it: <c>mpirun -np P dotnet Linea.Bench.dll dpca</c>. Rank 0 prints one line,
/// <c>distributed op=pca rows=.. cols=.. ranks=P seconds=.. max_diff_vs_single=.. threads_per_rank=..</c>: the fastest of
/// --repeat (default 3) timed fits (the slowest rank's time for mapping its rows and fitting), and the largest
/// difference from a single-process <c>Pca</c> fit on rank 0 afterwards (relative for the explained variances, absolute
/// for the sign-aligned components). bench/distributed-pca.sh runs it at np 1 and np 2 and prints the parallel
/// efficiency t1 / (p tp). Options: --rows N, --cols D, --components K, --path X.npy, --repeat R, --no-single, --delete.
/// </summary>
internal static class DistributedPcaRunner
{
    public static int Run(string[] args)
    {
        var options = new DistributedPcaOptions(
            Path: Arg(args, "--path"),
            Rows: long.Parse(Arg(args, "--rows") ?? "2000000", CultureInfo.InvariantCulture),
            Cols: int.Parse(Arg(args, "--cols") ?? "100", CultureInfo.InvariantCulture),
            Components: int.Parse(Arg(args, "--components") ?? "10", CultureInfo.InvariantCulture),
            Repeats: int.Parse(Arg(args, "--repeat") ?? "3", CultureInfo.InvariantCulture),
            CompareWithSingle: !args.Contains("--no-single"));
        string path = options.Path ?? DistributedPcaExample.DefaultPath(options);
        return MpiEnvironment.Run(world =>
        {
            var r = DistributedPcaExample.Run(world, options with { Path = path }, world.IsRoot ? Console.Error : TextWriter.Null);
            if (world.IsRoot)
            {
                string diff = options.CompareWithSingle ? r.MaxDiffVsSingle.ToString("E2", CultureInfo.InvariantCulture) : "skipped";
                string threads = Environment.GetEnvironmentVariable("LINEA_NUM_THREADS") ?? $"{Environment.ProcessorCount}(all)";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"distributed op=pca rows={r.Rows} cols={r.Cols} ranks={r.Ranks} seconds={r.Seconds:F3} max_diff_vs_single={diff} threads_per_rank={threads}"));
                if (args.Contains("--delete")) File.Delete(path);
            }
            world.Barrier();
            return 0;
        });
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
