using System.Diagnostics;
using Linea.ML.NeuralNet;

namespace Linea.Examples.Digits;

/// <summary>What one training run produced.</summary>
/// <param name="TrainSamples">Rows used for training.</param>
/// <param name="TestSamples">Held-out rows.</param>
/// <param name="TrainAccuracy">Accuracy on the training rows after the last epoch.</param>
/// <param name="TestAccuracy">Accuracy on the held-out rows.</param>
/// <param name="TestLoss">Mean cross-entropy on the held-out rows.</param>
/// <param name="Confusion">Counts [true digit, predicted digit] on the held-out rows.</param>
/// <param name="History">One report per epoch (the held-out set is passed as validation data for monitoring only:
/// the number of epochs is fixed, nothing is selected on it).</param>
/// <param name="Seconds">Wall time of the training loop.</param>
public sealed record DigitsResult(int TrainSamples, int TestSamples, double TrainAccuracy, double TestAccuracy,
    double TestLoss, int[,] Confusion, IReadOnlyList<EpochReport> History, double Seconds);

/// <summary>
/// Trains a 64-128-10 network (ReLU, softmax cross-entropy, Adam) on the 8x8 handwritten digits (1797 images, pixel
/// values 0..16 scaled to [0, 1]) with a seeded, stratified 80/20 split.
/// </summary>
public static class DigitsTraining
{
    /// <summary>digits.csv next to the program (copied to the output folder by the project).</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "digits.csv");

    /// <summary>Loads the data, splits, trains and evaluates.</summary>
    /// <param name="dataPath">CSV with 64 pixel columns and the label last, no header.</param>
    /// <param name="seed">Seed of the split, the weights, the shuffling.</param>
    /// <param name="epochs">Training epochs.</param>
    /// <param name="onEpoch">Progress callback.</param>
    public static DigitsResult Run(string dataPath, ulong seed = 42, int epochs = 20, Action<EpochReport>? onEpoch = null)
    {
        var data = Csv.Read<double>(dataPath);
        var pixels = data[.., ..64] / 16.0;
        var labels = data[.., 64].Copy();
        var (train, test) = StratifiedSplit(labels, 0.2, seed);
        var xTrain = Take(pixels, train);
        var yTrain = Take(labels, train);
        var xTest = Take(pixels, test);
        var yTest = Take(labels, test);

        var net = new Sequential<double>(
            [new Dense<double>(64, 128, WeightInit.HeNormal), new ReLU<double>(), new Dense<double>(128, 10)],
            new SoftmaxCrossEntropy<double>(), seed);
        var clock = Stopwatch.StartNew();
        var history = net.Fit(xTrain, yTrain, epochs, batchSize: 32, new Adam(1e-3),
            validationX: xTest, validationY: yTest, onEpoch: onEpoch);
        double seconds = clock.Elapsed.TotalSeconds;

        var eval = net.Evaluate(xTest, yTest);
        NDArray<long> predicted = net.PredictLabels(xTest);
        var confusion = new int[10, 10];
        for (int i = 0; i < predicted.Length; i++) confusion[(int)yTest[i], (int)predicted[i]]++;
        return new DigitsResult(train.Length, test.Length, net.Evaluate(xTrain, yTrain).Accuracy!.Value,
            eval.Accuracy!.Value, eval.Loss, confusion, history, seconds);
    }

    /// <summary>For each class, a seeded shuffle of its rows with the first <paramref name="testFraction"/> (rounded) held out.</summary>
    public static (int[] Train, int[] Test) StratifiedSplit(NDArray<double> labels, double testFraction, ulong seed)
    {
        var rng = new Rng(seed);
        var train = new List<int>();
        var test = new List<int>();
        var y = labels.ToArray();
        foreach (var group in Enumerable.Range(0, y.Length).GroupBy(i => y[i]).OrderBy(g => g.Key))
        {
            var rows = group.ToArray();
            var perm = rng.Permutation(rows.Length);
            int held = (int)Math.Round(testFraction * rows.Length);
            for (int i = 0; i < rows.Length; i++) (i < held ? test : train).Add(rows[perm[i]]);
        }
        train.Sort();
        test.Sort();
        return (train.ToArray(), test.ToArray());
    }

    /// <summary>Rows <paramref name="rows"/> of a matrix or entries of a vector, copied.</summary>
    private static NDArray<double> Take(NDArray<double> x, int[] rows)
    {
        int width = x.Rank == 1 ? 1 : (int)x.Shape[1];
        var values = new double[rows.Length * width];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < width; j++) values[i * width + j] = x.Rank == 1 ? x[rows[i]] : x[rows[i], j];
        return x.Rank == 1 ? NDArray.FromArray(values) : NDArray.FromArray(values, rows.Length, width);
    }
}
