using System.Numerics;
using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

public class EighTests(ITestOutputHelper output)
{
    private static NDArray<T> Symmetric<T>(int n, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Generators.Normal<double>([n, n], seed);
        return MatrixGenerators.Cast<T>((g + g.T) * 0.5);
    }

    private void Check<T>(string label, NDArray<T> a, UpLo uplo = UpLo.Lower) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (w, v) = Linea.Linalg.Eigh(a, uplo);
        int n = (int)a.Dims[0];
        Assert.Equal([n], w.Shape.ToIntArray());
        Assert.Equal([n, n], v.Shape.ToIntArray());
        var wa = w.ToArray();
        for (int i = 1; i < n; i++) Assert.True(wa[i - 1] <= wa[i], $"{label}: eigenvalues not ascending at {i}");
        // The symmetric completion of the triangle read.
        var full = Checks.ToDouble(a);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (uplo == UpLo.Lower ? j > i : j < i) full[i, j] = full[j, i];
        var sym = MatrixGenerators.Cast<T>(full);
        double res = SpectralChecks.EighResidual(sym, w, v), orth = SpectralChecks.Orthogonality(v);
        output.WriteLine($"{typeof(T).Name} {label}: residual {res:F3} n eps, orthogonality {orth:F3} n eps");
        Checks.Below(res, $"{label} residual");
        Checks.Below(orth, $"{label} orthogonality");
        var wOnly = Linea.Linalg.Eigvalsh(a, uplo).ToArray();
        double scale = Math.Max(Checks.Fro(sym), double.Epsilon);
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(double.CreateTruncating(wOnly[i] - wa[i])) <= 30 * n * NumAssert.Eps<T>() * scale, $"{label}: eigvalsh[{i}] differs from eigh");
        // Sign convention: the largest-magnitude entry of each column is positive.
        for (int j = 0; j < n; j++)
        {
            int best = 0;
            for (int i = 1; i < n; i++) if (T.Abs(v[i, j]) > T.Abs(v[best, j])) best = i;
            Assert.True(v[best, j] > T.Zero, $"{label}: column {j} sign convention");
        }
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(5)] [InlineData(17)] [InlineData(64)] [InlineData(150)] [InlineData(230)]
    public void Random_symmetric_double(int n) => Check($"random {n}", Symmetric<double>(n, (ulong)n + 3));

    [Theory]
    [InlineData(1)] [InlineData(4)] [InlineData(33)] [InlineData(100)] [InlineData(201)]
    public void Random_symmetric_float(int n) => Check($"random {n}", Symmetric<float>(n, (ulong)n + 5));

    [Fact]
    public void Upper_triangle_only_is_read()
    {
        var a = Symmetric<double>(20, 9);
        var up = a.Copy();
        var lo = a.Copy();
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < i; j++) { up[i, j] = double.NaN; lo[j, i] = double.NaN; }
        Check("upper", up, UpLo.Upper);
        Check("lower", lo, UpLo.Lower);
        NumAssert.Close(Linea.Linalg.Eigvalsh(lo), Linea.Linalg.Eigvalsh(up, UpLo.Upper), 1e3);
    }

    [Fact]
    public void Empty_and_zero()
    {
        var (w, v) = Linea.Linalg.Eigh(NDArray.Zeros<double>(0, 0));
        Assert.Equal([0], w.Shape.ToIntArray());
        Assert.Equal([0, 0], v.Shape.ToIntArray());
        Check("zero 7", NDArray.Zeros<double>(7, 7));
        var (w0, v0) = Linea.Linalg.Eigh(NDArray.Zeros<float>(5, 5));
        NumAssert.Equal(NDArray.Zeros<float>(5), w0);
        NumAssert.Equal(NDArray.Eye<float>(5), v0);
    }

    [Fact]
    public void Clustered_and_repeated_eigenvalues_have_orthonormal_vectors()
    {
        double[] lambda = [1, 1, 1, 2, 2, 3];
        var q = MatrixGenerators.RandomOrthogonal(6, 42);
        var a = (q * NDArray.FromArray(lambda)).MatMul(q.T);
        a = (a + a.T) * 0.5;
        Check("Q diag(1,1,1,2,2,3) Q^T", a);
        Check("float Q diag(1,1,1,2,2,3) Q^T", MatrixGenerators.Cast<float>(a));
        var w = Linea.Linalg.Eigvalsh(a).ToArray();
        for (int i = 0; i < 6; i++) Assert.True(Math.Abs(w[i] - lambda[i]) <= 30 * 6 * NumAssert.Eps<double>() * 3, $"w[{i}] = {w[i]:R}");
        // A tight cluster next to a far value, and the identity (every vector is an eigenvector).
        var n = 40;
        var qq = MatrixGenerators.RandomOrthogonal(n, 3);
        var lam = Enumerable.Range(0, n).Select(i => i < 30 ? 1 + i * 1e-13 : 1e3 + i).ToArray();
        var b = (qq * NDArray.FromArray(lam)).MatMul(qq.T);
        Check("cluster 30 within 3e-12", (b + b.T) * 0.5);
        Check("identity", NDArray.Eye<double>(n));
    }

    [Fact]
    public void Graded_and_spd_ill_conditioned()
    {
        Check("spd cond 1e12", MatrixGenerators.Spd<double>(50, 1e12, 4));
        var g = MatrixGenerators.Graded<double>(30, 30, 10, 8);
        var gg = g.MatMul(g.T);
        Check("graded", (gg + gg.T) * 0.5);
        var d = NDArray.Diag(NDArray.FromArray(Enumerable.Range(0, 12).Select(i => Math.Pow(10, -2.0 * i)).ToArray()));
        var (w, _) = Linea.Linalg.Eigh(d);
        // Diagonal input: exact eigenvalues, even the tiny ones.
        var wa = w.ToArray();
        for (int i = 0; i < 12; i++) Assert.Equal(Math.Pow(10, -2.0 * (11 - i)), wa[i], 15);
    }

    [Fact]
    public void Non_contiguous_views()
    {
        var a = Symmetric<double>(13, 77);
        foreach (var (layout, view) in Checks.Layouts(a)) Check(layout, view);
    }

    [Fact]
    public void Huge_and_tiny_entries_are_scaled()
    {
        var a = Symmetric<double>(10, 5);
        var w = Linea.Linalg.Eigvalsh(a).ToArray();
        var big = Linea.Linalg.Eigvalsh(a * 1e300).ToArray();
        var small = Linea.Linalg.Eigvalsh(a * 1e-300).ToArray();
        for (int i = 0; i < 10; i++)
        {
            Assert.True(Math.Abs(big[i] / 1e300 - w[i]) <= 1e-13 * w.Max(Math.Abs), $"big {i}");
            Assert.True(Math.Abs(small[i] / 1e-300 - w[i]) <= 1e-13 * w.Max(Math.Abs), $"small {i}");
        }
    }

    [Fact]
    public void Errors()
    {
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Eigh(NDArray.Zeros<double>(3, 4)));
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Eigvalsh(NDArray.Zeros<double>(3)));
        var a = NDArray.Eye<double>(4);
        a[2, 1] = double.NaN;
        var ex = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Eigh(a));
        Assert.Contains("[2, 1]", ex.Message);
        a[2, 1] = 0; a[1, 3] = double.PositiveInfinity;
        Linea.Linalg.Eigh(a); // the upper triangle is not read
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.Eigh(a, UpLo.Upper));
    }

    [Theory]
    [InlineData("rosser", 1)]
    [InlineData("wilkinson21", 1)]
    [InlineData("hilbert4", 1)]
    [InlineData("hilbert5", 1)]
    [InlineData("hilbert8", 1)]
    [InlineData("pascal4", 1)]
    [InlineData("pascal6", 1)]
    [InlineData("wilson4", 1)]
    public void Classic_symmetric_matrices(string name, int _)
    {
        var a = TestMatrices.Entries(name);
        int n = (int)a.Dims[0];
        var exact = TestMatrices.Values(name, "eigenvalues_ascending");
        Check(name, a);
        var w = Linea.Linalg.Eigvalsh(a).ToArray();
        double norm2 = exact.Max(Math.Abs), eps = NumAssert.Eps<double>();
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            double err = Math.Abs(w[i] - exact[i]) / (norm2 * eps);
            worst = Math.Max(worst, err);
            Assert.True(err <= 4 * n, $"{name}: w[{i}] = {w[i]:R}, exact {exact[i]:R}: {err:F1} eps ||A||");
        }
        output.WriteLine($"{name}: max |w - exact| = {worst:F2} eps ||A||_2");
        if (name == "rosser")
        {
            Assert.True(Math.Abs(w[3] - 1000) <= 1e-12 * 1000 && Math.Abs(w[4] - 1000) <= 1e-12 * 1000, "the double eigenvalue 1000");
            Assert.True(Math.Abs(w[1]) <= 1e-12 * 1000, $"the zero eigenvalue: {w[1]:R}");
        }
        if (name == "wilkinson21")
        {
            // The close pair 10.746194182903322 / ...393: separated by 7.2e-14, resolved to a few eps.
            double gap = w[20] - w[19];
            Assert.True(Math.Abs(gap - 7.16e-14) < 1e-14 * 3, $"W21+ largest pair gap {gap:E3}");
        }
        if (name.StartsWith("pascal"))
        {
            // Reciprocal pairs: lambda_i lambda_{n-1-i} = 1, to cond * eps.
            for (int i = 0; i < n / 2; i++)
                Assert.True(Math.Abs(w[i] * w[n - 1 - i] - 1) <= n * eps * w[n - 1] / w[0] * 10, $"{name}: pair {i} product {w[i] * w[n - 1 - i]:R}");
        }
    }

    [Fact]
    public void Frank_symmetrised_trace_and_float_classics()
    {
        // Frank is not symmetric; F + F^T is, with trace 2 trace(F) = sum of its eigenvalues.
        var f = TestMatrices.Entries("frank12");
        var s = f + f.T;
        Check("frank12 + frank12^T", s);
        double trace = 0;
        for (int i = 0; i < 12; i++) trace += s[i, i];
        Assert.Equal(trace, Linea.Linalg.Eigvalsh(s).ToArray().Sum(), 10);
        // Float: Rosser's eigenvalues to n eps_float ||A||.
        var r = MatrixGenerators.Cast<float>(TestMatrices.Entries("rosser"));
        Check("rosser float", r);
        var wf = Linea.Linalg.Eigvalsh(r).ToArray();
        var exact = TestMatrices.Values("rosser", "eigenvalues_ascending");
        for (int i = 0; i < 8; i++) Assert.True(Math.Abs(wf[i] - exact[i]) <= 8 * 4 * NumAssert.Eps<float>() * 1020.05, $"float rosser w[{i}] = {wf[i]}");
    }

    [Fact]
    public void Decomposition_object_reconstructs()
    {
        var a = Symmetric<double>(25, 31);
        var eig = new SymmetricEigenDecomposition<double>(a);
        Assert.True(eig.HasEigenvectors);
        double r = Checks.Fro(eig.Reconstruct() - a) / (Checks.Fro(a) * 25 * NumAssert.Eps<double>());
        Checks.Below(r, "reconstruct");
        var noVec = new SymmetricEigenDecomposition<double>(a, computeVectors: false);
        Assert.False(noVec.HasEigenvectors);
        Assert.Throws<InvalidOperationException>(() => noVec.Eigenvectors);
    }
}
