using Linea.TestKit;
using Xunit;

namespace Linea.Tests.Linalg;

/// <summary>
/// SvdParams and EighParams shrink the block and leaf sizes so that the blocked reductions and several levels of
/// divide-and-conquer merges run at small n; the results stay within the usual residual and orthogonality bounds and
/// agree with the default tuning's values.
/// </summary>
public class AlgorithmParamsTests
{
    private static double Norm(NDArray<double> a) => MatrixGenerators.FrobeniusNorm(a);

    [Theory]
    [InlineData(40, 30)]
    [InlineData(30, 45)]
    [InlineData(70, 70)]
    public void SvdWithSmallBlocksAndLeaves(int m, int n)
    {
        var a = NDArray.Normal([m, n], 0.0, 1.0, seed: (ulong)(m * 100 + n));
        var small = new SvdDecomposition<double>(a, fullMatrices: false, parallelism: new Parallelism(2), parameters: new SvdParams(4, 8, 4));
        var auto = new SvdDecomposition<double>(a, fullMatrices: false);
        double eps = NumAssert.Eps<double>(), bound = 10 * Math.Max(m, n) * eps;
        var u = small.U;
        var vh = small.Vh;
        var usv = u.MatMul(NDArray.Diag(small.S)).MatMul(vh);
        Assert.True(Norm(a - usv) / Norm(a) <= bound, $"residual {Norm(a - usv) / Norm(a)}");
        int k = Math.Min(m, n);
        Assert.True(Norm(u.T.MatMul(u) - NDArray.Eye<double>(k)) <= bound);
        Assert.True(Norm(vh.MatMul(vh.T) - NDArray.Eye<double>(k)) <= bound);
        Assert.True(Norm(small.S - auto.S) <= bound * Norm(auto.S));
    }

    [Theory]
    [InlineData(45)]
    [InlineData(80)]
    public void EighWithSmallBlocksAndLeaves(int n)
    {
        var g = NDArray.Normal([n, n], 0.0, 1.0, seed: (ulong)n);
        var a = g + g.T;
        var small = new SymmetricEigenDecomposition<double>(a, parallelism: new Parallelism(2), parameters: new EighParams(4, 8, 4));
        var auto = new SymmetricEigenDecomposition<double>(a);
        double eps = NumAssert.Eps<double>(), bound = 10 * n * eps;
        var v = small.Eigenvectors;
        var w = small.Eigenvalues;
        Assert.True(Norm(a.MatMul(v) - v * w) / Norm(a) <= bound);
        Assert.True(Norm(v.T.MatMul(v) - NDArray.Eye<double>(n)) <= bound);
        Assert.True(Norm(w - auto.Eigenvalues) <= bound * Norm(a));
    }

    [Fact]
    public void InvalidParametersNameTheField()
    {
        var a = NDArray.Eye<double>(3);
        var e = Assert.Throws<ArgumentException>(() => new SvdDecomposition<double>(a, parameters: new SvdParams(0, 8, 4)));
        Assert.Contains("BidiagonalBlockSize", e.Message);
        Assert.Throws<ArgumentException>(() => new SymmetricEigenDecomposition<double>(a, parameters: new EighParams(4, 8, 1)));
    }
}
