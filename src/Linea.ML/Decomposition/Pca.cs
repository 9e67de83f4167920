using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Principal component analysis (scikit-learn's <c>PCA</c> with the full solver): X is centred by its column means and
/// the thin SVD of the centred data, Xc = U S Vt, gives the components (rows of Vt), never forming the covariance
/// matrix (whose condition number is the square of Xc's). Fitting costs O(n p min(n, p)) for n samples and p features.
/// </summary>
/// <remarks>
/// <para>Fitted attributes (available after <see cref="Fit(NDArray{T})"/>, else <see cref="NotFittedException"/>):
/// <see cref="Components"/> (k x p, orthonormal rows), <see cref="ExplainedVariance"/> S^2 / (n - 1),
/// <see cref="ExplainedVarianceRatio"/>, <see cref="SingularValues"/>, <see cref="Mean"/>, <see cref="NoiseVariance"/>.</para>
/// <para>Signs follow <see cref="SignConvention"/> (default <see cref="SignConvention.ComponentBased"/>, scikit-learn
/// 1.5 and later; <see cref="SignConvention.SampleBased"/> reproduces scikit-learn 1.4 and earlier).</para>
/// <para>Solvers (<see cref="PcaSolver"/>): the thin SVD above, or for tall data (n &gt;= 10 p, p &lt;= 1000, n p^2 &gt;= 1e8 under
/// Auto) the eigendecomposition of the centred Gram matrix Xc^T Xc (scikit-learn 1.5's 'covariance_eigh'), formed in
/// one blocked pass over X: about n p^2 + O(p^3) flops instead of O(n p^2) with a large constant. Its explained variances
/// carry an absolute error of about p eps S_1^2, so the relative error of a component's variance grows as
/// (S_1 / S_j)^2 eps; choose <see cref="PcaSolver.Full"/> when tiny components must be resolved.</para>
/// <para>Memory: the model holds the k x p components and O(p) vectors. Fitting with the SVD holds a centred copy of X
/// and its thin SVD (about 2 n p + p^2 values); the covariance solver holds, per thread, one row block (64 Ki elements,
/// at least 256 rows) and two p x p squares, then the p x p Gram matrix, its eigenvectors and their reversed copy (on
/// 20,000 x 300 a warm fit allocates 9.6 MB, README "Memory").</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class Pca<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NDArray<T>? _components, _explainedVariance, _ratio, _singularValues, _mean;
    private T _noiseVariance;

    /// <summary>Configures the model; nothing is computed until <see cref="Fit(NDArray{T})"/>.</summary>
    /// <param name="nComponents">How many components to keep: all (default), a count, or a variance fraction (see <see cref="PcaComponents"/>).</param>
    /// <param name="whiten">Scale the transformed data to unit variance per component (divide by sqrt(explained variance)).</param>
    /// <param name="signs">How the sign of each component is fixed.</param>
    /// <param name="solver">How the components are computed (see <see cref="PcaSolver"/>; Auto by default).</param>
    /// <exception cref="ArgumentOutOfRangeException">solver is not a defined value.</exception>
    public Pca(PcaComponents nComponents = default, bool whiten = false, SignConvention signs = SignConvention.ComponentBased,
        PcaSolver solver = PcaSolver.Auto)
    {
        if (!Enum.IsDefined(solver)) throw new ArgumentOutOfRangeException(nameof(solver), solver, "Pca: unknown solver");
        NComponentsRequested = nComponents;
        Whiten = whiten;
        Signs = signs;
        Solver = solver;
    }

    /// <summary>The requested solver.</summary>
    public PcaSolver Solver { get; }

    /// <summary>The solver that produced the fit (<see cref="PcaSolver.Full"/> or <see cref="PcaSolver.CovarianceEigh"/>).</summary>
    public PcaSolver SolverUsed { get; private set; }

    /// <summary>The requested number of components as given to the constructor.</summary>
    public PcaComponents NComponentsRequested { get; }

    /// <summary>Whether <see cref="Transform"/> whitens.</summary>
    public bool Whiten { get; }

    /// <summary>The sign convention.</summary>
    public SignConvention Signs { get; }

    /// <summary>Whether <see cref="Fit(NDArray{T})"/> has run.</summary>
    public bool IsFitted => _components is not null;

    /// <summary>The number of components kept, k.</summary>
    public int NComponents => (int)Fitted(nameof(NComponents)).Shape[0];

    /// <summary>The number of features p seen at Fit.</summary>
    public int NFeatures => (int)Fitted(nameof(NFeatures)).Shape[1];

    /// <summary>The number of samples n seen at Fit.</summary>
    public long NSamples { get; private set; }

    /// <summary>Principal axes, shape (k, p): orthonormal rows sorted by decreasing explained variance.</summary>
    public NDArray<T> Components => Fitted(nameof(Components));

    /// <summary>Variance along each component, S_j^2 / (n - 1), shape (k,).</summary>
    public NDArray<T> ExplainedVariance => Fitted(nameof(ExplainedVariance), _explainedVariance);

    /// <summary>Fraction of the total variance (over all min(n, p) components) explained by each kept component, shape (k,).
    /// Zeros when X has no variance at all.</summary>
    public NDArray<T> ExplainedVarianceRatio => Fitted(nameof(ExplainedVarianceRatio), _ratio);

    /// <summary>Singular values of the centred data for the kept components, shape (k,), descending.</summary>
    public NDArray<T> SingularValues => Fitted(nameof(SingularValues), _singularValues);

    /// <summary>Per-feature mean of the training data, shape (p,).</summary>
    public NDArray<T> Mean => Fitted(nameof(Mean), _mean);

    /// <summary>The probabilistic PCA noise variance (Tipping and Bishop): the mean of the explained variances of the
    /// discarded components, 0 when none is discarded.</summary>
    public T NoiseVariance { get { Fitted(nameof(NoiseVariance)); return _noiseVariance; } }

    /// <summary>Fits the model to X (n x p, n &gt;= 2). Returns this model. O(n p min(n, p)).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">X has fewer than 2 samples, or a requested count exceeds min(n, p).</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    /// <exception cref="NoConvergenceException">The SVD did not converge.</exception>
    public Pca<T> Fit(NDArray<T> x)
    {
        FitCore(x);
        return this;
    }

    /// <summary>Fits and returns the transformed training data (n x k), computed as U S (or U sqrt(n - 1) when whitening).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">X has fewer than 2 samples, or a requested count exceeds min(n, p).</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> FitTransform(NDArray<T> x)
    {
        var (u, s) = FitCore(x);
        if (u is null) return Transform(x);   // the covariance solver has no U: U S = Xc V
        int k = NComponents;
        var uk = u[.., ..k];
        return Whiten ? uk * T.Sqrt(T.CreateTruncating(NSamples - 1)) : uk * s[..k];
    }

    /// <summary>Projects X (m x p) onto the components: (X - Mean) Components^T, divided by sqrt(ExplainedVariance) when
    /// whitening. Returns m x k. O(m p k).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-D or does not have p features.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> Transform(NDArray<T> x)
    {
        var c = Fitted(nameof(Transform));
        Guard.Features(x, (int)c.Shape[1], "Pca.Transform");
        var z = (x - _mean!).MatMul(c.T);
        return Whiten ? z / NDArray.Sqrt(_explainedVariance!) : z;
    }

    /// <summary>Maps scores Z (m x k) back to feature space: Z Components + Mean (Z multiplied by
    /// sqrt(ExplainedVariance) first when whitening). Exact up to rounding when all components are kept. Returns m x p.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">Z is not 2-D or does not have k columns.</exception>
    /// <exception cref="NonFiniteException">Z contains NaN or infinity.</exception>
    public NDArray<T> InverseTransform(NDArray<T> z)
    {
        var c = Fitted(nameof(InverseTransform));
        Guard.Features(z, (int)c.Shape[0], "Pca.InverseTransform");
        var zs = Whiten ? z * NDArray.Sqrt(_explainedVariance!) : z;
        return zs.MatMul(c) + _mean!;
    }

    private (NDArray<T>? U, NDArray<T> S) FitCore(NDArray<T> x)
    {
        Guard.MatrixShape(x, "Pca.Fit", minRows: 2);
        int n = (int)x.Shape[0], p = (int)x.Shape[1], r = Math.Min(n, p);
        if (NComponentsRequested.Count is int requested && requested > r)
            throw new ArgumentException(
                $"Pca.Fit: nComponents = {requested} but X of shape {x.Shape} has at most min(n_samples, n_features) = {r} components", "nComponents");
        NDArray<T> mean, s, vt;
        NDArray<T>? u;
        if (UsesCovariance(n, p))
        {
            (mean, s, vt) = CovarianceEigh(x, p, r);
            // Component-based signs need only Vt; sample-based ones look at the scores Xc V (U S, same signs as U).
            var scores = Signs == SignConvention.SampleBased ? (x - mean).MatMul(vt.T) : NDArray.Zeros<T>(1, p);
            (_, vt) = SvdFlip.Apply(scores, vt, Signs);
            u = null;
            SolverUsed = PcaSolver.CovarianceEigh;
        }
        else
        {
            Guard.Finite(x, "Pca.Fit", "X");
            mean = x.Mean(0);
            var (u0, s0, vt0) = Linalg.Svd(x - mean, fullMatrices: false);
            (u, vt) = SvdFlip.Apply(u0, vt0, Signs);
            s = s0;
            SolverUsed = PcaSolver.Full;
        }
        var variance = s * s / T.CreateTruncating(n - 1);
        T total = variance.Sum();
        var ratioAll = total > T.Zero ? variance / total : NDArray.Zeros<T>(r);
        int k = ChooseK(ratioAll, r);
        _components = vt[..k, ..].Contiguous();
        _explainedVariance = variance[..k].Contiguous();
        _ratio = ratioAll[..k].Contiguous();
        _singularValues = s[..k].Contiguous();
        _mean = mean;
        _noiseVariance = k < r ? variance[k..].Mean() : T.Zero;
        NSamples = n;
        return (u, s);
    }

    /// <summary>CovarianceEigh when asked, or under Auto when n &gt;= 10 p, p &lt;= 1000 (scikit-learn 1.5's rule) and the data
    /// are large enough (n p^2 &gt;= 1e8) for the saving to matter.</summary>
    private bool UsesCovariance(int n, int p) => Solver switch
    {
        PcaSolver.CovarianceEigh => true,
        PcaSolver.Full => false,
        _ => p <= 1000 && n >= 10L * p && (double)n * p * p >= 1e8,
    };

    /// <summary>The mean, the singular values sqrt(lambda) (descending; eigenvalues that rounding made negative count as 0)
    /// and the eigenvectors as rows (p x p) of the centred Gram matrix Xc^T Xc, formed in one blocked pass without a
    /// centred copy of X (<see cref="CentredGram{T}"/>).</summary>
    private static (NDArray<T> Mean, NDArray<T> S, NDArray<T> Vt) CovarianceEigh(NDArray<T> x, int p, int r)
    {
        var g = CentredGram<T>.Compute(x, null, centre: true, "Pca.Fit");
        var (w, v) = Linalg.Eigh(g.Gram);
        var values = w.ToArray();
        var s = new T[r];
        for (int j = 0; j < r; j++) s[j] = T.Sqrt(T.Max(values[p - 1 - j], T.Zero));
        var vt = v[.., Slice.Step(-1)].T[..r, ..].Contiguous();
        return (g.XMean, NDArray.Wrap(s, r), vt);
    }

    private int ChooseK(NDArray<T> ratio, int r)
    {
        if (NComponentsRequested.Count is int c) return c;
        if (NComponentsRequested.Fraction is not double f) return r;
        // Cumulative sum in double (scikit-learn's stable_cumsum), then the first index whose sum exceeds f.
        double cum = 0;
        var a = ratio.ToArray();
        for (int i = 0; i < r; i++)
        {
            cum += double.CreateTruncating(a[i]);
            if (cum > f) return i + 1;
        }
        return r;
    }

    private NDArray<T> Fitted(string member, NDArray<T>? value = null) =>
        _components is null ? throw NotFittedException.For("Pca", member) : value ?? _components;
}
