using System.Diagnostics;
using Linea.ML.Clustering;
using Xunit.Abstractions;

namespace Linea.ML.Tests.Clustering;

public class SpectralClusteringSparseTests(ITestOutputHelper output)
{
    private static readonly double[,] Centres = { { 0, 0 }, { 10, 0 }, { 0, 10 }, { 10, 10 } };

    [Fact]
    public void Sparse_path_gives_the_dense_graph_and_labels_on_small_blobs()
    {
        var (x, truth) = ClusterData.Blobs(Centres, 40, 0.8, seed: 7);
        var dense = new SpectralClustering<double>(4, SpectralAffinity.NearestNeighbors, nNeighbors: 8, seed: 3, solver: SpectralSolver.Dense).Fit(x);
        var sparse = new SpectralClustering<double>(4, SpectralAffinity.NearestNeighbors, nNeighbors: 8, seed: 3, solver: SpectralSolver.Sparse).Fit(x);
        // The same graph, entry for entry (the same double distances and the same tie rule).
        Assert.Equal(dense.AffinityMatrix.ToArray(), sparse.SparseAffinityMatrix.ToDense().ToArray());
        output.WriteLine($"dense {string.Join(" ", dense.Eigenvalues.ToArray())} / sparse {string.Join(" ", sparse.Eigenvalues.ToArray())}, restarts {sparse.EigshRestarts}, ARI truth dense {ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), dense.Labels)}");
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(dense.Labels, sparse.Labels));
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), sparse.Labels));
        // Four disconnected blobs: the eigenvalue 1 four times, with exactly known eigenvectors (one per component), which
        // the sparse path takes directly rather than asking single-vector Lanczos for a repeated eigenvalue.
        Assert.Equal(4, sparse.GraphComponentCount);
        Assert.Equal(0, sparse.EigshRestarts);
        Assert.All(sparse.Eigenvalues.ToArray(), v => Assert.Equal(1.0, v));
        Assert.All(dense.Eigenvalues.ToArray(), v => Assert.True(Math.Abs(v - 1) <= 100 * 160 * Fixtures.Eps, $"{v:R}"));
    }

    [Theory]
    [InlineData(1, 3)]     // one connected graph: Lanczos finds two pairs below the known eigenvalue 1
    [InlineData(2, 3)]     // two touching blobs and a far one: two known pairs, Lanczos finds one
    public void Sparse_eigenpairs_match_the_dense_ones_when_lanczos_runs(int expectedComponents, int k)
    {
        double[,] centres = expectedComponents == 1 ? new double[,] { { 0, 0 }, { 4, 0 }, { 2, 3.5 } } : new double[,] { { 0, 0 }, { 3, 0 }, { 30, 0 } };
        var (x, _) = ClusterData.Blobs(centres, 60, 1.0, seed: 21);
        var dense = new SpectralClustering<double>(k, SpectralAffinity.NearestNeighbors, nNeighbors: 10, seed: 4, solver: SpectralSolver.Dense).Fit(x);
        var sparse = new SpectralClustering<double>(k, SpectralAffinity.NearestNeighbors, nNeighbors: 10, seed: 4, solver: SpectralSolver.Sparse).Fit(x);
        Assert.Equal(expectedComponents, sparse.GraphComponentCount);
        Assert.True(sparse.EigshRestarts >= 0);
        // Dense Eigh is backward stable (n eps ||M||, ||M|| = 1); Lanczos stops at a residual of about eps |lambda|
        // (SciPy's tol = 0), so the eigenvalues agree to a small multiple of n eps.
        var d = dense.Eigenvalues.ToArray();
        var s = sparse.Eigenvalues.ToArray();
        output.WriteLine($"dense {string.Join(" ", d)} / sparse {string.Join(" ", s)}, restarts {sparse.EigshRestarts}");
        for (int j = 0; j < k; j++) Assert.True(Math.Abs(d[j] - s[j]) <= 100 * 180 * Fixtures.Eps, $"lambda_{j}: {s[j]:R} vs {d[j]:R}");
        // The embeddings span the same space: the projectors onto it agree to about eps / (gap to the next eigenvalue).
        var pd = dense.Embedding.MatMul(dense.Embedding.T);
        var ps = sparse.Embedding.MatMul(sparse.Embedding.T);
        Assert.True(Fixtures.MaxDiff(pd, ps) <= 1e-8, $"projector difference {Fixtures.MaxDiff(pd, ps):E2}");
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(dense.Labels, sparse.Labels));
    }

    [Fact]
    public void Moons_on_the_sparse_path_match_the_dense_labels()
    {
        var (x, truth) = ClusterData.Moons(150, 0.06, seed: 3);
        var dense = new SpectralClustering<double>(2, SpectralAffinity.NearestNeighbors, nNeighbors: 10, seed: 4, solver: SpectralSolver.Dense).Fit(x);
        var sparse = new SpectralClustering<double>(2, SpectralAffinity.NearestNeighbors, nNeighbors: 10, seed: 4, solver: SpectralSolver.Sparse).Fit(x);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(dense.Labels, sparse.Labels));
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), sparse.Labels));
    }

    [Fact]
    public void Three_thousand_connected_points_run_lanczos_and_find_the_blobs()
    {
        // Three blobs 5 apart with standard deviation 0.9: one connected k-NN graph, so the embedding's two trailing
        // vectors come from Lanczos; the blobs overlap a little, so a few boundary points may go either way.
        var (x, truth) = ClusterData.Blobs(new double[,] { { 0, 0 }, { 5, 0 }, { 2.5, 4.3 } }, 1000, 0.9, seed: 12);
        var watch = Stopwatch.StartNew();
        var sc = new SpectralClustering<double>(3, SpectralAffinity.NearestNeighbors, nNeighbors: 10, nInit: 3, seed: 1).Fit(x);
        double ari = ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), sc.Labels);
        output.WriteLine($"n = 3000 connected: {watch.Elapsed.TotalSeconds:F2} s, components {sc.GraphComponentCount}, {sc.EigshRestarts} restarts, ARI {ari:F4}, eigenvalues {string.Join(" ", sc.Eigenvalues.ToArray())}");
        Assert.Equal(1, sc.GraphComponentCount);
        Assert.True(ari >= 0.95, $"ARI {ari}");
    }

    [Fact]
    public void Three_thousand_points_take_the_sparse_path_automatically_and_cluster_the_blobs()
    {
        var (x, truth) = ClusterData.Blobs(Centres, 750, 1.0, seed: 11);
        var watch = Stopwatch.StartNew();
        var sc = new SpectralClustering<double>(4, SpectralAffinity.NearestNeighbors, nNeighbors: 10, nInit: 3, seed: 1).Fit(x);
        output.WriteLine($"n = 3000: {watch.Elapsed.TotalSeconds:F2} s, {sc.EigshRestarts} Lanczos restarts, nnz {sc.SparseAffinityMatrix.Nnz}");
        Assert.True(sc.EigshRestarts > 0 || sc.SparseAffinityMatrix.Nnz > 0);
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(truth), sc.Labels));
        Assert.Equal(3000, sc.SparseAffinityMatrix.Rows);
        Assert.True(sc.SparseAffinityMatrix.Nnz <= 2 * 3000 * 10);
    }

    [Fact]
    public void Float_runs_the_sparse_path_with_lanczos()
    {
        var (x, truth) = ClusterData.Blobs(new double[,] { { 0, 0 }, { 3, 0 }, { 30, 0 } }, 60, 1.0, seed: 21);
        var xf = NDArray.FromArray(x.ToArray().Select(v => (float)v).ToArray()).Reshape(180, 2);
        var sc = new SpectralClustering<float>(3, SpectralAffinity.NearestNeighbors, nNeighbors: 10, seed: 4, solver: SpectralSolver.Sparse).Fit(xf);
        var dense = new SpectralClustering<double>(3, SpectralAffinity.NearestNeighbors, nNeighbors: 10, seed: 4, solver: SpectralSolver.Dense).Fit(x);
        Assert.Equal(2, sc.GraphComponentCount);
        // float eigenvalues to a few hundred float eps of the double ones (the graph is the same: distances in double).
        var ef = sc.Eigenvalues.ToArray();
        var ed = dense.Eigenvalues.ToArray();
        for (int j = 0; j < 3; j++) Assert.True(Math.Abs(ef[j] - ed[j]) <= 300 * 1.2e-7, $"lambda_{j}: {ef[j]} vs {ed[j]}");
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(dense.Labels, sc.Labels));
    }

    [Fact]
    public void A_sparse_precomputed_graph_is_clustered_as_the_dense_one()
    {
        // Two cliques {0,1,2} and {3,4} joined by one weak edge, and a stored diagonal that is ignored.
        var a = NDArray.Zeros<double>(5, 5);
        foreach (var (i, j) in new[] { (0, 1), (0, 2), (1, 2), (3, 4) }) { a[i, j] = 1; a[j, i] = 1; }
        a[2, 3] = a[3, 2] = 0.01;
        a[0, 0] = 5;
        var labels = new SpectralClustering<double>(2, SpectralAffinity.Precomputed, seed: 1).Fit(Sparse.FromDense(a, SparseFormat.Csc)).Labels;
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex(NDArray.FromArray(new[] { 0, 0, 0, 1, 1 }), labels));
    }

    [Fact]
    public void Sparse_errors_are_specific()
    {
        Assert.Contains("RBF", Assert.Throws<ArgumentException>(() =>
            new SpectralClustering<double>(2, SpectralAffinity.Rbf, solver: SpectralSolver.Sparse)).Message);
        Assert.Contains("Precomputed", Assert.Throws<ArgumentException>(() =>
            new SpectralClustering<double>(2, SpectralAffinity.NearestNeighbors).Fit(Sparse.Eye<double>(4))).Message);
        Assert.Throws<ShapeMismatchException>(() =>
            new SpectralClustering<double>(2, SpectralAffinity.Precomputed).Fit(Sparse.Eye<double>(4, 5)));
        var asym = Sparse.Coo(3, 3, [0, 1], [1, 2], [1.0, 1.0]);
        Assert.Contains("not symmetric", Assert.Throws<ArgumentException>(() =>
            new SpectralClustering<double>(2, SpectralAffinity.Precomputed).Fit(asym)).Message);
        var neg = Sparse.Coo(3, 3, [0, 1], [1, 0], [-1.0, -1.0]);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() =>
            new SpectralClustering<double>(2, SpectralAffinity.Precomputed).Fit(neg)).Message);
        var x = NDArray.FromArray(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
        Assert.Throws<ArgumentException>(() =>
            new SpectralClustering<double>(2, SpectralAffinity.NearestNeighbors, nNeighbors: 3, solver: SpectralSolver.Sparse).Fit(x));
        Assert.Throws<NotFittedException>(() => new SpectralClustering<double>(2).SparseAffinityMatrix);
    }
}
