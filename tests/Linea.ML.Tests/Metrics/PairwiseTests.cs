namespace Linea.ML.Tests.Metrics;

public class PairwiseTests
{
    private static readonly NDArray<double> X = NDArray.Normal([7, 5], 0.0, 2.0, seed: 1);
    private static readonly NDArray<double> Y = NDArray.Normal([4, 5], 1.0, 1.0, seed: 2);

    private static double LoopDistanceSquared(NDArray<double> a, int i, NDArray<double> b, int j)
    {
        double s = 0;
        for (int k = 0; k < a.Shape[1]; k++) { double d = a[i, k] - b[j, k]; s += d * d; }
        return s;
    }

    [Fact]
    public void Euclidean_distances_match_loops()
    {
        var d2 = Pairwise.EuclideanDistances(X, Y, squared: true);
        var d = Pairwise.EuclideanDistances(X, Y);
        Assert.Equal([7, 4], d.Shape.ToIntArray());
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 4; j++)
            {
                double truth = LoopDistanceSquared(X, i, Y, j);
                // The GEMM identity errs by about p eps (||x||^2 + ||y||^2) in absolute terms.
                double xx = NDArray.Dot(X[i, ..], X[i, ..]), yy = NDArray.Dot(Y[j, ..], Y[j, ..]);
                double bound = 10 * 5 * Fixtures.Eps * (xx + yy);
                Assert.True(Math.Abs(d2[i, j] - truth) <= bound, $"({i},{j}): {d2[i, j]:R} vs {truth:R}");
                Assert.Equal(Math.Sqrt(d2[i, j]), d[i, j]);
            }
    }

    [Fact]
    public void Distances_of_X_to_itself_have_an_exact_zero_diagonal_and_are_symmetric()
    {
        var big = X + 1e4;   // large norms: the identity's cancellation would leave rounding noise on the diagonal
        var d = Pairwise.EuclideanDistances(big);
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(0.0, d[i, i]);
            for (int j = 0; j < 7; j++)
            {
                Assert.True(d[i, j] >= 0);
                Assert.Equal(d[i, j], d[j, i], 1e-9);
            }
        }
        // Identical rows elsewhere: clamped at zero, never NaN from sqrt of a tiny negative.
        var twins = NDArray.VStack(big[..1, ..], big[..1, ..]);
        var dt = Pairwise.EuclideanDistances(twins, big[..1, ..]);
        Assert.All(dt.ToArray(), v => Assert.False(double.IsNaN(v)));
    }

    [Fact]
    public void Cosine_similarity_matches_loops_and_zero_rows_give_zero()
    {
        var xz = X.Copy();
        xz[3, ..] = 0.0;
        var c = Pairwise.CosineSimilarity(xz, Y);
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 4; j++)
            {
                double dot = 0, nx = 0, ny = 0;
                for (int k = 0; k < 5; k++) { dot += xz[i, k] * Y[j, k]; nx += xz[i, k] * xz[i, k]; ny += Y[j, k] * Y[j, k]; }
                double truth = i == 3 ? 0 : dot / Math.Sqrt(nx * ny);
                Assert.Equal(truth, c[i, j], 20 * 5 * Fixtures.Eps);
            }
        var self = Pairwise.CosineSimilarity(X);
        for (int i = 0; i < 7; i++) Assert.Equal(1.0, self[i, i], 10 * Fixtures.Eps);
        // Parallel vectors: similarity 1 whatever the lengths; opposite: -1.
        var p = NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 2, 4, 6 }, { -3, -6, -9 } });
        var cp = Pairwise.CosineSimilarity(p);
        Assert.Equal(1.0, cp[0, 1], 1e-15);
        Assert.Equal(-1.0, cp[0, 2], 1e-15);
    }

    [Fact]
    public void Errors()
    {
        Assert.Throws<ShapeMismatchException>(() => Pairwise.EuclideanDistances(X, NDArray.Zeros<double>(3, 4)));
        Assert.Throws<ShapeMismatchException>(() => Pairwise.CosineSimilarity(X, NDArray.Zeros<double>(3, 4)));
        Assert.Throws<ShapeMismatchException>(() => Pairwise.EuclideanDistances(NDArray.Zeros<double>(5)));
        var nan = X.Copy(); nan[0, 0] = double.NaN;
        Assert.Throws<NonFiniteException>(() => Pairwise.EuclideanDistances(nan));
        Assert.Throws<NonFiniteException>(() => Pairwise.CosineSimilarity(X, nan));
    }
}
