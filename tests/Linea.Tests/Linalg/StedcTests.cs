using System.Numerics;
using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

/// <summary>
/// Divide and conquer on tridiagonal matrices chosen to stress its deflation and secular equation: random, the 1-2-1
/// matrix (known eigenvalues 2 - 2 cos(k pi / (n + 1))), Wilkinson's W+ (pairs of nearly equal eigenvalues), glued
/// Wilkinson matrices (clusters), a constant diagonal with tiny couplings (everything deflates), zero couplings,
/// graded entries. Residual ||T V - V diag(w)|| / (n eps ||T||) and ||V^T V - I|| / (n eps) below 30, as LAPACK's tests.
/// </summary>
public class StedcTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Cases => new()
    {
        { "random", 33 }, { "random", 64 }, { "random", 65 }, { "random", 200 }, { "random", 513 },
        { "onetwoone", 100 }, { "onetwoone", 301 },
        { "wilkinson", 41 }, { "wilkinson", 201 },
        { "glued", 210 },
        { "constant", 100 },
        { "zero-coupling", 80 },
        { "graded", 120 },
        { "two-values", 150 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double(string kind, int n) => Check<double>(kind, n);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float(string kind, int n) => Check<float>(kind, n);


    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(150)]
    public void WorkspaceSizeIsWhatTheSolveUses(int n)
    {
        var ws = new Stedc.Workspace<double>(n, new double[Stedc.WorkspaceSize(n)], new int[Stedc.IntWorkspaceSize(n)]);
        Assert.Equal(Stedc.WorkspaceSize(n), ws.Used);
        var d = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1.0)).ToArray();
        var e = Enumerable.Range(0, Math.Max(n - 1, 0)).Select(i => 0.5).ToArray();
        Assert.Throws<InvalidOperationException>(() =>
            Stedc.Solve<double>(d.ToArray(), e.ToArray(), Linea.Kernels.MatrixView<double>.ColumnMajor(new double[n * n], 0, n, n, n), Parallelism.None, new double[Stedc.WorkspaceSize(n) - 1], new int[Stedc.IntWorkspaceSize(n)]));
        // With the exact sizes and 4-row leaves (several merge levels) the solve succeeds: T z = z diag(d).
        var z = new double[n * n];
        var dd = d.ToArray();
        Assert.True(Stedc.Solve<double>(dd, e.ToArray(), Linea.Kernels.MatrixView<double>.ColumnMajor(z, 0, n, n, n), Parallelism.None, new double[Stedc.WorkspaceSize(n)], new int[Stedc.IntWorkspaceSize(n)], leafSize: 4));
        double worst = 0;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                double tz = d[i] * z[i + j * n] + (i > 0 ? e[i - 1] * z[i - 1 + j * n] : 0) + (i < n - 1 ? e[i] * z[i + 1 + j * n] : 0);
                worst = Math.Max(worst, Math.Abs(tz - dd[j] * z[i + j * n]));
            }
        Assert.True(worst <= 20 * n * Linea.TestKit.NumAssert.Eps<double>() * 2, $"residual {worst}");
    }

    private void Check<T>(string kind, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (dd, ee) = Make(kind, n);
        var d = dd.Select(T.CreateTruncating).ToArray();
        var e = ee.Select(T.CreateTruncating).ToArray();
        var d0 = d.Select(double.CreateTruncating).ToArray();
        var e0 = e.Select(double.CreateTruncating).ToArray();
        var z = new T[n * n];
        Assert.True(Stedc.Solve<T>(d, e, Linea.Kernels.MatrixView<T>.ColumnMajor(z, 0, n, n, n), Parallelism.Default, new T[Stedc.WorkspaceSize(n)], new int[Stedc.IntWorkspaceSize(n)]));
        double eps = NumAssert.Eps<T>();
        double tnorm = 0;
        for (int i = 0; i < n; i++) tnorm = Math.Max(tnorm, Math.Abs(d0[i]) + (i > 0 ? Math.Abs(e0[i - 1]) : 0) + (i < n - 1 ? Math.Abs(e0[i]) : 0));
        tnorm = Math.Max(tnorm, double.Epsilon);
        double res = 0, orth = 0;
        for (int j = 0; j < n; j++)
        {
            double lam = double.CreateTruncating(d[j]);
            for (int i = 0; i < n; i++)
            {
                double tv = d0[i] * double.CreateTruncating(z[i + j * n]);
                if (i > 0) tv += e0[i - 1] * double.CreateTruncating(z[i - 1 + j * n]);
                if (i < n - 1) tv += e0[i] * double.CreateTruncating(z[i + 1 + j * n]);
                res = Math.Max(res, Math.Abs(tv - lam * double.CreateTruncating(z[i + j * n])));
            }
            for (int k = 0; k <= j; k++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += double.CreateTruncating(z[i + j * n]) * double.CreateTruncating(z[i + k * n]);
                orth = Math.Max(orth, Math.Abs(dot - (j == k ? 1 : 0)));
            }
        }
        double resN = res / (n * eps * tnorm), orthN = orth / (n * eps);
        output.WriteLine($"{typeof(T).Name} {kind} {n}: residual {resN:F3} n eps ||T||, orthogonality {orthN:F3} n eps");
        Assert.True(resN < 30, $"residual {resN}");
        Assert.True(orthN < 30, $"orthogonality {orthN}");
        if (kind == "onetwoone")
        {
            var got = d.Select(double.CreateTruncating).OrderBy(x => x).ToArray();
            for (int k = 1; k <= n; k++)
            {
                double exact = 2 - 2 * Math.Cos(k * Math.PI / (n + 1));
                Assert.True(Math.Abs(got[k - 1] - exact) <= 30 * n * eps * 4, $"eigenvalue {k}: {got[k - 1]} vs {exact}");
            }
        }
    }

    internal static (double[] D, double[] E) Make(string kind, int n)
    {
        var d = new double[n];
        var e = new double[Math.Max(n - 1, 0)];
        var rng = new Random(n);
        switch (kind)
        {
            case "random":
                for (int i = 0; i < n; i++) d[i] = rng.NextDouble() * 2 - 1;
                for (int i = 0; i < n - 1; i++) e[i] = rng.NextDouble() * 2 - 1;
                break;
            case "onetwoone":
                Array.Fill(d, 2.0); Array.Fill(e, -1.0);
                break;
            case "wilkinson":
                for (int i = 0; i < n; i++) d[i] = Math.Abs((n - 1) / 2 - i);
                Array.Fill(e, 1.0);
                break;
            case "glued":
                // Copies of Wilkinson's W21+ glued by small couplings: clusters of very close eigenvalues.
                for (int i = 0; i < n; i++) d[i] = Math.Abs(10 - i % 21);
                for (int i = 0; i < n - 1; i++) e[i] = (i % 21 == 20) ? 1e-9 : 1.0;
                break;
            case "constant":
                Array.Fill(d, 1.0);
                for (int i = 0; i < n - 1; i++) e[i] = 1e-18 * (i % 3);
                break;
            case "zero-coupling":
                for (int i = 0; i < n; i++) d[i] = rng.NextDouble();
                for (int i = 0; i < n - 1; i++) e[i] = i % 5 == 0 ? 0 : rng.NextDouble();
                break;
            case "graded":
                for (int i = 0; i < n; i++) d[i] = Math.Pow(10, -i / 12.0);
                for (int i = 0; i < n - 1; i++) e[i] = Math.Pow(10, -i / 12.0) * 0.3;
                break;
            case "two-values":
                for (int i = 0; i < n; i++) d[i] = i % 2 == 0 ? 1 : 1 + 1e-12;
                for (int i = 0; i < n - 1; i++) e[i] = 1e-7;
                break;
        }
        return (d, e);
    }
}
