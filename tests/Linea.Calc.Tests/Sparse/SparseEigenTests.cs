using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Sparse;

/// <summary>eigsh, svds and sprand of the calculator, against the dense eigh and svd.</summary>
public class SparseEigenTests
{
    // the 1-D Poisson matrix tridiag(-1, 2, -1) of order 30: eigenvalues 2 - 2 cos(j pi / 31), ||A|| < 4
    private const string Poisson = "n = 30\nA = spdiags([-ones(n), 2 * ones(n), -ones(n)], [-1, 0, 1], n, n)\n";

    // eigenvalues of a symmetric matrix of norm 4 to a small multiple of n eps ||A||
    private const double Tol = 100 * 30 * Fn.Eps * 4;

    private static double Max(string program) => CalcRun.Float(program).Item();

    [Theory]
    [InlineData("\"LA\"", "[-3:]")]
    [InlineData("\"LM\"", "[-3:]")]
    [InlineData("\"SA\"", "[:3]")]
    public void EigshMatchesTheDenseEigenvaluesWithOrthonormalEigenvectors(string which, string slice)
    {
        string p = Poisson + $"w, V = eigsh(A, 3, which={which})\nd = eigvalsh(full(A)){slice}\n";
        var results = CalcRun.Ok(p);
        var tuple = Assert.IsType<TupleValue>(results[^2].Value);
        Assert.Equal(["eigenvalues", "eigenvectors"], tuple.Names);
        Assert.True(Max(p + "max(abs(w - d))") <= Tol);
        Assert.True(Max(p + "max(abs(A @ V - V * w))") <= Tol);
        Assert.True(Max(p + "max(abs(V.T @ V - eye(3)))") <= Tol);
    }

    [Fact]
    public void EigshWithSigmaFindsTheEigenvaluesNearestIt()
    {
        string p = Poisson + "w, V = eigsh(A, 2, sigma=0)\nd = eigvalsh(full(A))[:2]\n";
        Assert.True(Max(p + "max(abs(w - d))") <= Tol);
    }

    [Fact]
    public void SvdsMatchesTheDenseSingularValuesAscending()
    {
        string p = "M = sprand(20, 12, 0.3, seed=4)\nU, s, Vt = svds(M, 3)\nd = svdvals(full(M))[:3]\n";
        var results = CalcRun.Ok(p);
        var tuple = Assert.IsType<TupleValue>(results[^2].Value);
        Assert.Equal(["U", "s", "Vt"], tuple.Names);
        // ascending as SciPy returns them: the largest last
        double norm = Max(p + "d[0]");
        Assert.True(Max(p + "max(abs(s - d[::-1]))") <= 100 * 20 * Fn.Eps * norm);
        Assert.True(Max(p + "max(abs(M @ Vt.T - U * s))") <= 100 * 20 * Fn.Eps * norm);
        Assert.True(Max(p + "max(abs(U.T @ U - eye(3)))") <= 100 * 20 * Fn.Eps);
    }

    [Fact]
    public void AnUnconvergedEigshIsAnErrorNotASilentResult()
    {
        // the smallest eigenvalues of a 400 x 400 Poisson matrix cluster near 0: one restart is far too few
        var e = CalcRun.Error("n = 400\nA = spdiags([-ones(n), 2 * ones(n), -ones(n)], [-1, 0, 1], n, n)\neigsh(A, 4, which=\"SA\", maxiter=1)");
        Assert.IsType<CalcMathException>(e);
        Assert.StartsWith("eigsh", e.Message);
    }

    [Fact]
    public void BadArgumentsGetClearErrors()
    {
        var which = CalcRun.Error(Poisson + "eigsh(A, 2, which=\"XX\")");
        Assert.Equal("eigsh: which must be \"LM\", \"SM\", \"LA\", \"SA\", got \"XX\"", which.Message);
        Assert.Contains("svds: which must be \"LM\", \"SM\"", CalcRun.Error(Poisson + "svds(A, 2, which=\"LA\")").Message);
        Assert.IsType<CalcTypeException>(CalcRun.Error(Poisson + "eigsh(A, 30)"));
    }
}
