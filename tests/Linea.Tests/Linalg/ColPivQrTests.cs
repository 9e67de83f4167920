using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

public class ColPivQrTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(40, 30, 5)] [InlineData(30, 40, 7)] [InlineData(25, 25, 24)] [InlineData(60, 10, 1)]
    public void Reveals_rank_of_rank_deficient_matrices(int m, int n, int r)
    {
        var a = MatrixGenerators.RankDeficient<double>(m, n, r, (ulong)(m + n + r));
        var cp = a.ColPivQr();
        Assert.Equal(r, cp.Rank());
        var d = cp.DiagonalMagnitudes();
        for (int i = 1; i < d.Length; i++) Assert.True(d[i] <= d[i - 1], $"|R_{i}{i}| = {d[i]} > |R_{i - 1}{i - 1}| = {d[i - 1]}");
        Assert.True(d[r] <= 1e-12 * d[0]);
        Check(a, cp);
        var af = MatrixGenerators.RankDeficient<float>(m, n, r, (ulong)(m + n + r));
        Assert.Equal(r, af.ColPivQr().Rank());
    }

    private void Check<T>(NDArray<T> a, ColPivQrDecomposition<T> cp) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        double orth = FactorChecks.Orthogonality(cp.Q);
        FactorChecks.UpperTriangular(cp.R);
        double back = FactorChecks.Backward(a, FactorChecks.D(cp.Q).MatMul(FactorChecks.D(cp.R)).MatMul(FactorChecks.D(cp.P).T));
        double rec = FactorChecks.Backward(a, FactorChecks.D(cp.Reconstruct()));
        output.WriteLine($"{typeof(T).Name} {a.Shape}: orthogonality {orth:F3}, backward {back:F3}, reconstruct {rec:F3} (n eps)");
        Assert.True(orth < 30 && back < 30 && rec < 30);
        // A P = Q R column by column.
        var ap = FactorChecks.D(a).MatMul(FactorChecks.D(cp.P));
        for (int j = 0; j < (int)a.Dims[1]; j++) Assert.Equal(cp.Permutation[j], Enumerable.Range(0, (int)a.Dims[1]).Single(i => cp.P[i, j] == T.One));
        _ = ap;
    }

    [Fact]
    public void Identities_random_and_views()
    {
        Check(Generators.Normal<double>([50, 20], 1), Generators.Normal<double>([50, 20], 1).ColPivQr());
        var v = Generators.Normal<double>([40, 40], 2)[Slice.Step(2), ..];
        Check(v, v.ColPivQr());
        var f = Generators.Normal<float>([20, 33], 3);
        Check(f, f.ColPivQr());
        var z = NDArray.Zeros<double>(5, 4);
        Assert.Equal(0, z.ColPivQr().Rank());
        Assert.Equal(1, NDArray.Ones<double>(1, 1).ColPivQr().Rank());
    }

    [Fact]
    public void Kahan_matrix_is_the_classic_failure()
    {
        // Kahan(30, theta = 1.2): sigma_min = 3.08e-5 but CPQR does not pivot (all column norms tie or favour the
        // natural order, up to rounding), so |R_nn| = s^29 = 0.13: the diagonal of R overestimates sigma_min by 4e3.
        // What is guaranteed: |R_kk| >= sigma_min (|R_nn| is at least the smallest singular value for any QR of a
        // square matrix) and the R diagonal is non-increasing; the rank at the default tolerance is full, as it should be.
        var k = MatrixGenerators.Kahan<double>(30);
        var cp = k.ColPivQr();
        var d = cp.DiagonalMagnitudes();
        double sigmaMin = 3.084522779117827770801215e-5;
        output.WriteLine($"Kahan 30: |R_00| = {d[0]:G6}, |R_nn| = {d[^1]:G6}, sigma_min = {sigmaMin:G6}, ratio {d[^1] / sigmaMin:G4}; rank {cp.Rank()}");
        for (int i = 1; i < d.Length; i++) Assert.True(d[i] <= d[i - 1] * (1 + 1e-12));
        Assert.True(d[^1] >= sigmaMin * (1 - 1e-6));
        Assert.Equal(30, cp.Rank());
        Assert.True(d[^1] > 100 * sigmaMin, "CPQR is known not to reveal Kahan's near-singularity");
    }

    [Fact]
    public void Minimum_norm_solve_matches_lstsq()
    {
        var a = MatrixGenerators.RankDeficient<double>(20, 12, 5, 3);
        var b = Generators.Normal<double>([20, 2], 4);
        var x = a.ColPivQr().Solve(b);
        var y = Linea.Linalg.Lstsq(a, b).Solution;
        NumAssert.Close(y, x, 1e5);
    }
}
