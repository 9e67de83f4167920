using Linea.ML.Tests.Workflow;

namespace Linea.ML.Tests.Preprocessing;

public class PreprocessingTests
{
    // Means and variances of 150 values of size < 10: rounding of order n eps |x|; 1e-13 covers both implementations.
    private const double Tol = 1e-13;

    [Fact]
    public void StandardScaler_matches_scikit_learn_on_iris()
    {
        var (x, _) = WorkflowFixture.Iris();
        var f = WorkflowFixture.Get("standard_scaler");
        var s = new StandardScaler<double>().Fit(x);
        Assert.True(Fixtures.MaxDiff(NDArray.FromArray(WorkflowFixture.Vector(f.GetProperty("mean"))), s.Mean) <= Tol);
        Assert.True(Fixtures.MaxDiff(NDArray.FromArray(WorkflowFixture.Vector(f.GetProperty("var"))), s.Var) <= Tol);
        Assert.True(Fixtures.MaxDiff(NDArray.FromArray(WorkflowFixture.Vector(f.GetProperty("scale"))), s.Scale) <= Tol);
        Assert.True(Fixtures.MaxDiff(WorkflowFixture.Matrix(f.GetProperty("transform_head")), s.Transform(x[..5, ..])) <= 10 * Tol);
        var z = s.Transform(x);
        Assert.True(Fixtures.MaxAbs(z.Mean(0)) <= Tol);
        Assert.True(Fixtures.MaxAbs((z * z).Mean(0) - 1.0) <= Tol);
        Assert.True(Fixtures.MaxDiff(x, s.InverseTransform(z)) <= Tol);
        // A constant column gets scale 1 and maps to 0, as scikit-learn.
        var xc = NDArray.Stack([x[..10, 0], NDArray.Full([10], 3.25)], 1);
        var sc = new StandardScaler<double>().Fit(xc);
        Assert.Equal(WorkflowFixture.Vector(f.GetProperty("constant_scale"))[1], sc.Scale[1]);
        Assert.True(Fixtures.MaxDiff(WorkflowFixture.Matrix(f.GetProperty("constant_transform")), sc.Transform(xc)) <= 10 * Tol);
    }

    [Fact]
    public void MinMaxScaler_matches_scikit_learn_on_iris()
    {
        var (x, _) = WorkflowFixture.Iris();
        var f = WorkflowFixture.Get("minmax_scaler");
        var s = new MinMaxScaler<double>(-1, 2).Fit(x);
        Assert.Equal(WorkflowFixture.Vector(f.GetProperty("data_min")), s.DataMin.ToArray());
        Assert.Equal(WorkflowFixture.Vector(f.GetProperty("data_max")), s.DataMax.ToArray());
        Assert.True(Fixtures.MaxDiff(NDArray.FromArray(WorkflowFixture.Vector(f.GetProperty("scale"))), s.Scale) <= Tol);
        Assert.True(Fixtures.MaxDiff(NDArray.FromArray(WorkflowFixture.Vector(f.GetProperty("min"))), s.Min) <= Tol);
        var z = s.Transform(x);
        Assert.True(Fixtures.MaxDiff(WorkflowFixture.Matrix(f.GetProperty("transform_head")), z[..5, ..]) <= Tol);
        Assert.True(Math.Abs(z.Min() + 1) <= Tol && Math.Abs(z.Max() - 2) <= Tol);
        Assert.True(Fixtures.MaxDiff(x, s.InverseTransform(z)) <= Tol);
        var clipped = new MinMaxScaler<double>(clip: true).Fit(x).Transform(x * 2.0);
        Assert.Equal(1.0, clipped.Max());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinMaxScaler<double>(1, 1));
    }

    [Fact]
    public void OneHotEncoder_matches_scikit_learn()
    {
        var f = WorkflowFixture.Get("onehot");
        var x = WorkflowFixture.Matrix(f.GetProperty("x"));
        var enc = new OneHotEncoder<double>(HandleUnknown.Ignore).Fit(x);
        var cats = f.GetProperty("categories").EnumerateArray().Select(WorkflowFixture.Vector).ToArray();
        Assert.Equal(cats.Length, enc.Categories.Count);
        for (int j = 0; j < cats.Length; j++) Assert.Equal(cats[j], enc.Categories[j].ToArray());
        Assert.Equal(WorkflowFixture.Matrix(f.GetProperty("transform")).ToArray(), enc.Transform(x).ToArray());
        var xn = WorkflowFixture.Matrix(f.GetProperty("x_new"));
        Assert.Equal(WorkflowFixture.Matrix(f.GetProperty("transform_new_ignore")).ToArray(), enc.Transform(xn).ToArray());
        var strict = new OneHotEncoder<double>().Fit(x);
        var e = Assert.Throws<ArgumentException>(() => strict.Transform(xn));
        Assert.Contains("column 0", e.Message);
    }

    [Fact]
    public void OneHotEncoder_column_subset_passes_the_rest_through()
    {
        var x = NDArray.FromArray(new double[,] { { 5.5, 1, 10 }, { 6.5, 0, 20 }, { 7.5, 1, 10 } });
        var enc = new OneHotEncoder<double>(columns: [2, 1]).Fit(x);
        // Column 2 -> {10, 20}, column 1 -> {0, 1}, then column 0 unchanged.
        var expected = new double[,] { { 1, 0, 0, 1, 5.5 }, { 0, 1, 1, 0, 6.5 }, { 1, 0, 0, 1, 7.5 } };
        Assert.Equal(NDArray.FromArray(expected).ToArray(), enc.Transform(x).ToArray());
        Assert.Equal(5, enc.NOutputFeatures);
        Assert.Throws<ArgumentException>(() => new OneHotEncoder<double>(columns: [3]).Fit(x));
        Assert.Throws<ArgumentException>(() => new OneHotEncoder<double>(columns: [1, 1]));
    }

    [Fact]
    public void Transformers_reject_bad_input()
    {
        var x = NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.Throws<NotFittedException>(() => new StandardScaler<double>().Transform(x));
        Assert.Throws<ShapeMismatchException>(() => new StandardScaler<double>().Fit(x).Transform(NDArray.Zeros<double>(2, 3)));
        Assert.Throws<NonFiniteException>(() => new MinMaxScaler<double>().Fit(NDArray.Full([2, 2], double.PositiveInfinity)));
        Assert.Throws<ShapeMismatchException>(() => new OneHotEncoder<double>().Fit(NDArray.Zeros<double>(3)));
    }
}
