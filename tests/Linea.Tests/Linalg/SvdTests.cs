using System.Numerics;
using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

public class SvdTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new()
    {
        "random 1x1", "random 2x2", "random 3x3", "random 17x17", "random 64x64", "random 120x120", "random 230x230", "tall 400x200", "wide 190x300", "rankdef 250x200r120",
        "tall 200x5", "tall 50x30", "wide 5x40", "wide 30x50", "zero 6x4", "zero 0x3", "zero 3x0", "zero 0x0",
        "rankdef 40x30r5", "rankdef 30x40r7", "rankdef 300x100r40", "rankdef 90x200r60", "tall 500x60", "graded 30x30", "hilbert 12", "kahan 30", "diag 8", "tall 1x1", "wide 1x6", "tall 6x1",
    };

    private void Check<T>(string label, NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Dims[0], n = (int)a.Dims[1], k = Math.Min(m, n);
        foreach (bool full in new[] { true, false })
        {
            var (u, s, vh) = Linea.Linalg.Svd(a, full);
            Assert.Equal(full ? [m, m] : new[] { m, k }, u.Shape.ToIntArray());
            Assert.Equal(full ? [n, n] : new[] { k, n }, vh.Shape.ToIntArray());
            Assert.Equal([k], s.Shape.ToIntArray());
            var sa = s.ToArray();
            for (int i = 0; i < k; i++) Assert.True(sa[i] >= T.Zero && (i == 0 || sa[i - 1] >= sa[i]), $"{label}: S not descending non-negative at {i}");
            double res = SpectralChecks.SvdResidual(a, u, s, vh);
            double ou = SpectralChecks.Orthogonality(u), ov = SpectralChecks.Orthogonality(vh.T);
            output.WriteLine($"{typeof(T).Name} {label} full={full}: residual {res:F3}, U orth {ou:F3}, V orth {ov:F3} (max(m,n) eps)");
            Checks.Below(res, $"{label} residual");
            Checks.Below(ou, $"{label} U orthogonality");
            Checks.Below(ov, $"{label} V orthogonality");
            // Sign convention: the largest-magnitude entry of each left singular vector is positive.
            for (int j = 0; j < u.Dims[1]; j++)
            {
                int best = 0;
                for (int i = 1; i < m; i++) if (T.Abs(u[i, j]) > T.Abs(u[best, j])) best = i;
                Assert.True(u[best, j] > T.Zero, $"{label}: U column {j} sign convention");
            }
        }
        var vals = Linea.Linalg.Svdvals(a).ToArray();
        var withVectors = Linea.Linalg.Svd(a, false).S.ToArray();
        double smax = k == 0 ? 0 : double.CreateTruncating(withVectors[0]);
        for (int i = 0; i < k; i++)
            Assert.True(Math.Abs(double.CreateTruncating(vals[i] - withVectors[i])) <= 10 * k * NumAssert.Eps<T>() * smax, $"{label}: svdvals[{i}]");
        var (u0, s0, vh0) = Linea.Linalg.Svd(a, computeUv: false);
        Assert.Equal(0, u0.Size + vh0.Size);
        Assert.Equal(vals, s0.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_cases(string name) => Check(name, QrTests.Make<double>(name.Replace("zero 0x0", "zero 0x0")));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_cases(string name) => Check(name, QrTests.Make<float>(name));

    [Fact]
    public void Prescribed_singular_values_are_recovered()
    {
        double[] sigma = [1e3, 10, 1, 1, 1, 0.5, 1e-3, 1e-8, 1e-12, 0];
        var a = MatrixGenerators.WithSingularValues<double>(25, 10, sigma, 99);
        Check("prescribed 25x10", a);
        var s = Linea.Linalg.Svdvals(a).ToArray();
        for (int i = 0; i < 10; i++)
            Assert.True(Math.Abs(s[i] - sigma[i]) <= 30 * 25 * NumAssert.Eps<double>() * 1e3, $"s[{i}] = {s[i]:R}, expected {sigma[i]:R}");
        var wide = MatrixGenerators.WithSingularValues<float>(6, 15, [4, 3, 2, 2, 1, 0.25], 5);
        var sw = Linea.Linalg.Svdvals(wide).ToArray();
        double[] expected = [4, 3, 2, 2, 1, 0.25];
        for (int i = 0; i < 6; i++) Assert.True(Math.Abs(sw[i] - expected[i]) <= 30 * 15 * NumAssert.Eps<float>() * 4, $"float wide s[{i}] = {sw[i]}");
    }

    [Fact]
    public void Bidiagonal_small_values_have_high_relative_accuracy()
    {
        // A graded bidiagonal: singular values spread over 40 decades, each to a few eps relative (Demmel-Kahan).
        int n = 12;
        var b = NDArray.Zeros<double>(n, n);
        for (int i = 0; i < n; i++) { b[i, i] = Math.Pow(10, -4.0 * i); if (i + 1 < n) b[i, i + 1] = Math.Pow(10, -4.0 * i - 2); }
        var s = Linea.Linalg.Svdvals(b).ToArray();
        // Diagonally dominant graded bidiagonal: sigma_i = d_i (1 + O(1e-4)); compare with the lower-precision-insensitive product det.
        double logDet = 0, logProd = 0;
        for (int i = 0; i < n; i++) { logDet += Math.Log(b[i, i]); logProd += Math.Log(s[i]); }
        Assert.True(Math.Abs(logDet - logProd) <= 1e-13 * n, $"prod sigma = |det| relative error {Math.Abs(logDet - logProd):E2}");
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(s[i] / b[i, i] - 1) < 1e-3, $"s[{i}] = {s[i]:E3}");
    }

    [Fact]
    public void Kahan30_and_rosser_singular_values()
    {
        var k = TestMatrices.Entries("kahan30_theta1.2");
        var exact = TestMatrices.Values("kahan30_theta1.2", "singular_values_descending");
        var s = Linea.Linalg.Svdvals(k).ToArray();
        double eps = NumAssert.Eps<double>(), worst = 0;
        for (int i = 0; i < 30; i++)
        {
            double err = Math.Abs(s[i] - exact[i]) / (eps * exact[0]);
            worst = Math.Max(worst, err);
            Assert.True(err <= 30 * 4, $"kahan30 s[{i}] = {s[i]:R}, exact {exact[i]:R} ({err:F1} eps sigma_max)");
        }
        output.WriteLine($"kahan30: max |s - exact| = {worst:F2} eps sigma_max; sigma_min {s[29]:R} vs {exact[29]:R}");
        Check("kahan30", k);
        var r = TestMatrices.Entries("rosser");
        var rexact = TestMatrices.Values("rosser", "singular_values_descending");
        var rs = Linea.Linalg.Svdvals(r).ToArray();
        worst = 0;
        for (int i = 0; i < 8; i++) worst = Math.Max(worst, Math.Abs(rs[i] - rexact[i]) / (eps * rexact[0]));
        output.WriteLine($"rosser: max |s - exact| = {worst:F2} eps sigma_max");
        Assert.True(worst < 8 * 4, $"rosser singular values off by {worst:F1} eps sigma_max");
        // Frank: the product of the singular values is |det| = 1.
        foreach (var name in new[] { "frank5", "frank12" })
        {
            var fs = Linea.Linalg.Svdvals(TestMatrices.Entries(name)).ToArray();
            double logp = fs.Sum(Math.Log);
            // Each sigma_i carries an absolute error of about n eps sigma_max, a relative one of n eps sigma_max / sigma_i.
            double tol = 10 * fs.Length * eps * fs[0] * fs.Sum(x => 1 / x);
            Assert.True(Math.Abs(logp) < tol, $"{name}: prod sigma = {Math.Exp(logp):R}, tolerance {tol:E2}");
        }
        // Hilbert: sigma = eigenvalues (SPD).
        var h8 = TestMatrices.Values("hilbert8", "eigenvalues_ascending").Reverse().ToArray();
        var hs = Linea.Linalg.Svdvals(TestMatrices.Entries("hilbert8")).ToArray();
        for (int i = 0; i < 8; i++) Assert.True(Math.Abs(hs[i] - h8[i]) <= 8 * 8 * eps * h8[0], $"hilbert8 s[{i}]");
    }

    [Fact]
    public void Non_contiguous_views()
    {
        foreach (var (layout, view) in Checks.Layouts(Generators.Normal<double>([9, 6], 4))) Check(layout, view);
        foreach (var (layout, view) in Checks.Layouts(Generators.Normal<float>([5, 11], 6))) Check(layout, view);
    }

    [Fact]
    public void Decomposition_object()
    {
        var a = MatrixGenerators.RankDeficient<double>(20, 15, 4, 3);
        var svd = new SvdDecomposition<double>(a, fullMatrices: false);
        Assert.Equal(4, svd.Rank());
        double r = Checks.Fro(svd.Reconstruct() - a) / (Checks.Fro(a) * 20 * NumAssert.Eps<double>());
        Checks.Below(r, "reconstruct");
        Assert.Throws<InvalidOperationException>(() => new SvdDecomposition<double>(a, computeUv: false).U);
    }

    [Fact]
    public void Errors_and_scaling()
    {
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Svd(NDArray.Zeros<double>(3)));
        var a = Generators.Normal<double>([4, 3], 1);
        a[3, 2] = double.NaN;
        var ex = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Svdvals(a));
        Assert.Contains("[3, 2]", ex.Message);
        var b = Generators.Normal<double>([7, 5], 2);
        var s = Linea.Linalg.Svdvals(b).ToArray();
        var big = Linea.Linalg.Svdvals(b * 1e300).ToArray();
        var tiny = Linea.Linalg.Svdvals(b * 1e-300).ToArray();
        for (int i = 0; i < 5; i++)
        {
            Assert.True(Math.Abs(big[i] / 1e300 - s[i]) <= 1e-13 * s[0], $"big {i}");
            Assert.True(Math.Abs(tiny[i] / 1e-300 - s[i]) <= 1e-13 * s[0], $"tiny {i}");
        }
    }
}
