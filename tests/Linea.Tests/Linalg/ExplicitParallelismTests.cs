using Linea.TestKit;
using Xunit;

namespace Linea.Tests.Linalg;

/// <summary>
/// The threaded paths of LU (look-ahead, n &gt;= 512), QR and Cholesky chosen through an explicit
/// <see cref="Parallelism"/> rather than the process default: two threads and one give results within the usual
/// backward-error bounds, ||A - reconstruct|| &lt;= c n eps ||A|| and residuals of solves.
/// </summary>
public class ExplicitParallelismTests
{
    private static readonly Parallelism Two = new(2);

    public static TheoryData<int> Threads => new() { 1, 2 };

    private static double Rel(NDArray<double> a, NDArray<double> b) =>
        MatrixGenerators.FrobeniusNorm(a - b) / MatrixGenerators.FrobeniusNorm(a);

    /// <summary>||A x - b|| / (||A|| ||x|| + ||b||), Frobenius norms.</summary>
    private static double BackwardError(NDArray<double> a, NDArray<double> x, NDArray<double> b) =>
        MatrixGenerators.FrobeniusNorm(a.MatMul(x) - b)
        / (MatrixGenerators.FrobeniusNorm(a) * MatrixGenerators.FrobeniusNorm(x) + MatrixGenerators.FrobeniusNorm(b));

    [Theory]
    [MemberData(nameof(Threads))]
    public void LuLookaheadOnExplicitThreads(int threads)
    {
        const int n = 600; // the look-ahead path needs n >= 512 and more than one thread
        var a = NDArray.Normal([n, n], 0.0, 1.0, seed: 11);
        var lu = LuDecomposition<double>.Factor(a, parallelism: new Parallelism(threads));
        double eps = NumAssert.Eps<double>();
        Assert.True(Rel(a, lu.Reconstruct()) <= 10 * n * eps, $"||A - PLU|| / ||A|| = {Rel(a, lu.Reconstruct())}");
        var b = NDArray.Normal([n, 3], 0.0, 1.0, seed: 12);
        var x = lu.Solve(b);
        double backward = BackwardError(a, x, b);
        Assert.True(backward <= 10 * n * eps, $"backward error {backward}");
    }

    [Fact]
    public void LuFactorInPlaceTakesTheThreadCount()
    {
        const int n = 520;
        var a = NDArray.Normal([n, n], 0.0, 1.0, seed: 13);
        var f2 = a.Copy();
        var p2 = new int[n];
        Assert.Equal(-1, LuFactorization.FactorInPlace(f2, p2, parallelism: Two));
        var f1 = a.Copy();
        var p1 = new int[n];
        Assert.Equal(-1, LuFactorization.FactorInPlace(f1, p1, parallelism: Parallelism.None));
        // Both paths pick the same pivots on a random matrix and agree to rounding.
        Assert.Equal(p1, p2);
        Assert.True(Rel(f1, f2) <= 100 * n * NumAssert.Eps<double>());
    }

    [Theory]
    [MemberData(nameof(Threads))]
    public void QrOnExplicitThreads(int threads)
    {
        const int m = 700, n = 300;
        var a = NDArray.Normal([m, n], 0.0, 1.0, seed: 21);
        var qr = new QrDecomposition<double>(a, parallelism: new Parallelism(threads));
        var q = qr.Q;
        double eps = NumAssert.Eps<double>();
        Assert.True(Rel(a, q.MatMul(qr.R)) <= 10 * m * eps);
        var orth = q.T.MatMul(q) - NDArray.Eye<double>(n);
        Assert.True(MatrixGenerators.FrobeniusNorm(orth) <= 10 * m * eps);
        Assert.True(Rel(a, qr.Reconstruct()) <= 10 * m * eps);
    }

    [Theory]
    [MemberData(nameof(Threads))]
    public void CholeskyOnExplicitThreads(int threads)
    {
        const int n = 600;
        var spd = MatrixGenerators.Spd<double>(n, 1e4, seed: 31);
        var chol = CholeskyDecomposition<double>.Factor(spd, parallelism: new Parallelism(threads));
        Assert.True(chol.IsPositiveDefinite);
        double eps = NumAssert.Eps<double>();
        Assert.True(Rel(spd, chol.Reconstruct()) <= 10 * n * eps);
        var b = NDArray.Normal([n, 40], 0.0, 1.0, seed: 32);
        var x = chol.Solve(b);
        double backward = BackwardError(spd, x, b);
        Assert.True(backward <= 10 * n * eps, $"backward error {backward}");
    }

    [Fact]
    public void SvdAndEigenOnExplicitThreads()
    {
        var a = NDArray.Normal([200, 120], 0.0, 1.0, seed: 41);
        var one = new SvdDecomposition<double>(a, fullMatrices: false, parallelism: Parallelism.None);
        var two = new SvdDecomposition<double>(a, fullMatrices: false, parallelism: Two);
        Assert.True(Rel(one.S, two.S) <= 100 * 200 * NumAssert.Eps<double>());
    }
}
