using System.Numerics;

namespace Linea.ML.Clustering;

/// <summary>
/// Spectral clustering by the normalised affinity (Ng, Jordan and Weiss, 2001): build a similarity graph W
/// (<see cref="SpectralAffinity"/>), form M = D^-1/2 W D^-1/2 with D the degrees (the normalised Laplacian is I - M, so
/// the leading eigenvectors of M are the trailing ones of the Laplacian), take the eigenvectors of the k largest
/// eigenvalues from <see cref="Linalg.Eigh{T}"/>, normalise each row of that n x k embedding to unit length, and cluster
/// the rows with <see cref="KMeans{T}"/>. Separates clusters that are connected but not convex (rings, moons), which
/// k-means on the raw features cannot. Samples with no neighbours (degree 0) get a zero row and join some cluster.
/// Dense path: O(n² d) for the graph, O(n³) for the eigendecomposition, so n up to a few thousand. Sparse path (see
/// <see cref="SpectralSolver"/>; automatic for a k-NN graph above <see cref="SparseThreshold"/> samples): the k-NN graph
/// as a sparse matrix (O(n² d) brute-force search, O(n nNeighbors) memory) and <see cref="SparseLinalg.Eigsh{T}"/>, so
/// n = 20,000 runs without any n x n array. Memory: the model keeps the labels (n), the n x k embedding, k eigenvalues
/// and the graph (dense n x n, or sparse with at most 2 n nNeighbors entries). The dense fit allocates X as doubles, the
/// n x n distances, W, M and Eigh's n x n eigenvectors and work; the sparse fit the 2 n nNeighbors COO triplets, the CSR
/// graph and its scaled copy and the Lanczos basis (n x ncv); both then run nInit k-means fits on the embedding
/// (13 MB for 6,000 x 5, k = 4, 10 neighbours).
/// <code>
/// var sc = new SpectralClustering&lt;double&gt;(2, SpectralAffinity.NearestNeighbors, nNeighbors: 10, seed: 0).Fit(X);
/// NDArray&lt;long&gt; labels = sc.Labels;
/// </code>
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class SpectralClustering<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "SpectralClustering";
    private int[]? _labels;
    private NDArray<T>? _affinity, _embedding, _eigenvalues;
    private SparseMatrix<T>? _sparseAffinity;

    /// <summary>Creates the estimator.</summary>
    /// <param name="nClusters">k, at least 1.</param>
    /// <param name="affinity">How the graph is built.</param>
    /// <param name="gamma">RBF width parameter, positive.</param>
    /// <param name="nNeighbors">Neighbours per sample for <see cref="SpectralAffinity.NearestNeighbors"/>, at least 1.</param>
    /// <param name="nInit">k-means runs on the embedding, at least 1.</param>
    /// <param name="seed">Seed of the k-means runs (and of the Lanczos start vector on the sparse path).</param>
    /// <param name="solver">Dense or sparse graph and eigensolver; <see cref="SpectralSolver.Auto"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its range.</exception>
    /// <exception cref="ArgumentException"><see cref="SpectralSolver.Sparse"/> with <see cref="SpectralAffinity.Rbf"/>.</exception>
    public SpectralClustering(int nClusters, SpectralAffinity affinity = SpectralAffinity.Rbf, double gamma = 1.0,
        int nNeighbors = 10, int nInit = 10, ulong seed = 0, SpectralSolver solver = SpectralSolver.Auto)
    {
        if (!Enum.IsDefined(solver)) throw new ArgumentOutOfRangeException(nameof(solver), solver, $"{Model}: unknown solver");
        if (solver == SpectralSolver.Sparse && affinity == SpectralAffinity.Rbf)
            throw new ArgumentException($"{Model}: the RBF affinity is a dense graph; use SpectralAffinity.NearestNeighbors (or a sparse precomputed affinity) with SpectralSolver.Sparse", nameof(solver));
        Solver = solver;
        if (nClusters < 1) throw new ArgumentOutOfRangeException(nameof(nClusters), nClusters, $"{Model}: nClusters must be at least 1");
        if (!Enum.IsDefined(affinity)) throw new ArgumentOutOfRangeException(nameof(affinity), affinity, $"{Model}: unknown affinity");
        if (!(gamma > 0 && double.IsFinite(gamma))) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"{Model}: gamma must be positive and finite");
        if (nNeighbors < 1) throw new ArgumentOutOfRangeException(nameof(nNeighbors), nNeighbors, $"{Model}: nNeighbors must be at least 1");
        if (nInit < 1) throw new ArgumentOutOfRangeException(nameof(nInit), nInit, $"{Model}: nInit must be at least 1");
        NClusters = nClusters;
        Affinity = affinity;
        Gamma = gamma;
        NNeighbors = nNeighbors;
        NInit = nInit;
        Seed = seed;
    }

    /// <summary>k.</summary>
    public int NClusters { get; }
    /// <summary>The graph construction.</summary>
    public SpectralAffinity Affinity { get; }
    /// <summary>RBF gamma.</summary>
    public double Gamma { get; }
    /// <summary>Neighbours per sample for the k-NN graph.</summary>
    public int NNeighbors { get; }
    /// <summary>k-means runs on the embedding.</summary>
    public int NInit { get; }
    /// <summary>Seed of the k-means runs.</summary>
    public ulong Seed { get; }
    /// <summary>The graph storage and eigensolver asked for.</summary>
    public SpectralSolver Solver { get; }

    /// <summary>The cluster (0..k-1) of each sample.</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    /// <remarks>A fresh long tensor (n,) per call, O(n).</remarks>
    public NDArray<long> Labels => LabelTensor.From(_labels ?? throw NotFittedException.For(Model, "Labels"));

    /// <summary>The affinity matrix W used, (n, n), zero diagonal, dense. After a fit on the sparse path this densifies
    /// <see cref="SparseAffinityMatrix"/> (n² elements: mind the memory for large n).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public NDArray<T> AffinityMatrix => _affinity ?? _sparseAffinity?.ToDense() ?? throw NotFittedException.For(Model, "AffinityMatrix");

    /// <summary>The row-normalised spectral embedding that k-means clustered, (n, k).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public NDArray<T> Embedding => _embedding ?? throw NotFittedException.For(Model, "Embedding");

    /// <summary>The k largest eigenvalues of D^-1/2 W D^-1/2, descending (all at most 1; a value near 1 per well-separated cluster).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public NDArray<T> Eigenvalues => _eigenvalues ?? throw NotFittedException.For(Model, "Eigenvalues");

    /// <summary>Clusters the samples (or, for <see cref="SpectralAffinity.Precomputed"/>, the graph) in <paramref name="x"/>.</summary>
    /// <param name="x">Samples (n, features), or the (n, n) affinity matrix; n ≥ k; finite.</param>
    /// <returns>This estimator, fitted.</returns>
    /// <exception cref="ShapeMismatchException">x is not 2-d, or a precomputed affinity is not square.</exception>
    /// <exception cref="ArgumentException">Fewer samples than clusters; nNeighbors ≥ n; a precomputed affinity that is negative or not symmetric.</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public SpectralClustering<T> Fit(NDArray<T> x)
    {
        const string where = Model + ".Fit";
        Guard.Matrix(x, where, minRows: NClusters);
        int n = (int)x.Shape[0];
        if (UsesSparsePath(n)) return FitSparseGraph(AffinityGraphs.NearestNeighborsSparse(x, NNeighbors, where), where);
        if (Solver == SpectralSolver.Sparse)
            return FitSparseGraph(AffinityGraphs.CheckedPrecomputed(Sparse.FromDense(x), where), where);
        var w = Affinity switch
        {
            SpectralAffinity.Rbf => AffinityGraphs.Rbf(x, Gamma),
            SpectralAffinity.NearestNeighbors => AffinityGraphs.NearestNeighbors(x, NNeighbors, where),
            _ => AffinityGraphs.CheckedPrecomputed(x, where),
        };
        // M = D^-1/2 W D^-1/2, with 0 for isolated samples.
        var scale = w.Sum(1).ToArray();
        for (int i = 0; i < n; i++) scale[i] = scale[i] > T.Zero ? T.One / T.Sqrt(scale[i]) : T.Zero;
        var s = NDArray.FromArray(scale);
        var m = w * s.Reshape(n, 1) * s.Reshape(1, n);
        var (values, vectors) = Linalg.Eigh(m);
        int k = NClusters;
        var u = vectors[.., (n - k)..][.., Slice.Step(-1)].Copy();     // largest eigenvalue first
        var norms = NDArray.Sqrt((u * u).Sum(1, keepDims: true));
        var embedding = u / NDArray.Where(NDArray.Greater(norms, T.Zero), norms, NDArray.Scalar(T.One));
        _labels = new KMeans<T>(k, nInit: NInit, seed: Seed).Fit(embedding).LabelIndices;
        _affinity = w;
        _sparseAffinity = null;
        EigshRestarts = 0;
        GraphComponentCount = 0;
        _embedding = embedding;
        _eigenvalues = values[(n - k)..][Slice.Step(-1)].Copy();
        return this;
    }

    /// <summary>Fits and returns <see cref="Labels"/>.</summary>
    public NDArray<long> FitPredict(NDArray<T> x) => Fit(x).Labels;
}
