using System.Diagnostics;
using System.Globalization;
using Linea;
using Linea.Distributed;

// Linear regression over rows spread across MPI ranks, solved by ScaLAPACK's QR least squares (pdgeqrf, pdormqr,
// pdtrtrs) on a block-cyclic copy of the row blocks, and compared with Linea's single-process Linalg.Lstsq on the
// gathered data. Each rank generates only its own rows (row i is a function of i alone), as it would read its slice of
// a shared file.
//   dotnet build examples/DistributedRegression
//   mpirun -np 2 dotnet run --no-build --project examples/DistributedRegression [-- --rows 200000 --features 20]
// (as root in a container: mpirun --allow-run-as-root --oversubscribe ...). Prints name: value lines on rank 0.
// The same rows are also solved by TSQR (Tsqr.Lstsq: local QR, allgather of the small triangles), which suits this
// tall, skinny shape better; ScaLAPACK's block-cyclic QR is the general tool (square or wide blocks of work).
int rows = 200_000, features = 20, block = 64;
for (int k = 0; k < args.Length; k++)
{
    switch (args[k])
    {
        case "--rows": rows = int.Parse(args[++k], CultureInfo.InvariantCulture); break;
        case "--features": features = int.Parse(args[++k], CultureInfo.InvariantCulture); break;
        case "--block": block = int.Parse(args[++k], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine("usage: DistributedRegression [--rows 200000] [--features 20] [--block 64]");
            return 2;
    }
}

return MpiEnvironment.Run(world =>
{
    // This rank's rows: x[i, 0] = 1 (intercept), x[i, j] uniform in [-1, 1); y = x · beta + noise.
    var part = RowPartition.Balanced(rows, world.Size);
    int first = (int)part.Offset(world.Rank), count = (int)part.Count(world.Rank);
    double[] beta = Enumerable.Range(0, features).Select(j => 1.0 + 0.5 * j * (j % 2 == 0 ? 1 : -1)).ToArray();
    var x = NDArray.Zeros<double>(count, features);
    var y = NDArray.Zeros<double>(count, 1);
    for (int r = 0; r < count; r++)
    {
        int i = first + r;
        double yi = 0.01 * (2 * Noise.Uniform(i, features) - 1);
        for (int j = 0; j < features; j++)
        {
            double v = j == 0 ? 1 : 2 * Noise.Uniform(i, j) - 1;
            x[r, j] = v;
            yi += v * beta[j];
        }
        y[r, 0] = yi;
    }

    using ProcessGrid grid = ProcessGrid.Create(world);
    var rowBlocks = RowBlockMatrix<double>.FromLocal(world, x);
    world.Barrier();
    var sw = Stopwatch.StartNew();
    var xbc = BlockCyclicMatrix<double>.FromRowBlocks(grid, rowBlocks, block, block);
    var ybc = BlockCyclicMatrix<double>.FromRowBlocks(grid, y, block, 1);
    NDArray<double> coef = ScaLapack.Lstsq(xbc, ybc).Allgather();
    sw.Stop();
    double seconds = world.Allreduce(sw.Elapsed.TotalSeconds, ReductionOp.Max);
    world.Barrier();
    var tsqrWatch = Stopwatch.StartNew();
    NDArray<double> tsqrCoef = Tsqr.Lstsq(rowBlocks, y).Solution;
    tsqrWatch.Stop();
    double tsqrSeconds = world.Allreduce(tsqrWatch.Elapsed.TotalSeconds, ReductionOp.Max);

    // The single-process answer on the gathered rows (rank 0 only).
    NDArray<double>? allX = world.GatherRows(x, 0), allY = world.GatherRows(y, 0);
    if (!world.IsRoot) return 0;
    var single = Stopwatch.StartNew();
    NDArray<double> reference = Linalg.Lstsq(allX!, allY!).Solution;
    single.Stop();
    double maxDiff = 0, maxVsTrue = 0, tsqrDiff = 0;
    for (int j = 0; j < features; j++)
    {
        maxDiff = Math.Max(maxDiff, Math.Abs(coef[j, 0] - reference[j, 0]));
        tsqrDiff = Math.Max(tsqrDiff, Math.Abs(tsqrCoef[j, 0] - reference[j, 0]));
        maxVsTrue = Math.Max(maxVsTrue, Math.Abs(coef[j, 0] - beta[j]));
    }
    var inv = CultureInfo.InvariantCulture;
    Console.WriteLine($"ranks: {world.Size}");
    Console.WriteLine($"grid: {grid.Rows}x{grid.Columns}");
    Console.WriteLine($"rows: {rows}");
    Console.WriteLine($"features: {features}");
    Console.WriteLine(string.Create(inv, $"seconds: {seconds:F3}"));  // ScaLAPACK: redistribution, QR, solve, allgather
    Console.WriteLine(string.Create(inv, $"single_seconds: {single.Elapsed.TotalSeconds:F3}"));
    Console.WriteLine(string.Create(inv, $"coef_0: {coef[0, 0]:F6}"));
    Console.WriteLine(string.Create(inv, $"coef_1: {coef[1, 0]:F6}"));
    Console.WriteLine(string.Create(inv, $"max_diff_vs_true: {maxVsTrue:E2}"));
    Console.WriteLine(string.Create(inv, $"max_diff_vs_single: {maxDiff:E2}"));
    Console.WriteLine(string.Create(inv, $"tsqr_seconds: {tsqrSeconds:F3}"));
    Console.WriteLine(string.Create(inv, $"tsqr_max_diff_vs_single: {tsqrDiff:E2}"));
    return 0;
});

/// <summary>A reproducible uniform [0, 1) value per (row, column), the same whichever rank computes it.</summary>
internal static class Noise
{
    public static double Uniform(int i, int j)
    {
        ulong z = (ulong)i * 1_000_003UL + (ulong)j + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
