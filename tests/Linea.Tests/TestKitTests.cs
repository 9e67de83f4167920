using Linea.TestKit;

namespace Linea.Tests;

/// <summary>The generators themselves must have the structure they promise, or every test built on them is void.</summary>
public class TestKitTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(40)]
    public void Random_orthogonal_has_orthonormal_columns(int n)
    {
        var q = MatrixGenerators.RandomOrthogonal(n, 3);
        double err = MatrixGenerators.FrobeniusNorm(q.T.MatMul(q) - NDArray.Eye<double>(n));
        Assert.True(err <= 30 * n * Math.Pow(2, -52), $"||Q^T Q - I|| = {err:E2}");
    }

    [Fact]
    public void Spd_and_prescribed_singular_values_have_the_promised_norms()
    {
        var a = MatrixGenerators.Spd<double>(12, 1e6, 5);
        NumAssert.Equal(a, a.T.Copy());
        // trace = sum of eigenvalues = sum of the geometric sequence 1 .. 1e-6
        double expected = Enumerable.Range(0, 12).Sum(i => Math.Pow(1e6, -i / 11.0));
        Assert.InRange(NDArray.Trace(a), expected * (1 - 1e-13), expected * (1 + 1e-13));
        var b = MatrixGenerators.WithSingularValues<double>(7, 4, [4, 3, 2, 1], 9);
        // ||B||_F^2 = sum sigma^2 = 30
        Assert.InRange(MatrixGenerators.FrobeniusNorm(b), Math.Sqrt(30) * (1 - 1e-13), Math.Sqrt(30) * (1 + 1e-13));
    }

    [Fact]
    public void Hilbert_and_kahan_entries()
    {
        var h = MatrixGenerators.Hilbert<double>(3);
        Assert.Equal(1.0 / 5, h[2, 2]);
        var k = MatrixGenerators.Kahan<double>(3);
        Assert.Equal(Math.Sin(1.2), k[1, 1], 15);
        Assert.Equal(-Math.Cos(1.2) * Math.Sin(1.2), k[1, 2], 15);
        Assert.Equal(0.0, k[2, 0]);
    }
}
