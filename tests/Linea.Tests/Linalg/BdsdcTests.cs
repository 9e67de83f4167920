using System.Numerics;
using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

/// <summary>
/// Bidiagonal divide and conquer on matrices chosen to stress its deflation, its zero pole and its secular equation:
/// random, constant (every merge deflates to a cluster), the bidiagonal of ones and minus ones (known singular values
/// 2 sin((2k - 1) pi / (2 (2 n + 1)))), zeros on the diagonal (exact zero singular values), zeros above it (splits),
/// graded (singular values over 30 decades in float64), two interleaved values, tiny couplings. Truth: the residual
/// ||B V - U diag(s)|| / (n eps ||B||) and ||U^T U - I||, ||V^T V - I|| / (n eps) below 30 (LAPACK's test ratios), and the
/// singular values equal to those of the QR iteration (bdsqr, high relative accuracy) within 30 n eps ||B||.
/// </summary>
public class BdsdcTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Cases => new()
    {
        { "random", 33 }, { "random", 34 }, { "random", 65 }, { "random", 200 }, { "random", 513 },
        { "constant", 100 }, { "onetwoone", 151 }, { "zero-diagonal", 120 }, { "zero-super", 97 },
        { "graded", 140 }, { "two-values", 150 }, { "tiny-couplings", 90 }, { "rank-one-like", 70 },
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
    [InlineData(200)]
    public void WorkspaceSizeIsWhatTheSolveUses(int n)
    {
        // The slices carved for the merges and leaves cover exactly WorkspaceSize(n): the size function and the
        // algorithm agree, and the whole solve takes its arrays from the caller's buffer.
        var ws = new Bdsdc.Workspace<double>(n, new double[Bdsdc.WorkspaceSize(n)], new int[Bdsdc.IntWorkspaceSize(n)]);
        Assert.Equal(Bdsdc.WorkspaceSize(n), ws.Used);
        var (dd, ee) = Make("random", n);
        Assert.Throws<InvalidOperationException>(() =>
            Bdsdc.Solve(dd, ee, Linea.Kernels.MatrixView<double>.ColumnMajor(new double[n * n], 0, n, n, n), Linea.Kernels.MatrixView<double>.ColumnMajor(new double[n * n], 0, n, n, n), Parallelism.None, new double[Bdsdc.WorkspaceSize(n) - 1], new int[Bdsdc.IntWorkspaceSize(n)]));
        Assert.Throws<InvalidOperationException>(() =>
            Bdsdc.Solve(dd, ee, Linea.Kernels.MatrixView<double>.ColumnMajor(new double[n * n], 0, n, n, n), Linea.Kernels.MatrixView<double>.ColumnMajor(new double[n * n], 0, n, n, n), Parallelism.None, new double[Bdsdc.WorkspaceSize(n)], new int[Bdsdc.IntWorkspaceSize(n) - 1]));
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(300, 2)] // above ParallelHalvesMin: the two halves on two threads, U and V pinned blocks
    public void VectorsIntoBlocksOfLargerArrays(int n, int threads)
    {
        // U and V are n x n blocks at (2, 3) of column-major arrays with leading dimension n + 5: the merges' GEMMs and
        // the leaves' copies go through the views' strides, and nothing around the blocks is written.
        var (dd, ee) = Make("random", n);
        int ld = n + 5, cols = n + 4;
        var ubuf = new double[ld * cols];
        var vbuf = new double[ld * cols];
        Array.Fill(ubuf, 7.0);
        Array.Fill(vbuf, 7.0);
        var u = Linea.Kernels.MatrixView<double>.ColumnMajor(ubuf, 0, ld, cols, ld).Block(2, 3, n, n);
        var v = Linea.Kernels.MatrixView<double>.ColumnMajor(vbuf, 0, ld, cols, ld).Block(2, 3, n, n);
        var d = dd.ToArray();
        Assert.True(Bdsdc.Solve<double>(d, ee.ToArray(), u, v, new Parallelism(threads), new double[Bdsdc.WorkspaceSize(n)], new int[Bdsdc.IntWorkspaceSize(n)], leafSize: 16));
        double bnorm = 0;
        for (int i = 0; i < n; i++) bnorm = Math.Max(bnorm, Math.Abs(dd[i]) + (i < n - 1 ? Math.Abs(ee[i]) : 0));
        double worst = 0, orth = 0;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                // (B V)[i, j] - d[j] U[i, j], B upper bidiagonal; V^T V - I.
                double bv = dd[i] * v[i, j] + (i < n - 1 ? ee[i] * v[i + 1, j] : 0);
                worst = Math.Max(worst, Math.Abs(bv - d[j] * u[i, j]));
                double g = i == j ? -1 : 0;
                for (int r = 0; r < n; r++) g += v[r, i] * v[r, j];
                orth = Math.Max(orth, Math.Abs(g));
            }
        double eps = NumAssert.Eps<double>();
        Assert.True(worst <= 30 * n * eps * bnorm, $"||B V - U S|| = {worst}");
        Assert.True(orth <= 30 * n * eps, $"||V^T V - I|| = {orth}");
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < ld; i++)
                if (i < 2 || i >= 2 + n || j < 3 || j >= 3 + n)
                    Assert.True(ubuf[i + j * ld] == 7.0 && vbuf[i + j * ld] == 7.0, $"({i}, {j}) outside the blocks was written");
    }

    private void Check<T>(string kind, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (dd, ee) = Make(kind, n);
        var d = dd.Select(T.CreateTruncating).ToArray();
        var e = ee.Select(T.CreateTruncating).ToArray();
        var d0 = d.Select(double.CreateTruncating).ToArray();
        var e0 = e.Select(double.CreateTruncating).ToArray();
        var u = new T[n * n];
        var v = new T[n * n];
        Assert.True(Bdsdc.Solve<T>(d, e, Linea.Kernels.MatrixView<T>.ColumnMajor(u, 0, n, n, n), Linea.Kernels.MatrixView<T>.ColumnMajor(v, 0, n, n, n), Parallelism.Default, new T[Bdsdc.WorkspaceSize(n)], new int[Bdsdc.IntWorkspaceSize(n)]));
        double eps = NumAssert.Eps<T>();
        double bnorm = 0;
        for (int i = 0; i < n; i++) bnorm = Math.Max(bnorm, Math.Abs(d0[i]) + (i < n - 1 ? Math.Abs(e0[i]) : 0));
        bnorm = Math.Max(bnorm, double.Epsilon);
        double res = 0;
        for (int j = 0; j < n; j++)
        {
            double s = double.CreateTruncating(d[j]);
            Assert.True(s >= 0, $"singular value {j} is negative: {s}");
            for (int i = 0; i < n; i++)
            {
                // (B v_j)_i = d_i v_ij + e_i v_(i+1)j
                double bv = d0[i] * double.CreateTruncating(v[i + j * n]);
                if (i < n - 1) bv += e0[i] * double.CreateTruncating(v[i + 1 + j * n]);
                res = Math.Max(res, Math.Abs(bv - s * double.CreateTruncating(u[i + j * n])));
            }
        }
        double resN = res / (n * eps * bnorm), orthU = Orthogonality(u, n) / (n * eps), orthV = Orthogonality(v, n) / (n * eps);
        output.WriteLine($"{typeof(T).Name} {kind} {n}: residual {resN:F3}, U orthogonality {orthU:F3}, V orthogonality {orthV:F3} (n eps units)");
        Assert.True(resN < 30, $"residual {resN}");
        Assert.True(orthU < 30, $"U orthogonality {orthU}");
        Assert.True(orthV < 30, $"V orthogonality {orthV}");

        // Against the QR iteration's values.
        var dq = dd.Select(T.CreateTruncating).ToArray();
        var eq = ee.Select(T.CreateTruncating).ToArray();
        Assert.True(Bdsqr.Solve<T>(n, dq, eq, default, default, Parallelism.Default));
        var a = d.Select(double.CreateTruncating).OrderBy(x => x).ToArray();
        var b = dq.Select(double.CreateTruncating).OrderBy(x => x).ToArray();
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(a[i] - b[i]) <= 30 * n * eps * bnorm, $"value {i}: {a[i]} vs bdsqr {b[i]}");
        if (kind == "onetwoone")
            for (int k = 1; k <= n; k++)
            {
                double exact = 2 * Math.Sin((2 * k - 1) * Math.PI / (2 * (2 * n + 1)));
                Assert.True(Math.Abs(a[k - 1] - exact) <= 30 * n * eps * bnorm, $"singular value {k}: {a[k - 1]} vs {exact}");
            }
    }

    private static double Orthogonality<T>(T[] q, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double worst = 0;
        for (int j = 0; j < n; j++)
            for (int k = 0; k <= j; k++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += double.CreateTruncating(q[i + j * n]) * double.CreateTruncating(q[i + k * n]);
                worst = Math.Max(worst, Math.Abs(dot - (j == k ? 1 : 0)));
            }
        return worst;
    }

    private static (double[] D, double[] E) Make(string kind, int n)
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
            case "constant":
                Array.Fill(d, 1.0); Array.Fill(e, 1.0);
                break;
            case "onetwoone":
                // B^T B = tridiag(-1, 2, -1) but for its (0, 0) entry 1, whose eigenvalues are 2 - 2 cos((2k - 1) pi / (2n + 1)),
                // so the singular values are 2 sin((2k - 1) pi / (2 (2n + 1))), k = 1..n.
                Array.Fill(d, 1.0); Array.Fill(e, -1.0);
                break;
            case "zero-diagonal":
                for (int i = 0; i < n; i++) d[i] = i % 7 == 3 ? 0 : rng.NextDouble() + 0.5;
                for (int i = 0; i < n - 1; i++) e[i] = rng.NextDouble() + 0.5;
                break;
            case "zero-super":
                for (int i = 0; i < n; i++) d[i] = rng.NextDouble() + 0.1;
                for (int i = 0; i < n - 1; i++) e[i] = i % 9 == 4 ? 0 : rng.NextDouble();
                break;
            case "graded":
                for (int i = 0; i < n; i++) d[i] = Math.Pow(10, -i / 5.0);
                for (int i = 0; i < n - 1; i++) e[i] = 0.5 * Math.Pow(10, -i / 5.0);
                break;
            case "two-values":
                for (int i = 0; i < n; i++) d[i] = i % 2 == 0 ? 1 : 1 + 1e-12;
                for (int i = 0; i < n - 1; i++) e[i] = 1e-7;
                break;
            case "tiny-couplings":
                for (int i = 0; i < n; i++) d[i] = 1 + (i % 4) * 0.25;
                for (int i = 0; i < n - 1; i++) e[i] = 1e-17 * (i % 3);
                break;
            case "rank-one-like":
                for (int i = 0; i < n; i++) d[i] = i == 0 ? 1 : 1e-20;
                for (int i = 0; i < n - 1; i++) e[i] = 1;
                break;
        }
        return (d, e);
    }
}
