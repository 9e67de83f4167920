using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Sparse;

/// <summary>
/// The sparse direct solvers of the calculator (spsolve, splu, spchol, and solve/lstsq with a sparse A): solutions
/// against the dense solve and residuals, the factors against their stated identities, and the errors.
/// </summary>
public class SparseDirectTests
{
    private const double Eps = 2.220446049250313e-16;

    // a nonsymmetric 6 x 6 matrix whose first column has a zero diagonal, so LU must pivot rows
    private const string Nonsym = "D = [[0, 2, 0, 1, 0, 0], [3, 1, 0, 0, 0, 2], [0, 0, 4, 1, 0, 0], [1, 0, 0, 5, 2, 0], [0, 0, 1, 0, 3, 1], [0, 1, 0, 0, 1, 6]]\nS = sparse(D)\nDf = float(D)\n";

    // the 2-D Poisson matrix on a 5 x 5 grid (n = 25): symmetric positive definite, so spsolve takes the Cholesky path
    private const string Poisson2D = "T = spdiags([-ones(5), 2 * ones(5), -ones(5)], [-1, 0, 1], 5, 5)\nA = kron(speye(5), T) + kron(T, speye(5))\nb = linspace(1, 2, 25)\n";

    private static void AssertClose(double[] got, double[] want, double tol)
    {
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < want.Length; i++) Assert.True(Math.Abs(got[i] - want[i]) <= tol, $"[{i}]: {got[i]} vs {want[i]} (tol {tol})");
    }

    private static void AssertTriangular(SparseMatrix<double> m, bool lower, bool unitDiagonal)
    {
        var d = m.ToDense();
        for (int i = 0; i < m.Rows; i++)
            for (int j = 0; j < m.Columns; j++)
            {
                if (lower ? j > i : j < i) Assert.True(d[i, j] == 0, $"entry ({i}, {j}) = {d[i, j]} outside the triangle");
                if (unitDiagonal && i == j) Assert.Equal(1.0, d[i, j]);
            }
    }

    [Theory]
    [InlineData("spsolve(S, b)")]
    [InlineData("solve(S, b)")]
    [InlineData("spsolve(D, b)")]
    public void NonsymmetricSolveMatchesTheDenseSolve(string call)
    {
        string p = Nonsym + "b = [1, -2, 3, 0.5, 4, -1]\n";
        var want = CalcRun.Float(p + "solve(Df, b)").ToArray();
        var got = CalcRun.Float(p + call).ToArray();
        // cond(D) is about 10: both solves are backward stable, so they agree to a small multiple of n eps cond |x|
        AssertClose(got, want, 100 * 6 * Eps * 10);
    }

    [Fact]
    public void MatrixRightHandSideGivesOneColumnPerColumn()
    {
        string p = Nonsym + "B = [[1, 0], [0, 1], [2, 0], [0, 3], [1, 1], [0, 0]]\n";
        var x = CalcRun.Float(p + "spsolve(S, B)");
        Assert.Equal([6L, 2L], x.Shape.ToArray());
        AssertClose(x.ToArray(), CalcRun.Float(p + "solve(Df, B)").ToArray(), 100 * 6 * Eps * 10);
    }

    [Fact]
    public void SymmetricPositiveDefiniteSolveHasASmallResidual()
    {
        // cond(A) about 14 on the 5 x 5 grid: the relative residual of a backward stable solve is O(n eps)
        double r = CalcRun.Float(Poisson2D + "x = spsolve(A, b)\nnorm(A @ x - b) / (norm(full(A)) * norm(x))").Item();
        Assert.True(r <= 25 * Eps * 10, $"relative residual {r}");
        var x = CalcRun.Float(Poisson2D + "solve(A, b)").ToArray();
        AssertClose(x, CalcRun.Float(Poisson2D + "solve(full(A), b)").ToArray(), 100 * 25 * Eps * 14 * 3);
    }

    [Fact]
    public void SolveWithASparseMatrixDoesNotDensify()
    {
        // 200,000 x 200,000 tridiagonal: its dense copy is far beyond the densify limit, the sparse solve is instant
        const string p = "n = 200000\nA = spdiags([-ones(n), 3 * ones(n), -ones(n)], [-1, 0, 1], n, n)\nx = solve(A, ones(n))\n";
        double r = CalcRun.Float(p + "norm(A @ x - ones(n)) / norm(ones(n))").Item();
        Assert.True(r <= 1e-13, $"relative residual {r}");
    }

    [Fact]
    public void SpluFactorsSatisfyTheirIdentity()
    {
        // L unit lower triangular, U upper triangular, L @ U = P @ A @ Q with P[perm_r[i], i] = 1 and Q[perm_c[j], j] = 1,
        // that is (L @ U)[perm_r, :] = A[:, perm_c] in NumPy's indexing (SciPy's convention)
        string p = Nonsym + "L, U, perm_r, perm_c = splu(S)\nLU = full(L @ U)\nk = reshape(arange(6), (6, 1))\nP = float(k == perm_r)\nQ = float(k == perm_c)\n";
        AssertTriangular(Assert.IsType<SparseValue>(CalcRun.Value(p + "L")).Matrix, lower: true, unitDiagonal: true);
        AssertTriangular(Assert.IsType<SparseValue>(CalcRun.Value(p + "U")).Matrix, lower: false, unitDiagonal: false);
        double err = CalcRun.Float(p + "norm(LU - P @ Df @ Q)").Item();
        Assert.True(err <= 100 * 6 * Eps * 6, $"||L U - P A Q|| = {err}");
        // the permutations are permutations of 0..5, returned as integers
        Assert.Equal(0, CalcRun.Float(p + "norm(P @ P.T - eye(6)) + norm(Q @ Q.T - eye(6))").Item());
        Assert.IsNotType<FloatValue>(CalcRun.Value(p + "perm_r"));
    }

    [Fact]
    public void SpcholFactorSatisfiesItsIdentity()
    {
        string p = Poisson2D + "L, perm = spchol(A)\nF = full(A)\nQ = float(reshape(arange(25), (25, 1)) == perm)\n";
        AssertTriangular(Assert.IsType<SparseValue>(CalcRun.Value(p + "L")).Matrix, lower: true, unitDiagonal: false);
        double err = CalcRun.Float(p + "norm(full(L @ L.T) - Q.T @ F @ Q) / norm(F)").Item();
        Assert.True(err <= 100 * 25 * Eps, $"||L L^T - A[perm][:, perm]|| / ||A|| = {err}");
    }

    [Fact]
    public void SparseLstsqMatchesTheDenseLeastSquaresSolution()
    {
        const string p = "M = [[1, 0], [1, 1], [1, 2], [1, 3]]\ny = [1, 2, 4, 4]\n";
        var want = CalcRun.Float(p + "lstsq(float(M), y)[0]").ToArray();
        AssertClose(CalcRun.Float(p + "lstsq(sparse(M), y)[0]").ToArray(), want, 1e-13);
        // the squared residual norm and the rank, as NumPy's lstsq reports them
        AssertClose(CalcRun.Float(p + "lstsq(sparse(M), y)[1]").ToArray(), CalcRun.Float(p + "lstsq(float(M), y)[1]").ToArray(), 1e-13);
        Assert.Equal("2", CalcRun.Text(p + "lstsq(sparse(M), y)[2]").Split('\n')[^1]);
        Assert.Empty(CalcRun.Float(p + "lstsq(sparse(M), y)[3]").ToArray());
        var two = CalcRun.Float(p + "lstsq(sparse(M), [y, 2 * y].T)[0]");
        Assert.Equal([2L, 2L], two.Shape.ToArray());
        AssertClose(two.ToArray(), [want[0], 2 * want[0], want[1], 2 * want[1]], 1e-13);
    }

    [Fact]
    public void SingularMatrixErrorNamesTheColumn()
    {
        var e = CalcRun.Error("S = sparse([[1, 2, 0], [2, 4, 0], [0, 0, 1]])\nspsolve(S, [1, 2, 3])");
        Assert.IsType<CalcMathException>(e);
        Assert.StartsWith("spsolve: sparse lu: the 3 x 3 matrix is singular: column 1 ", e.Message);
        Assert.IsType<CalcMathException>(CalcRun.Error("splu(sparse([[1, 1], [1, 1]]))"));
        Assert.IsType<CalcMathException>(CalcRun.Error("solve(sparse([[0, 0], [0, 1]]), [1, 1])"));
        Assert.Contains("not positive definite: the pivot of column 1", CalcRun.Error("spchol(sparse([[1, 2], [2, 1]]))").Message);
    }

    [Theory]
    [InlineData("spsolve(sparse([[1, 2, 3], [4, 5, 6]]), [1, 2])", "needs a square matrix")]
    [InlineData("splu(sparse([[1, 2, 3], [4, 5, 6]]))", "needs a square matrix")]
    [InlineData("spchol(sparse([[1, 2, 3], [4, 5, 6]]))", "needs a square matrix")]
    [InlineData("solve(sparse([[1, 2, 3], [4, 5, 6]]), [1, 2])", "needs a square matrix")]
    [InlineData("spsolve(speye(3), [1, 2])", "b needs 3 rows")]
    [InlineData("solve(speye(3), [1, 2])", "b needs 3 rows")]
    [InlineData("lstsq(sparse([[1, 0], [1, 1], [1, 2]]), [1, 2])", "b needs 3 rows")]
    public void ShapeErrorsAreClear(string program, string message)
    {
        var e = CalcRun.Error(program);
        Assert.IsType<CalcShapeException>(e);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void NonFiniteInputIsAnError()
    {
        Assert.IsType<CalcMathException>(CalcRun.Error("spsolve(sparse([[1, 0], [0, nan]]), [1, 1])"));
        Assert.IsType<CalcMathException>(CalcRun.Error("spsolve(speye(2), [1, inf])"));
    }
}
