using Linea.TestKit;
using Linea.Tests.IO;

namespace Linea.Tests.OutOfCore;

/// <summary>
/// Streaming TSQR least squares against the in-memory Linea.Linalg.Lstsq of the same data, over .npy and CSV files with
/// small blocks; R against the definition R^T R = A^T A; rank deficiency, and every bad input named.
/// </summary>
public sealed class OutOfCoreLstsqTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-ooc-lstsq-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static (NDArray<double> X, NDArray<double> Y) Problem(int n, int p, ulong seed)
    {
        var x = Generators.Normal<double>([n, p], seed) + 3.0;   // an offset column mean, as real data has
        var w = NDArray.Arange(1.0, p + 1.0, 1.0);
        var y = x.MatMul(w) + Generators.Normal<double>([n], seed + 1) * 0.1;
        return (x, y);
    }

    /// <summary>Backward-stable QR on both sides: solutions agree to c p eps cond(X) relative.</summary>
    private static void AssertSameSolution(NDArray<double> expected, NDArray<double> actual, NDArray<double> x)
    {
        double cond = Linea.Linalg.Cond(x);
        double scale = Math.Abs(expected.Max()) + Math.Abs(expected.Min());
        double bound = 100 * x.Shape[1] * NumAssert.Eps<double>() * cond * scale;
        double diff = NDArray.Abs(expected - actual).Max();
        Assert.True(diff <= bound, $"solutions differ by {diff:E3} > {bound:E3}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(997)]     // 20000 = 20 * 997 + 60: a short last block
    [InlineData(4096)]
    [InlineData(100000)]  // a block larger than the file
    public void NpyFileSolutionEqualsInMemoryLstsq(int blockRows)
    {
        var (x, y) = Problem(blockRows == 1 ? 400 : 20000, 12, 11);   // 1.9 MB of X
        Npy.Save(PathOf("x.npy"), x);
        Npy.Save(PathOf("y.npy"), y);
        var fit = Linea.OutOfCore.Lstsq(RowBlocks.Npy<double>(PathOf("x.npy")), RowBlocks.Npy<double>(PathOf("y.npy")), blockRows: blockRows);
        var reference = Linea.Linalg.Lstsq(x, y);
        AssertSameSolution(reference.Solution, fit.Solution, x);
        Assert.Equal(12, fit.Rank);
        Assert.False(fit.RankDeficient);
        Assert.Equal(x.Shape[0], fit.Rows);
        var residual = y - x.MatMul(reference.Solution);
        double rss = (residual * residual).Sum();
        Assert.True(Math.Abs(fit.ResidualSumOfSquares[0] - rss) <= 1e-10 * rss, $"rss {fit.ResidualSumOfSquares[0]} vs {rss}");
    }

    [Fact]
    public void RIsTheTriangularFactorOfTheStackedColumns()
    {
        var (x, y) = Problem(500, 4, 12);
        var (r, rows) = Linea.OutOfCore.QrR(RowBlocks.FromTensor(x), RowBlocks.FromTensor(y.Reshape(500, 1)), prependOnes: true, blockRows: 33);
        Assert.Equal(500, rows);
        var a = NDArray.Concatenate([NDArray.Ones<double>(500, 1), x, y.Reshape(500, 1)], 1);
        var gram = a.T.MatMul(a);
        double err = NDArray.Abs(r.T.MatMul(r) - gram).Max() / NDArray.Abs(gram).Max();
        Assert.True(err <= 50 * 6 * NumAssert.Eps<double>(), $"||R^T R - A^T A|| / ||A^T A|| = {err:E3}");
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < i; j++) Assert.Equal(0.0, r[i, j]);
    }

    [Fact]
    public void FortranOrderAndCsvFilesGiveTheSameFit()
    {
        var (x, y) = Problem(800, 5, 13);
        RowBlockReadersTests.WriteFortranNpy(PathOf("xf.npy"), x);
        Csv.Write(PathOf("y.csv"), y.Reshape(800, 1), header: ["y"]);
        var fit = Linea.OutOfCore.Lstsq(RowBlocks.Npy<double>(PathOf("xf.npy")), RowBlocks.Csv<double>(PathOf("y.csv"), hasHeader: true), blockRows: 64);
        AssertSameSolution(Linea.Linalg.Lstsq(x, y).Solution, fit.Solution, x);
    }

    [Fact]
    public void SeveralTargetColumnsAreSolvedTogether()
    {
        var (x, y) = Problem(300, 3, 14);
        var ys = NDArray.Concatenate([y.Reshape(300, 1), (y * 2.0 - 1.0).Reshape(300, 1)], 1);
        var fit = Linea.OutOfCore.Lstsq(RowBlocks.FromTensor(x), RowBlocks.FromTensor(ys), blockRows: 50);
        Assert.Equal(new Shape([3, 2]), fit.Solution.Shape);
        AssertSameSolution(Linea.Linalg.Lstsq(x, ys).Solution, fit.Solution, x);
    }

    [Fact]
    public void RankDeficientXGivesTheMinimumNormSolutionLikeLstsq()
    {
        var x = MatrixGenerators.RankDeficient<double>(400, 6, 4, 15);
        var y = Generators.Normal<double>([400], 16);
        var fit = Linea.OutOfCore.Lstsq(RowBlocks.FromTensor(x), RowBlocks.FromTensor(y.Reshape(400, 1)), blockRows: 37);
        var reference = Linea.Linalg.Lstsq(x, y);
        Assert.Equal(4, fit.Rank);
        Assert.Equal(reference.Rank, fit.Rank);
        Assert.True(fit.RankDeficient);
        double diff = NDArray.Abs(reference.Solution - fit.Solution).Max();
        Assert.True(diff <= 1e3 * NumAssert.Eps<double>() * NDArray.Abs(reference.Solution).Max() * 400, $"minimum-norm solutions differ by {diff:E3}");
    }

    [Theory]
    [InlineData(560)]    // squares overflow: the reflectors take norms of scaled columns
    [InlineData(-560)]   // squares underflow to zero
    public void ExtremelyScaledColumnsGiveTheScaledSolution(int exponent)
    {
        var (x, y) = Problem(300, 3, 18);
        double s = Math.ScaleB(1.0, exponent);   // a power of two: scaling is exact
        var plain = Linea.OutOfCore.Lstsq(RowBlocks.FromTensor(x), RowBlocks.FromTensor(y.Reshape(300, 1)), blockRows: 64);
        var scaled = Linea.OutOfCore.Lstsq(RowBlocks.FromTensor(x * s), RowBlocks.FromTensor(y.Reshape(300, 1)), blockRows: 64);
        Assert.Equal(3, scaled.Rank);
        AssertSameSolution(plain.Solution, scaled.Solution * s, x);
    }

    [Fact]
    public void FloatDataAreSolvedInFloatToFloatPrecision()
    {
        var (x, y) = Problem(2000, 5, 19);
        var xf = MatrixGenerators.Cast<float>(x);
        var yf = MatrixGenerators.Cast<float>(y);
        var progress = new List<RowBlockProgress>();
        var fit = Linea.OutOfCore.Lstsq(RowBlocks.FromTensor(xf), RowBlocks.FromTensor(yf.Reshape(2000, 1)), blockRows: 300, progress: new SyncProgress(progress));
        var reference = Linea.Linalg.Lstsq(Widen(xf), Widen(yf)).Solution;   // the float data, solved in double
        double bound = 100 * 5 * NumAssert.Eps<float>() * Linea.Linalg.Cond(x) * NDArray.Abs(reference).Max();
        for (int j = 0; j < 5; j++) Assert.True(Math.Abs(fit.Solution[j] - reference[j]) <= bound, $"w[{j}] = {fit.Solution[j]} vs {reference[j]}");
        Assert.Equal([300L, 600, 900, 1200, 1500, 1800, 2000], progress.Select(p => p.RowsRead));
    }

    private static NDArray<double> Widen(NDArray<float> t) => NDArray.Wrap(t.ToArray().Select(v => (double)v).ToArray(), t.Shape.AsSpan().ToArray());

    private sealed class SyncProgress(List<RowBlockProgress> into) : IProgress<RowBlockProgress>
    {
        public void Report(RowBlockProgress value) => into.Add(value);
    }

    [Fact]
    public void BadInputsAreNamed()
    {
        var (x, y) = Problem(50, 2, 17);
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Linea.OutOfCore.Lstsq(RowBlocks.FromTensor(x), RowBlocks.FromTensor(y[..40].Reshape(40, 1))));
        Assert.Contains("50 rows", e.Message);
        Csv.Write(PathOf("short.csv"), y[..40]);
        e = Assert.Throws<ShapeMismatchException>(() =>
            Linea.OutOfCore.Lstsq(RowBlocks.FromTensor(x), RowBlocks.Csv<double>(PathOf("short.csv")), blockRows: 8));
        Assert.Contains("y ended after 40 rows", e.Message);
        var bad = x.Copy();
        bad[23, 1] = double.NaN;
        var nan = Assert.Throws<NonFiniteException>(() => Linea.OutOfCore.Lstsq(RowBlocks.FromTensor(bad), RowBlocks.FromTensor(y.Reshape(50, 1)), blockRows: 10));
        Assert.Contains("row 23, column 1", nan.Message);
        Assert.Contains("X holds NaN", nan.Message);
        var yInf = y.Copy();
        yInf[49] = double.PositiveInfinity;
        nan = Assert.Throws<NonFiniteException>(() => Linea.OutOfCore.Lstsq(RowBlocks.FromTensor(x), RowBlocks.FromTensor(yInf.Reshape(50, 1))));
        Assert.Contains("y holds", nan.Message);
        Assert.Contains("row 49", nan.Message);
        Assert.Throws<ArgumentException>(() => Linea.OutOfCore.Lstsq(RowBlocks.FromTensor(NDArray.Zeros<double>(0, 2)), RowBlocks.FromTensor(NDArray.Zeros<double>(0, 1))));
        Assert.Throws<FileNotFoundException>(() => Linea.OutOfCore.Lstsq(RowBlocks.Npy<double>(PathOf("none.npy")), RowBlocks.FromTensor(y.Reshape(50, 1))));
    }
}
