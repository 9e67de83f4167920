namespace Linea.ML.Tests.Regression;

public class LinearRegressionTests
{
    [Fact]
    public void Hand_example_line_fit_and_statistics()
    {
        // x = 1..4, y = 2, 4, 5, 8: slope Sxy / Sxx = 9.5 / 5 = 1.9, b = 4.75 - 1.9 * 2.5 = 0 ... computed by hand:
        // xbar = 2.5, ybar = 4.75, Sxx = 5, Sxy = (-1.5)(-2.75) + (-0.5)(-0.75) + (0.5)(0.25) + (1.5)(3.25) = 9.5.
        // Residuals y - (1.9 x - 0): 0.1, 0.2, -0.7, 0.4; RSS = 0.7; s^2 = 0.35; SE(w) = sqrt(0.35 / 5);
        // SE(b) = sqrt(0.35 (1/4 + 2.5^2 / 5)); TSS = 18.75, R^2 = 1 - 0.7 / 18.75.
        var x = NDArray.FromArray(new double[,] { { 1 }, { 2 }, { 3 }, { 4 } });
        var y = NDArray.FromArray(new double[] { 2, 4, 5, 8 });
        var m = new LinearRegression<double>().Fit(x, y);
        Assert.Equal(1.9, m.Coefficients[0], 1e-14);
        Assert.Equal(0.0, m.Intercept, 1e-14);
        Assert.Equal(0.7, m.ResidualSumOfSquares, 1e-14);
        Assert.Equal(Math.Sqrt(0.35), m.ResidualStandardDeviation, 1e-14);
        Assert.Equal(Math.Sqrt(0.35 / 5), m.StandardErrors[0], 1e-14);
        Assert.Equal(Math.Sqrt(0.35 * (0.25 + 6.25 / 5)), m.InterceptStandardError, 1e-14);
        Assert.Equal(1 - 0.7 / 18.75, m.RSquared, 1e-14);
        Assert.Equal(m.RSquared, m.Score(x, y), 1e-14);
        Assert.Equal(2, m.DegreesOfFreedom);
        NumAssert.Close([1.9 * 5, 1.9 * 6], m.Predict(NDArray.FromArray(new double[,] { { 5 }, { 6 } })).ToArray(), 8);
        Assert.Null(m.Warning);
    }

    [Fact]
    public void Without_intercept_r_squared_is_uncentred_but_score_is_centred()
    {
        // Through the origin: w = x.y / x.x = (2 + 8 + 15 + 32) / 30 = 1.9; RSS = y.y - w x.y = 109 - 1.9 * 57 = 0.7.
        var x = NDArray.FromArray(new double[,] { { 1 }, { 2 }, { 3 }, { 4 } });
        var y = NDArray.FromArray(new double[] { 2, 4, 5, 8 });
        var m = new LinearRegression<double>(fitIntercept: false).Fit(x, y);
        Assert.Equal(1.9, m.Coefficients[0], 1e-14);
        Assert.Equal(0.0, m.Intercept);
        Assert.Equal(0.0, m.InterceptStandardError);
        Assert.Equal(1 - 0.7 / 109, m.RSquared, 1e-14);
        Assert.Equal(1 - 0.7 / 18.75, m.Score(x, y), 1e-14);
        Assert.Equal(Math.Sqrt(0.7 / 3 / 30), m.StandardErrors[0], 1e-14);
    }

    [Fact]
    public void Rank_deficient_design_warns_and_gives_nan_standard_errors()
    {
        var x = NDArray.FromArray(new double[,] { { 1, 2 }, { 2, 4 }, { 3, 6 }, { 4, 8.0 } });
        var y = NDArray.FromArray(new double[] { 1, 2, 3, 4.5 });
        var m = new LinearRegression<double>().Fit(x, y);
        Assert.Equal(1, m.Rank);
        Assert.NotNull(m.Warning);
        Assert.Contains("rank 1 < 2", m.Warning);
        Assert.True(double.IsNaN(m.StandardErrors[0]) && double.IsNaN(m.InterceptStandardError));
        // Minimum norm: w is along (1, 2), so w2 = 2 w1, and predictions equal the one-feature fit's.
        Assert.Equal(2 * m.Coefficients[0], m.Coefficients[1], 1e-13);
        var single = new LinearRegression<double>().Fit(x[.., ..1], y);
        NumAssert.Close(single.Predict(x[.., ..1]).ToArray(), m.Predict(x).ToArray(), 64);
    }

    [Fact]
    public void Too_few_samples_leave_no_degrees_of_freedom()
    {
        var x = NDArray.FromArray(new double[,] { { 1 }, { 3 } });
        var m = new LinearRegression<double>().Fit(x, NDArray.FromArray(new double[] { 1, 2 }));
        Assert.Equal(0.5, m.Coefficients[0], 1e-15);
        Assert.True(double.IsNaN(m.ResidualStandardDeviation));
        Assert.NotNull(m.Warning);
    }

    [Fact]
    public void Float_model_fits_the_hand_example()
    {
        var x = NDArray.FromArray(new float[,] { { 1 }, { 2 }, { 3 }, { 4 } });
        var m = new LinearRegression<float>().Fit(x, NDArray.FromArray(new float[] { 2, 4, 5, 8 }));
        Assert.Equal(1.9f, m.Coefficients[0], 1e-5f);
        Assert.Equal(MathF.Sqrt(0.35f / 5), m.StandardErrors[0], 1e-5f);
    }

    [Fact]
    public void Errors()
    {
        var x = NDArray.FromArray(new double[,] { { 1, 2 }, { 2, 1 }, { 3, 5 }, { 4, 4 } });
        var y = NDArray.FromArray(new double[] { 1, 2, 3, 4 });
        var nan = x.Copy(); nan[2, 1] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new LinearRegression<double>().Fit(nan, y));
        var ynan = y.Copy(); ynan[0] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new LinearRegression<double>().Fit(x, ynan));
        var mismatch = Assert.Throws<ShapeMismatchException>(() => new LinearRegression<double>().Fit(x, y[..3]));
        Assert.Contains("4 samples", mismatch.Message);
        Assert.Throws<ShapeMismatchException>(() => new LinearRegression<double>().Fit(y, y));
        Assert.Throws<ArgumentException>(() => new LinearRegression<double>().Fit(NDArray.Zeros<double>(0, 2), NDArray.Zeros<double>(0)));
        var unfitted = new LinearRegression<double>();
        Assert.Throws<NotFittedException>(() => unfitted.Predict(x));
        Assert.Throws<NotFittedException>(() => unfitted.StandardErrors);
        Assert.Throws<NotFittedException>(() => unfitted.Score(x, y));
        var m = new LinearRegression<double>().Fit(x, y);
        var wrong = Assert.Throws<ShapeMismatchException>(() => m.Predict(NDArray.Zeros<double>(2, 3)));
        Assert.Contains("fitted on 2", wrong.Message);
        Assert.Throws<NonFiniteException>(() => m.Predict(nan));
    }

    /// <summary>
    /// The well-conditioned path's refinement and residual share one n-vector: a fit of 200,000 x 5 allocates less than
    /// three n-vectors (4.8 MB; the six it took before were 9.6 MB) plus 1 MiB for the per-thread row blocks and the
    /// p x p arrays; the coefficients still solve the normal equations (X^T (y - X w - b) = 0 within n eps scale).
    /// </summary>
    [Fact]
    public void WellConditionedFitAllocatesOneResidualVector()
    {
        const int n = 200_000, p = 5;
        var rng = new Random(5);
        var xs = new double[n * p];
        var ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = 1.5;
            for (int j = 0; j < p; j++) { xs[i * p + j] = rng.NextDouble() - 0.5; t += (j + 1) * xs[i * p + j]; }
            ys[i] = t + 0.01 * (rng.NextDouble() - 0.5);
        }
        var x = NDArray.FromArray(xs, n, p);
        var y = NDArray.FromArray(ys, n);
        var model = new LinearRegression<double>().Fit(x, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        model = new LinearRegression<double>().Fit(x, y);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(bytes < 3L * 8 * n + (1 << 20), $"LinearRegression.Fit allocated {bytes} bytes");
        var r = y - (x.MatMul(model.Coefficients) + model.Intercept);
        var g = r.MatMul(x);
        for (int j = 0; j < p; j++) Assert.True(Math.Abs(g[j]) <= 1e-13 * n, $"X^T r [{j}] = {g[j]}");
        Assert.True(Math.Abs(r.Sum()) <= 1e-13 * n, $"sum r = {r.Sum()}");
    }
}
