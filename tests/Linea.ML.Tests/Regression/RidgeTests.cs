namespace Linea.ML.Tests.Regression;

public class RidgeTests
{
    [Theory]
    [InlineData(RidgeSolver.Cholesky)]
    [InlineData(RidgeSolver.Svd)]
    public void Hand_examples_match_the_closed_form(RidgeSolver solver)
    {
        // One feature with intercept: xc = (-1, 0, 1), yc = (-1, 1, 0): w = xc.yc / (xc.xc + alpha) = 1 / 3, b = 2 - 2 w = 4 / 3.
        var x = NDArray.FromArray(new double[,] { { 1 }, { 2 }, { 3 } });
        var y = NDArray.FromArray(new double[] { 1, 3, 2 });
        var m = new Ridge<double>(1.0, solver: solver).Fit(x, y);
        Assert.Equal(1.0 / 3, m.Coefficients[0], 1e-15);
        Assert.Equal(4.0 / 3, m.Intercept, 1e-15);
        // Without intercept: w = x.y / (x.x + alpha) = 13 / 15.
        var m0 = new Ridge<double>(1.0, fitIntercept: false, solver: solver).Fit(x, y);
        Assert.Equal(13.0 / 15, m0.Coefficients[0], 1e-15);
        Assert.Equal(0.0, m0.Intercept);
        // Two features, no intercept: (X^T X + I) w = X^T y with X^T X + I = [[3, 1], [1, 3]], X^T y = (4, 5): w = (7, 11) / 8.
        var x2 = NDArray.FromArray(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var m2 = new Ridge<double>(1.0, fitIntercept: false, solver: solver).Fit(x2, NDArray.FromArray(new double[] { 1, 2, 3 }));
        NumAssert.Close([0.875, 1.375], m2.Coefficients.ToArray(), 8);
        Assert.Equal(solver, m2.SolverUsed);
    }

    public static TheoryData<int> DiabetesRows => new(Enumerable.Range(0, 5));

    [Theory, MemberData(nameof(DiabetesRows))]
    public void Diabetes_matches_scikit_learn(int row)
    {
        var (x, y) = Fixtures.Diabetes();
        var table = Fixtures.Csv("diabetes", "ridge_sklearn.csv");
        double alpha = table[row, 0];
        bool intercept = table[row, 1] == 1;
        var expected = table[row, 3..].Contiguous();
        var solvers = new[] { RidgeSolver.Auto, RidgeSolver.Cholesky, RidgeSolver.Svd };
        // Both solvers are backward stable for their own problem; the regularised normal equations have condition
        // (s1^2 + alpha) / (sp^2 + alpha), which bounds the relative error of w (times a modest multiple of p eps).
        var xc = intercept ? x - x.Mean(0) : x;
        var s = Linalg.Svdvals(xc).ToArray();
        double kappa = (s[0] * s[0] + alpha) / (s[^1] * s[^1] + alpha);
        double bound = 100 * 10 * Fixtures.Eps * kappa * Fixtures.MaxAbs(expected);
        foreach (var solver in solvers)
        {
            var m = new Ridge<double>(alpha, intercept, solver).Fit(x, y);
            double diff = Fixtures.MaxDiff(expected, m.Coefficients);
            Assert.True(diff <= bound, $"alpha {alpha} {solver}: |w - sklearn| = {diff:E2} > {bound:E2}");
            Assert.True(Math.Abs(m.Intercept - table[row, 2]) <= bound * 10, $"intercept {m.Intercept:R} vs {table[row, 2]:R}");
        }
    }

    [Fact]
    public void More_features_than_samples_uses_the_kernel_form_and_matches_scikit_learn()
    {
        var d = Fixtures.Csv("wide", "wide.csv");
        var (x, y) = (d[.., ..40].Contiguous(), d[.., 40].Contiguous());
        var table = Fixtures.Csv("wide", "ridge_sklearn.csv");
        var s = Linalg.Svdvals(x - x.Mean(0)).ToArray();
        double kappa = (s[0] * s[0] + 0.3) / 0.3;   // the kernel has 15 - 1 = 14 nonzero eigenvalues and zeros
        foreach (var solver in new[] { RidgeSolver.Cholesky, RidgeSolver.Svd })
        {
            var m = new Ridge<double>(0.3, solver: solver).Fit(x, y);
            double diff = Fixtures.MaxDiff(table[0, 2..].Contiguous(), m.Coefficients);
            Assert.True(diff <= 1000 * Fixtures.Eps * kappa * Fixtures.MaxAbs(m.Coefficients), $"{solver}: {diff:E2}");
            Assert.True(Math.Abs(m.Intercept - table[0, 1]) <= 1e-12, $"{solver}: intercept {m.Intercept:R}");
        }
    }

    [Fact]
    public void Auto_falls_back_to_the_svd_when_the_gram_matrix_is_singular()
    {
        // A constant column is exactly zero after centring: with alpha = 0, X^T X has a zero row and column.
        var x = NDArray.FromArray(new double[,] { { 1, 5 }, { 2, 5 }, { 4, 5 }, { 7, 5 } });
        var y = NDArray.FromArray(new double[] { 1, 2, 4, 7.5 });
        var auto = new Ridge<double>(0, solver: RidgeSolver.Auto).Fit(x, y);
        Assert.Equal(RidgeSolver.Svd, auto.SolverUsed);
        Assert.Equal(0.0, auto.Coefficients[1]);   // minimum norm: no weight on the dead column
        var ols = new LinearRegression<double>().Fit(x[.., ..1], y);
        Assert.Equal(ols.Coefficients[0], auto.Coefficients[0], 1e-14);
        Assert.Throws<NotPositiveDefiniteException>(() => new Ridge<double>(0, solver: RidgeSolver.Cholesky).Fit(x, y));
        Assert.Equal(RidgeSolver.Cholesky, new Ridge<double>(0.1).Fit(x, y).SolverUsed);
    }

    [Fact]
    public void Errors()
    {
        var (x, y) = Fixtures.Diabetes();
        var nan = x.Copy(); nan[0, 0] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new Ridge<double>().Fit(nan, y));
        var ynan = y.Copy(); ynan[5] = double.PositiveInfinity;
        Assert.Throws<NonFiniteException>(() => new Ridge<double>().Fit(x, ynan));
        Assert.Throws<ShapeMismatchException>(() => new Ridge<double>().Fit(x, y[..100]));
        Assert.Throws<ShapeMismatchException>(() => new Ridge<double>().Fit(x, y.Reshape(-1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge<double>(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge<double>(double.NaN));
        var unfitted = new Ridge<double>();
        Assert.Throws<NotFittedException>(() => unfitted.Predict(x));
        Assert.Throws<NotFittedException>(() => unfitted.Coefficients);
        Assert.Throws<NotFittedException>(() => unfitted.Intercept);
        var m = new Ridge<double>().Fit(x, y);
        Assert.Throws<ShapeMismatchException>(() => m.Predict(x[.., ..9]));
        Assert.Throws<ShapeMismatchException>(() => m.Score(x, y[..10]));
    }
}
