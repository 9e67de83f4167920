using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Principal component analysis (scikit-learn's <c>PCA</c> with the full solver): X is centred by its column means and
/// the thin SVD of the centred data, Xc = U S Vt, gives the components (rows of Vt), never forming the covariance
/// matrix (whose condition number is the square of Xc's). Fitting costs O(n p min(n, p)) for n samples and p features.
/// </summary>
/// <remarks>
/// <para>Fitted attributes (available after <see cref="Fit(Tensor{T})"/>, else <see cref="NotFittedException"/>):
/// <see cref="Components"/> (k x p, orthonormal rows), <see cref="ExplainedVariance"/> S^2 / (n - 1),
/// <see cref="ExplainedVarianceRatio"/>, <see cref="SingularValues"/>, <see cref="Mean"/>, <see cref="NoiseVariance"/>.</para>
/// <para>Signs follow <see cref="SignConvention"/> (default <see cref="SignConvention.ComponentBased"/>, scikit-learn
/// 1.5 and later; <see cref="SignConvention.SampleBased"/> reproduces scikit-learn 1.4 and earlier).</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class Pca<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _components, _explainedVariance, _ratio, _singularValues, _mean;
    private T _noiseVariance;

    /// <summary>Configures the model; nothing is computed until <see cref="Fit(Tensor{T})"/>.</summary>
    /// <param name="nComponents">How many components to keep: all (default), a count, or a variance fraction (see <see cref="PcaComponents"/>).</param>
    /// <param name="whiten">Scale the transformed data to unit variance per component (divide by sqrt(explained variance)).</param>
    /// <param name="signs">How the sign of each component is fixed.</param>
    public Pca(PcaComponents nComponents = default, bool whiten = false, SignConvention signs = SignConvention.ComponentBased)
    {
        NComponentsRequested = nComponents;
        Whiten = whiten;
        Signs = signs;
    }

    /// <summary>The requested number of components as given to the constructor.</summary>
    public PcaComponents NComponentsRequested { get; }

    /// <summary>Whether <see cref="Transform"/> whitens.</summary>
    public bool Whiten { get; }

    /// <summary>The sign convention.</summary>
    public SignConvention Signs { get; }

    /// <summary>Whether <see cref="Fit(Tensor{T})"/> has run.</summary>
    public bool IsFitted => _components is not null;

    /// <summary>The number of components kept, k.</summary>
    public int NComponents => (int)Fitted(nameof(NComponents)).Shape[0];

    /// <summary>The number of features p seen at Fit.</summary>
    public int NFeatures => (int)Fitted(nameof(NFeatures)).Shape[1];

    /// <summary>The number of samples n seen at Fit.</summary>
    public long NSamples { get; private set; }

    /// <summary>Principal axes, shape (k, p): orthonormal rows sorted by decreasing explained variance.</summary>
    public Tensor<T> Components => Fitted(nameof(Components));

    /// <summary>Variance along each component, S_j^2 / (n - 1), shape (k,).</summary>
    public Tensor<T> ExplainedVariance => Fitted(nameof(ExplainedVariance), _explainedVariance);

    /// <summary>Fraction of the total variance (over all min(n, p) components) explained by each kept component, shape (k,).
    /// Zeros when X has no variance at all.</summary>
    public Tensor<T> ExplainedVarianceRatio => Fitted(nameof(ExplainedVarianceRatio), _ratio);

    /// <summary>Singular values of the centred data for the kept components, shape (k,), descending.</summary>
    public Tensor<T> SingularValues => Fitted(nameof(SingularValues), _singularValues);

    /// <summary>Per-feature mean of the training data, shape (p,).</summary>
    public Tensor<T> Mean => Fitted(nameof(Mean), _mean);

    /// <summary>The probabilistic PCA noise variance (Tipping and Bishop): the mean of the explained variances of the
    /// discarded components, 0 when none is discarded.</summary>
    public T NoiseVariance { get { Fitted(nameof(NoiseVariance)); return _noiseVariance; } }

    /// <summary>Fits the model to X (n x p, n &gt;= 2). Returns this model. O(n p min(n, p)).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">X has fewer than 2 samples, or a requested count exceeds min(n, p).</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    /// <exception cref="NoConvergenceException">The SVD did not converge.</exception>
    public Pca<T> Fit(Tensor<T> x)
    {
        FitCore(x);
        return this;
    }

    /// <summary>Fits and returns the transformed training data (n x k), computed as U S (or U sqrt(n - 1) when whitening).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">X has fewer than 2 samples, or a requested count exceeds min(n, p).</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public Tensor<T> FitTransform(Tensor<T> x)
    {
        var (u, s) = FitCore(x);
        int k = NComponents;
        var uk = u[.., ..k];
        return Whiten ? uk * T.Sqrt(T.CreateTruncating(NSamples - 1)) : uk * s[..k];
    }

    /// <summary>Projects X (m x p) onto the components: (X - Mean) Components^T, divided by sqrt(ExplainedVariance) when
    /// whitening. Returns m x k. O(m p k).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-D or does not have p features.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var c = Fitted(nameof(Transform));
        Guard.Features(x, (int)c.Shape[1], "Pca.Transform");
        var z = (x - _mean!).MatMul(c.T);
        return Whiten ? z / Tensor.Sqrt(_explainedVariance!) : z;
    }

    /// <summary>Maps scores Z (m x k) back to feature space: Z Components + Mean (Z multiplied by
    /// sqrt(ExplainedVariance) first when whitening). Exact up to rounding when all components are kept. Returns m x p.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">Z is not 2-D or does not have k columns.</exception>
    /// <exception cref="NonFiniteException">Z contains NaN or infinity.</exception>
    public Tensor<T> InverseTransform(Tensor<T> z)
    {
        var c = Fitted(nameof(InverseTransform));
        Guard.Features(z, (int)c.Shape[0], "Pca.InverseTransform");
        var zs = Whiten ? z * Tensor.Sqrt(_explainedVariance!) : z;
        return zs.MatMul(c) + _mean!;
    }

    private (Tensor<T> U, Tensor<T> S) FitCore(Tensor<T> x)
    {
        Guard.Matrix(x, "Pca.Fit", minRows: 2);
        int n = (int)x.Shape[0], p = (int)x.Shape[1], r = Math.Min(n, p);
        if (NComponentsRequested.Count is int requested && requested > r)
            throw new ArgumentException(
                $"Pca.Fit: nComponents = {requested} but X of shape {x.Shape} has at most min(n_samples, n_features) = {r} components", "nComponents");
        var mean = x.Mean(0);
        var (u0, s, vt0) = Linalg.Svd(x - mean, fullMatrices: false);
        var (u, vt) = SvdFlip.Apply(u0, vt0, Signs);
        var variance = s * s / T.CreateTruncating(n - 1);
        T total = variance.Sum();
        var ratioAll = total > T.Zero ? variance / total : Tensor.Zeros<T>(r);
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

    private int ChooseK(Tensor<T> ratio, int r)
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

    private Tensor<T> Fitted(string member, Tensor<T>? value = null) =>
        _components is null ? throw NotFittedException.For("Pca", member) : value ?? _components;
}
