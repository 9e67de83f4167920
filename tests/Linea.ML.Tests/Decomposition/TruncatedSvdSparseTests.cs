using Xunit.Abstractions;

namespace Linea.ML.Tests.Decomposition;

public class TruncatedSvdSparseTests(ITestOutputHelper output)
{
    /// <summary>A 300 x 120 sparse matrix with a clear gap: 100, 50, 20, 10, 5 on the first five diagonal entries plus
    /// 3% random entries of size at most 0.01 (so sigma_6 &lt;= about 0.1).</summary>
    private static SparseMatrix<double> Gapped()
    {
        var d = Sparse.Coo(300, 120, [0, 1, 2, 3, 4], [0, 1, 2, 3, 4], [100.0, 50, 20, 10, 5]);
        return d + Sparse.Random<double>(300, 120, 0.03, seed: 3) * 0.01;
    }

    [Fact]
    public void Sparse_fit_matches_the_exact_svd_and_the_dense_path()
    {
        var a = Gapped();
        var dense = a.ToDense();
        var exact = Linalg.Svdvals(dense).ToArray();
        var sparse = new TruncatedSvd<double>(5, seed: 0);
        var zs = sparse.FitTransform(a);
        var full = new TruncatedSvd<double>(5, seed: 0);
        var zd = full.FitTransform(dense);
        var s = sparse.SingularValues.ToArray();
        var sd = full.SingularValues.ToArray();
        // Power iterations make the range exact to (0.1 / 5)^11; what is left is rounding: a few m eps sigma_1.
        double bound = 10 * 300 * Fixtures.Eps * exact[0];
        for (int j = 0; j < 5; j++)
        {
            output.WriteLine($"sigma_{j}: sparse {s[j]:R}, dense path {sd[j]:R}, exact {exact[j]:R}");
            Assert.True(Math.Abs(s[j] - exact[j]) <= bound, $"sigma_{j}: {s[j]:R} vs exact {exact[j]:R}");
            Assert.True(Math.Abs(s[j] - sd[j]) <= bound, $"sigma_{j}: {s[j]:R} vs dense path {sd[j]:R}");
        }
        // Same seed, same test matrix: the same components (signs fixed by the same convention), to eps sigma_1 / gap.
        Assert.True(Fixtures.MaxDiff(full.Components, sparse.Components) <= 1e-12);
        Assert.True(Fixtures.MaxDiff(zd, zs) <= 1e-12 * exact[0]);
        Assert.True(Fixtures.MaxDiff(full.ExplainedVariance, sparse.ExplainedVariance) <= 1e-12 * exact[0] * exact[0]);
        Assert.True(Fixtures.MaxDiff(full.ExplainedVarianceRatio, sparse.ExplainedVarianceRatio) <= 1e-12);
        // Transform of sparse input is X C^T, as for dense input.
        Assert.True(Fixtures.MaxDiff(sparse.Transform(dense), sparse.Transform(a)) <= 10 * 120 * Fixtures.Eps * exact[0]);
    }

    [Fact]
    public void Same_seed_gives_the_same_subspace_on_a_flat_spectrum_in_float_and_double()
    {
        // A random sparse matrix has no gap: the estimate is not the exact SVD, but it is the same estimate whichever
        // storage the products read, because both paths draw the same test matrix from the seed.
        var a = Sparse.Random<double>(200, 90, 0.1, seed: 8, format: SparseFormat.Csc);
        var s = new TruncatedSvd<double>(4, nIter: 2, seed: 5).Fit(a);
        var d = new TruncatedSvd<double>(4, nIter: 2, seed: 5).Fit(a.ToDense());
        Assert.True(Fixtures.MaxDiff(d.SingularValues, s.SingularValues) <= 1e-12 * d.SingularValues[0]);
        // Projectors onto the two row spaces agree (the subspace, independent of signs and rotations).
        var ps = s.Components.T.MatMul(s.Components);
        var pd = d.Components.T.MatMul(d.Components);
        Assert.True(Fixtures.MaxDiff(pd, ps) <= 1e-9, $"projector difference {Fixtures.MaxDiff(pd, ps):E2}");

        var af = Sparse.Random<float>(200, 90, 0.1, seed: 8);
        var sf = new TruncatedSvd<float>(4, nIter: 2, seed: 5).Fit(af).SingularValues.ToArray();
        var df = new TruncatedSvd<float>(4, nIter: 2, seed: 5).Fit(af.ToDense()).SingularValues.ToArray();
        for (int j = 0; j < 4; j++) Assert.True(Math.Abs(sf[j] - df[j]) <= 1e-5f * df[0], $"float sigma_{j}: {sf[j]} vs {df[j]}");
    }

    [Fact]
    public void Sparse_input_errors_are_specific()
    {
        var a = Sparse.Random<double>(10, 4, 0.5, seed: 1);
        Assert.Contains("nComponents = 5", Assert.Throws<ArgumentException>(() => new TruncatedSvd<double>(5).Fit(a)).Message);
        Assert.Throws<ArgumentNullException>(() => new TruncatedSvd<double>(2).Fit((SparseMatrix<double>)null!));
        var bad = Sparse.Coo(3, 3, [0, 1], [0, 2], [1.0, double.NaN]);
        Assert.Contains("NaN", Assert.Throws<NonFiniteException>(() => new TruncatedSvd<double>(1).Fit(bad)).Message);
        Assert.Throws<NotFittedException>(() => new TruncatedSvd<double>(2).Transform(a));
        var model = new TruncatedSvd<double>(2, seed: 0).Fit(a);
        var ex = Assert.Throws<ShapeMismatchException>(() => model.Transform(Sparse.Random<double>(3, 5, 0.5, seed: 2)));
        Assert.Contains("fitted on 4", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomizedSvd.Compute(a, 0, new Rng(0)));
    }
}
