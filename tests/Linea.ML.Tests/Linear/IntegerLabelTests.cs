using Linea.ML.NeuralNet;
using Linea.ML.Tests.Workflow;

namespace Linea.ML.Tests.Linear;

/// <summary>Integer label tensors in the classifiers and the classification metrics.</summary>
public class IntegerLabelTests
{
    [Fact]
    public void Logistic_regression_fits_long_labels_as_it_fits_their_float_form()
    {
        var (x, y) = WorkflowFixture.Iris();
        var labels = y.AsType<long>();
        var byFloat = new LogisticRegression<double>(c: 2.0, tol: 1e-11).Fit(x, y);
        var byLong = new LogisticRegression<double>(c: 2.0, tol: 1e-11).Fit(x, labels);
        Assert.Equal(byFloat.Coefficients, byLong.Coefficients); // the same problem, bit for bit
        NDArray<long> predicted = byLong.PredictLabels(x);
        Assert.Equal(byFloat.Predict(x).AsType<long>(), predicted);
        Assert.Equal(byFloat.Score(x, y), byLong.Score(x, labels));
        var byInt = new LogisticRegression<double>(c: 2.0, tol: 1e-11).Fit(x, y.AsType<int>());
        Assert.Equal(byFloat.Coefficients, byInt.Coefficients);
    }

    [Fact]
    public void Predict_labels_refuses_fractional_classes()
    {
        var x = NDArray.FromArray(new double[,] { { 0 }, { 1 }, { 2 }, { 3 } });
        var m = new LogisticRegression<double>().Fit(x, NDArray.FromArray([0.5, 0.5, 1.5, 1.5]));
        var e = Assert.Throws<InvalidOperationException>(() => m.PredictLabels(x));
        Assert.Contains("0.5 is not a whole number", e.Message);
    }

    [Fact]
    public void Classification_metrics_take_integer_labels()
    {
        var t = NDArray.FromArray([0, 1, 2, 2, 1, 0, 2]);
        var p = NDArray.FromArray([0, 2, 2, 2, 1, 1, 2]);
        // hand-derived: 5 of 7 right; class 2 precision 3/4, recall 3/3
        Assert.Equal(5.0 / 7, global::Linea.ML.Metrics.AccuracyScore(t, p));
        Assert.Equal(global::Linea.ML.Metrics.AccuracyScore(t.AsType<double>(), p.AsType<double>()), global::Linea.ML.Metrics.AccuracyScore(t.AsType<long>(), p.AsType<long>()));
        var (precision, recall, _, support, labels) = global::Linea.ML.Metrics.PrecisionRecallFScoreSupport(t, p);
        Assert.Equal([0, 1, 2], labels);
        Assert.Equal(0.75, precision[2]);
        Assert.Equal(1.0, recall[2]);
        Assert.Equal([2, 2, 3], support);
        Assert.Equal(new[,] { { 1, 1, 0 }, { 0, 1, 1 }, { 0, 0, 3 } }, global::Linea.ML.Metrics.ConfusionMatrix(t, p));
        Assert.Equal(global::Linea.ML.Metrics.F1Score(t.AsType<double>(), p.AsType<double>(), Average.Macro), global::Linea.ML.Metrics.F1Score(t, p, Average.Macro));
        var binary = NDArray.FromArray([0L, 0L, 1L, 1L]);
        Assert.Equal(0.75, global::Linea.ML.Metrics.RocAucScore(binary, NDArray.FromArray([0.1, 0.4, 0.35, 0.8])));
        double loss = global::Linea.ML.Metrics.LogLoss(binary, NDArray.FromArray([0.1, 0.4, 0.35, 0.8]));
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.6) + Math.Log(0.35) + Math.Log(0.8)) / 4, loss, 1e-15);
    }

    [Fact]
    public void Sequential_predicts_labels_as_a_long_tensor()
    {
        var x = NDArray.FromArray(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var net = new Sequential<double>([new Dense<double>(2, 8), new Tanh<double>(), new Dense<double>(8, 2)], new SoftmaxCrossEntropy<double>(), 1);
        net.Fit(x, NDArray.FromArray([0.0, 1, 1, 0]), epochs: 300, batchSize: 4, new Adam(0.05));
        Assert.Equal([0L, 1L, 1L, 0L], net.PredictLabels(x).ToArray());
    }
}
