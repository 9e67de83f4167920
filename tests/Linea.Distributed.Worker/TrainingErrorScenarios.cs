using Linea;
using Linea.ML.NeuralNet;

namespace Linea.Distributed.Worker;

/// <summary>
/// Bad input to data-parallel training: one rank's NaN, a shape that does not fit, settings that differ across ranks.
/// Every rank throws before any training (the failing rank its own exception, the others one naming it), nothing
/// hangs, and training afterwards still works.
/// </summary>
internal static class TrainingErrorScenarios
{
    public static void Run(Communicator world, Checks checks, string[] args)
    {
        int p = world.Size, r = world.Rank, last = p - 1;
        var (x, y) = TrainingScenarios.Blobs(30, 5);
        var part = RowPartition.Balanced(30, p);
        var xl = TrainingScenarios.Block(x, part, r);
        var yl = TrainingScenarios.Block(y, part, r);

        var bad = xl.Copy();
        if (r == last) bad[0, 1] = double.NaN;
        if (r == last)
            checks.Throws<NonFiniteException>("nan.own_rank",
                () => TrainingScenarios.Classifier().FitDataParallel(world, bad, yl, 1, 8, new Sgd(0.1)), "NaN");
        else
            checks.Throws<ArgumentException>("nan.other_ranks",
                () => TrainingScenarios.Classifier().FitDataParallel(world, bad, yl, 1, 8, new Sgd(0.1)), $"rank {last} failed their checks");

        var narrow = r == 0 ? xl[.., ..3].Contiguous() : xl;
        if (r == 0)
            checks.Throws<ShapeMismatchException>("features.own_rank",
                () => TrainingScenarios.Classifier().FitDataParallel(world, narrow, yl, 1, 8, new Sgd(0.1)), "3 features", "takes 4");
        else
            checks.Throws<ArgumentException>("features.other_ranks",
                () => TrainingScenarios.Classifier().FitDataParallel(world, narrow, yl, 1, 8, new Sgd(0.1)), "rank 0 failed");

        checks.Throws<MpiCountMismatchException>("epochs_differ",
            () => TrainingScenarios.Classifier().FitDataParallel(world, xl, yl, r == 0 ? 2 : 1, 8, new Sgd(0.1)),
            "same epochs", "rank 0: 2", $"rank {last}: 1");
        checks.Throws<MpiCountMismatchException>("network_differs",
            () => (r == last
                ? new Sequential<double>([new Dense<double>(4, 5), new ReLU<double>(), new Dense<double>(5, 3)], new SoftmaxCrossEntropy<double>())
                : TrainingScenarios.Classifier()).FitDataParallel(world, xl, yl, 1, 8, new Sgd(0.1)),
            "same parameters", $"rank {last}: 43", "rank 0: 131");
        checks.Throws<ArgumentOutOfRangeException>("batch_size",
            () => TrainingScenarios.Classifier().FitDataParallel(world, xl, yl, 1, 0, new Sgd(0.1)), "batchSize must be at least 1");
        var none = TrainingScenarios.Block(x, RowPartition.FromCounts(new long[p]), r);
        checks.Throws<ArgumentException>("no_rows", () => TrainingScenarios.Classifier().FitDataParallel(world, none, TrainingScenarios.Block(y, RowPartition.FromCounts(new long[p]), r), 1, 8, new Sgd(0.1)),
            "no rank holds any training rows");

        var net = TrainingScenarios.Classifier();
        var reports = net.FitDataParallel(world, xl, yl, 2, 8, new Sgd(0.1));
        checks.True("still_trains", reports.Count == 2 && double.IsFinite(reports[^1].Loss) && net.IsFitted);
    }
}
