using System.Linq;
using Linea.TestKit;
using Xunit;

namespace Linea.Tests.Linalg;

/// <summary>
/// Matrices near or below the smallest normal number and near overflow (#16 item 1): the spectral functions scale into
/// the safe range by a power of two, entry by entry, and scale back, as LAPACK does. Expected values are the unscaled
/// matrix's, scaled exactly: the tolerance is a small multiple of n eps plus the quantization of subnormal input
/// (the spacing 2^-1074 relative to the smallest value compared).
/// </summary>
public class ExtremeScaleTests
{
    private static readonly NDArray<double> A0 = NDArray.Normal([5, 5], 0.0, 1.0, seed: 1);

    public static TheoryData<double> Scales => new() { 1e-310, 1e-300, 1e-200, 1e200, 1e300 };

    private static void Close(NDArray<double> expected, NDArray<double> actual, double smallest)
    {
        double tol = 50 * 5 * NumAssert.Eps<double>() + 10 * double.Epsilon / smallest;
        for (int i = 0; i < expected.Size; i++)
        {
            double e = expected[i], a = actual[i];
            Assert.True(Math.Abs(a - e) <= tol * Math.Abs(e), $"entry {i}: {a} vs {e} (relative tolerance {tol})");
        }
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void SingularValuesScaleExactly(double scale)
    {
        var s0 = Linea.Linalg.Svdvals(A0);
        var a = A0 * scale;
        var expected = s0 * scale;
        double smallest = expected[4];
        Close(expected, Linea.Linalg.Svdvals(a), smallest);
        Close(expected, Linea.Linalg.Svd(a).S, smallest);
        Assert.Equal(5, Linea.Linalg.MatrixRank(a));
        double cond = Linea.Linalg.Cond(a), cond0 = Linea.Linalg.Cond(A0);
        Assert.True(Math.Abs(cond - cond0) <= 1e-6 * cond0, $"cond {cond} vs {cond0}");
        Close(NDArray.FromArray([s0[0] * scale]), NDArray.FromArray([Linea.Linalg.Norm(a, 2.0)]), smallest);
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void SymmetricEigenvaluesScaleExactly(double scale)
    {
        var s = A0 + A0.T;
        var w0 = Linea.Linalg.Eigvalsh(s);
        var a = s * scale;
        var expected = w0 * scale;
        double smallest = NDArray.Abs(expected).Min();
        Close(expected, Linea.Linalg.Eigvalsh(a), smallest);
        Close(expected, Linea.Linalg.Eigh(a).Eigenvalues, smallest);
    }

    [Fact]
    public void SubnormalCornerCases()
    {
        Assert.Equal(1, Linea.Linalg.MatrixRank(NDArray.FromArray(new double[,] { { 5e-324 } })));
        Assert.Equal(NDArray.FromArray([2e-310, 1e-310]), Linea.Linalg.Svdvals(NDArray.Diag(NDArray.FromArray([1e-310, 2e-310]))));
        Assert.Equal(NDArray.FromArray([1e-310, 2e-310]), Linea.Linalg.Eigvalsh(NDArray.Diag(NDArray.FromArray([2e-310, 1e-310]))));
        Assert.Equal(5e-324, Linea.Linalg.Svdvals(NDArray.FromArray(new double[,] { { 5e-324 } }))[0]);
    }

    [Fact]
    public void Float32NearItsSmallestNormal()
    {
        var s0 = Linea.Linalg.Svdvals(A0);
        var a = MatrixGenerators.Cast<float>(A0 * 1e-40);
        var s = Linea.Linalg.Svdvals(a);
        for (int i = 0; i < 5; i++)
        {
            double e = s0[i] * 1e-40;
            // float32 subnormals near 1e-40 carry about 17 bits: the tolerance is their spacing over the value.
            double tol = 50 * 5 * NumAssert.Eps<float>() + 10 * 1.4e-45 / (s0[4] * 1e-40);
            Assert.True(Math.Abs(s[i] - e) <= tol * e, $"sigma {i}: {s[i]} vs {e}");
        }
        Assert.Equal(5, Linea.Linalg.MatrixRank(a));
    }

    [Fact]
    public void LeastSquaresResidualsOverflowToInfinityNotNaN()
    {
        var a0 = NDArray.Normal([6, 3], 0.0, 1.0, seed: 2);
        var b0 = NDArray.Normal([6], 0.0, 1.0, seed: 3);
        double r0 = Linea.Linalg.Lstsq(a0, b0).Residuals[0];
        // Scaled by 1e300 the squared residual (about 1e600) overflows: NumPy gives inf, never NaN.
        var big = Linea.Linalg.Lstsq(a0 * 1e300, b0 * 1e300);
        Assert.True(double.IsPositiveInfinity(big.Residuals[0]), $"residual {big.Residuals[0]}");
        // Scaled by 1e-150 it is about 1e-300 and keeps its digits.
        double small = Linea.Linalg.Lstsq(a0 * 1e-150, b0 * 1e-150).Residuals[0];
        Assert.True(Math.Abs(small - r0 * 1e-300) <= 1e-10 * r0 * 1e-300, $"{small} vs {r0 * 1e-300}");
    }

    [Fact]
    public void RankDeficientLeastSquaresIsMinimumNormOnTheKahanMatrix()
    {
        // Kahan-90: pivoted QR does not reveal its numerical rank (89 at rcond = eps n), so the truncated solution must
        // come from the SVD, as NumPy's gelsd gives it; the pivoted-QR truncation was 23-32 % away from it.
        var k = MatrixGenerators.Kahan<double>(90);
        var b = NDArray.Normal([90], 0.0, 1.0, seed: 7);
        var result = Linea.Linalg.Lstsq(k, b);
        Assert.Equal(89, result.Rank);
        var svd = Linea.Linalg.Svd(k, fullMatrices: false);
        var u = svd.U[.., ..89];
        var v = svd.Vh[..89, ..].T;
        var reference = v.MatMul(u.T.MatMul(b) / svd.S[..89]);
        double rel = Linea.Linalg.Norm(result.Solution - reference) / Linea.Linalg.Norm(reference);
        Assert.True(rel <= 1e-10, $"relative distance to the minimum-norm solution {rel}");
        // A stack of right-hand sides gives the same columns.
        var bb = NDArray.Stack([b, b * 2.0], axis: 1);
        var xx = Linea.Linalg.Lstsq(k, bb).Solution;
        Assert.True(Linea.Linalg.Norm(xx[.., 1] - reference * 2.0) / Linea.Linalg.Norm(reference) <= 1e-10);
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void GeneralEigenvaluesPseudoinverseNuclearNormAndLeastSquaresScale(double scale)
    {
        var a = A0 * scale;
        double smallest = Linea.Linalg.Svdvals(A0)[4] * scale;
        // Eigenvalues of a general matrix: sorted by real then imaginary part, compared as magnitudes of the difference.
        var w0 = Linea.Linalg.Eigvals(A0).ToComplexArray().OrderBy(z => z.Real).ThenBy(z => z.Imaginary).ToArray();
        var w = Linea.Linalg.Eigvals(a).ToComplexArray().OrderBy(z => z.Real).ThenBy(z => z.Imaginary).ToArray();
        double wmax = w0.Max(z => z.Magnitude);
        for (int i = 0; i < 5; i++)
            Assert.True((w[i] - w0[i] * scale).Magnitude <= (1e-12 * wmax + 10 * double.Epsilon / scale) * scale, $"eigenvalue {i}: {w[i]} vs {w0[i] * scale}");
        // The nuclear norm is the sum of the singular values.
        double nuc0 = Linea.Linalg.Svdvals(A0).Sum();
        Close(NDArray.FromArray([nuc0 * scale]), NDArray.FromArray([Linea.Linalg.Norm(a, "nuc")]), smallest);
        // lstsq of (s A) x = (s b) has the unscaled solution; the pseudo-inverse scales by 1/s where that is finite.
        var b = NDArray.Normal([5], 0.0, 1.0, seed: 9);
        var x0 = Linea.Linalg.Lstsq(A0, b).Solution;
        var x = Linea.Linalg.Lstsq(a, b * scale).Solution;
        double tol = 1e-10 + 10 * double.Epsilon / smallest;
        Assert.True(Linea.Linalg.Norm(x - x0) <= tol * Linea.Linalg.Norm(x0), $"lstsq {Linea.Linalg.Norm(x - x0) / Linea.Linalg.Norm(x0)}");
        if (scale >= 1e-300)
        {
            var p0 = Linea.Linalg.Pinv(A0);
            var p = Linea.Linalg.Pinv(a) * scale;
            Assert.True(Linea.Linalg.Norm(p - p0) <= 1e-10 * Linea.Linalg.Norm(p0), $"pinv {Linea.Linalg.Norm(p - p0) / Linea.Linalg.Norm(p0)}");
        }
    }

    [Fact]
    public void Float32SymmetricEigenvaluesAndLeastSquaresNearTheSmallestNormal()
    {
        var s = A0 + A0.T;
        var w0 = Linea.Linalg.Eigvalsh(s);
        var w = Linea.Linalg.Eigvalsh(MatrixGenerators.Cast<float>(s * 1e-40));
        double smallest = NDArray.Abs(w0).Min() * 1e-40;
        for (int i = 0; i < 5; i++)
        {
            double e = w0[i] * 1e-40;
            double tol = 50 * 5 * NumAssert.Eps<float>() + 10 * 1.4e-45 / smallest;
            Assert.True(Math.Abs(w[i] - e) <= tol * Math.Abs(e), $"lambda {i}: {w[i]} vs {e}");
        }
        var x = Linea.Linalg.Lstsq(MatrixGenerators.Cast<float>(A0 * 1e-38), MatrixGenerators.Cast<float>(NDArray.Normal([5], 0.0, 1.0, seed: 9) * 1e-38)).Solution;
        var x0 = Linea.Linalg.Lstsq(A0, NDArray.Normal([5], 0.0, 1.0, seed: 9)).Solution;
        for (int i = 0; i < 5; i++) Assert.True(Math.Abs(x[i] - x0[i]) <= 1e-3 * Linea.Linalg.Norm(x0), $"x {i}: {x[i]} vs {x0[i]}");
    }
}
