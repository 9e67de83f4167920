using Linea.ML.Tests.Workflow;

namespace Linea.ML.Tests.Metrics;

public class ClassificationMetricsTests
{
    private static readonly System.Text.Json.JsonElement F = WorkflowFixture.Get("metrics");
    private static NDArray<double> V(string name) => NDArray.FromArray(WorkflowFixture.Vector(F.GetProperty(name)));
    private static double D(string name) => F.GetProperty(name).GetDouble();

    // Each metric is a handful of additions and one division over at most 40 samples: a few ulps of difference at most.
    private const double Tol = 1e-15;

    [Fact]
    public void Multiclass_metrics_match_scikit_learn()
    {
        var (t, p) = (V("y_true"), V("y_pred"));
        Assert.Equal(D("accuracy"), ML.Metrics.AccuracyScore(t, p), Tol);
        var c = ML.Metrics.ConfusionMatrix(t, p, out var labels);
        Assert.Equal(new[] { 0.0, 1, 2 }, labels);
        var expected = WorkflowFixture.Get("metrics").GetProperty("confusion").EnumerateArray().Select(WorkflowFixture.Ints).ToArray();
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) Assert.Equal(expected[i][j], c[i, j]);
        foreach (var (name, avg) in new[] { ("micro", Average.Micro), ("macro", Average.Macro), ("weighted", Average.Weighted) })
        {
            var e = F.GetProperty(name);
            Assert.Equal(e.GetProperty("precision").GetDouble(), ML.Metrics.PrecisionScore(t, p, avg), Tol);
            Assert.Equal(e.GetProperty("recall").GetDouble(), ML.Metrics.RecallScore(t, p, avg), Tol);
            Assert.Equal(e.GetProperty("f1").GetDouble(), ML.Metrics.F1Score(t, p, avg), Tol);
            Assert.Equal(e.GetProperty("f0.5").GetDouble(), ML.Metrics.FBetaScore(t, p, 0.5, avg), Tol);
        }
        Assert.Throws<ArgumentException>(() => ML.Metrics.F1Score(t, p));
    }

    [Fact]
    public void Binary_metrics_match_scikit_learn()
    {
        var (t, p) = (V("yb_true"), V("yb_pred"));
        var b = F.GetProperty("binary");
        Assert.Equal(b.GetProperty("precision").GetDouble(), ML.Metrics.PrecisionScore(t, p), Tol);
        Assert.Equal(b.GetProperty("recall").GetDouble(), ML.Metrics.RecallScore(t, p), Tol);
        Assert.Equal(b.GetProperty("f1").GetDouble(), ML.Metrics.F1Score(t, p), Tol);
        Assert.Equal(b.GetProperty("f2").GetDouble(), ML.Metrics.FBetaScore(t, p, 2), Tol);
        Assert.Equal(b.GetProperty("precision_pos0").GetDouble(), ML.Metrics.PrecisionScore(t, p, posLabel: 0), Tol);
        Assert.Equal(D("roc_auc"), ML.Metrics.RocAucScore(t, V("yb_score")), Tol);
    }

    [Fact]
    public void Log_loss_matches_scikit_learn_with_clipping()
    {
        var yt = V("y_true");
        var proba = WorkflowFixture.Matrix(F.GetProperty("proba"));
        // 40 logarithms summed: relative rounding of a few n eps.
        Assert.Equal(D("log_loss"), ML.Metrics.LogLoss(yt, proba), 40 * Fixtures.Eps * D("log_loss"));
        Assert.Equal(D("log_loss_binary"), ML.Metrics.LogLoss(V("yb_true"), V("pb")), 40 * Fixtures.Eps * D("log_loss_binary"));
        Assert.Throws<ArgumentException>(() => ML.Metrics.LogLoss(yt, proba[.., ..2]));
    }

    [Fact]
    public void Hand_examples()
    {
        var t = NDArray.FromArray(new double[] { 1, 1, 0, 0, 1 });
        var p = NDArray.FromArray(new double[] { 1, 0, 0, 1, 1 });
        // tp = 2, fp = 1, fn = 1: P = R = F1 = 2/3; accuracy 3/5.
        Assert.Equal(2.0 / 3, ML.Metrics.PrecisionScore(t, p), 1e-16);
        Assert.Equal(2.0 / 3, ML.Metrics.RecallScore(t, p), 1e-16);
        Assert.Equal(0.6, ML.Metrics.AccuracyScore(t, p));
        // AUC: scores separate perfectly -> 1; reversed -> 0; all tied -> 1/2.
        var s = NDArray.FromArray(new double[] { 0.9, 0.8, 0.1, 0.2, 0.7 });
        Assert.Equal(1.0, ML.Metrics.RocAucScore(t, s));
        Assert.Equal(0.0, ML.Metrics.RocAucScore(t, -s));
        Assert.Equal(0.5, ML.Metrics.RocAucScore(t, NDArray.Full([5], 0.3)));
        // Log loss of certain, correct predictions is -log(1 - eps) ~ eps; of p = 1/2 it is log 2.
        Assert.Equal(Math.Log(2), ML.Metrics.LogLoss(t, NDArray.Full([5], 0.5)), 1e-15);
        // Zero division: no positive predictions -> precision 0.
        Assert.Equal(0.0, ML.Metrics.PrecisionScore(t, NDArray.Zeros<double>(5)));
        Assert.Throws<ArgumentException>(() => ML.Metrics.RocAucScore(NDArray.Ones<double>(3), NDArray.Ones<double>(3)));
        Assert.Throws<ShapeMismatchException>(() => ML.Metrics.AccuracyScore(t, p[..3]));
        Assert.Throws<NonFiniteException>(() => ML.Metrics.AccuracyScore(t, NDArray.Full([5], double.NaN)));
    }
}
