using System.Numerics;

namespace Linea.Distributed;

/// <summary>
/// Principal component analysis of a row-block matrix, the answer of <c>Linea.ML.Pca</c> (and scikit-learn's PCA)
/// on the stacked matrix, up to rounding: one TSQR of [1, X] (<see cref="Tsqr"/>: each rank streams its rows into a
/// (d + 1) x (d + 1) triangle, then a reduction tree), whose first row gives the mean and whose trailing block is the R of
/// the centred matrix; then the SVD of that d x d R on every rank, whose right singular vectors and singular values are
/// those of the centred matrix. Signs follow scikit-learn's
/// <c>svd_flip(u_based_decision=False)</c> (the largest entry of each component positive), as <c>Pca</c>'s default.
/// One pass over each rank's rows, O(n d² / p + d³ log p) time, memory per rank: one row block and a few
/// (d + 1)² triangles, never a copy of its rows. Every fitted attribute is the same on every rank.
/// <code>
/// using var x = RowBlockMatrix&lt;double&gt;.LoadNpy(world, "data.npy");
/// var pca = new DistributedPca&lt;double&gt;(nComponents: 10).Fit(x);
/// NDArray&lt;double&gt; scores = pca.Transform(x.Local);    // this rank's rows, no communication
/// </code>
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class DistributedPca<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NDArray<T>? _components, _variance, _ratio, _singular, _mean;

    /// <summary>Creates the estimator.</summary>
    /// <param name="nComponents">Components to keep, 1..min(n, d); null keeps min(n, d).</param>
    /// <exception cref="ArgumentOutOfRangeException">nComponents is below 1.</exception>
    public DistributedPca(int? nComponents = null)
    {
        if (nComponents is < 1) throw new ArgumentOutOfRangeException(nameof(nComponents), nComponents, "DistributedPca: nComponents must be at least 1");
        NComponentsRequested = nComponents;
    }

    /// <summary>The requested number of components (null: all).</summary>
    public int? NComponentsRequested { get; }

    /// <summary>Principal axes, shape (k, d), rows of unit norm, by decreasing variance.</summary>
    /// <exception cref="InvalidOperationException">Before Fit.</exception>
    public NDArray<T> Components => Fitted(_components);

    /// <summary>Variance along each component, s² / (n - 1), shape (k,).</summary>
    public NDArray<T> ExplainedVariance => Fitted(_variance);

    /// <summary>Fraction of the total variance along each component, shape (k,).</summary>
    public NDArray<T> ExplainedVarianceRatio => Fitted(_ratio);

    /// <summary>Singular values of the centred matrix, shape (k,).</summary>
    public NDArray<T> SingularValues => Fitted(_singular);

    /// <summary>Per-feature mean over all rows of all ranks, shape (d,).</summary>
    public NDArray<T> Mean => Fitted(_mean);

    /// <summary>n, the total number of samples fitted.</summary>
    public long NSamples { get; private set; }

    /// <summary>Fits the model (collective: every rank calls it with its block of the same matrix).</summary>
    /// <param name="x">The samples, n x d over the ranks, n ≥ 2.</param>
    /// <returns>This estimator, fitted, with the same attributes on every rank.</returns>
    /// <exception cref="ArgumentException">n &lt; 2, or nComponents &gt; min(n, d) (on every rank).</exception>
    /// <exception cref="NonFiniteException">A block holds NaN or infinity (that rank; the others throw MpiException naming it).</exception>
    public DistributedPca<T> Fit(RowBlockMatrix<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Communicator comm = x.Communicator;
        long n = x.Rows;
        int d = x.Columns;
        int r = (int)Math.Min(n, d);
        if (n < 2) throw new ArgumentException($"DistributedPca.Fit: X has {n} samples in all; PCA needs at least 2", nameof(x));
        if (NComponentsRequested is int req && req > r)
            throw new ArgumentException($"DistributedPca.Fit: nComponents = {req} but X of shape ({n}, {d}) has at most min(n_samples, n_features) = {r} components", nameof(x));

        // One TSQR of [1, X]: row 0 of R holds the column sums over R[0, 0] = ±sqrt(n), and its trailing block is the R of
        // the globally centred X, so neither a pass for the mean nor a centred copy of the block is needed.
        NDArray<T> rOnes = Tsqr.ReduceR(comm, "pca.tsqr", x.Local, d + 1, prependOnes: true);
        var mean = (rOnes[0, 1..] / rOnes[0, 0]).Contiguous();
        NDArray<T> rFactor = rOnes[1.., 1..].Contiguous();
        var (_, s, vt) = Linalg.Svd(rFactor, fullMatrices: false);
        s = s[..r].Contiguous();
        vt = FlipSigns(vt[..r, ..].Contiguous());

        var variance = s * s / T.CreateTruncating(n - 1);
        T total = variance.Sum();
        var ratioAll = total > T.Zero ? variance / total : NDArray.Zeros<T>((long)r);
        int k = NComponentsRequested ?? r;
        _components = vt[..k, ..].Contiguous();
        _variance = variance[..k].Contiguous();
        _ratio = ratioAll[..k].Contiguous();
        _singular = s[..k].Contiguous();
        _mean = mean;
        NSamples = n;
        return this;
    }

    /// <summary>Projects rows (this rank's, or any m x d): (X - Mean) Componentsᵀ, shape (m, k). Local, no communication.</summary>
    /// <exception cref="InvalidOperationException">Before Fit.</exception>
    public NDArray<T> Transform(NDArray<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return (rows - Mean).MatMul(Components.T);
    }

    /// <summary>The largest-magnitude entry of each row positive (first on ties), as scikit-learn's svd_flip(u_based_decision=False).</summary>
    private static NDArray<T> FlipSigns(NDArray<T> vt)
    {
        long k = vt.Shape[0], d = vt.Shape[1];
        for (long i = 0; i < k; i++)
        {
            T max = T.NegativeOne, pivot = T.Zero;
            for (long j = 0; j < d; j++)
            {
                T a = T.Abs(vt[i, j]);
                if (a > max) { max = a; pivot = vt[i, j]; }
            }
            if (pivot < T.Zero)
                for (long j = 0; j < d; j++) vt[i, j] = -vt[i, j];
        }
        return vt;
    }

    private static NDArray<T> Fitted(NDArray<T>? value) =>
        value ?? throw new InvalidOperationException("DistributedPca: call Fit first");
}
