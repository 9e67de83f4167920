using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Sparse;

/// <summary>The iterative solvers of the calculator: solutions by residual, and warnings when they stop unconverged.</summary>
public class SparseSolverTests
{
    // the 1-D Poisson matrix tridiag(-1, 2, -1) of order 50: symmetric positive definite, cond about 1000
    private const string Poisson = "n = 50\nA = spdiags([-ones(n), 2 * ones(n), -ones(n)], [-1, 0, 1], n, n)\nb = ones(n)\n";

    private static double RelativeResidual(string program) =>
        CalcRun.Float(program + "\nnorm(full(A) @ x - b) / norm(b)").Item();

    [Theory]
    [InlineData("cg(A, b")]
    [InlineData("gmres(A, b, restart=50")]
    [InlineData("bicgstab(A, b")]
    [InlineData("cg(full(A), b")]
    public void SolvesToTheRequestedTolerance(string call)
    {
        var results = CalcRun.Ok(Poisson + $"x = {call})");
        Assert.Empty(results[^1].Warnings);
        Assert.True(RelativeResidual(Poisson + $"x = {call})") <= 1e-5);
        // a tighter rtol is honoured
        Assert.True(RelativeResidual(Poisson + $"x = {call}, rtol=1e-10)") <= 1e-10);
    }

    [Fact]
    public void LsqrGivesTheLeastSquaresSolution()
    {
        const string p = "M = [[1, 0], [1, 1], [1, 2], [1, 3]]\ny = [1, 2, 4, 4]\n";
        var x = CalcRun.Float(p + "lsqr(sparse(M), y, atol=1e-12, btol=1e-12)").ToArray();
        var want = CalcRun.Float(p + "lstsq(M, y)[0]").ToArray();
        for (int i = 0; i < 2; i++) Assert.True(Math.Abs(x[i] - want[i]) <= 1e-10, $"{x[i]} vs {want[i]}");
        Assert.Equal(x, CalcRun.Float(p + "lsqr(M, y, atol=1e-12, btol=1e-12)").ToArray());
    }

    [Theory]
    [InlineData("cg(A, b, maxiter=3)", "cg: did not converge in 3 iterations")]
    [InlineData("gmres(A, b, restart=2, maxiter=2)", "gmres: did not converge")]
    [InlineData("bicgstab(A, b, maxiter=1)", "bicgstab: did not converge")]
    [InlineData("lsqr(A, b, maxiter=2)", "lsqr: the iteration limit has been reached")]
    public void WarnsWhenItStopsUnconverged(string call, string start)
    {
        var results = CalcRun.Ok(Poisson + call);
        Assert.IsType<FloatValue>(results[^1].Value);
        var warning = Assert.Single(results[^1].Warnings);
        Assert.StartsWith(start, warning);
        Assert.EndsWith("the result is the last iterate (raise maxiter, loosen rtol, or precondition the system)", warning);
        Assert.Contains("\nwarning: " + start, CalcRun.Text(Poisson + call));
    }

    [Fact]
    public void BadArgumentsGetClearErrors()
    {
        Assert.IsType<CalcShapeException>(CalcRun.Error(Poisson + "cg(A, ones(3))"));
        Assert.Contains("b must be a vector", CalcRun.Error(Poisson + "cg(A, ones((n, 2)))").Message);
        Assert.Contains("maxiter cannot be negative", CalcRun.Error(Poisson + "cg(A, b, maxiter=-1)").Message);
        Assert.IsType<CalcShapeException>(CalcRun.Error("cg(sparse([[1, 2, 3], [4, 5, 6]]), [1, 2])"));
    }
}
