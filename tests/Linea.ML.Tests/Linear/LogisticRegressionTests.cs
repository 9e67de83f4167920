using System.Text.Json;
using Linea.ML.Tests.Workflow;

namespace Linea.ML.Tests.Linear;

public class LogisticRegressionTests
{
    public static TheoryData<string> Cases => new(WorkflowFixture.Get("logistic").EnumerateArray().Select(static c => c.GetProperty("name").GetString()!));

    private static JsonElement Case(string name) => WorkflowFixture.Get("logistic").EnumerateArray().First(c => c.GetProperty("name").GetString() == name);

    [Theory, MemberData(nameof(Cases))]
    public void Iris_matches_scikit_learn(string name)
    {
        var c = Case(name);
        var (x, y) = WorkflowFixture.Iris();
        int start = c.GetProperty("start").GetInt32(), stop = c.GetProperty("stop").GetInt32();
        x = x[start..stop, ..].Contiguous();
        y = y[start..stop].Contiguous();
        double C = c.GetProperty("C").GetDouble();
        var m = new LogisticRegression<double>(C, c.GetProperty("fit_intercept").GetBoolean(), tol: 1e-10).Fit(x, y);
        Assert.True(m.Converged, m.Warning);
        Assert.True(m.NIter < 15, $"Newton took {m.NIter} steps");
        double tol = LogisticFixtureChecks.AssertMatches(m, c, 1e-10);
        Assert.True(Fixtures.MaxDiff(WorkflowFixture.Matrix(c.GetProperty("proba")), m.PredictProba(x)) <= 10 * tol);
        Assert.Equal(WorkflowFixture.Vector(c.GetProperty("predict")), m.Predict(x).ToArray());
        if (m.Intercept.Size > 1) Assert.True(Math.Abs(m.Intercept.Sum()) <= 1e-12, "softmax intercepts sum to zero");
    }

    [Fact]
    public void Gradient_vanishes_at_the_fit_and_probabilities_sum_to_one()
    {
        var (x, y) = WorkflowFixture.Iris();
        var m = new LogisticRegression<double>(c: 2.0, tol: 1e-11).Fit(x, y);
        Assert.True(m.Converged, m.Warning);
        // Stationarity by hand: sum_i (p_i - onehot_i) x_i + W / C = 0 and sum_i (p_i - onehot_i) = 0.
        var p = m.PredictProba(x);
        var onehot = NDArray.Zeros<double>(150, 3);
        for (int i = 0; i < 150; i++) onehot[i, (int)y[i]] = 1;
        var r = p - onehot;
        var gw = r.T.MatMul(x) + m.Coefficients / 2.0;
        Assert.True(Fixtures.MaxAbs(gw) <= 1e-10, $"weight gradient {Fixtures.MaxAbs(gw):g3}");
        Assert.True(Fixtures.MaxAbs(r.Sum(0)) <= 1e-10);
        Assert.True(Fixtures.MaxAbs(p.Sum(1) - 1.0) <= 4 * Fixtures.Eps);
        Assert.True(m.Score(x, y) > 0.95);
    }

    [Fact]
    public void Two_point_problem_has_the_hand_derived_solution()
    {
        // x = -1 (class 0), x = +1 (class 1), no intercept: minimise 2 log(1 + e^-w) + w^2 / (2C). With C = 1 the
        // stationarity condition is w = 2 / (1 + e^w), whose root is w = 0.6748316143423994 (scalar Newton iteration).
        var x = NDArray.FromArray(new double[,] { { -1 }, { 1 } });
        var y = NDArray.FromArray(new double[] { 0, 1 });
        var m = new LogisticRegression<double>(fitIntercept: false, tol: 1e-14).Fit(x, y);
        double w = m.Coefficients[0, 0];
        Assert.Equal(2 / (1 + Math.Exp(w)), w, 1e-14);
        Assert.Equal(0.6748316143423994, w, 1e-14);
        Assert.Equal(new[] { 0.0, 1.0 }, m.Predict(x).ToArray());
        Assert.Equal(1 / (1 + Math.Exp(-w)), m.PredictProba(x)[1, 1], 1e-15);
    }

    [Fact]
    public void Any_label_values_work_and_bad_input_is_rejected()
    {
        var x = NDArray.FromArray(new double[,] { { 0 }, { 1 }, { 2 }, { 3 } });
        var m = new LogisticRegression<double>().Fit(x, NDArray.FromArray(new double[] { -1, -1, 7, 7 }));
        Assert.Equal(new[] { -1.0, 7.0 }, m.Classes.ToArray());
        Assert.Equal(new[] { -1.0, -1.0, 7.0, 7.0 }, m.Predict(x).ToArray());
        Assert.Throws<ArgumentException>(() => new LogisticRegression<double>().Fit(x, NDArray.FromArray(new double[] { 1, 1, 1, 1 })));
        Assert.Throws<NonFiniteException>(() => new LogisticRegression<double>().Fit(x, NDArray.FromArray(new double[] { 0, 1, double.NaN, 1 })));
        Assert.Throws<ShapeMismatchException>(() => new LogisticRegression<double>().Fit(x, NDArray.FromArray(new double[] { 0, 1 })));
        Assert.Throws<ShapeMismatchException>(() => m.Predict(NDArray.Zeros<double>(2, 3)));
        Assert.Throws<NotFittedException>(() => new LogisticRegression<double>().Predict(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression<double>(c: 0));
    }

    [Fact]
    public void Separable_data_without_penalty_room_reports_non_convergence()
    {
        // Separable data with a huge C drives the weights towards infinity; two steps cannot converge.
        var x = NDArray.FromArray(new double[,] { { 0 }, { 1 }, { 2 }, { 3 } });
        var m = new LogisticRegression<double>(c: 1e12, maxIter: 2, tol: 1e-12).Fit(x, NDArray.FromArray(new double[] { 0, 0, 1, 1 }));
        Assert.False(m.Converged);
        Assert.Contains("maxIter", m.Warning);
    }

    [Fact]
    public void Float_fit_agrees_with_double_to_float_precision()
    {
        var (x, y) = WorkflowFixture.Iris();
        var md = new LogisticRegression<double>(tol: 1e-10).Fit(x, y);
        var xf = NDArray.FromArray(Array.ConvertAll(x.ToArray(), static v => (float)v), 150, 4);
        var yf = NDArray.FromArray(Array.ConvertAll(y.ToArray(), static v => (float)v));
        var mf = new LogisticRegression<float>(tol: 1e-10).Fit(xf, yf);
        // The solver runs in double on the float inputs (iris has one decimal, so they round by about 1e-7 relative);
        // the condition of the problem (Hessian at least I / C) keeps the coefficients within a few 1e-6.
        var coef = Array.ConvertAll(mf.Coefficients.ToArray(), static v => (double)v);
        Assert.True(Fixtures.MaxDiff(md.Coefficients, NDArray.FromArray(coef, 3, 4)) <= 1e-5);
        var pf = mf.PredictProba(xf);
        Assert.True(Fixtures.MaxAbs(NDArray.FromArray(Array.ConvertAll(pf.Sum(1).ToArray(), static v => (double)v - 1))) <= 4e-7);
        Assert.Equal(md.Predict(x).ToArray(), Array.ConvertAll(mf.Predict(xf).ToArray(), static v => (double)v));
    }
}
