using Xunit.Abstractions;

namespace Linea.ML.Tests.Regression;

public class LassoTests(ITestOutputHelper output)
{
    private static readonly (NDArray<double> X, NDArray<double> Y) Data = Fixtures.Diabetes();
    private static readonly NDArray<double> Table = Fixtures.Csv("diabetes", "lasso_sklearn.csv");
    // sigma_min of the centred design: the quadratic part of the objective is sigma_min^2-strongly convex, so an
    // objective within gap of the optimum puts w within sqrt(2 gap) / sigma_min of it.
    private static readonly double SigmaMin = Linalg.Svdvals(Data.X - Data.X.Mean(0)).ToArray()[^1];

    private static double DistanceBound(double gap) => Math.Sqrt(2 * Math.Max(gap, 0)) / SigmaMin;

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Converged_fit_is_the_optimum_scikit_learn_finds(double alpha)
    {
        int row = Enumerable.Range(0, (int)Table.Shape[0]).Single(i => Table[i, 0] == alpha && Table[i, 1] == 1e-12);
        var expected = Table[row, 6..].Contiguous();
        var m = new Lasso<double>(alpha, maxIter: 100000, tol: 1e-12).Fit(Data.X, Data.Y);
        Assert.True(m.Converged);
        Assert.Null(m.Warning);
        double n = Data.X.Shape[0];
        double bound = DistanceBound(m.DualGap) + DistanceBound(Table[row, 4] * n);
        double diff = Linalg.Norm(expected - m.Coefficients);
        output.WriteLine($"alpha {alpha}: {m.NIter} sweeps (sklearn {Table[row, 3]}), ||w - sklearn|| = {diff:E2} (bound {bound:E2})");
        Assert.True(diff <= bound, $"||w - w_sklearn|| = {diff:E3} > {bound:E3}");
        // The same algorithm with the same stopping rule: the iterates agree far closer than the gap bound.
        Assert.True(diff <= 1e-6 * Linalg.Norm(expected), $"||w - w_sklearn|| = {diff:E3}");
        Assert.True(Math.Abs(m.Intercept - Table[row, 5]) <= bound * Fixtures.MaxAbs(Data.X.Mean(0)) * 10 + 1e-9);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Default_tolerance_stops_where_scikit_learn_stops(double alpha)
    {
        int row = Enumerable.Range(0, (int)Table.Shape[0]).Single(i => Table[i, 0] == alpha && Table[i, 1] == 1e-4);
        int optimum = Enumerable.Range(0, (int)Table.Shape[0]).Single(i => Table[i, 0] == alpha && Table[i, 1] == 1e-12);
        var m = new Lasso<double>(alpha).Fit(Data.X, Data.Y);
        Assert.True(m.Converged);
        Assert.Equal((int)Table[row, 3], m.NIter);
        double n = Data.X.Shape[0];
        Assert.Equal(Table[row, 4], m.DualGap / n, 1e-9 * Table[row, 4] + 1e-12);
        // Within the distance its gap allows from the optimum, as scikit-learn's own default-tol fit is.
        double bound = DistanceBound(m.DualGap) + DistanceBound(Table[optimum, 4] * n);
        double diff = Linalg.Norm(Table[optimum, 6..].Contiguous() - m.Coefficients);
        double diffSk = Linalg.Norm(Table[row, 6..].Contiguous() - m.Coefficients);
        output.WriteLine($"alpha {alpha}: gap {m.DualGap / n:E3}, ||w - optimum|| = {diff:E2} (bound {bound:E2}), ||w - sklearn(tol 1e-4)|| = {diffSk:E2}");
        Assert.True(diff <= bound);
        Assert.True(diffSk <= 1e-6 * Linalg.Norm(m.Coefficients), $"differs from scikit-learn's default-tol fit by {diffSk:E2}");
    }

    [Fact]
    public void Sparsity_on_diabetes_matches_scikit_learn()
    {
        int row = Enumerable.Range(0, (int)Table.Shape[0]).Single(i => Table[i, 0] == 0.5 && Table[i, 1] == 1e-12);
        var m = new Lasso<double>(0.5, tol: 1e-12, maxIter: 100000).Fit(Data.X, Data.Y);
        var w = m.Coefficients.ToArray();
        var expectedZero = Enumerable.Range(0, 10).Where(j => Table[row, 6 + j] == 0).ToArray();
        var zero = Enumerable.Range(0, 10).Where(j => w[j] == 0).ToArray();
        output.WriteLine($"alpha 0.5: zero weights at {string.Join(",", zero)}; kept {string.Join(", ", w.Where(v => v != 0).Select(v => v.ToString("F2")))}");
        Assert.Equal(expectedZero, zero);
        Assert.Equal(6, zero.Length);   // age, sex, s1, s2, s4, s6 dropped; bmi, bp, s3, s5 kept
        var ols = new LinearRegression<double>().Fit(Data.X, Data.Y).Coefficients.ToArray();
        Assert.DoesNotContain(0.0, ols);
    }

    [Fact]
    public void Orthogonal_design_gives_soft_thresholding()
    {
        // Centred orthogonal columns with ||x_j||^2 = n = 4: the minimiser is w_j = sign(z_j) max(|z_j| - alpha, 0),
        // z_j = x_j.y / n; here z = (2, 1), alpha = 1.5, so w = (0.5, 0), and b = mean(y) = 10.
        var x = NDArray.FromArray(new double[,] { { 1, 1 }, { 1, -1 }, { -1, 1 }, { -1, -1 } });
        var y = NDArray.FromArray(new double[] { 13, 11, 9, 7 });
        var m = new Lasso<double>(1.5).Fit(x, y);
        Assert.Equal(0.5, m.Coefficients[0], 1e-15);
        Assert.Equal(0.0, m.Coefficients[1]);
        Assert.Equal(10.0, m.Intercept, 1e-14);
        Assert.True(m.Converged);
        var big = new Lasso<double>(3).Fit(x, y);
        Assert.Equal([0.0, 0.0], big.Coefficients.ToArray());
        Assert.Equal(1, big.NIter);
    }

    /// <summary>
    /// Tall X (n &gt;= p) runs the covariance form (G = Xc^T Xc, no residual), other shapes the residual form; their
    /// iterates are the same in exact arithmetic, so both take the same sweeps, and each ends within sqrt(2 gap) /
    /// sigma_min of the optimum (the intercepts then within |mean(X)| times that), with the same gap up to rounding.
    /// </summary>
    [Theory]
    [InlineData(0.01, 1e-12)]
    [InlineData(0.5, 1e-4)]
    public void Covariance_and_residual_forms_agree(double alpha, double tol)
    {
        var gram = new Lasso<double>(alpha, maxIter: 100000, tol: tol).Fit(Data.X, Data.Y);
        var residual = new Lasso<double>(alpha, maxIter: 100000, tol: tol) { AllowGram = false }.Fit(Data.X, Data.Y);
        Assert.Equal(residual.NIter, gram.NIter);
        double bound = DistanceBound(gram.DualGap) + DistanceBound(residual.DualGap);
        double diff = Linalg.Norm(gram.Coefficients - residual.Coefficients);
        output.WriteLine($"alpha {alpha}: {gram.NIter} sweeps, ||w_gram - w_residual|| = {diff:E2} (bound {bound:E2})");
        Assert.True(diff <= bound);
        Assert.Equal(residual.Intercept, gram.Intercept, Linalg.Norm(Data.X.Mean(0)) * bound);
        // Each form's gap sums terms as large as ||yc||^2 (r^T r, r^T yc, lambda ||w||_1), each rounded to a few (n + p) eps of that.
        var yc = Data.Y - Data.Y.Mean();
        double yy = NDArray.Dot(yc, yc);
        Assert.Equal(residual.DualGap, gram.DualGap, 10 * (Data.X.Shape[0] + Data.X.Shape[1]) * Fixtures.Eps * yy);
    }

    /// <summary>
    /// Wide X (p &gt; n: the residual form): at a converged fit the optimality conditions hold, x_j^T r / n = alpha
    /// sign(w_j) where w_j != 0 and |x_j^T r| / n &lt;= alpha where w_j = 0, to within what the gap leaves.
    /// </summary>
    [Fact]
    public void Wide_fit_meets_the_optimality_conditions()
    {
        const int n = 40, p = 120;
        const double alpha = 0.05;
        var x = NDArray.Normal([n, p], 0.0, 1.0, seed: 5);
        var y = x[.., ..5].MatMul(NDArray.FromArray(new double[] { 3, -2, 1.5, 1, -1 })) + NDArray.Normal([n], 0.0, 0.1, seed: 6);
        var m = new Lasso<double>(alpha, maxIter: 100000, tol: 1e-14).Fit(x, y);
        Assert.True(m.Converged);
        var xc = x - x.Mean(0);
        var r = (y - y.Mean()) - xc.MatMul(m.Coefficients);
        var grad = xc.T.MatMul(r).ToArray();
        var w = m.Coefficients.ToArray();
        Assert.Contains(w, v => v == 0);
        Assert.Contains(w, v => v != 0);
        for (int j = 0; j < p; j++)
        {
            double g = grad[j] / n;
            if (w[j] != 0) Assert.Equal(alpha * Math.Sign(w[j]), g, 1e-6);
            else Assert.True(Math.Abs(g) <= alpha + 1e-6, $"|x_{j}^T r| / n = {Math.Abs(g):R} > alpha");
        }
    }

    /// <summary>A constant target is fitted exactly by w = 0 and b = y: the gap is 0 and Tol * ||y - mean(y)||^2 is 0 too,
    /// which the strict "gap below tol" alone would never accept; both forms stop after one sweep, converged.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Constant_target_converges_at_once(bool allowGram)
    {
        var x = NDArray.Normal([20, 3], 0.0, 1.0, seed: 1);
        var m = new Lasso<double>(0.1) { AllowGram = allowGram }.Fit(x, NDArray.Full([20], 7.0));
        Assert.True(m.Converged);
        Assert.Null(m.Warning);
        Assert.Equal(1, m.NIter);
        Assert.Equal([0.0, 0.0, 0.0], m.Coefficients.ToArray());
        Assert.Equal(7.0, m.Intercept, 1e-14);
    }

    [Fact]
    public void Running_out_of_sweeps_is_reported()
    {
        var m = new Lasso<double>(0.01, maxIter: 2).Fit(Data.X, Data.Y);
        Assert.False(m.Converged);
        Assert.Equal(2, m.NIter);
        Assert.NotNull(m.Warning);
        Assert.Contains("did not converge in 2 sweeps", m.Warning);
    }

    [Fact]
    public void Float_fit_is_close_to_double()
    {
        var xf = NDArray.FromArray(Data.X.ToArray().Select(v => (float)v).ToArray(), Data.X.Shape.ToIntArray());
        var yf = NDArray.FromArray(Data.Y.ToArray().Select(v => (float)v).ToArray());
        var mf = new Lasso<float>(0.5, tol: 1e-6).Fit(xf, yf);
        var md = new Lasso<double>(0.5, tol: 1e-12, maxIter: 100000).Fit(Data.X, Data.Y);
        Assert.True(mf.Converged);
        var wf = mf.Coefficients.ToArray();
        var wd = md.Coefficients.ToArray();
        for (int j = 0; j < wd.Length; j++) Assert.Equal(wd[j] == 0, wf[j] == 0);
        double diff = Math.Sqrt(wd.Zip(wf, (a, b) => (a - b) * (a - b)).Sum());
        Assert.True(diff <= 1e-3 * wd.Max(Math.Abs), $"float vs double: {diff:E2}");
    }

    [Fact]
    public void Errors()
    {
        var (x, y) = Data;
        var nan = x.Copy(); nan[1, 1] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new Lasso<double>().Fit(nan, y));
        Assert.Throws<ShapeMismatchException>(() => new Lasso<double>().Fit(x, y[..10]));
        // Both forms: the covariance form on tall X (diabetes, 442 x 10) and the residual form on wide X.
        var nanY = y.Copy(); nanY[3] = double.PositiveInfinity;
        Assert.Throws<NonFiniteException>(() => new Lasso<double>().Fit(x, nanY));
        var wide = x[..5, ..].Copy(); wide[2, 4] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new Lasso<double>().Fit(wide, y[..5]));
        Assert.Throws<ShapeMismatchException>(() => new Lasso<double>().Fit(x[..5, ..], y));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso<double>(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso<double>(maxIter: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso<double>(tol: -1));
        Assert.Throws<NotFittedException>(() => new Lasso<double>().Predict(x));
        var m = new Lasso<double>().Fit(x, y);
        Assert.Throws<ShapeMismatchException>(() => m.Predict(NDArray.Zeros<double>(2, 3)));
    }
}
