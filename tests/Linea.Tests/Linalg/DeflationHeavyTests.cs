using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

/// <summary>
/// Low-rank matrices large enough for several divide-and-conquer levels, where most of every merge deflates and the
/// deflated columns are copied instead of multiplied: A = X X^T (rank r, n - r zero eigenvalues) through eigh, and the
/// same A and a rank-r rectangular product through svd. Truth: the residual and orthogonality ratios of LAPACK's
/// tests (below 30 in units of n eps), the exact rank (n - r eigenvalues within 30 n eps ||A|| of zero), and the
/// nonzero eigenvalues equal to the squared singular values of X.
/// </summary>
public class DeflationHeavyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(300, 5)]
    [InlineData(520, 12)]
    public void EighOfALowRankGramMatrix(int n, int r)
    {
        var x = NDArray.Normal([n, r], 0.0, 1.0, (ulong)(n + r));
        var a = x.MatMul(x.T);
        var (w, v) = Linea.Linalg.Eigh(a);
        double res = SpectralChecks.EighResidual(a, w, v), orth = SpectralChecks.Orthogonality(v);
        output.WriteLine($"eigh n={n} r={r}: residual {res:F3}, orthogonality {orth:F3}");
        Checks.Below(res, "residual");
        Checks.Below(orth, "orthogonality");
        double anorm = w[n - 1], eps = NumAssert.Eps<double>();
        for (int i = 0; i < n - r; i++) Assert.True(Math.Abs(w[i]) <= 30 * n * eps * anorm, $"eigenvalue {i} = {w[i]} should be 0");
        var sx = Linea.Linalg.Svdvals(x).ToArray();
        for (int i = 0; i < r; i++)
        {
            double expected = sx[i] * sx[i];
            Assert.True(Math.Abs(w[n - 1 - i] - expected) <= 30 * n * eps * anorm, $"eigenvalue {n - 1 - i}: {w[n - 1 - i]} vs sigma^2 {expected}");
        }
    }

    [Theory]
    [InlineData(300, 260, 6)]
    [InlineData(450, 450, 10)]
    public void SvdOfALowRankProduct(int m, int n, int r)
    {
        var a = NDArray.Normal([m, r], 0.0, 1.0, 7).MatMul(NDArray.Normal([r, n], 0.0, 1.0, 8));
        var (u, s, vh) = Linea.Linalg.Svd(a);
        double res = SpectralChecks.SvdResidual(a, u, s, vh), ou = SpectralChecks.Orthogonality(u), ov = SpectralChecks.Orthogonality(vh.T);
        output.WriteLine($"svd {m}x{n} rank {r}: residual {res:F3}, U orthogonality {ou:F3}, V orthogonality {ov:F3}");
        Checks.Below(res, "residual");
        Checks.Below(ou, "U orthogonality");
        Checks.Below(ov, "V orthogonality");
        double eps = NumAssert.Eps<double>();
        var sa = s.ToArray();
        for (int i = r; i < sa.Length; i++) Assert.True(sa[i] <= 30 * Math.Max(m, n) * eps * sa[0], $"singular value {i} = {sa[i]} should be 0");
        Assert.True(sa[r - 1] > 1e-3 * sa[0], "the rank-r part is well separated");
    }
}
