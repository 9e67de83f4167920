using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// One contract for every factorization object (DESIGN.md): Solve gives a small backward error and Reconstruct gives
/// back A, whatever the decomposition.
/// </summary>
public class SolverContractTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in new[] { "lu", "cholesky", "qr", "colpivqr" })
            foreach (int n in new[] { 1, 2, 17, 80 })
                data.Add(kind, n);
        return data;
    }

    private static ILinearSolver<T> Factor<T>(string kind, NDArray<T> a) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => kind switch
    {
        "lu" => a.Lu(),
        "cholesky" => a.Cholesky(),
        "qr" => a.Qr(),
        _ => a.ColPivQr(),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_and_reconstruct_double(string kind, int n) => Check<double>(kind, n);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_and_reconstruct_float(string kind, int n) => Check<float>(kind, n);

    private static void Check<T>(string kind, int n) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        double eps = NumAssert.Eps<T>();
        var a = MatrixGenerators.Spd<T>(n, 1e3, (ulong)n);       // SPD, so every decomposition applies
        var solver = Factor(kind, a);
        Assert.Equal(n, solver.Rows);
        Assert.Equal(n, solver.Columns);
        double normA = MatrixGenerators.FrobeniusNorm(a);
        double recon = MatrixGenerators.FrobeniusNorm(solver.Reconstruct() - a) / (normA * n * eps);
        Assert.True(recon < 30, $"{kind}: ||A - reconstruct|| / (||A|| n eps) = {recon:F2}");

        var b = Generators.Normal<T>([n, 3], 99);
        var x = solver.Solve(b);
        Assert.Equal(new Shape(n, 3), x.Shape);
        double res = MatrixGenerators.FrobeniusNorm(a.MatMul(x) - b)
            / ((normA * MatrixGenerators.FrobeniusNorm(x) + MatrixGenerators.FrobeniusNorm(b)) * n * eps);
        Assert.True(res < 30, $"{kind}: backward error / (n eps) = {res:F2}");

        var v = solver.Solve(b[.., 0]);                          // a vector right-hand side gives a vector
        Assert.Equal(new Shape(n), v.Shape);
        Assert.Throws<ShapeMismatchException>(() => solver.Solve(NDArray.Zeros<T>(n + 1)));
    }
}
