using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Sparse;

/// <summary>Operators with sparse operands against the same expression on dense operands.</summary>
public class SparseOperatorTests
{
    // A has an empty row and an empty column; B is dense
    private const string Setup =
        "A = [[2, 0, 0, -1], [0, 0, 0, 0], [0, 3.5, 0, 4], [1, 0, 0, 0]]\n" +
        "B = [[1, 2], [3, 4], [5, 6], [7, 8]] / 3\n" +
        "C = [[0, 1, 0, 0], [0, 0, 0, 2], [-1, 0, 0, 0], [0, 0, 5, 0]]\n" +
        "S = sparse(A)\nT = sparse(C)\n";

    private static void Same(string sparseExpr, string denseExpr, bool sparseResult)
    {
        var v = CalcRun.Value(Setup + sparseExpr);
        var got = sparseResult ? Assert.IsType<SparseValue>(v).Matrix.ToDense() : Assert.IsType<FloatValue>(v).NDArray;
        var want = CalcRun.Float(Setup + $"float({denseExpr})");
        Assert.Equal(want.Shape, got.Shape);
        var g = got.Contiguous().ToArray();
        var w = want.Contiguous().ToArray();
        // each product is a sum of at most 4 terms of size at most 8: a few ulps of 64
        for (int i = 0; i < g.Length; i++) Assert.True(Math.Abs(g[i] - w[i]) <= 64 * 4 * Fn.Eps, $"{sparseExpr} [{i}]: {g[i]} vs {w[i]}");
    }

    [Theory]
    [InlineData("S @ B", "A @ B", false)]
    [InlineData("B.T @ S", "B.T @ A", false)]
    [InlineData("S @ [1, 2, 3, 4]", "A @ [1, 2, 3, 4]", false)]
    [InlineData("[1, 2, 3, 4] @ S", "[1, 2, 3, 4] @ A", false)]
    [InlineData("matmul(S, B)", "A @ B", false)]
    [InlineData("S @ T", "A @ C", true)]
    [InlineData("S.T @ T", "A.T @ C", true)]
    [InlineData("S + T", "A + C", true)]
    [InlineData("S - T", "A - C", true)]
    [InlineData("S + C", "A + C", false)]
    [InlineData("C - S", "C - A", false)]
    [InlineData("S - C", "A - C", false)]
    [InlineData("2 * S", "2 * A", true)]
    [InlineData("S * 0.5", "A * 0.5", true)]
    [InlineData("S / 4", "A / 4", true)]
    [InlineData("-S", "-A", true)]
    [InlineData("S.T", "A.T", true)]
    [InlineData("S'", "A.T", true)]
    [InlineData("S + 0", "A", true)]
    [InlineData("S * T", "A * C", true)]
    [InlineData("S * C", "A * C", true)]
    [InlineData("C * S", "C * A", true)]
    [InlineData("S * [1, 2, 3, 4]", "A * [1, 2, 3, 4]", true)]
    [InlineData("kron(S, T)", "kron(A, C)", true)]
    [InlineData("kron(speye(2), S)", "kron(eye(2), A)", true)]
    [InlineData("hstack(S, T, B)", "hstack(A, C, B)", true)]
    [InlineData("vstack(S, C, [1, 2, 3, 4])", "vstack(A, C, [1, 2, 3, 4])", true)]
    [InlineData("sum(S)", "sum(A)", false)]
    [InlineData("sum(S, axis=0)", "sum(A, axis=0)", false)]
    [InlineData("mean(S, axis=1)", "mean(A, axis=1)", false)]
    [InlineData("mean(S, axis=-1, keepdims=1)", "mean(A, axis=-1, keepdims=1)", false)]
    public void MatchDenseArithmetic(string sparseExpr, string denseExpr, bool sparseResult) => Same(sparseExpr, denseExpr, sparseResult);

    [Theory]
    [InlineData("det(S)", "det(A)")]
    [InlineData("prod(S, axis=0)", "prod(A, axis=0)")]
    [InlineData("S ** 2", "A ** 2")]
    [InlineData("S[2, :]", "A[2, :]")]
    [InlineData("solve(S + 5 * speye(4), [1, 2, 3, 4])", "solve(A + 5 * eye(4), [1, 2, 3, 4])")]
    public void SmallMatricesAreDensifiedForFunctionsWithoutASparseMethod(string sparseExpr, string denseExpr) => Same(sparseExpr, denseExpr, false);

    [Fact]
    public void LargeMatricesAreNotDensifiedSilently()
    {
        var e = CalcRun.Error("det(speye(3000))");
        Assert.IsType<CalcTypeException>(e);
        Assert.Equal("det: has no sparse method, and the (3000, 3000) sparse matrix has 9,000,000 elements as a dense array, beyond the 4,000,000 converted automatically", e.Message);
        Assert.Contains("full(S)", e.Hint);
        // the hint points at the sparse solvers; solve itself factors a sparse A without densifying it
        Assert.Contains("solve(S, b)", CalcRun.Error("inv(speye(3000))").Hint);
        Assert.Contains("cg(S, b)", CalcRun.Error("inv(speye(3000))").Hint);
        // the session's MaxElements is lower than the automatic limit on a shared server
        var shared = new CalcOptions { Limits = CalcLimits.Shared, AllowFileAccess = false };
        Assert.Contains("beyond the 1,000,000 converted automatically", CalcRun.Error("prod(speye(1500))", shared).Message);
        // full itself is held to MaxElements before it allocates
        var full = CalcRun.Error("full(speye(5000))");
        Assert.IsType<CalcLimitException>(full);
        Assert.StartsWith("full: the dense matrix of shape (5000, 5000) would have 25,000,000 elements (200 MB of float64)", full.Message);
        // sparse @ sparse, sparse sums and the sparse operators work however large the dense matrix would be
        Assert.Equal("100000", CalcRun.Exact("nnz(speye(100000) @ speye(100000))"));
        Assert.Equal(100000.0, CalcRun.Float("sum(2 * speye(100000) - speye(100000))").Item());
        Assert.Equal(100000L, CalcRun.Float("sum(speye(100000), axis=1)").Shape[0]);
        // the 2-D Poisson matrix of a 300 x 300 grid (90,000 unknowns) from kron, and one CG solve on it
        var results = CalcRun.Ok("n = 300\nT = spdiags([-ones(n), 2 * ones(n), -ones(n)], [-1, 0, 1], n, n)\nA = kron(speye(n), T) + kron(T, speye(n))\nb = ones(n * n)\nx = cg(A, b, rtol=1e-8, maxiter=2000)\nnorm(A @ x - b) / norm(b)");
        Assert.Empty(results[^2].Warnings);
        Assert.True(((FloatValue)results[^1].Value!).NDArray.Item() <= 1e-8);
    }

    [Fact]
    public void SparseSumsDropExactZeros()
    {
        // as SciPy's csr - csr: positions whose sum is exactly zero are not stored
        Assert.Equal("0", CalcRun.Exact("nnz(speye(3) - speye(3))"));
        Assert.Equal("1", CalcRun.Exact("nnz(sparse([[1, 2]]) * sparse([[0, 3]]))"));
    }

    [Fact]
    public void TheShapeCheckerKnowsSparseShapes()
    {
        var v = Assert.IsType<SymbolicValue>(CalcRun.Value("X : (4, k)\nsparse(eye(3, 4)) @ X"));
        Assert.Equal("(3, k)", v.Shape.ToString());
        var e = CalcRun.Error("X : (3, k)\nS = sparse(eye(3, 4))\nS @ X");
        Assert.IsType<CalcShapeException>(e);
        Assert.Equal("did you mean S.T? S.T @ X would have inner dimension 3", e.Hint);
        var mismatch = CalcRun.Error("speye(3) + speye(4)");
        Assert.IsType<CalcShapeException>(mismatch);
        var bad = CalcRun.Error("speye(3) @ ones(4)");
        Assert.IsType<CalcShapeException>(bad);
        var grow = CalcRun.Error("sparse([[1, 2]]) * ones((3, 1))");
        Assert.IsType<CalcShapeException>(grow);
        Assert.Contains("a dense operand must broadcast to the sparse shape", grow.Message);
    }

    [Fact]
    public void UnsupportedMixesSayWhy()
    {
        var scalar = CalcRun.Error("speye(3) + 1");
        Assert.Contains("adding a nonzero scalar to a sparse matrix", scalar.Message);
        Assert.Equal("full(S) + c gives the dense result", scalar.Hint);
        Assert.Contains("sparse matrices are float64", CalcRun.Error("speye(2) * 1j").Message);
        Assert.Contains("sparse matrices are float64", CalcRun.Error("speye(2) @ [1j, 2]").Message);
    }
}
