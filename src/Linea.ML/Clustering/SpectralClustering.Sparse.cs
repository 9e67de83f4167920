namespace Linea.ML.Clustering;

public sealed partial class SpectralClustering<T>
{
    /// <summary>With <see cref="SpectralSolver.Auto"/>, a k-NN graph on more samples than this takes the sparse path
    /// (1,000: beyond it the dense path's O(n³) eigendecomposition and n² memory outgrow the Lanczos iteration).</summary>
    public const int SparseThreshold = 1000;

    /// <summary>The affinity matrix W used, as a sparse (n, n) CSR matrix without diagonal entries: the graph itself on
    /// the sparse path, a sparse copy of the dense graph otherwise.</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    public SparseMatrix<T> SparseAffinityMatrix =>
        _sparseAffinity ?? (_affinity is { } w ? Sparse.FromDense(w) : throw NotFittedException.For(Model, "SparseAffinityMatrix"));

    /// <summary>Lanczos restarts of the last sparse-path fit (0 after a dense fit).</summary>
    public int EigshRestarts { get; private set; }

    /// <summary>Clusters the graph given as a sparse precomputed affinity (n, n): symmetric, non-negative, its diagonal
    /// ignored (scikit-learn accepts a sparse affinity for affinity='precomputed'). Always the sparse path.</summary>
    /// <param name="affinity">The (n, n) affinity, CSR or CSC, n &gt; k.</param>
    /// <returns>This estimator, fitted.</returns>
    /// <exception cref="ArgumentException">The estimator's affinity is not <see cref="SpectralAffinity.Precomputed"/>; n ≤ k;
    /// a negative or asymmetric entry.</exception>
    /// <exception cref="ShapeMismatchException">The affinity is not square.</exception>
    /// <exception cref="NonFiniteException">A stored value is NaN or infinite.</exception>
    /// <exception cref="NoConvergenceException">The Lanczos iteration did not converge.</exception>
    public SpectralClustering<T> Fit(SparseMatrix<T> affinity)
    {
        const string where = Model + ".Fit";
        ArgumentNullException.ThrowIfNull(affinity);
        if (Affinity != SpectralAffinity.Precomputed)
            throw new ArgumentException($"{where}: a sparse matrix is taken as a precomputed affinity, but this estimator has affinity = {Affinity}; construct it with SpectralAffinity.Precomputed, or pass the samples as a dense NDArray", nameof(affinity));
        return FitSparseGraph(AffinityGraphs.CheckedPrecomputed(affinity, where), where);
    }

    /// <summary>Fits the sparse graph and returns <see cref="SpectralClustering{T}.Labels"/>.</summary>
    public NDArray<long> FitPredict(SparseMatrix<T> affinity) => Fit(affinity).Labels;

    private bool UsesSparsePath(int n) =>
        Affinity == SpectralAffinity.NearestNeighbors &&
        (Solver == SpectralSolver.Sparse || (Solver == SpectralSolver.Auto && n > SparseThreshold));

    /// <summary>
    /// The sparse path on the symmetric graph W (canonical CSR, no diagonal): M = D^-1/2 W D^-1/2 as a sparse matrix on
    /// W's pattern, then the k algebraically largest eigenpairs of M by thick-restart Lanczos
    /// (<see cref="SparseLinalg.Eigsh{T}"/> with <see cref="Which.LargestAlgebraic"/>). These are the k smallest of the
    /// normalised Laplacian L = I - M; Lanczos on M for 'LA' and on L for 'SA' build the same Krylov spaces (a shift does
    /// not change them), so they converge alike, and both ends of M's spectrum lie in [-1, 1] with the wanted values at
    /// the top end, where Lanczos converges first. Shift-invert at sigma = 1 (SciPy's choice in scikit-learn's
    /// spectral_embedding) would need a sparse factorization of M - I; the wanted end is extreme, so plain Lanczos
    /// suffices. Cost per Lanczos step one SpMV (O(nnz)) and O(n ncv) for reorthogonalization.
    /// <para>A graph of c separate components (well-separated clusters give one each) has the eigenvalue 1 exactly c
    /// times, and a single-vector Lanczos iteration sees only one direction of a repeated eigenvalue (its Krylov space
    /// holds just the start vector's projection on that eigenspace), so it can miss copies and return a lower eigenvalue
    /// instead. Those eigenvectors are known exactly, v_C = D^1/2 1_C / sqrt(vol C), so they are taken directly (the k
    /// largest components by volume when there are k or more) and Lanczos runs for the remaining k - c pairs on
    /// M - 2 V Vᵀ, which moves the known ones to the bottom of the spectrum (<see cref="DeflatedAffinity{T}"/>).</para>
    /// </summary>
    private SpectralClustering<T> FitSparseGraph(SparseMatrix<T> w, string where)
    {
        int n = w.Rows, k = NClusters;
        if (k >= n)
            throw new ArgumentException($"{where}: the sparse path needs more samples (n = {n}) than clusters (k = {k})");
        var degree = w.Sum(1).ToArray();
        var scale = new T[n];
        for (int i = 0; i < n; i++) scale[i] = degree[i] > T.Zero ? T.One / T.Sqrt(degree[i]) : T.Zero;
        var m = w.Copy();
        for (int i = 0; i < n; i++)
        {
            var cols = m.IndicesOf(i);
            var vals = m.ValuesOf(i);
            for (int e = 0; e < cols.Length; e++) vals[e] *= scale[i] * scale[cols[e]];
        }
        var (u, values, restarts) = TopEigenvectors(w, m, degree, k);
        var norms = NDArray.Sqrt((u * u).Sum(1, keepDims: true));
        var embedding = u / NDArray.Where(NDArray.Greater(norms, T.Zero), norms, NDArray.Scalar(T.One));
        _labels = new KMeans<T>(k, nInit: NInit, seed: Seed).Fit(embedding).LabelIndices;
        _sparseAffinity = w;
        _affinity = null;
        _embedding = embedding;
        _eigenvalues = NDArray.FromArray(values);
        EigshRestarts = restarts;
        return this;
    }

    /// <summary>The k leading eigenvectors of M (n x k, largest first), their eigenvalues, and the Lanczos restarts used:
    /// one exact vector per connected component of positive volume (up to k, largest volumes first), the rest from
    /// <see cref="SparseLinalg.Eigsh{T}"/> on the deflated operator.</summary>
    private (NDArray<T> Vectors, T[] Values, int Restarts) TopEigenvectors(SparseMatrix<T> w, SparseMatrix<T> m, T[] degree, int k)
    {
        int n = w.Rows;
        var (component, count) = GraphComponents.Label(w);
        GraphComponentCount = count;
        var volume = new double[count];
        for (int i = 0; i < n; i++) volume[component[i]] += double.CreateTruncating(degree[i]);
        var order = Enumerable.Range(0, count).Where(c => volume[c] > 0)
            .OrderByDescending(c => volume[c]).ThenBy(c => c).Take(k).ToArray();
        int known = order.Length;
        var columnOf = new int[count];
        Array.Fill(columnOf, -1);
        for (int j = 0; j < known; j++) columnOf[order[j]] = j;
        var column = new int[n];
        var value = new T[n];
        var u = NDArray.Zeros<T>(n, k);
        for (int i = 0; i < n; i++)
        {
            int j = columnOf[component[i]];
            column[i] = j;
            if (j < 0) continue;
            value[i] = T.CreateTruncating(Math.Sqrt(double.CreateTruncating(degree[i]) / volume[component[i]]));
            u[i, j] = value[i];
        }
        var values = new T[k];
        for (int j = 0; j < known; j++) values[j] = T.One;
        if (known == k) return (u, values, 0);
        var deflated = new DeflatedAffinity<T>(m, column, value, known);
        var result = SparseLinalg.Eigsh(deflated, k - known, Which.LargestAlgebraic, seed: Seed);
        var vectors = result.Eigenvectors!;
        var ev = result.Eigenvalues.ToArray();
        for (int j = 0; j < k - known; j++)
        {
            int src = k - known - 1 - j;                 // Eigsh returns ascending: largest first here
            u[.., known + j] = vectors[.., src];
            values[known + j] = ev[src];
        }
        return (u, values, result.Restarts);
    }

    /// <summary>Connected components of the graph in the last sparse-path fit (0 after a dense fit).</summary>
    public int GraphComponentCount { get; private set; }
}
