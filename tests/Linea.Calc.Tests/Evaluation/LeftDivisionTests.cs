using Linea.Calc.Evaluation;
using Linea.Calc.Parsing;
using Linea.Calc.Syntax;

namespace Linea.Calc.Tests.Evaluation;

/// <summary>
/// <c>A \ b</c>, MATLAB's left division: parsing, hand-derived solutions on every path (exact, dense LU, dense
/// Cholesky, QR least squares, sparse direct, sparse QR), residuals, and the errors for shapes and singular matrices.
/// </summary>
public class LeftDivisionTests
{
    private const double Eps = 2.220446049250313e-16;

    private static void AssertClose(double[] want, NDArray<double> got, double tol)
    {
        var g = got.ToArray();
        Assert.Equal(want.Length, g.Length);
        for (int i = 0; i < want.Length; i++) Assert.True(Math.Abs(g[i] - want[i]) <= tol, $"[{i}]: {g[i]} vs {want[i]} (tol {tol})");
    }

    [Theory]
    [InlineData("A \\ b", "(A \\ b)")]
    [InlineData("A \\ b + c", "((A \\ b) + c)")]
    [InlineData("c + A \\ b", "(c + (A \\ b))")]
    [InlineData("A \\ B \\ c", "((A \\ B) \\ c)")]
    [InlineData("A * B \\ c", "((A * B) \\ c)")]
    [InlineData("A' \\ b", "((A') \\ b)")]
    [InlineData("-A \\ b", "((-A) \\ b)")]
    [InlineData("A \\ b ** 2", "(A \\ (b ** 2))")]
    public void BackslashParsesAtTheLevelOfProducts(string text, string tree) =>
        Assert.Equal(tree, AstPrinter.Print(Parser.ParseExpressionText(text)));

    [Fact]
    public void BackslashAtTheEndOfALineStillContinuesTheStatement()
    {
        Assert.Equal("3", CalcRun.Exact("x = 1 + \\\n  2\nx"));
        // a backslash before the line break continues; the operator before it stays an operator
        Assert.Equal("[4/5, 7/5]", CalcRun.Exact("A = [2 1; 1 3]\nx = A \\ \\\n  [3, 5]\nx"));
    }

    [Fact]
    public void ExactSquareSystemGivesTheExactSolution()
    {
        // 2x + y = 3, x + 3y = 5: x = 4/5, y = 7/5
        Assert.Equal("[4/5, 7/5]", CalcRun.Exact("[2 1; 1 3] \\ [3, 5]"));
        // a matrix right-hand side: A \ I is the inverse, [[3, -1], [-1, 2]] / 5
        Assert.Equal("[[3/5, -1/5], [-1/5, 2/5]]", CalcRun.Exact("[2 1; 1 3] \\ eye(2)"));
    }

    [Fact]
    public void ScalarLeftOperandDividesElementwise() => Assert.Equal("[2, 3]", CalcRun.Exact("2 \\ [4, 6]"));

    [Fact]
    public void NonsymmetricFloatSystemTakesLu()
    {
        // 2y = 4, 3x + y = 5 (zero A[0, 0]: LU must pivot): x = 1, y = 2
        AssertClose([1, 2], CalcRun.Float("[[0.0, 2], [3, 1]] \\ [4, 5]"), 4 * Eps);
    }

    [Fact]
    public void SymmetricPositiveDefiniteFloatSystemTakesCholesky()
    {
        // [[4, 2], [2, 3]] x = [2, 1]: det 8, x = [(3*2 - 2*1)/8, (4*1 - 2*2)/8] = [1/2, 0]
        AssertClose([0.5, 0], CalcRun.Float("[[4.0, 2], [2, 3]] \\ [2, 1]"), 8 * Eps);
        // symmetric with a positive diagonal but indefinite (eigenvalues 3 and -1): Cholesky fails, LU solves
        AssertClose([1, 1], CalcRun.Float("[[1.0, 2], [2, 1]] \\ [3, 3]"), 8 * Eps);
    }

    [Fact]
    public void MatrixRightHandSideSolvesEachColumn()
    {
        // A [1, 0, 1] = [4, 2, 2] and A [0, 1, 1] = [1, 4, 3]: so A \ B is [[1, 0], [0, 1], [1, 1]]
        var x = CalcRun.Float("A = [[4.0, 1, 0], [1, 3, 1], [0, 1, 2]]\nA \\ [[4, 1], [2, 4], [2, 3]]");
        Assert.Equal([3L, 2L], x.Shape.ToArray());
        AssertClose([1, 0, 0, 1, 1, 1], x, 16 * Eps);
    }

    [Fact]
    public void RandomSystemHasABackwardStableResidual()
    {
        // ||A x - b|| / (||A|| ||x|| + ||b||) <= c n eps for a backward stable solve, n = 60
        double r = CalcRun.Float("A = randn(60, 60, seed=3)\nb = randn(60, seed=4)\nx = A \\ b\nnorm(A @ x - b) / (norm(A) * norm(x) + norm(b))").Item();
        Assert.True(r <= 10 * 60 * Eps, $"backward error {r}");
    }

    [Fact]
    public void TallSystemGivesTheLeastSquaresSolution()
    {
        // fit a + b t to (0, 1), (1, 2), (2, 4): normal equations [[3, 3], [3, 5]] x = [7, 10], x = [5/6, 3/2]
        AssertClose([5.0 / 6, 1.5], CalcRun.Float("[[1, 0], [1, 1], [1, 2]] \\ [1, 2, 4]"), 16 * Eps);
        AssertClose([5.0 / 6, 1.5], CalcRun.Float("sparse([[1, 0], [1, 1], [1, 2]]) \\ [1, 2, 4]"), 16 * Eps);
    }

    [Fact]
    public void WideSystemGivesASolution()
    {
        // one equation x + y = 2: the minimum-norm solution (dense) is [1, 1]
        AssertClose([1, 1], CalcRun.Float("[[1.0, 1]] \\ [2]"), 4 * Eps);
        // sparse QR of a wide A gives the minimum-norm solution too
        AssertClose([1, 1], CalcRun.Float("sparse([[1, 1]]) \\ [2]"), 4 * Eps);
    }

    [Fact]
    public void RankDeficientLeastSquaresWarnsWithTheRank()
    {
        // three copies of x0 + x1 = 1, 2, 3: least squares x0 + x1 = 2, minimum norm [1, 1]
        var results = CalcRun.Ok("[[1.0, 1], [1, 1], [1, 1]] \\ [1, 2, 3]");
        AssertClose([1, 1], ((FloatValue)results[^1].Value!).NDArray, 16 * Eps);
        var warning = Assert.Single(results[^1].Warnings);
        Assert.Contains("rank deficient (rank 1 of 2", warning, StringComparison.Ordinal);
    }

    // a nonsymmetric 6 x 6 matrix with a zero A[0, 0], and the 2-D Poisson matrix on a 5 x 5 grid (SPD)
    private const string Nonsym = "D = [[0, 2, 0, 1, 0, 0], [3, 1, 0, 0, 0, 2], [0, 0, 4, 1, 0, 0], [1, 0, 0, 5, 2, 0], [0, 0, 1, 0, 3, 1], [0, 1, 0, 0, 1, 6]]\nS = sparse(D)\nb = [1, -2, 3, 0.5, 4, -1]\n";
    private const string Poisson2D = "T = spdiags([-ones(5), 2 * ones(5), -ones(5)], [-1, 0, 1], 5, 5)\nA = kron(speye(5), T) + kron(T, speye(5))\nb = linspace(1, 2, 25)\n";

    [Fact]
    public void SparseSquareSystemMatchesTheDenseSolve()
    {
        var want = CalcRun.Float(Nonsym + "solve(float(D), b)").ToArray();
        // cond(D) is about 10: both solves are backward stable and agree to a small multiple of n eps cond |x|
        AssertClose(want, CalcRun.Float(Nonsym + "S \\ b"), 100 * 6 * Eps * 10);
        AssertClose(want, CalcRun.Float(Nonsym + "D \\ b"), 100 * 6 * Eps * 10);
        // a sparse right-hand side is densified; x is dense
        var x = CalcRun.Float(Nonsym + "S \\ sparse([[1, 0], [0, 1], [2, 0], [0, 3], [1, 1], [0, 0]])");
        Assert.Equal([6L, 2L], x.Shape.ToArray());
    }

    [Fact]
    public void SparseSymmetricPositiveDefiniteSystemHasASmallResidual()
    {
        double r = CalcRun.Float(Poisson2D + "x = A \\ b\nnorm(A @ x - b) / (norm(full(A)) * norm(x))").Item();
        Assert.True(r <= 10 * 25 * Eps, $"relative residual {r}");
    }

    [Fact]
    public void SparseSolveDoesNotDensify()
    {
        const string p = "n = 200000\nA = spdiags([-ones(n), 3 * ones(n), -ones(n)], [-1, 0, 1], n, n)\nx = A \\ ones(n)\n";
        double r = CalcRun.Float(p + "norm(A @ x - ones(n)) / norm(ones(n))").Item();
        Assert.True(r <= 1e-13, $"relative residual {r}");
    }

    [Fact]
    public void SymbolicOperandsGiveTheShape()
    {
        var v = Assert.IsType<SymbolicValue>(CalcRun.Value("X : (500, 30)\ny : (500,)\nX \\ y"));
        Assert.Equal("(30,)", v.Shape.ToString());
        var m = Assert.IsType<SymbolicValue>(CalcRun.Value("X : (500, 30)\nY : (500, 4)\nX \\ Y"));
        Assert.Equal("(30, 4)", m.Shape.ToString());
    }

    [Theory]
    [InlineData("[[1.0, 2], [2, 4]] \\ [1, 2]")]
    [InlineData("[[1, 2], [2, 4]] \\ [1, 2]")]
    public void SingularDenseMatrixNamesTheColumnAndTheRank(string program)
    {
        // column 1 is twice column 0: no pivot is left for it
        var e = CalcRun.Error(program);
        Assert.IsType<CalcMathException>(e);
        Assert.StartsWith("mldivide: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("singular (rank 1 of 2)", e.Message, StringComparison.Ordinal);
        Assert.Contains("column 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("lstsq", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void SingularSparseMatrixNamesTheColumn()
    {
        // column 2 is the sum of columns 0 and 1
        var e = CalcRun.Error("sparse([[1, 0, 1], [0, 1, 1], [1, 1, 2]]) \\ [1, 2, 3]");
        Assert.IsType<CalcMathException>(e);
        Assert.StartsWith("mldivide: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("singular", e.Message, StringComparison.Ordinal);
        Assert.Contains("column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShapeMismatchNamesBothShapesAndTheFix()
    {
        var e = CalcRun.Error("A = [[1.0, 2], [3, 4]]\nb = [[1.0, 2, 3], [4, 5, 6]]\nA \\ b'");
        Assert.IsType<CalcShapeException>(e);
        Assert.Contains("mldivide: A has shape (2, 2) and b has shape (3, 2); b needs 2 rows", e.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean A \\ b?", e.Hint, StringComparison.Ordinal);
        var v = CalcRun.Error("[1.0, 2, 3] \\ [1, 2, 3]");
        Assert.Contains("needs a matrix A, got shape (3,)", v.Message, StringComparison.Ordinal);
        var wide = CalcRun.Error("A = [[1.0, 2, 3], [4, 5, 6]]\nA \\ [1, 2, 3]");
        Assert.Contains("did you mean A.T \\ [1, 2, 3]?", wide.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteAndComplexOperandsAreRejected()
    {
        Assert.Contains("A holds NaN", CalcRun.Error("[[1.0, nan], [0, 1]] \\ [1, 2]").Message, StringComparison.Ordinal);
        Assert.Contains("b holds an infinity", CalcRun.Error("[[1.0, 0], [0, 1]] \\ [1, inf]").Message, StringComparison.Ordinal);
        Assert.Contains("complex operand is not supported", CalcRun.Error("[[1.0, 0], [0, 1]] \\ [1j, 2]").Message, StringComparison.Ordinal);
    }
}
