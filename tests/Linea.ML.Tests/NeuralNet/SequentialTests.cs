using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.NeuralNet;

public class SequentialTests
{
    private static readonly NDArray<double> XorX = NDArray.FromArray(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
    private static readonly NDArray<double> XorY = NDArray.FromArray(new double[] { 0, 1, 1, 0 });

    private static Sequential<double> XorNet(ulong seed = 1) => new(
        [new Dense<double>(2, 8), new Tanh<double>(), new Dense<double>(8, 2)], new SoftmaxCrossEntropy<double>(), seed);

    [Fact]
    public void LearnsXor()
    {
        var net = XorNet();
        var reports = new List<EpochReport>();
        net.Fit(XorX, XorY, epochs: 300, batchSize: 4, new Adam(0.05), onEpoch: reports.Add);
        Assert.Equal(new[] { 0L, 1L, 1L, 0L }, net.PredictLabels(XorX).ToArray());
        Assert.Equal(new double[] { 0, 1, 1, 0 }, net.Predict(XorX).ToArray());
        var proba = net.PredictProba(XorX);
        Assert.Equal(new Shape(4, 2), proba.Shape);
        Assert.True(NDArray.AllClose(proba.Sum(1), NDArray.Ones<double>(4), 1e-15, 1e-15));
        Assert.True(proba[0, 0] > 0.9 && proba[1, 1] > 0.9);
        var eval = net.Evaluate(XorX, XorY);
        Assert.Equal(1.0, eval.Accuracy);
        Assert.True(eval.Loss < 0.1, eval.ToString());
        Assert.Equal(300, reports.Count);
        Assert.Equal(Enumerable.Range(1, 300), reports.Select(r => r.Epoch));
        Assert.True(reports[^1].Loss < reports[0].Loss);
        Assert.Equal(reports, net.History);
    }

    [Fact]
    public void SgdWithNesterovMomentumAlsoLearnsXor()
    {
        var net = XorNet(seed: 2);
        net.Fit(XorX, XorY, epochs: 500, batchSize: 2, new Sgd(0.1, momentum: 0.9, nesterov: true));
        Assert.Equal(new[] { 0L, 1L, 1L, 0L }, net.PredictLabels(XorX).ToArray());
    }

    [Fact]
    public void RegressionFitsALinearMapWithMse()
    {
        // y = X @ [1, -2] + 0.5 exactly; a single Dense layer reaches it and MSE tends to 0.
        var x = new Rng(3).Normal([64, 2], 0.0, 1.0);
        var y = x.MatMul(NDArray.FromArray(new double[,] { { 1 }, { -2 } })) + 0.5;
        var net = new Sequential<double>([new Dense<double>(2, 1)], new MeanSquaredError<double>(), seed: 4);
        net.Fit(x, y, epochs: 200, batchSize: 16, new Sgd(0.05, momentum: 0.9));
        var dense = (Dense<double>)net.Layers[0];
        Assert.True(NDArray.AllClose(NDArray.FromArray(new double[,] { { 1 }, { -2 } }), dense.Weights, 0, 1e-6), dense.Weights.ToString());
        Assert.Equal(0.5, dense.Bias[0], 1e-6);
        Assert.Null(net.Evaluate(x, y).Accuracy);
        Assert.Equal(new Shape(64, 1), net.Predict(x).Shape);
    }

    [Fact]
    public void ReportsValidationMetricsEveryEpoch()
    {
        var net = XorNet();
        var reports = new List<EpochReport>();
        net.Fit(XorX, XorY, epochs: 3, batchSize: 3, new Adam(), validationX: XorX, validationY: XorY, onEpoch: reports.Add);
        Assert.Equal(3, reports.Count);
        Assert.All(reports, r =>
        {
            Assert.NotNull(r.ValidationLoss);
            Assert.NotNull(r.ValidationAccuracy);
            Assert.NotNull(r.Accuracy);
            Assert.Contains("val_accuracy", r.ToString());
        });
        // The last validation loss is the loss of the final weights on that set.
        Assert.Equal(net.Evaluate(XorX, XorY).Loss, reports[^1].ValidationLoss!.Value, 1e-15);
    }

    [Fact]
    public void SameSeedGivesTheSameNetworkAndAnotherSeedDoesNot()
    {
        NDArray<double> Train(ulong seed)
        {
            var net = new Sequential<double>(
                [new Dense<double>(2, 8), new ReLU<double>(), new Dropout<double>(0.2), new Dense<double>(8, 2)],
                new SoftmaxCrossEntropy<double>(), seed);
            net.Fit(XorX, XorY, epochs: 20, batchSize: 2, new Adam(0.01));
            return net.PredictProba(XorX);
        }
        Assert.Equal(Train(5), Train(5));
        Assert.NotEqual(Train(5), Train(6));
    }

    [Fact]
    public void FitRestartsUnlessWarmStart()
    {
        var net = XorNet();
        net.Fit(XorX, XorY, epochs: 5, batchSize: 4, new Adam(0.05));
        var after5 = net.PredictProba(XorX);
        net.Fit(XorX, XorY, epochs: 5, batchSize: 4, new Adam(0.05));
        Assert.Equal(after5, net.PredictProba(XorX));
        net.Fit(XorX, XorY, epochs: 5, batchSize: 4, new Adam(0.05), warmStart: true);
        Assert.NotEqual(after5, net.PredictProba(XorX));
    }

    [Fact]
    public void FloatNetworkTrainsToo()
    {
        var x = NDArray.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = NDArray.FromArray(new float[] { 0, 1, 1, 0 });
        var net = new Sequential<float>([new Dense<float>(2, 8), new Tanh<float>(), new Dense<float>(8, 2)], new SoftmaxCrossEntropy<float>(), 1);
        net.Fit(x, y, epochs: 300, batchSize: 4, new Adam(0.05));
        Assert.Equal(new[] { 0L, 1L, 1L, 0L }, net.PredictLabels(x).ToArray());
    }

    [Fact]
    public void PredictingBeforeFittingThrows()
    {
        var net = XorNet();
        Assert.Throws<NotFittedException>(() => net.Predict(XorX));
        Assert.Throws<NotFittedException>(() => net.PredictProba(XorX));
        Assert.Throws<NotFittedException>(() => net.PredictLabels(XorX));
        var ex = Assert.Throws<NotFittedException>(() => net.Evaluate(XorX, XorY));
        Assert.Contains("Sequential.Evaluate", ex.Message);
    }

    [Fact]
    public void MismatchedLengthsThrow()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => XorNet().Fit(XorX, NDArray.FromArray(new double[] { 0, 1, 1 }), 1, 4, new Adam()));
        Assert.Contains("4 samples", ex.Message);
    }

    [Fact]
    public void WrongFeatureCountThrows()
    {
        var net = XorNet();
        var ex = Assert.Throws<ShapeMismatchException>(() => net.Fit(NDArray.Zeros<double>(4, 3), XorY, 1, 4, new Adam()));
        Assert.Contains("3 features", ex.Message);
        net.Fit(XorX, XorY, 1, 4, new Adam());
        Assert.Throws<ShapeMismatchException>(() => net.Predict(NDArray.Zeros<double>(4, 3)));
        Assert.Throws<ShapeMismatchException>(() => net.Predict(NDArray.Zeros<double>(4)));
    }

    [Fact]
    public void NaNInputThrows()
    {
        var x = XorX.Copy();
        x[2, 1] = double.NaN;
        var ex = Assert.Throws<NonFiniteException>(() => XorNet().Fit(x, XorY, 1, 4, new Adam()));
        Assert.Contains("NaN", ex.Message);
        var y = XorY.Copy();
        y[0] = double.PositiveInfinity;
        Assert.Throws<NonFiniteException>(() => XorNet().Fit(XorX, y, 1, 4, new Adam()));
        var net = XorNet();
        net.Fit(XorX, XorY, 1, 4, new Adam());
        Assert.Throws<NonFiniteException>(() => net.Predict(x));
    }

    [Fact]
    public void BadFitArgumentsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => XorNet().Fit(XorX, XorY, 0, 4, new Adam()));
        Assert.Throws<ArgumentOutOfRangeException>(() => XorNet().Fit(XorX, XorY, 1, 0, new Adam()));
        Assert.Throws<ArgumentException>(() => XorNet().Fit(XorX, NDArray.FromArray(new double[] { 0, 1, 2, 0 }), 1, 4, new Adam()));
        Assert.Throws<ArgumentException>(() => XorNet().Fit(XorX, XorY, 1, 4, new Adam(), validationX: XorX));
        Assert.Throws<ShapeMismatchException>(() => XorNet().Fit(XorX, NDArray.Zeros<double>(4, 3), 1, 4, new Adam()));
    }

    [Fact]
    public void BadArchitecturesThrow()
    {
        Assert.Throws<ShapeMismatchException>(() => new Sequential<double>(
            [new Dense<double>(2, 8), new ReLU<double>(), new Dense<double>(7, 2)], new SoftmaxCrossEntropy<double>()));
        Assert.Throws<ArgumentException>(() => new Sequential<double>([], new MeanSquaredError<double>()));
        var shared = new Dense<double>(2, 2);
        Assert.Throws<ArgumentException>(() => new Sequential<double>([shared, shared], new MeanSquaredError<double>()));
    }

    [Fact]
    public void ClassifierOnlyMethodsRejectARegressor()
    {
        var net = new Sequential<double>([new Dense<double>(2, 1)], new MeanSquaredError<double>());
        net.Fit(XorX, XorY, 1, 4, new Sgd(0.1));
        Assert.Throws<InvalidOperationException>(() => net.PredictProba(XorX));
        Assert.Throws<InvalidOperationException>(() => net.PredictLabels(XorX));
    }

    [Fact]
    public void DivergingTrainingStopsWithAClearError()
    {
        var x = NDArray.FromArray(new double[,] { { 1e3 }, { -1e3 } });
        var y = NDArray.FromArray(new double[] { 1e3, -1e3 });
        var net = new Sequential<double>([new Dense<double>(1, 1)], new MeanSquaredError<double>());
        var ex = Assert.Throws<NonFiniteException>(() => net.Fit(x, y, 1000, 2, new Sgd(10)));
        Assert.Contains("learning rate", ex.Message);
    }
}
