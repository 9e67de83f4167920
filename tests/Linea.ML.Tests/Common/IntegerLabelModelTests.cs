using Linea.ML.Clustering;
using Linea.ML.Mixture;
using Linea.ML.NeuralNet;
using Linea.ML.Tests.Workflow;

namespace Linea.ML.Tests.Common;

/// <summary>Cluster assignments and class labels as int64 tensors across the clustering models, the network,
/// the splitters and the adjusted Rand index.</summary>
public class IntegerLabelModelTests
{
    // Two pairs of points far apart; the given centres make the assignment known by hand.
    private static readonly NDArray<double> Pairs = NDArray.FromArray(new double[,] { { 0, 0 }, { 0, 1 }, { 10, 0 }, { 10, 1 } });

    [Fact]
    public void Clustering_models_give_long_label_tensors()
    {
        var km = new KMeans<double>(2) { InitialCenters = NDArray.FromArray(new double[,] { { 0, 0 }, { 10, 0 } }) }.Fit(Pairs);
        NDArray<long> labels = km.Labels;
        Assert.Equal(new Shape(4), labels.Shape);
        Assert.Equal([0L, 0L, 1L, 1L], labels.ToArray());
        Assert.Equal([1L, 0L], km.Predict(NDArray.FromArray(new double[,] { { 9, 9 }, { -1, 0 } })).ToArray());
        labels[0] = 7; // a fresh tensor per call: the model's labels are untouched
        Assert.Equal(0L, km.Labels[0]);

        var mbk = new MiniBatchKMeans<double>(2, seed: 0).Fit(Pairs);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(new[] { 0, 0, 1, 1 }), mbk.Labels));
        Assert.Equal(mbk.Labels, mbk.Predict(Pairs));

        var gm = new GaussianMixture<double>(2, seed: 0, regCovar: 1e-3).Fit(Pairs);
        NDArray<long> components = gm.Predict(Pairs);
        Assert.Equal(components[0], components[1]);
        Assert.Equal(components[2], components[3]);
        Assert.NotEqual(components[0], components[2]);
    }

    [Fact]
    public void Adjusted_rand_index_on_tensors_matches_the_hand_value_and_checks_its_input()
    {
        // Contingency of [0,0,1,1] against [0,0,1,2]: index 1, a = 2, b = 1, E = 1/3, max = 3/2: (1 - 1/3) / (3/2 - 1/3) = 4/7.
        Assert.Equal(4.0 / 7, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(new long[] { 0, 0, 1, 1 }), NDArray.FromArray(new[] { 0, 0, 1, 2 })), 1e-15);
        Assert.Throws<ShapeMismatchException>(() => ClusteringMetrics.AdjustedRandIndex(NDArray.Zeros<long>(2, 2), NDArray.Zeros<long>(4)));
        var e = Assert.Throws<ArgumentException>(() => ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(new[] { 0L, 1L << 40 }), NDArray.Zeros<long>(2)));
        Assert.Contains("1099511627776 at index 1", e.Message);
    }

    private static Sequential<double> XorNet() => new(
        [new Dense<double>(2, 8), new Tanh<double>(), new Dense<double>(8, 2)], new SoftmaxCrossEntropy<double>(), 1);

    [Fact]
    public void Network_trained_on_integer_labels_is_the_float_label_network()
    {
        var x = NDArray.FromArray(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var yFloat = NDArray.FromArray(new double[] { 0, 1, 1, 0 });
        var byFloat = XorNet();
        byFloat.Fit(x, yFloat, epochs: 300, batchSize: 4, new Adam(0.05));
        var byLong = XorNet();
        byLong.Fit(x, NDArray.FromArray(new long[] { 0, 1, 1, 0 }), epochs: 300, batchSize: 4, new Adam(0.05),
            validationX: x, validationY: NDArray.FromArray(new long[] { 0, 1, 1, 0 }));
        var byInt = XorNet();
        byInt.Fit(x, NDArray.FromArray(new[] { 0, 1, 1, 0 }), epochs: 300, batchSize: 4, new Adam(0.05));
        Assert.Equal(byFloat.Predict(x), byLong.Predict(x)); // the same one-hot targets: bit for bit
        Assert.Equal(byFloat.Predict(x), byInt.Predict(x));
        Assert.Equal([0L, 1L, 1L, 0L], byLong.PredictLabels(x).ToArray());
        Assert.Equal(byFloat.Evaluate(x, yFloat), byLong.Evaluate(x, NDArray.FromArray(new long[] { 0, 1, 1, 0 })));
    }

    [Fact]
    public void Network_rejects_integer_labels_outside_its_classes()
    {
        var x = NDArray.FromArray(new double[,] { { 0, 0 }, { 1, 1 } });
        var e = Assert.Throws<ArgumentException>(() => XorNet().Fit(x, NDArray.FromArray(new long[] { 0, 2 }), 1, 2, new Sgd(0.1)));
        Assert.Contains("label 2 of sample 1", e.Message);
        // Far beyond float range exactness: refused, not rounded to a neighbour.
        Assert.Throws<ArgumentException>(() => XorNet().Fit(x, NDArray.FromArray(new[] { 0L, (1L << 53) + 1 }), 1, 2, new Sgd(0.1)));
        Assert.Throws<ShapeMismatchException>(() => XorNet().Fit(x, NDArray.Zeros<long>(2, 1), 1, 2, new Sgd(0.1)));
        var regression = new Sequential<double>([new Dense<double>(2, 1)], new MeanSquaredError<double>(), 1);
        Assert.Throws<InvalidOperationException>(() => regression.Fit(x, NDArray.FromArray(new long[] { 0, 1 }), 1, 2, new Sgd(0.1)));
    }

    [Fact]
    public void Stratified_splitters_on_integer_labels_match_scikit_learn()
    {
        var (x, y) = WorkflowFixture.Iris();
        var expected = WorkflowFixture.Get("stratified_iris_5").EnumerateArray().Select(WorkflowFixture.Ints).ToArray();
        Assert.Equal(expected, new StratifiedKFold(5).Split(x, y.AsType<long>()).Select(static f => f.Test).ToArray());
        Assert.Equal(expected, new StratifiedKFold(5).Split(y.AsType<long>()).Select(static f => f.Test).ToArray());
        Assert.Equal(expected, new StratifiedKFold(5).Split(y.AsType<int>()).Select(static f => f.Test).ToArray());
        Assert.Throws<ShapeMismatchException>(() => new StratifiedKFold(5).Split(x[..10, ..], y.AsType<long>()));

        var labels = y.AsType<long>();
        var byFloat = Linea.ML.ModelSelection.TrainTestSplit(x, y, 0.3, seed: 4, stratify: y);
        var byLong = Linea.ML.ModelSelection.TrainTestSplit(x, labels, 0.3, seed: 4, stratify: labels);
        Assert.Equal(byFloat.XTrain, byLong.XTrain);
        Assert.Equal(byFloat.XTest, byLong.XTest);
        Assert.Equal(byFloat.YTrain.AsType<long>(), byLong.YTrain);
        Assert.Equal(byFloat.YTest.AsType<long>(), byLong.YTest);
        Assert.Equal(15L, NDArray.CountNonzero(NDArray.Equal(byLong.YTest, NDArray.Full([45], 2L)))); // 30% of each class of 50
    }
}
