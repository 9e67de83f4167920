namespace Linea.ML.Tests.Regression;

/// <summary>
/// LinearRegression and Ridge fitted from row-block sources (files read a few rows at a time) against hand-derived
/// values, scikit-learn's Diabetes fits and the in-memory fits of the same data.
/// </summary>
public sealed class OutOfCoreRegressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-ooc-regression-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IRowBlockSource<double> Rows(NDArray<double> t) => RowBlocks.FromTensor(t.Rank == 1 ? t.Reshape(t.Shape[0], 1) : t);

    private (IRowBlockSource<double> X, IRowBlockSource<double> Y) Files(NDArray<double> x, NDArray<double> y)
    {
        string xp = Path.Combine(_dir, "x.npy"), yp = Path.Combine(_dir, "y.npy");
        Npy.Save(xp, x);
        Npy.Save(yp, y);
        return (RowBlocks.Npy<double>(xp), RowBlocks.Npy<double>(yp));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100)]
    public void Hand_example_line_fit_and_statistics(int blockRows)
    {
        // As LinearRegressionTests: slope 1.9, intercept 0, RSS 0.7, SE(w) = sqrt(0.35 / 5), SE(b) = sqrt(0.35 (1/4 + 2.5^2 / 5)).
        var x = NDArray.FromArray(new double[,] { { 1 }, { 2 }, { 3 }, { 4 } });
        var y = NDArray.FromArray(new double[] { 2, 4, 5, 8 });
        var (xs, ys) = Files(x, y);
        var m = new LinearRegression<double>().Fit(xs, ys, blockRows);
        Assert.Equal(1.9, m.Coefficients[0], 1e-14);
        Assert.Equal(0.0, m.Intercept, 1e-14);
        Assert.Equal(0.7, m.ResidualSumOfSquares, 1e-14);
        Assert.Equal(Math.Sqrt(0.35 / 5), m.StandardErrors[0], 1e-14);
        Assert.Equal(Math.Sqrt(0.35 * (0.25 + 6.25 / 5)), m.InterceptStandardError, 1e-14);
        Assert.Equal(1 - 0.7 / 18.75, m.RSquared, 1e-14);
        Assert.Equal(2, m.DegreesOfFreedom);
        Assert.Null(m.Warning);
        var m0 = new LinearRegression<double>(fitIntercept: false).Fit(xs, ys, blockRows);
        Assert.Equal(1.9, m0.Coefficients[0], 1e-14);
        Assert.Equal(1 - 0.7 / 109, m0.RSquared, 1e-14);
    }

    [Theory]
    [InlineData(true, 7)]      // 442 = 63 * 7 + 1: a last block of one row
    [InlineData(false, 50)]
    [InlineData(true, 1000)]   // one block larger than the file
    public void Diabetes_from_files_equals_the_in_memory_fit(bool intercept, int blockRows)
    {
        var (x, y) = Fixtures.Diabetes();
        var (xs, ys) = Files(x, y);
        var streamed = new LinearRegression<double>(intercept).Fit(xs, ys, blockRows);
        var memory = new LinearRegression<double>(intercept).Fit(x, y);
        var xc = intercept ? x - x.Mean(0) : x;
        var s = Linalg.Svdvals(xc).ToArray();
        // Both are backward-stable QR solutions: they agree to a modest multiple of p eps cond(X) |w|.
        double bound = 100 * 10 * Fixtures.Eps * (s[0] / s[^1]) * Fixtures.MaxAbs(memory.Coefficients);
        double diff = Fixtures.MaxDiff(memory.Coefficients, streamed.Coefficients);
        Assert.True(diff <= bound, $"|w - in-memory w| = {diff:E2} > {bound:E2}");
        Assert.True(Math.Abs(memory.Intercept - streamed.Intercept) <= bound * 10, $"intercept {streamed.Intercept:R} vs {memory.Intercept:R}");
        Assert.Equal(memory.ResidualSumOfSquares, streamed.ResidualSumOfSquares, 1e-9 * memory.ResidualSumOfSquares);
        Assert.Equal(memory.RSquared, streamed.RSquared, 1e-12);
        Assert.Equal(memory.Rank, streamed.Rank);
        Assert.Equal(memory.DegreesOfFreedom, streamed.DegreesOfFreedom);
        Assert.True(Fixtures.MaxDiff(memory.StandardErrors, streamed.StandardErrors) <= 1e-9 * Fixtures.MaxAbs(memory.StandardErrors));
        Assert.Equal(memory.InterceptStandardError, streamed.InterceptStandardError, 1e-9 * Math.Max(1, memory.InterceptStandardError));
    }

    [Fact]
    public void Rank_deficient_X_gives_the_minimum_norm_fit_and_says_so()
    {
        // The third column is the sum of the first two: rank 2 of 3 after centring.
        var rng = new Random(3);
        var x = NDArray.Zeros<double>(60, 3);
        var y = NDArray.Zeros<double>(60);
        for (int i = 0; i < 60; i++)
        {
            x[i, 0] = rng.NextDouble();
            x[i, 1] = rng.NextDouble();
            x[i, 2] = x[i, 0] + x[i, 1];
            y[i] = 1 + 2 * x[i, 0] - x[i, 1] + 0.01 * rng.NextDouble();
        }
        var streamed = new LinearRegression<double>().Fit(Rows(x), Rows(y), 8);
        var memory = new LinearRegression<double>().Fit(x, y);
        Assert.Equal(2, streamed.Rank);
        Assert.Contains("rank 2 < 3", streamed.Warning);
        Assert.True(double.IsNaN(streamed.StandardErrors[0]));
        Assert.True(Fixtures.MaxDiff(memory.Coefficients, streamed.Coefficients) <= 1e-10, $"{streamed.Coefficients} vs {memory.Coefficients}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Ridge_hand_example(int blockRows)
    {
        // One feature with intercept: w = xc.yc / (xc.xc + alpha) = 1 / 3, b = 2 - 2 w = 4 / 3; without: w = 13 / 15.
        var x = NDArray.FromArray(new double[,] { { 1 }, { 2 }, { 3 } });
        var y = NDArray.FromArray(new double[] { 1, 3, 2 });
        var m = new Ridge<double>(1.0).Fit(Rows(x), Rows(y), blockRows);
        Assert.Equal(1.0 / 3, m.Coefficients[0], 1e-15);
        Assert.Equal(4.0 / 3, m.Intercept, 1e-15);
        Assert.Equal(RidgeSolver.Qr, m.SolverUsed);
        var m0 = new Ridge<double>(1.0, fitIntercept: false).Fit(Rows(x), Rows(y), blockRows);
        Assert.Equal(13.0 / 15, m0.Coefficients[0], 1e-15);
        Assert.Equal(0.0, m0.Intercept);
    }

    public static TheoryData<int> DiabetesRows => new(Enumerable.Range(0, 5));

    [Theory, MemberData(nameof(DiabetesRows))]
    public void Ridge_on_Diabetes_from_files_matches_scikit_learn(int row)
    {
        var (x, y) = Fixtures.Diabetes();
        var table = Fixtures.Csv("diabetes", "ridge_sklearn.csv");
        double alpha = table[row, 0];
        bool intercept = table[row, 1] == 1;
        var expected = table[row, 3..].Contiguous();
        var (xs, ys) = Files(x, y);
        var m = new Ridge<double>(alpha, intercept).Fit(xs, ys, blockRows: 29);
        // QR of [R; sqrt(alpha) I] is backward stable: the error is bounded by the augmented matrix's condition
        // sqrt((s1^2 + alpha) / (sp^2 + alpha)) times a modest multiple of p eps.
        var xc = intercept ? x - x.Mean(0) : x;
        var s = Linalg.Svdvals(xc).ToArray();
        double kappa = (s[0] * s[0] + alpha) / (s[^1] * s[^1] + alpha);
        double bound = 100 * 10 * Fixtures.Eps * kappa * Fixtures.MaxAbs(expected);
        double diff = Fixtures.MaxDiff(expected, m.Coefficients);
        Assert.True(diff <= bound, $"alpha {alpha}: |w - sklearn| = {diff:E2} > {bound:E2}");
        Assert.True(Math.Abs(m.Intercept - table[row, 2]) <= bound * 10, $"intercept {m.Intercept:R} vs {table[row, 2]:R}");
    }

    [Fact]
    public void Bad_inputs_are_named()
    {
        var (x, y) = Fixtures.Diabetes();
        var two = NDArray.Concatenate([y.Reshape(-1, 1), y.Reshape(-1, 1)], 1);
        Assert.Contains("one column", Assert.Throws<ShapeMismatchException>(() => new LinearRegression<double>().Fit(Rows(x), Rows(two))).Message);
        Assert.Contains("rows", Assert.Throws<ShapeMismatchException>(() => new Ridge<double>().Fit(Rows(x), Rows(y[..100]))).Message);
        var bad = x.Copy();
        bad[300, 4] = double.NaN;
        var e = Assert.Throws<NonFiniteException>(() => new LinearRegression<double>().Fit(Rows(bad), Rows(y), 64));
        Assert.Contains("row 300, column 4", e.Message);
        Assert.Throws<ArgumentException>(() => new Ridge<double>().Fit(Rows(NDArray.Zeros<double>(0, 3)), Rows(NDArray.Zeros<double>(0))));
        Assert.Throws<FileNotFoundException>(() => new LinearRegression<double>().Fit(RowBlocks.Npy<double>(Path.Combine(_dir, "none.npy")), Rows(y)));
    }
}
