using Linea.TestKit;
using Xunit;

namespace Linea.Tests.Linalg;

/// <summary>
/// Exactly structured inputs to lstsq (#16 item 2): the 3 x 3 Jordan block made the one-sided Jacobi behind the rank
/// decision rotate equal-norm columns forever; triangular, bidiagonal, Toeplitz and shift matrices of several orders
/// must all solve, with singular values that agree with the SVD and a small backward error.
/// </summary>
public class StructuredLstsqTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (int n in new[] { 2, 3, 4, 5, 13, 40 })
            foreach (var kind in new[] { "jordan", "upper", "lower", "bidiagonal", "toeplitz", "ones-upper", "shift" })
                data.Add(kind, n);
        return data;
    }

    private static double Entry(string kind, int i, int j) => kind switch
    {
        "jordan" => i == j ? 3 : j == i + 1 ? 1 : 0,
        "upper" => j >= i ? Math.Sin(i * 7 + j) : 0,
        "lower" => j <= i ? Math.Cos(i * 3 + j) : 0,
        "bidiagonal" => i == j ? 2 + i : j == i + 1 ? 1e-3 * i : 0,
        "toeplitz" => 1.0 / (1 + Math.Abs(i - j)),
        "ones-upper" => j >= i ? 1 : 0,
        _ => j == i + 1 ? 1 : 0,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SolvesAndReportsTheSingularValues(string kind, int n)
    {
        var a = NDArray.Zeros<double>(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) a[i, j] = Entry(kind, i, j);
        var b = NDArray.Normal([n], 0.0, 1.0, seed: 3);
        var result = Linea.Linalg.Lstsq(a, b);
        var sv = Linea.Linalg.Svdvals(a);
        double eps = NumAssert.Eps<double>(), smax = sv[0];
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(result.SingularValues[i] - sv[i]) <= 10 * n * eps * smax, $"sigma {i}: {result.SingularValues[i]} vs {sv[i]}");
        // Backward error of the solution (the projection of b for the singular shift matrix).
        var r = a.MatMul(result.Solution) - b;
        var atr = a.T.MatMul(r);
        double scale = smax * (smax * Linea.Linalg.Norm(result.Solution) + Linea.Linalg.Norm(b));
        Assert.True(Linea.Linalg.Norm(atr) <= 10 * n * eps * scale, $"A^T r = {Linea.Linalg.Norm(atr)}");
    }
}
