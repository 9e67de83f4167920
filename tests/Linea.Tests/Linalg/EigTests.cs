using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Linea.TestKit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Linea.Tests.Linalg;

/// <summary>
/// The general eigendecomposition (Linalg.Eig / Eigvals, EigenDecomposition): backward error, NumPy's conventions,
/// eigenvalue accuracy against exact spectra within first-order perturbation bounds (condition number times the
/// backward error), defective eigenvalues within the Jordan-block bound, and the error paths.
/// </summary>
public class EigTests(ITestOutputHelper output)
{
    /// <summary>Block sizes and crossovers small enough that blocked Hessenberg, multishift QR with recursive
    /// aggressive early deflation and blocked back-transformation all run at small n.</summary>
    private static readonly EigParams Small = new(HessenbergBlockSize: 3, HessenbergCrossover: 4, MultishiftCrossover: 15, VectorBlockSize: 5);

    private (ComplexTensor<T> W, ComplexTensor<T> V) Check<T>(string label, NDArray<T> a, EigParams? p = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var eig = new EigenDecomposition<T>(a, true, p);
        var w = eig.Eigenvalues;
        var v = eig.Eigenvectors;
        int n = (int)a.Dims[0];
        Assert.Equal([n], w.Shape.ToIntArray());
        Assert.Equal([n, n], v.Shape.ToIntArray());
        double res = EigChecks.Residual(a, w, v);
        output.WriteLine($"{typeof(T).Name} {label}: residual {res:F3} n eps, {w.ToComplexArray().Count(c => c.Imaginary != 0)} complex eigenvalues");
        Checks.Below(res, $"{label} residual");
        EigChecks.Conventions(label, w, v);
        Assert.Equal(w.IsReal, eig.IsReal);
        return (w, v);
    }

    private static double Eps<T>() where T : IFloatingPointIeee754<T> => NumAssert.Eps<T>();

    /// <summary>
    /// Each expected eigenvalue is matched to a distinct computed one and must lie within
    /// c n eps ||A||_F kappa_j of it, kappa_j the condition number of the computed eigenvalue (first-order
    /// perturbation theory with LAPACK's backward error c n eps ||A||).
    /// </summary>
    private void AssertEigenvaluesNear<T>(string label, Complex[] expected, NDArray<T> a, ComplexTensor<T> w, ComplexTensor<T> v, double c = 30)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var got = w.ToComplexArray();
        var kappa = EigChecks.ConditionNumbers(v);
        int n = (int)a.Dims[0];
        double backward = c * n * Eps<T>() * Checks.Fro(a);
        var match = EigChecks.Match(expected, got);
        double worst = 0;
        for (int e = 0; e < expected.Length; e++)
        {
            int j = match[e];
            double err = (got[j] - expected[e]).Magnitude, bound = backward * kappa[j];
            worst = Math.Max(worst, err / bound);
            if (!(err <= bound))
                throw new XunitException($"{label}: eigenvalue {expected[e]} computed as {got[j]}, error {err:E2} > bound {bound:E2} (kappa {kappa[j]:E2})");
        }
        output.WriteLine($"{label}: worst eigenvalue error {worst:F4} of its bound (kappa up to {kappa.Max():E2})");
    }

    // ---- Random matrices: backward error and conventions at many sizes, default and small blocking ----

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(8)] [InlineData(13)]
    [InlineData(16)] [InlineData(31)] [InlineData(32)] [InlineData(33)] [InlineData(50)] [InlineData(75)] [InlineData(76)]
    [InlineData(100)] [InlineData(127)] [InlineData(128)] [InlineData(129)] [InlineData(130)] [InlineData(160)]
    public void Random_double(int n) => Check($"random {n}", Generators.Normal<double>([n, n], (ulong)n + 11));

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(7)] [InlineData(33)] [InlineData(76)] [InlineData(129)] [InlineData(170)]
    public void Random_float(int n) => Check($"random {n}", Generators.Normal<float>([n, n], (ulong)n + 13));

    [Theory]
    [InlineData(4)] [InlineData(5)] [InlineData(16)] [InlineData(17)] [InlineData(31)] [InlineData(40)] [InlineData(64)]
    [InlineData(97)] [InlineData(200)]
    public void Small_blocks_run_blocked_and_multishift_paths(int n)
    {
        var a = Generators.Normal<double>([n, n], (ulong)n + 101);
        var (w, v) = Check($"small blocks {n}", a, Small);
        // Same spectrum as with the default tuning, to rounding scaled by the eigenvalue condition numbers.
        var def = new EigenDecomposition<double>(a, false);
        AssertEigenvaluesNear($"small blocks {n} vs default", def.Eigenvalues.ToComplexArray(), a, w, v);
        if (n <= 64) Check($"small blocks float {n}", Generators.Normal<float>([n, n], (ulong)n + 7), Small);
    }

    [Fact]
    public void Uniform_matrix_of_order_300_through_the_accumulated_multishift_sweep()
    {
        // Order 300: 36 shifts per sweep (accumulated into GEMM updates), windows of 36 with recursion below.
        var a = NDArray.Uniform([300, 300], -1.0, 1.0, 5);
        Check("uniform 300", a);
    }

    [Fact]
    public void Non_contiguous_views_give_identical_results()
    {
        var a = Generators.Normal<double>([13, 13], 77);
        var (w0, v0) = Check("contiguous", a);
        foreach (var (layout, view) in Checks.Layouts(a))
        {
            var (w, v) = Linea.Linalg.Eig(view);
            NumAssert.Equal(w0.Real, w.Real);
            NumAssert.Equal(w0.Imag, w.Imag);
            NumAssert.Equal(v0.Real, v.Real);
            NumAssert.Equal(v0.Imag, v.Imag);
            _ = layout;
        }
    }

    // ---- Matrices with known spectra ----

    [Theory]
    [InlineData(0.3)] [InlineData(1.0)] [InlineData(2.5)] [InlineData(Math.PI / 2)]
    public void Rotation_matrices_have_eigenvalues_cos_plus_minus_i_sin(double t)
    {
        var r = NDArray.FromArray(new double[,] { { Math.Cos(t), -Math.Sin(t) }, { Math.Sin(t), Math.Cos(t) } });
        var (w, v) = Check($"rotation {t}", r);
        var got = w.ToComplexArray();
        Assert.Equal(new Complex(Math.Cos(t), Math.Sin(t)).Real, got[0].Real, 1e-15);
        Assert.True((got[0] - new Complex(Math.Cos(t), Math.Sin(t))).Magnitude <= 4 * Eps<double>(), $"{got[0]}");
        Assert.Equal(Complex.Conjugate(got[0]), got[1]);
        // The eigenvector of cos t + i sin t is (1, -i) / sqrt 2 up to a unit factor: |v0| = |v1| = 1/sqrt 2.
        Assert.Equal(Math.Sqrt(0.5), v[0, 0].Magnitude, 1e-15);
        Assert.Equal(Math.Sqrt(0.5), v[1, 0].Magnitude, 1e-15);
        // A 3-d rotation about an axis: eigenvalues 1 and e^(+-it), in a random orthonormal basis.
        var q = MatrixGenerators.RandomOrthogonal(3, 9);
        var r3 = NDArray.FromArray(new double[,] { { Math.Cos(t), -Math.Sin(t), 0 }, { Math.Sin(t), Math.Cos(t), 0 }, { 0, 0, 1 } });
        var a = q.MatMul(r3).MatMul(q.T);
        var (w3, v3) = Check($"3-d rotation {t}", a);
        AssertEigenvaluesNear($"3-d rotation {t}", [1, new Complex(Math.Cos(t), Math.Sin(t)), new Complex(Math.Cos(t), -Math.Sin(t))], a, w3, v3);
    }

    private static NDArray<double> Companion(double[] monicCoefficients)
    {
        // numpy.roots' companion matrix: first row -c[1:], ones on the subdiagonal.
        int n = monicCoefficients.Length - 1;
        var a = NDArray.Zeros<double>(n, n);
        for (int j = 0; j < n; j++) a[0, j] = -monicCoefficients[j + 1];
        for (int i = 1; i < n; i++) a[i, i - 1] = 1;
        return a;
    }

    private static double[] PolyFromRoots(Complex[] roots)
    {
        var c = new Complex[] { 1 };
        foreach (var r in roots)
        {
            var next = new Complex[c.Length + 1];
            for (int i = 0; i < c.Length; i++) { next[i] += c[i]; next[i + 1] -= r * c[i]; }
            c = next;
        }
        return c.Select(x => x.Real).ToArray(); // exact: integer roots and conjugate pairs give integer coefficients
    }

    [Fact]
    public void Companion_matrices_of_polynomials_with_integer_roots()
    {
        Complex[][] cases =
        [
            [1, 2, 3, 4, 5],
            [-3, -1, 2, 2, 7],                                           // a double root
            [new(0, 1), new(0, -1), 2, new(1, 2), new(1, -2)],           // complex roots
            Enumerable.Range(1, 10).Select(i => (Complex)i).ToArray(),   // Wilkinson's ill-conditioned 1..10
        ];
        foreach (var roots in cases)
        {
            var a = Companion(PolyFromRoots(roots));
            string label = $"companion of roots {string.Join(", ", roots.Select(r => r.ToString("G3", CultureInfo.InvariantCulture)))}";
            var (w, v) = Check(label, a);
            if (roots.GroupBy(r => r).Any(g => g.Count() > 1))
            {
                // A double root is defective in companion form: the pair splits by about sqrt(eps ||A||).
                var got = w.ToComplexArray();
                double bound = 3 * Math.Sqrt(30 * 5 * Eps<double>() * Checks.Fro(a) * Checks.Fro(a));
                int near = got.Count(g => (g - 2).Magnitude <= bound);
                Assert.True(near == 2, $"{label}: {near} eigenvalues within {bound:E2} of the double root 2");
                AssertEigenvaluesNear(label + " (simple roots)", [-3, -1, 7], a, w, v);
            }
            else AssertEigenvaluesNear(label, roots, a, w, v);
            Assert.Equal(roots.All(r => r.Imaginary == 0), w.IsReal);
        }
    }

    [Theory]
    [InlineData(false)] [InlineData(true)]
    public void Triangular_matrices_give_their_diagonal_exactly(bool lower)
    {
        int n = 40;
        var a = Generators.Normal<double>([n, n], 31);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (lower ? j > i : j < i) a[i, j] = 0;
        var (w, _) = Check(lower ? "lower triangular" : "upper triangular", a);
        Assert.True(w.IsReal);
        var diag = Enumerable.Range(0, n).Select(i => a[i, i]).OrderBy(x => x).ToArray();
        // Balancing isolates every eigenvalue by permutation, so they are the diagonal entries exactly.
        Assert.Equal(diag, w.Real.ToArray().OrderBy(x => x).ToArray());
        var wv = Linea.Linalg.Eigvals(a);
        Assert.Equal(diag, wv.Real.ToArray().OrderBy(x => x).ToArray());
        // Kahan's matrix (upper triangular) from the classic set.
        var k = TestMatrices.Entries("kahan30_theta1.2");
        var (wk, _) = Check("kahan30", k);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => k[i, i]).OrderBy(x => x), wk.Real.ToArray().OrderBy(x => x));
    }

    [Theory]
    [InlineData(2)] [InlineData(4)] [InlineData(6)]
    public void Jordan_block_eigenvalues_are_accurate_to_the_kth_root_of_eps(int k)
    {
        // J_k(2) in a random orthonormal basis: defective, so its eigenvalues split by about (eps ||A||)^(1/k):
        // to first order lambda^k = w^T E x with w^T, x the left/right null vectors of (A - 2I)^(k-1)'s rank-one
        // factors, |w^T E x| <= ||(A - 2I)^(k-1)|| ||E|| = ||E|| (unit superdiagonal), ||E|| <= c n eps ||A||.
        const double lambda = 2;
        var j = NDArray.Eye<double>(k) * lambda + NDArray.Eye<double>(k, k, 1);
        var q = MatrixGenerators.RandomOrthogonal(k, (ulong)k);
        var a = q.MatMul(j).MatMul(q.T);
        var (w, _) = Check($"Jordan block {k}", a);
        double backward = 30 * k * Eps<double>() * Checks.Fro(a);
        double bound = 2 * Math.Pow(backward, 1.0 / k);
        var got = w.ToComplexArray();
        double worst = got.Max(g => (g - lambda).Magnitude);
        output.WriteLine($"J_{k}: max |lambda - 2| = {worst:E2}, bound {bound:E2}");
        Assert.True(worst <= bound, $"J_{k}: eigenvalue error {worst:E2} > {bound:E2}");
        // The mean of the eigenvalues is the trace / k: not sensitive at all.
        var mean = got.Aggregate(Complex.Zero, (s, g) => s + g) / k;
        Assert.True((mean - lambda).Magnitude <= backward, $"J_{k}: mean eigenvalue {mean}");
        // The block itself (upper triangular): exact eigenvalues, finite (nearly parallel) eigenvectors.
        var (wj, vj) = Check($"J_{k} itself", j);
        Assert.All(wj.ToComplexArray(), g => Assert.Equal(new Complex(lambda, 0), g));
        Assert.All(vj.ToComplexArray(), c => Assert.True(double.IsFinite(c.Real) && double.IsFinite(c.Imaginary)));
    }

    [Fact]
    public void Real_spectra_give_exactly_real_results()
    {
        // Symmetric matrices: real eigenvalues, equal to eigh's to c n eps ||A||.
        foreach (int n in new[] { 5, 30, 90 })
        {
            var g = Generators.Normal<double>([n, n], (ulong)n);
            var s = (g + g.T) * 0.5;
            var (w, v) = Check($"symmetric {n}", s);
            Assert.True(w.IsReal, $"symmetric {n}: complex eigenvalues");
            Assert.True(v.IsReal);
            var mine = w.Real.ToArray().OrderBy(x => x).ToArray();
            var eigh = Linea.Linalg.Eigvalsh(s).ToArray();
            for (int i = 0; i < n; i++)
                Assert.True(Math.Abs(mine[i] - eigh[i]) <= 30 * n * Eps<double>() * Checks.Fro(s), $"symmetric {n}: {mine[i]:R} vs eigh {eigh[i]:R}");
        }
        // S diag(d) S^-1 with distinct real d: real, and the computed values within the condition-number bound.
        var d = new double[] { -3, -1, 0.5, 2, 4, 7, 11 };
        var sm = Generators.Normal<double>([7, 7], 3) + NDArray.Eye<double>(7) * 4;
        var a = (sm * NDArray.FromArray(d)).MatMul(Linea.Linalg.Inv(sm));
        var (wa, va) = Check("S diag(d) S^-1", a);
        Assert.True(wa.IsReal && va.IsReal);
        AssertEigenvaluesNear("S diag(d) S^-1", d.Select(x => (Complex)x).ToArray(), a, wa, va);
        var f = MatrixGenerators.Cast<float>(a);
        var (wf, vf) = Check("S diag(d) S^-1 float", f);
        Assert.True(wf.IsReal && vf.IsReal);
    }

    [Fact]
    public void Balancing_undoes_a_diagonal_scaling_by_powers_of_two()
    {
        // B = S A S^-1 with S = diag(2^e), e in [-30, 30], is exactly similar to A in floating point.
        int n = 30;
        var a = Generators.Normal<double>([n, n], 17);
        var rng = new Rng(5);
        var e = Enumerable.Range(0, n).Select(_ => rng.NextInt(61) - 30).ToArray();
        var b = NDArray.Zeros<double>(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) b[i, j] = Math.ScaleB(a[i, j], e[i] - e[j]);
        var (wa, va) = Check("A", a);
        var wb = new EigenDecomposition<double>(b, false).Eigenvalues.ToComplexArray();
        // Balancing brings B back to A's scaling, so B's eigenvalues are as accurate as A's.
        AssertEigenvaluesNear("S A S^-1 vs A", wb, a, wa, va);
    }

    [Fact]
    public void Isolated_eigenvalues_are_exact_and_the_rest_is_right()
    {
        // Rows 1 and 4 have only their diagonal entry; column 2 only its diagonal entry: 3 isolated eigenvalues.
        var a = Generators.Normal<double>([7, 7], 23);
        for (int j = 0; j < 7; j++) { if (j != 1) a[1, j] = 0; if (j != 4) a[4, j] = 0; }
        for (int i = 0; i < 7; i++) if (i != 2) a[i, 2] = 0;
        var (w, v) = Check("isolated", a);
        var got = w.ToComplexArray();
        foreach (int i in new[] { 1, 2, 4 }) Assert.Contains(new Complex(a[i, i], 0), got);
        // The other four are the eigenvalues of the remaining 4 x 4 block (rows and columns 0, 3, 5, 6).
        int[] rest = [0, 3, 5, 6];
        var sub = NDArray.Zeros<double>(4, 4);
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) sub[i, j] = a[rest[i], rest[j]];
        var (ws, vs) = Check("remaining block", sub);
        var subVals = ws.ToComplexArray();
        var match = EigChecks.Match(subVals, got);
        var kappa = EigChecks.ConditionNumbers(vs);
        for (int i = 0; i < 4; i++)
            Assert.True((got[match[i]] - subVals[i]).Magnitude <= 60 * 7 * Eps<double>() * Checks.Fro(a) * kappa[i], $"{subVals[i]} vs {got[match[i]]}");
    }

    // ---- Classic matrices (Data/test_matrices.json) ----

    [Theory]
    [InlineData("frank5")] [InlineData("frank12")] [InlineData("gallery3")] [InlineData("rosser")] [InlineData("wilkinson21")]
    [InlineData("hilbert8")] [InlineData("pascal6")] [InlineData("wilson4")]
    public void Classic_matrices_with_known_eigenvalues(string name)
    {
        var a = TestMatrices.Entries(name);
        var m = TestMatrices.Get(name);
        double[] exact = m.TryGetProperty("eigenvalues_ascending", out _)
            ? TestMatrices.Values(name, "eigenvalues_ascending")
            : m.GetProperty("eigenvalues").GetProperty("exact").EnumerateArray().Select(TestMatrices.Parse).ToArray();
        var (w, v) = Check(name, a);
        // Non-symmetric (frank, gallery3): ill-conditioned eigenvalues, bounded by their computed condition numbers.
        // Symmetric (rosser, wilkinson, hilbert, pascal, wilson): normal, so kappa = 1 and every computed eigenvalue
        // is within ||E|| of an exact one (Bauer-Fike), even a double one or a pair equal to 14 digits.
        bool symmetric = Checks.Fro(a - a.T) == 0;
        if (symmetric)
        {
            var got = w.ToComplexArray();
            var match = EigChecks.Match(exact.Select(x => (Complex)x).ToArray(), got);
            double bound = 30 * a.Dims[0] * Eps<double>() * Checks.Fro(a);
            for (int i = 0; i < exact.Length; i++)
                Assert.True((got[match[i]] - exact[i]).Magnitude <= bound, $"{name}: {exact[i]:R} computed as {got[match[i]]}, bound {bound:E2}");
        }
        else AssertEigenvaluesNear(name, exact.Select(x => (Complex)x).ToArray(), a, w, v);
    }

    [Fact]
    public void Gallery5_nilpotent_eigenvalues_are_small_and_sum_to_the_trace()
    {
        // A^5 = 0 with one Jordan block: lambda^5 ~ w^T E x with w x^T = A^4, so |lambda| <~ (||A^4|| ||E||)^(1/5).
        var a = TestMatrices.Entries("gallery5");
        var (w, _) = Check("gallery5", a);
        var a4 = a.MatMul(a).MatMul(a).MatMul(a);
        double backward = 30 * 5 * Eps<double>() * Checks.Fro(a);
        double bound = Math.Pow(Checks.Fro(a4) * backward, 0.2);
        var got = w.ToComplexArray();
        double worst = got.Max(g => g.Magnitude);
        output.WriteLine($"gallery5: max |lambda| = {worst:E3}, bound {bound:E3}");
        Assert.True(worst <= bound, $"gallery5: |lambda| up to {worst:E2} > {bound:E2}");
        var sum = got.Aggregate(Complex.Zero, (s, g) => s + g);
        Assert.True(sum.Magnitude <= backward, $"gallery5: eigenvalues sum to {sum}, trace 0");
    }

    [Fact]
    public void Rosser_in_float()
    {
        var r = MatrixGenerators.Cast<float>(TestMatrices.Entries("rosser"));
        var (w, _) = Check("rosser float", r);
        var exact = TestMatrices.Values("rosser", "eigenvalues_ascending").Select(x => (Complex)x).ToArray();
        var got = w.ToComplexArray();
        var match = EigChecks.Match(exact, got);
        double bound = 30 * 8 * Eps<float>() * Checks.Fro(r);
        for (int i = 0; i < 8; i++) Assert.True((got[match[i]] - exact[i]).Magnitude <= bound, $"rosser float: {exact[i]} vs {got[match[i]]}");
    }

    // ---- NumPy reference (Data/eig/eig_reference.json, from make_eig_fixtures.py) ----

    private static double ParsePython(string s) => s switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };

    [Fact]
    public void Eigenvalues_agree_with_numpy_in_value_and_order()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "eig", "eig_reference.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var m in doc.RootElement.GetProperty("matrices").EnumerateArray())
        {
            string name = m.GetProperty("name").GetString()!;
            var a = NDArray.FromArray(m.GetProperty("entries").EnumerateArray()
                .Select(r => r.EnumerateArray().Select(x => ParsePython(x.GetString()!)).ToArray()).ToArray());
            var re = m.GetProperty("eigvals_re").EnumerateArray().Select(x => ParsePython(x.GetString()!)).ToArray();
            var im = m.GetProperty("eigvals_im").EnumerateArray().Select(x => ParsePython(x.GetString()!)).ToArray();
            var numpy = re.Zip(im, (x, y) => new Complex(x, y)).ToArray();
            var (w, v) = Check($"numpy {name}", a);
            AssertEigenvaluesNear($"numpy {name}", numpy, a, w, v);
            // Same algorithm as LAPACK's dgeev, so the same order (up to rounding-level ties, which these avoid).
            var got = w.ToComplexArray();
            double tol = 1e3 * a.Dims[0] * Eps<double>() * Checks.Fro(a) * EigChecks.ConditionNumbers(v).Max();
            for (int i = 0; i < got.Length; i++)
                Assert.True((got[i] - numpy[i]).Magnitude <= tol, $"numpy {name}: position {i}: {got[i]} vs numpy's {numpy[i]}");
        }
    }

    // ---- Eigvals, front door, edge sizes and errors ----

    [Theory]
    [InlineData(6)] [InlineData(50)] [InlineData(120)]
    public void Eigvals_equals_eigs_values_to_rounding(int n)
    {
        var a = Generators.Normal<double>([n, n], (ulong)n + 300);
        var (w, v) = Linea.Linalg.Eig(a);
        var vals = Linea.Linalg.Eigvals(a);
        Assert.Equal([n], vals.Shape.ToIntArray());
        AssertEigenvaluesNear($"eigvals {n}", vals.ToComplexArray(), a, w, v);
        var pairs = vals.ToComplexArray();
        for (int j = 0; j < n; j++)
            if (pairs[j].Imaginary > 0) Assert.Equal(Complex.Conjugate(pairs[j]), pairs[j + 1]);
        // Without vectors through the decomposition object as well; Eigenvectors then throws.
        var d = new EigenDecomposition<double>(a, computeVectors: false);
        Assert.False(d.HasEigenvectors);
        Assert.Throws<InvalidOperationException>(() => d.Eigenvectors);
        NumAssert.Equal(vals.Real, d.Eigenvalues.Real);
    }

    [Fact]
    public void Empty_and_one_by_one()
    {
        var (w, v) = Linea.Linalg.Eig(NDArray.Zeros<double>(0, 0));
        Assert.Equal([0], w.Shape.ToIntArray());
        Assert.Equal([0, 0], v.Shape.ToIntArray());
        Assert.True(w.IsReal);
        Assert.Equal([0], Linea.Linalg.Eigvals(NDArray.Zeros<float>(0, 0)).Shape.ToIntArray());
        var (w1, v1) = Linea.Linalg.Eig(NDArray.FromArray(new double[,] { { -2.5 } }));
        Assert.Equal(new Complex(-2.5, 0), w1[0]);
        Assert.Equal(new Complex(1, 0), v1[0, 0]);
        var (wz, vz) = Check("zero 6", NDArray.Zeros<double>(6, 6));
        Assert.All(wz.ToComplexArray(), c => Assert.Equal(Complex.Zero, c));
        Assert.True(vz.IsReal);
        Check("identity 9", NDArray.Eye<float>(9));
    }

    [Fact]
    public void Tiny_and_huge_entries_are_scaled_exactly()
    {
        var a = Generators.Normal<double>([12, 12], 8);
        var (w, v) = Check("unit", a);
        foreach (double s in new[] { 1e-300, 1e-160, 1e160, 1e300 })
        {
            var ws = Linea.Linalg.Eigvals(a * s).ToComplexArray().Select(x => x / s).ToArray();
            AssertEigenvaluesNear($"scaled by {s:E0}", ws, a, w, v);
        }
        var f = Generators.Normal<float>([10, 10], 8);
        var (wf, _) = Check("float unit", f);
        var wfs = Linea.Linalg.Eigvals(f * 1e-30f).ToComplexArray();
        Assert.All(wfs, x => Assert.True(double.IsFinite(x.Real) && x.Magnitude > 0));
        Check("float scaled 1e30", f * 1e30f);
        _ = wf;
    }

    [Fact]
    public void Non_square_and_non_matrix_inputs_throw_shape_mismatch_naming_the_shape()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Eig(NDArray.Zeros<double>(3, 4)));
        Assert.Contains("(3, 4)", e.Message);
        Assert.Contains("eig", e.Message);
        var e2 = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Eigvals(NDArray.Zeros<double>(5)));
        Assert.Contains("(5,)", e2.Message);
        Assert.Contains("eigvals", e2.Message);
        var e3 = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Eig(NDArray.Zeros<float>(2, 3, 4)));
        Assert.Contains("(2, 3, 4)", e3.Message);
        Assert.Throws<ArgumentNullException>(() => Linea.Linalg.Eig<double>(null!));
    }

    [Fact]
    public void Nan_and_infinity_throw_non_finite_naming_the_entry()
    {
        var a = NDArray.Eye<double>(4);
        a[2, 1] = double.NaN;
        var e = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Eig(a));
        Assert.Contains("[2, 1]", e.Message);
        var b = NDArray.Eye<float>(3);
        b[0, 2] = float.NegativeInfinity;
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.Eigvals(b));
        Assert.Throws<NonFiniteException>(() => new EigenDecomposition<float>(b));
    }

    [Theory]
    [InlineData(10)] [InlineData(100)]
    public void Non_convergence_throws_no_convergence(int n)
    {
        // No iterations allowed: the double-shift (n = 10) and the multishift path with its double-shift retry
        // (n = 100) give up, and the front door reports it rather than returning unconverged values.
        var p = EigParams.Auto with { IterationFactor = 0 };
        var a = Generators.Normal<double>([n, n], 1);
        var e = Assert.Throws<NoConvergenceException>(() => new EigenDecomposition<double>(a, true, p));
        Assert.Contains("did not converge", e.Message);
        Assert.Throws<NoConvergenceException>(() => new EigenDecomposition<double>(a, false, p));
        Assert.IsAssignableFrom<LinAlgException>(e);
    }
}
