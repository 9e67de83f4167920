using Linea.ML.Clustering;

namespace Linea.ML.Tests.Clustering;

public class KMeansTests
{
    private static readonly double[,] Centres = { { 0, 0 }, { 10, 0 }, { 0, 10 } };

    [Fact]
    public void RecoversWellSeparatedBlobs()
    {
        var (x, truth) = ClusterData.Blobs(Centres, 50, 0.5, seed: 1);
        var km = new KMeans<double>(3, seed: 2).Fit(x);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), km.Labels));
        // Each centre is the mean of 50 draws of sd 0.5: within 5 standard errors (5 · 0.5 / sqrt(50) = 0.35) of the truth.
        var c = km.ClusterCenters;
        for (int blob = 0; blob < 3; blob++)
        {
            int label = (int)km.Labels[blob * 50];
            Assert.True(Math.Abs(c[label, 0] - Centres[blob, 0]) < 0.35 && Math.Abs(c[label, 1] - Centres[blob, 1]) < 0.35, c.ToString());
        }
        Assert.Equal(km.Labels, km.Predict(x));
        Assert.Equal(km.Labels[0], km.Predict(NDArray.FromArray(new double[,] { { 0.1, -0.2 } }))[0]);
    }

    [Fact]
    public void InertiaIsTheSumOfSquaredDistancesToTheAssignedCentres()
    {
        var (x, _) = ClusterData.Blobs(Centres, 20, 2.0, seed: 3);
        var km = new KMeans<double>(3, seed: 4).Fit(x);
        double sse = 0;
        for (int i = 0; i < x.Shape[0]; i++)
            for (int j = 0; j < 2; j++)
            {
                double diff = x[i, j] - km.ClusterCenters[km.Labels[i], j];
                sse += diff * diff;
            }
        Assert.Equal(sse, km.Inertia, 1e-12 * sse);
    }

    [Theory]
    [InlineData(5UL)]
    [InlineData(6UL)]
    [InlineData(7UL)]
    public void ReachesTheBruteForceOptimumOnTinyData(ulong seed)
    {
        // 9 random points in 3 clusters: try all 3^9 labelings, the optimum over partitions is the global minimum of
        // the k-means objective (each cluster at its centroid).
        var x = new Rng(seed).Normal([9, 2], 0.0, 1.0);
        double best = double.PositiveInfinity;
        var labels = new int[9];
        for (int code = 0; code < 19683; code++)
        {
            int c = code;
            for (int i = 0; i < 9; i++) { labels[i] = c % 3; c /= 3; }
            best = Math.Min(best, PartitionCost(x, labels, 3));
        }
        var km = new KMeans<double>(3, nInit: 10, seed: seed).Fit(x);
        Assert.Equal(best, km.Inertia, 1e-12 * best);
    }

    private static double PartitionCost(NDArray<double> x, int[] labels, int k)
    {
        double cost = 0;
        for (int c = 0; c < k; c++)
        {
            double mx = 0, my = 0;
            int m = 0;
            for (int i = 0; i < labels.Length; i++)
                if (labels[i] == c) { mx += x[i, 0]; my += x[i, 1]; m++; }
            if (m == 0) return double.PositiveInfinity;
            mx /= m; my /= m;
            for (int i = 0; i < labels.Length; i++)
                if (labels[i] == c) cost += (x[i, 0] - mx) * (x[i, 0] - mx) + (x[i, 1] - my) * (x[i, 1] - my);
        }
        return cost;
    }

    [Fact]
    public void DuplicatePointsGiveZeroInertiaAndNoNaN()
    {
        var x = NDArray.FromArray(new double[,] { { 1, 1 }, { 1, 1 }, { 1, 1 }, { 5, 5 }, { 5, 5 } });
        var km = new KMeans<double>(3, seed: 1).Fit(x);
        Assert.Equal(0.0, km.Inertia);
        Assert.All(km.ClusterCenters.ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(km.Labels[0], km.Labels[2]);
        Assert.Equal(km.Labels[3], km.Labels[4]);
    }

    [Fact]
    public void SameSeedSameResultAndFloatWorks()
    {
        var (x, truth) = ClusterData.Blobs(Centres, 30, 1.0, seed: 8);
        Assert.Equal(new KMeans<double>(3, seed: 9).Fit(x).Labels, new KMeans<double>(3, seed: 9).Fit(x).Labels);
        var xf = NDArray.FromArray(x.ToArray().Select(v => (float)v).ToArray(), 90, 2);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), new KMeans<float>(3, seed: 9).Fit(xf).Labels));
    }

    [Fact]
    public void ErrorsAreSpecific()
    {
        var x = NDArray.FromArray(new double[,] { { 0, 0 }, { 1, 1 } });
        Assert.Throws<ArgumentException>(() => new KMeans<double>(3).Fit(x));
        var nan = x.Copy();
        nan[0, 1] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new KMeans<double>(2).Fit(nan));
        Assert.Throws<ShapeMismatchException>(() => new KMeans<double>(1).Fit(NDArray.Zeros<double>(4)));
        Assert.Throws<NotFittedException>(() => new KMeans<double>(2).Predict(x));
        Assert.Throws<NotFittedException>(() => new KMeans<double>(2).ClusterCenters);
        Assert.Throws<NotFittedException>(() => new KMeans<double>(2).Labels);
        var km = new KMeans<double>(2).Fit(x);
        Assert.Throws<ShapeMismatchException>(() => km.Predict(NDArray.Zeros<double>(2, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans<double>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans<double>(2, nInit: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans<double>(2, maxIter: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans<double>(2, tol: -1));
    }
}
