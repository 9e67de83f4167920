using System.Numerics;
using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

/// <summary>
/// The tall-skinny SVD (TSQR first, U = Q U_R formed chunk by chunk): small chunks make it run, over several TSQR
/// levels, at test sizes; each case is checked by its residual and orthogonality and against the general path
/// (blocked QR first), whose singular values it must match to c n eps ||A||.
/// </summary>
public class SvdTallSkinnyTests(ITestOutputHelper output)
{
    /// <summary>Chunks of 3 n rows (at least 2 n), 4-column panels: 400 x 20 runs three TSQR levels.</summary>
    private static readonly SvdParams Tall = SvdParams.Auto with { TallSkinny = new TallSkinnyQrParams(60, 4, 8) };

    /// <summary>The general path: TSQR never applies.</summary>
    private static readonly SvdParams General = SvdParams.Auto with { TallSkinny = new TallSkinnyQrParams(0, 16, int.MaxValue / 4) };

    public static TheoryData<string> Cases => new()
    {
        "tall 400x20", "tall 1000x7", "tall 333x1", "wide 20x400", "rankdef 480x20r6", "rankdef 30x500r4", "zero 400x20", "graded 400x20", "clustered 400x20",
    };

    private static NDArray<T> Make<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (name.StartsWith("clustered", StringComparison.Ordinal))
        {
            // Singular values in two tight clusters and a zero: 1 + i 1e-9 and 1e-3 (1 + i 1e-9).
            var sigma = new double[20];
            for (int i = 0; i < 20; i++) sigma[i] = i < 10 ? 1 + (10 - i) * 1e-9 : i < 19 ? 1e-3 * (1 + (19 - i) * 1e-9) : 0;
            return MatrixGenerators.WithSingularValues<T>(400, 20, sigma, 31);
        }
        return QrTests.Make<T>(name);
    }

    private void Check<T>(string label, NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Dims[0], n = (int)a.Dims[1], k = Math.Min(m, n);
        var tall = new SvdDecomposition<T>(a, fullMatrices: false, parameters: Tall);
        var general = new SvdDecomposition<T>(a, fullMatrices: false, parameters: General);
        var values = new SvdDecomposition<T>(a, fullMatrices: false, computeUv: false, parameters: Tall);
        Assert.Equal([m, k], tall.U.Shape.ToIntArray());
        Assert.Equal([k, n], tall.Vh.Shape.ToIntArray());
        double res = SpectralChecks.SvdResidual(a, tall.U, tall.S, tall.Vh);
        double ou = SpectralChecks.Orthogonality(tall.U), ov = SpectralChecks.Orthogonality(tall.Vh.T);
        output.WriteLine($"{typeof(T).Name} {label}: residual {res:F3}, U orth {ou:F3}, V orth {ov:F3} (max(m,n) eps)");
        Checks.Below(res, $"{label} residual");
        Checks.Below(ou, $"{label} U orthogonality");
        Checks.Below(ov, $"{label} V orthogonality");
        var s = tall.S.ToArray();
        var s0 = general.S.ToArray();
        var sv = values.S.ToArray();
        double smax = k == 0 ? 0 : double.CreateTruncating(s0[0]);
        double tol = 10 * Math.Max(m, n) * NumAssert.Eps<T>() * smax;
        for (int i = 0; i < k; i++)
        {
            Assert.True(s[i] >= T.Zero && (i == 0 || s[i - 1] >= s[i]), $"{label}: S not descending non-negative at {i}");
            Assert.True(Math.Abs(double.CreateTruncating(s[i] - s0[i])) <= tol, $"{label}: s[{i}] = {s[i]} against the general path's {s0[i]}");
            Assert.True(Math.Abs(double.CreateTruncating(sv[i] - s0[i])) <= tol, $"{label}: values-only s[{i}] = {sv[i]} against {s0[i]}");
        }
        // Sign convention, as on the general path: the largest-magnitude entry of each left singular vector is positive.
        var u = tall.U;
        for (int j = 0; j < k; j++)
        {
            int best = 0;
            for (int i = 1; i < m; i++) if (T.Abs(u[i, j]) > T.Abs(u[best, j])) best = i;
            Assert.True(u[best, j] >= T.Zero, $"{label}: U column {j} sign convention");
        }
        // Full matrices keep the general path (a full m x m U is not a TSQR product) and agree on S.
        var full = new SvdDecomposition<T>(a, fullMatrices: true, parameters: Tall);
        Assert.Equal([m, m], full.U.Shape.ToIntArray());
        Assert.Equal(s0, full.S.ToArray());
    }

    [Theory, MemberData(nameof(Cases))]
    public void Double_matches_general_path(string name) => Check(name, Make<double>(name));

    [Theory, MemberData(nameof(Cases))]
    public void Float_matches_general_path(string name) => Check(name, Make<float>(name));

    [Fact]
    public void Well_separated_singular_vectors_agree_with_the_general_path()
    {
        double[] sigma = [9, 7, 5, 3, 2, 1, 0.5, 0.25];
        var a = MatrixGenerators.WithSingularValues<double>(640, 8, sigma, 17);
        var tall = new SvdDecomposition<double>(a, fullMatrices: false, parameters: Tall);
        var general = new SvdDecomposition<double>(a, fullMatrices: false, parameters: General);
        // Separated values: each singular vector is determined up to sign (fixed by the convention), to eps / gap.
        double diff = Checks.Fro(Checks.ToDouble(tall.U) - Checks.ToDouble(general.U)) + Checks.Fro(Checks.ToDouble(tall.Vh) - Checks.ToDouble(general.Vh));
        Assert.True(diff <= 100 * 640 * NumAssert.Eps<double>() * 9 / 0.25, $"vectors differ by {diff:E2}");
        var s = tall.S.ToArray();
        for (int i = 0; i < 8; i++) Assert.True(Math.Abs(s[i] - sigma[i]) <= 30 * 640 * NumAssert.Eps<double>() * 9, $"s[{i}] = {s[i]:R}");
    }

    [Fact]
    public void Extreme_scale_falls_back_to_the_scaled_path()
    {
        // Entries near overflow: R's bounds leave the safe range, so the scaled general path runs; same S, no overflow.
        var a = Generators.Normal<double>([400, 20], 5) * 1e300;
        var tall = new SvdDecomposition<double>(a, fullMatrices: false, parameters: Tall);
        var general = new SvdDecomposition<double>(a, fullMatrices: false, parameters: General);
        Assert.Equal(general.S.ToArray(), tall.S.ToArray());
        double s0 = tall.S.ToArray()[0];
        Assert.True(double.IsFinite(s0) && s0 > 1e300, $"s[0] = {s0:R}");
    }
}
