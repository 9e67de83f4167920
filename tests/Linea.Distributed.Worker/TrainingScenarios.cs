using System.Globalization;
using System.Numerics;
using Linea;
using Linea.ML.NeuralNet;

namespace Linea.Distributed.Worker;

/// <summary>
/// Data-parallel training against one-process training of the same network on the concatenated data, in the same
/// process: every rank draws the whole data set from one seed, keeps its row block (uneven counts, a rank with no rows
/// of some batches or none at all), trains with FitDataParallel, and compares its weights and epoch reports with
/// Sequential.Fit on the whole data.
/// <para>
/// Tolerance: the two runs differ only in the order of the gradient sums (each rank's partial GEMM sums, the m_r/b
/// scaling, the allreduce). Each step's gradient then differs by a few ulps of its magnitude, the optimizer turns that
/// into a few ulps of lr·|g| ≤ |W|, and over k steps of a contracting, smooth update the differences add up, so
/// |ΔW| ≤ c · k · eps · max(1, |W|) with c = 4 ("a few ulps" per step; the runs here stay below one ulp in all). The check
/// also requires every rank's weights to be bitwise equal (every rank applies the same step to the same allreduced
/// gradient).
/// </para>
/// </summary>
internal static class TrainingScenarios
{
    private const int Features = 4, Classes = 3;

    public static void Run(Communicator world, Checks checks, string[] args)
    {
        int p = world.Size;
        // (a) No shuffle, so the batches are rows [0,16), [16,32), ...: rank 0 holds rows 0..9 only, so it has no rows
        // of batches 2..4, and at 3 ranks rank 1 holds no rows at all. SGD with Nesterov momentum.
        long[] skewed = p == 2 ? [10, 40] : [10, 0, 40, .. new long[p - 3]];
        Case(world, checks, "skewed_noshuffle_sgd", skewed, epochs: 3, batchSize: 16, shuffle: false,
            () => new Sgd(0.1, momentum: 0.9, nesterov: true), validation: false);

        // (b) Balanced rows, shuffled, a batch size that does not divide n (last batch of 50 mod 12 = 2 rows, so at 3
        // ranks some rank has none of it), Adam with weight decay and clipping, a validation set split over the ranks.
        long[] balanced = Enumerable.Range(0, p).Select(r => RowPartition.Balanced(50, p).Count(r)).ToArray();
        Case(world, checks, "balanced_shuffle_adam", balanced, epochs: 4, batchSize: 12, shuffle: true,
            () => new Adam(0.01, weightDecay: 1e-3, clipNorm: 1.0), validation: true);

        // (c) The last rank holds every row: the other ranks only add zeros.
        long[] lastOnly = [.. new long[p - 1], 50];
        Case(world, checks, "last_rank_only", lastOnly, epochs: 2, batchSize: 8, shuffle: true,
            () => new Sgd(0.05), validation: false);

        RegressionCase(world, checks);
    }

    internal static Sequential<double> Classifier() =>
        new([new Dense<double>(Features, 16, WeightInit.HeNormal), new ReLU<double>(), new Dense<double>(16, Classes)],
            new SoftmaxCrossEntropy<double>(), seed: 7);

    /// <summary>n samples of 3 Gaussian blobs in 4-d (labels 0..2), identical on every rank.</summary>
    internal static (NDArray<double> X, NDArray<double> Y) Blobs(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var x = NDArray.Zeros<double>(n, Features);
        var y = NDArray.Zeros<double>(n);
        for (int i = 0; i < n; i++)
        {
            int c = i % Classes;
            y[i] = c;
            for (int j = 0; j < Features; j++) x[i, j] = (j == c ? 2.0 : 0.0) + rng.NextNormal();
        }
        return (x, y);
    }

    private static void Case(Communicator world, Checks checks, string name, long[] counts, int epochs, int batchSize,
        bool shuffle, Func<Optimizer> optimizer, bool validation)
    {
        var (x, y) = Blobs(50, 11);
        var (vx, vy) = Blobs(20, 12);
        var part = RowPartition.FromCounts(counts);
        var vpart = RowPartition.Balanced(20, world.Size);
        var dist = Classifier();
        var reports = dist.FitDataParallel(world, Block(x, part, world.Rank), Block(y, part, world.Rank), epochs, batchSize, optimizer(),
            validation ? Block(vx, vpart, world.Rank) : null, validation ? Block(vy, vpart, world.Rank) : null, shuffle: shuffle);
        var single = Classifier();
        var expected = single.Fit(x, y, epochs, batchSize, optimizer(), validation ? vx : null, validation ? vy : null, shuffle: shuffle);

        int steps = epochs * ((50 + batchSize - 1) / batchSize);
        CompareWeights(world, checks, name, dist, single, steps, Eps<double>());
        checks.Equal(name + ".epochs", expected.Count, reports.Count);
        double[] lossD = reports.Select(r => r.Loss).ToArray(), lossS = expected.Select(r => r.Loss).ToArray();
        checks.Close(name + ".loss", lossS, lossD, 4 * steps * Eps<double>() * Math.Max(1, lossS.Max()));
        checks.Sequence<double>(name + ".accuracy", expected.Select(r => r.Accuracy ?? -1).ToArray(), reports.Select(r => r.Accuracy ?? -1).ToArray());
        if (validation)
        {
            checks.Close(name + ".val_loss", expected.Select(r => r.ValidationLoss ?? -1).ToArray(),
                reports.Select(r => r.ValidationLoss ?? -1).ToArray(), 4 * steps * Eps<double>() * Math.Max(1, lossS.Max()));
            checks.Sequence<double>(name + ".val_accuracy", expected.Select(r => r.ValidationAccuracy ?? -1).ToArray(),
                reports.Select(r => r.ValidationAccuracy ?? -1).ToArray());
        }
        checks.True(name + ".fitted", dist.IsFitted && dist.History.Count == epochs);
    }

    /// <summary>float regression with MSE: a linear target through a tanh layer, rows split 1 : 2 : ... unevenly.</summary>
    private static void RegressionCase(Communicator world, Checks checks)
    {
        const int n = 40;
        var rng = new Rng(21);
        var x = rng.Normal([n, 3], 0f, 1f);
        var y = NDArray.Zeros<float>(n, 2);
        for (int i = 0; i < n; i++)
        {
            y[i, 0] = x[i, 0] - 0.5f * x[i, 2];
            y[i, 1] = 0.25f * x[i, 1] + 1;
        }
        long[] counts = Enumerable.Range(0, world.Size).Select(r => (long)(r + 1)).ToArray();
        long rest = n - counts.Sum();
        counts[^1] += rest;
        var part = RowPartition.FromCounts(counts);
        Sequential<float> Build() => new([new Dense<float>(3, 8), new Tanh<float>(), new Dense<float>(8, 2)], new MeanSquaredError<float>(), seed: 3);
        var dist = Build();
        dist.FitDataParallel(world, Block(x, part, world.Rank), Block(y, part, world.Rank), 3, 10, new Sgd(0.05, momentum: 0.5));
        var single = Build();
        single.Fit(x, y, 3, 10, new Sgd(0.05, momentum: 0.5));
        CompareWeights(world, checks, "regression_float", dist, single, steps: 12, Eps<float>());
    }

    private static void CompareWeights<T>(Communicator world, Checks checks, string name, Sequential<T> dist, Sequential<T> single,
        int steps, double eps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var wd = new T[dist.ParameterCount];
        var ws = new T[single.ParameterCount];
        dist.CopyParametersTo(wd);
        single.CopyParametersTo(ws);
        double[] a = wd.Select(double.CreateTruncating).ToArray(), b = ws.Select(double.CreateTruncating).ToArray();
        double scale = Math.Max(1, b.Max(Math.Abs));
        double tol = 4 * steps * eps * scale;
        double worst = a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[rank {world.Rank}] INFO {name}: max |W_dist - W_single| = {worst:E3} ({worst / (eps * scale):F1} eps·scale over {steps} steps; tol {tol:E3})"));
        checks.Close(name + ".weights_vs_single", b, a, tol);
        // Every rank holds bitwise the same replica: rank 0's weights broadcast and compared exactly.
        var root = (T[])wd.Clone();
        world.Broadcast<T>(root, 0);
        checks.True(name + ".replicas_equal", root.AsSpan().SequenceEqual(wd), "this rank's weights differ from rank 0's");
    }

    internal static double Eps<T>() where T : IFloatingPointIeee754<T> => double.CreateTruncating(T.BitIncrement(T.One) - T.One);

    internal static NDArray<T> Block<T>(NDArray<T> whole, RowPartition part, int rank) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int start = (int)part.Offset(rank), stop = start + (int)part.Count(rank);
        return whole[start..stop].Contiguous();
    }
}
