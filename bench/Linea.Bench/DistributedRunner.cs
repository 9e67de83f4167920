using System.Diagnostics;
using System.Globalization;
using Linea.Distributed;

namespace Linea.Bench;

/// <summary>
/// The <c>distributed</c> runner, started under mpirun: a dense n x n LU solve through ScaLAPACK (<c>pdgesv</c>) on a
/// matrix generated block-cyclically in place (each rank evaluates only its own elements; no rank ever holds the whole
/// matrix), one right-hand side, and its backward error ‖Ax − b‖_∞ / (‖A‖_∞ ‖x‖_∞) computed distributed (A regenerated
/// over the factors, x allgathered, row sums allreduced). With <c>linea-lu</c>, rank 0 then builds the same matrix as
/// one tensor and times Linea's single-process <c>Linalg.Solve</c> (run it at np 1: other ranks would spin in MPI while
/// it runs). Lines:
/// <c>distributed op=scalapack_lu n=20000 ranks=2 grid=1x2 nb=128 blas_threads=1 seconds=.. gflops=.. backward_error=.. linea_lu_backward_error=..</c>
/// and, given the np 1 time by <c>--t1</c>, <c>distributed summary ... parallel_efficiency=t1/(p tp)</c>.
/// Usage: <c>mpirun -np P dotnet Linea.Bench.dll distributed [--ops scalapack-lu,linea-lu] [--n 20000] [--nb 128]
/// [--t1 SECONDS] [--linea-backward-error E]</c>; set <c>OPENBLAS_NUM_THREADS</c> per rank through mpirun's <c>-x</c>.
/// </summary>
public static class DistributedRunner
{
    /// <summary>Runs the cases named on the command line; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        string[] ops = ["scalapack-lu"];
        int n = 20000, nb = 128;
        double? t1 = null;
        string lineaBackwardError = "na";
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--ops": ops = args[++i].Split(','); break;
                case "--n": n = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--nb": nb = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--t1": t1 = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--linea-backward-error": lineaBackwardError = args[++i]; break;
                default:
                    Console.Error.WriteLine($"distributed: unknown option {args[i]}; usage: distributed [--ops scalapack-lu,linea-lu] [--n 20000] [--nb 128] [--t1 S] [--linea-backward-error E]");
                    return 2;
            }
        }
        return MpiEnvironment.Run(world =>
        {
            string? scalapackLine = null;
            if (ops.Contains("scalapack-lu"))
                scalapackLine = ScaLapackLu(world, n, nb, t1);
            if (ops.Contains("linea-lu") && world.IsRoot)
            {
                (double seconds, double be) = LineaLu(n);
                lineaBackwardError = F(be);
                Console.WriteLine(Invariant($"distributed op=linea_lu n={n} ranks=1 seconds={seconds:F2} gflops={Flops(n) / seconds / 1e9:F1} backward_error={F(be)}"));
            }
            if (scalapackLine is not null && world.IsRoot)
                Console.WriteLine(scalapackLine + $" linea_lu_backward_error={lineaBackwardError}");
            return 0;
        });
    }

    private static string? ScaLapackLu(Communicator world, int n, int nb, double? t1)
    {
        using ProcessGrid grid = ProcessGrid.Create(world);
        var a = BlockCyclicMatrix<double>.FromFunction(grid, n, n, (i, j) => Element(n, i, j), nb, nb);
        var x = BlockCyclicMatrix<double>.FromFunction(grid, n, 1, (i, _) => Rhs(i), nb, nb);
        world.Barrier();
        var sw = Stopwatch.StartNew();
        ScaLapack.SolveInPlace(a, x);
        sw.Stop();
        double seconds = world.Allreduce(sw.Elapsed.TotalSeconds, ReductionOp.Max);
        // Backward error: A regenerated over its factors, x on every rank, partial row sums allreduced.
        a.Fill((i, j) => Element(n, i, j));
        double[] xs = x.Allgather().ToArray();
        var partial = new double[2 * n];
        Span<double> ax = partial.AsSpan(0, n), rowAbs = partial.AsSpan(n, n);
        for (int lj = 0; lj < a.LocalColumns; lj++)
        {
            double xj = xs[a.GlobalColumn(lj)];
            ReadOnlySpan<double> column = a.Local.Slice(lj * a.LeadingDimension, a.LocalRows);
            for (int li = 0; li < column.Length; li++)
            {
                int i = a.GlobalRow(li);
                ax[i] += column[li] * xj;
                rowAbs[i] += Math.Abs(column[li]);
            }
        }
        world.Allreduce<double>(partial, ReductionOp.Sum);
        double r = 0, normA = 0, normX = 0;
        for (int i = 0; i < n; i++)
        {
            r = Math.Max(r, Math.Abs(ax[i] - Rhs(i)));
            normA = Math.Max(normA, rowAbs[i]);
            normX = Math.Max(normX, Math.Abs(xs[i]));
        }
        double be = r / (normA * normX);
        if (!world.IsRoot) return null;
        string threads = Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") ?? "unset";
        if (t1 is double t)
            Console.WriteLine(Invariant($"distributed summary op=scalapack_lu n={n} ranks={world.Size} t1={t:F2} tp={seconds:F2} speedup={t / seconds:F2} parallel_efficiency={t / (world.Size * seconds):F2}"));
        return Invariant($"distributed op=scalapack_lu n={n} ranks={world.Size} grid={grid.Rows}x{grid.Columns} nb={nb} blas_threads={threads} seconds={seconds:F2} gflops={Flops(n) / seconds / 1e9:F1} backward_error={F(be)}");
    }

    private static (double Seconds, double BackwardError) LineaLu(int n)
    {
        GC.Collect();
        var a = NDArray.Zeros<double>(n, n);
        Span<double> s = a.AsSpan();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) s[i * n + j] = Element(n, i, j);
        var b = NDArray.Zeros<double>(n);
        for (int i = 0; i < n; i++) b[i] = Rhs(i);
        var sw = Stopwatch.StartNew();
        NDArray<double> x = Linalg.Solve(a, b);
        sw.Stop();
        ReadOnlySpan<double> xs = x.AsReadOnlySpan();
        double r = 0, normA = 0, normX = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = s.Slice(i * n, n);
            double dot = 0, abs = 0;
            for (int j = 0; j < n; j++)
            {
                dot += row[j] * xs[j];
                abs += Math.Abs(row[j]);
            }
            r = Math.Max(r, Math.Abs(dot - Rhs(i)));
            normA = Math.Max(normA, abs);
            normX = Math.Max(normX, Math.Abs(xs[i]));
        }
        return (sw.Elapsed.TotalSeconds, r / (normA * normX));
    }

    /// <summary>A(i, j): uniform in [-0.5, 0.5) from a 64-bit mix of the position (SplitMix64), the same on every rank.</summary>
    internal static double Element(int n, int i, int j) => Uniform((ulong)i * (ulong)n + (ulong)j);

    /// <summary>b(i), from another stream of the same mix.</summary>
    internal static double Rhs(int i) => Uniform(0x9E3779B97F4A7C15UL ^ ((ulong)i << 20) ^ 0xB5);

    private static double Uniform(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53)) - 0.5;
    }

    private static double Flops(int n) => 2.0 / 3.0 * n * (double)n * n + 2.0 * n * (double)n;

    private static string F(double v) => v.ToString("E2", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
