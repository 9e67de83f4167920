using System.Diagnostics;
using System.Globalization;
using Linea.Distributed;
using Linea.ML.NeuralNet;

namespace Linea.Bench;

/// <summary>
/// The <c>training</c> op of the <c>distributed</c> runner, started under mpirun: data-parallel training throughput of
/// an MLP (features-hidden-hidden-classes, ReLU, softmax cross-entropy, SGD with momentum) on a synthetic classification
/// set drawn from a seed, each rank holding a balanced row block. Timed: <c>FitDataParallel</c> from the first barrier
/// to the last rank's finish (max over ranks). At np 1 the runner also times one-process <c>Sequential.Fit</c> on the
/// same data in the same run (the peer; <c>vs_fit</c> = fit seconds / data-parallel seconds, 1 means no overhead).
/// Lines:
/// <c>distributed op=training samples=.. features=.. hidden=.. classes=.. parameters=.. batch=.. epochs=.. ranks=..
/// threads=.. seconds=.. samples_per_second=.. allreduce_kb_per_step=.. [fit_seconds=.. vs_fit=..]</c> and, given the
/// np 1 time by <c>--t1</c>, <c>distributed summary op=training ranks=.. t1=.. tp=.. speedup=.. parallel_efficiency=t1/(p tp)</c>.
/// Usage: <c>mpirun -np P -x LINEA_NUM_THREADS=1 dotnet Linea.Bench.dll distributed --ops training [--samples 32768]
/// [--features 64] [--hidden 256] [--batch 512] [--epochs 2] [--t1 SECONDS]</c>.
/// </summary>
public static class DistributedTrainingRunner
{
    /// <summary>Whether the command line asks for the training op (so this runner, not the ScaLAPACK one, takes it).</summary>
    public static bool Handles(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int at = Array.IndexOf(args, "--ops");
        return at >= 0 && at + 1 < args.Length && args[at + 1].Split(',').Contains("training");
    }

    /// <summary>Parses the options and runs the op under MPI; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int samples = 32768, features = 64, hidden = 256, batch = 512, epochs = 2;
        const int Classes = 10;
        double? t1 = null;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--ops":
                    if (args[++i] != "training")
                    {
                        Console.Error.WriteLine($"distributed: --ops {args[i]}: the training op runs alone (run the ScaLAPACK ops separately)");
                        return 2;
                    }
                    break;
                case "--samples": samples = Int(args[++i]); break;
                case "--features": features = Int(args[++i]); break;
                case "--hidden": hidden = Int(args[++i]); break;
                case "--batch": batch = Int(args[++i]); break;
                case "--epochs": epochs = Int(args[++i]); break;
                case "--t1": t1 = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"distributed: unknown option {args[i]}; usage: distributed --ops training [--samples N] [--features F] [--hidden H] [--batch B] [--epochs E] [--t1 S]");
                    return 2;
            }
        }
        return MpiEnvironment.Run(world =>
        {
            var part = RowPartition.Balanced(samples, world.Size);
            var (x, y) = Data(part, world.Rank, features, Classes);
            Sequential<double> Network() => new(
                [new Dense<double>(features, hidden, WeightInit.HeNormal), new ReLU<double>(),
                 new Dense<double>(hidden, hidden, WeightInit.HeNormal), new ReLU<double>(), new Dense<double>(hidden, Classes)],
                new SoftmaxCrossEntropy<double>(), seed: 1);
            // Warm-up (JIT, first GEMM packing buffers): one small epoch on this rank's first rows.
            var warm = Network();
            int few = (int)Math.Min(part.Count(world.Rank), batch);
            warm.FitDataParallel(world, x[..few].Contiguous(), y[..few].Contiguous(), 1, batch, new Sgd(0.01, momentum: 0.9));

            var net = Network();
            world.Barrier();
            var sw = Stopwatch.StartNew();
            net.FitDataParallel(world, x, y, epochs, batch, new Sgd(0.01, momentum: 0.9));
            sw.Stop();
            double seconds = world.Allreduce(sw.Elapsed.TotalSeconds, ReductionOp.Max);

            string peer = "";
            if (world.Size == 1)
            {
                var single = Network();
                var fit = Stopwatch.StartNew();
                single.Fit(x, y, epochs, batch, new Sgd(0.01, momentum: 0.9));
                double fitSeconds = fit.Elapsed.TotalSeconds;
                peer = Invariant($" fit_seconds={fitSeconds:F3} vs_fit={fitSeconds / seconds:F2}");
            }
            if (!world.IsRoot) return 0;
            string threads = Environment.GetEnvironmentVariable("LINEA_NUM_THREADS") ?? "all";
            double kb = (net.ParameterCount + 2) * sizeof(double) / 1024.0;
            Console.WriteLine(Invariant(
                $"distributed op=training samples={samples} features={features} hidden={hidden} classes={Classes} parameters={net.ParameterCount} batch={batch} epochs={epochs} ranks={world.Size} threads={threads} seconds={seconds:F3} samples_per_second={(double)samples * epochs / seconds:F0} allreduce_kb_per_step={kb:F0}{peer}"));
            if (t1 is double t)
                Console.WriteLine(Invariant(
                    $"distributed summary op=training ranks={world.Size} t1={t:F3} tp={seconds:F3} speedup={t / seconds:F2} parallel_efficiency={t / (world.Size * seconds):F2}"));
            return 0;
        });
    }

    /// <summary>
    /// This rank's rows of a seeded classification set: row i's class is i mod classes, its features a class-dependent
    /// mean plus standard normal noise from a generator seeded by i, so every rank builds only its own rows.
    /// </summary>
    private static (NDArray<double> X, NDArray<double> Y) Data(RowPartition part, int rank, int features, int classes)
    {
        int first = (int)part.Offset(rank), count = (int)part.Count(rank);
        var x = NDArray.Zeros<double>(count, features);
        var y = NDArray.Zeros<double>(count);
        Span<double> xs = x.AsSpan(), ys = y.AsSpan();
        for (int r = 0; r < count; r++)
        {
            int i = first + r, c = i % classes;
            ys[r] = c;
            var rng = new Rng((ulong)i * 0x9E3779B97F4A7C15UL + 1);
            for (int j = 0; j < features; j++) xs[r * features + j] = (j % classes == c ? 1.5 : 0.0) + rng.NextNormal();
        }
        return (x, y);
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
