using Linea.ML.Clustering;

namespace Linea.ML.Tests.Clustering;

public class SpectralClusteringTests
{
    [Fact]
    public void SeparatesConcentricCirclesWhereKMeansCannot()
    {
        var (x, truth) = ClusterData.Circles(100, 0.05, seed: 1);
        var spectral = new SpectralClustering<double>(2, SpectralAffinity.Rbf, gamma: 5, seed: 2).Fit(x);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), spectral.Labels));
        double kmeans = ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), new KMeans<double>(2, seed: 2).FitPredict(x));
        Assert.True(kmeans < 0.1, $"k-means ARI {kmeans}");   // k-means cuts both rings in half: ARI near 0
    }

    [Fact]
    public void SeparatesTwoMoonsWithANearestNeighbourGraph()
    {
        var (x, truth) = ClusterData.Moons(100, 0.06, seed: 3);
        var spectral = new SpectralClustering<double>(2, SpectralAffinity.NearestNeighbors, nNeighbors: 10, seed: 4).Fit(x);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), spectral.Labels));
        double kmeans = ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), new KMeans<double>(2, seed: 4).FitPredict(x));
        Assert.True(kmeans < 0.6, $"k-means ARI {kmeans}");
        // The k-NN graph is symmetric with entries in {0, 1/2, 1} and a zero diagonal.
        var w = spectral.AffinityMatrix;
        Assert.Equal(w, w.T.Copy());
        Assert.All(w.ToArray(), v => Assert.Contains(v, new[] { 0, 0.5, 1 }));
        Assert.Equal(0.0, NDArray.Abs(w.Diagonal()).Max());
    }

    [Fact]
    public void RecoversBlobsAndTheEmbeddingIsRowNormalised()
    {
        var (x, truth) = ClusterData.Blobs(new double[,] { { 0, 0 }, { 8, 0 }, { 0, 8 } }, 40, 0.6, seed: 5);
        var sc = new SpectralClustering<double>(3, gamma: 0.5, seed: 6).Fit(x);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), sc.Labels));
        var norms = NDArray.Sqrt((sc.Embedding * sc.Embedding).Sum(1));
        Assert.True(NDArray.AllClose(NDArray.Ones<double>(120), norms, 0, 1e-14));
        // Three nearly disconnected blobs: three eigenvalues of D^-1/2 W D^-1/2 close to its maximum 1.
        var ev = sc.Eigenvalues.ToArray();
        Assert.All(ev, v => Assert.InRange(v, 0.99, 1 + 1e-12));
    }

    [Fact]
    public void PrecomputedBlockGraph()
    {
        // Two cliques {0,1,2} and {3,4} joined by one weak edge.
        var a = NDArray.Zeros<double>(5, 5);
        foreach (var (i, j) in new[] { (0, 1), (0, 2), (1, 2), (3, 4) }) { a[i, j] = 1; a[j, i] = 1; }
        a[2, 3] = a[3, 2] = 0.01;
        var labels = new SpectralClustering<double>(2, SpectralAffinity.Precomputed, seed: 1).Fit(a).Labels;
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(new[] { 0, 0, 0, 1, 1 }), labels));
    }

    [Fact]
    public void ErrorsAreSpecific()
    {
        var x = NDArray.FromArray(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
        Assert.Throws<ArgumentException>(() => new SpectralClustering<double>(2, SpectralAffinity.NearestNeighbors, nNeighbors: 3).Fit(x));
        Assert.Throws<ArgumentException>(() => new SpectralClustering<double>(4).Fit(x));
        Assert.Throws<ShapeMismatchException>(() => new SpectralClustering<double>(2, SpectralAffinity.Precomputed).Fit(x));
        var asym = NDArray.FromArray(new double[,] { { 0, 1 }, { 2, 0 } });
        Assert.Throws<ArgumentException>(() => new SpectralClustering<double>(2, SpectralAffinity.Precomputed).Fit(asym));
        var neg = NDArray.FromArray(new double[,] { { 0, -1 }, { -1, 0 } });
        Assert.Throws<ArgumentException>(() => new SpectralClustering<double>(2, SpectralAffinity.Precomputed).Fit(neg));
        var nan = x.Copy();
        nan[1, 1] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new SpectralClustering<double>(2).Fit(nan));
        Assert.Throws<NotFittedException>(() => new SpectralClustering<double>(2).Labels);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpectralClustering<double>(2, gamma: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpectralClustering<double>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpectralClustering<double>(2, nNeighbors: 0));
    }
}
