using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.NeuralNet;

public class SequentialStreamingTests
{
    private static Sequential<double> Regressor() => new(
        [new Dense<double>(5, 8), new Tanh<double>(), new Dense<double>(8, 2)], new MeanSquaredError<double>(), seed: 7);

    private static Sequential<double> Classifier() => new(
        [new Dense<double>(4, 16, WeightInit.HeNormal), new ReLU<double>(), new Dropout<double>(0.2), new Dense<double>(16, 3)],
        new SoftmaxCrossEntropy<double>(), seed: 11);

    private static (NDArray<double> X, NDArray<double> Y) RegressionData()
    {
        var x = NDArray.Normal([203, 5], 0.0, 1.0, seed: 1);
        var w = NDArray.Normal([5, 2], 0.0, 1.0, seed: 2);
        return (x, NDArray.Tanh(x.MatMul(w)) + NDArray.Normal([203, 2], 0.0, 0.1, seed: 3));
    }

    private static void AssertSameWeights(Sequential<double> a, Sequential<double> b)
    {
        Assert.Equal(a.Parameters.Count, b.Parameters.Count);
        for (int i = 0; i < a.Parameters.Count; i++) Assert.Equal(a.Parameters[i].Value.ToArray(), b.Parameters[i].Value.ToArray());
    }

    [Theory]
    [InlineData(50, 16)]
    [InlineData(1, 16)]
    [InlineData(16, 16)]
    [InlineData(1000, 7)]
    public void Streamed_regression_gives_the_weights_of_the_in_memory_fit_bit_for_bit(int blockRows, int batchSize)
    {
        var (x, y) = RegressionData();
        var memory = Regressor();
        var memoryHistory = memory.Fit(x, y, epochs: 3, batchSize: batchSize, new Adam(1e-2), shuffle: false);
        var streamed = Regressor();
        var streamedHistory = streamed.Fit(RowBlocks.FromTensor(x), RowBlocks.FromTensor(y), epochs: 3, batchSize: batchSize,
            new Adam(1e-2), blockRows: blockRows);
        AssertSameWeights(memory, streamed);
        Assert.Equal(memoryHistory.Select(r => r.Loss), streamedHistory.Select(r => r.Loss));
        Assert.True(streamedHistory[^1].Loss < streamedHistory[0].Loss);
    }

    [Fact]
    public void Streamed_classifier_with_dropout_and_index_targets_from_mapped_files_matches_in_memory()
    {
        var (x, species) = Fixtures.Iris();
        var labels = NDArray.FromArray(species.Select(s => (double)s).ToArray());
        var memory = Classifier();
        var vx = x[..30, ..].Contiguous();
        var vy = labels[..30].Contiguous();
        var memoryHistory = memory.Fit(x, labels, epochs: 4, batchSize: 32, new Sgd(0.05, momentum: 0.9), vx, vy, shuffle: false);

        string dir = Path.Combine(Path.GetTempPath(), $"linea-seq-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            Npy.Save(Path.Combine(dir, "x.npy"), x);
            Npy.Save(Path.Combine(dir, "y.npy"), labels.Reshape(-1, 1));
            using var mx = Npy.Load<double>(Path.Combine(dir, "x.npy"), MmapMode.ReadOnly);
            using var my = Npy.Load<double>(Path.Combine(dir, "y.npy"), MmapMode.ReadOnly);
            var streamed = Classifier();
            var xs = new CountingRowBlockSource<double>(mx);
            var streamedHistory = streamed.Fit(xs, RowBlocks.FromTensor(my), epochs: 4, batchSize: 32,
                new Sgd(0.05, momentum: 0.9), validationX: vx, validationY: vy, blockRows: 45);
            Assert.Equal(4, xs.Passes);
            AssertSameWeights(memory, streamed);
            Assert.Equal(memoryHistory.Select(r => r.Accuracy), streamedHistory.Select(r => r.Accuracy));
            Assert.Equal(memoryHistory.Select(r => r.ValidationLoss), streamedHistory.Select(r => r.ValidationLoss));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Window_shuffling_is_seeded_and_still_learns()
    {
        var (x, y) = RegressionData();
        IReadOnlyList<EpochReport> Train(Sequential<double> net, int window) =>
            net.Fit(RowBlocks.FromTensor(x), RowBlocks.FromTensor(y), epochs: 5, batchSize: 10, new Adam(1e-2), shuffleWindow: window, blockRows: 30);
        var a = Regressor();
        var b = Regressor();
        var plain = Regressor();
        var ha = Train(a, 64);
        Train(b, 64);
        Train(plain, 0);
        AssertSameWeights(a, b);
        Assert.NotEqual(plain.Parameters[0].Value.ToArray(), a.Parameters[0].Value.ToArray());
        Assert.True(ha[^1].Loss < 0.5 * ha[0].Loss, $"loss {ha[0].Loss} -> {ha[^1].Loss}");
    }

    [Fact]
    public void Bad_streams_give_clear_errors()
    {
        var (x, y) = RegressionData();
        var net = Regressor();
        var opt = new Sgd(0.01);
        var rows = Assert.Throws<ArgumentException>(() =>
            net.Fit(RowBlocks.FromTensor(x), RowBlocks.FromTensor(y[..200, ..]), 1, 16, opt, blockRows: 50));
        Assert.Contains("y ended after 200 rows but X has more", rows.Message);
        var longer = Assert.Throws<ArgumentException>(() =>
            net.Fit(RowBlocks.FromTensor(x[..100, ..]), RowBlocks.FromTensor(y), 1, 16, opt));
        Assert.Contains("X ended after 100 rows", longer.Message);

        var nan = y.Copy();
        nan[150, 1] = double.NaN;
        var e = Assert.Throws<NonFiniteException>(() => net.Fit(RowBlocks.FromTensor(x), RowBlocks.FromTensor(nan), 1, 16, opt, blockRows: 40));
        Assert.Contains("row 150, column 1", e.Message);

        var features = Assert.Throws<ShapeMismatchException>(() =>
            net.Fit(RowBlocks.FromTensor(x[.., ..4]), RowBlocks.FromTensor(y), 1, 16, opt));
        Assert.Contains("4 features but the network takes 5", features.Message);
        Assert.Throws<ShapeMismatchException>(() => net.Fit(TestRowBlockSources.WrongColumns(x[.., ..4].Contiguous(), 5), RowBlocks.FromTensor(y), 1, 16, opt));

        var empty = Assert.Throws<ArgumentException>(() =>
            net.Fit(TestRowBlockSources.Empty<double>(5), TestRowBlockSources.Empty<double>(2), 1, 16, opt));
        Assert.Contains("no rows", empty.Message);

        var changed = TestRowBlockSources.ChangesBetweenPasses(x, x[..100, ..].Contiguous());
        Assert.Throws<InvalidDataException>(() => net.Fit(changed, RowBlocks.FromTensor(y), 2, 16, opt));

        var (ix, _) = Fixtures.Iris();
        var badLabels = NDArray.Full([150, 1], 3.0);
        Assert.Throws<ArgumentException>(() => Classifier().Fit(RowBlocks.FromTensor(ix), RowBlocks.FromTensor(badLabels), 1, 16, opt));
        Assert.Throws<ArgumentOutOfRangeException>(() => net.Fit(RowBlocks.FromTensor(x), RowBlocks.FromTensor(y), 1, 16, opt, shuffleWindow: -1));
    }
}
