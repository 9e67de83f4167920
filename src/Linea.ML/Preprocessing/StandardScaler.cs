using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Standardises features by removing the mean and dividing by the standard deviation (scikit-learn's
/// <c>StandardScaler</c>): z = (x - mean) / scale with scale = sqrt(var), the population variance (ddof = 0). A constant
/// feature (variance within rounding of zero, scikit-learn's test) gets scale 1, so it maps to 0 rather than NaN.
/// The fitted scaler holds the mean, variance and scale (p each). Fit costs O(n p) time (three passes over X: the
/// means, then <c>Var(0)</c>'s two) and, for a contiguous X, allocates only p-vectors; Transform O(m p).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class StandardScaler<T> : ITransformer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "StandardScaler";
    private NDArray<T>? _mean, _var, _scale;

    /// <summary>Configures the scaler.</summary>
    /// <param name="withMean">Subtract the mean (default); false leaves the centre where it is.</param>
    /// <param name="withStd">Divide by the standard deviation (default); false only centres.</param>
    public StandardScaler(bool withMean = true, bool withStd = true)
    {
        WithMean = withMean;
        WithStd = withStd;
    }

    /// <summary>Whether the mean is subtracted.</summary>
    public bool WithMean { get; }

    /// <summary>Whether the data are divided by the standard deviation.</summary>
    public bool WithStd { get; }

    /// <inheritdoc />
    public bool IsFitted => _mean is not null;

    /// <summary>Per-feature mean of the training data, shape (p,) (computed even when <see cref="WithMean"/> is false).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> Mean => _mean ?? throw NotFittedException.For(Model, nameof(Mean));

    /// <summary>Per-feature population variance of the training data, shape (p,).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> Var => _var ?? throw NotFittedException.For(Model, nameof(Var));

    /// <summary>The divisor of each feature, shape (p,): sqrt(var), 1 for constant features or when <see cref="WithStd"/> is false.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> Scale => _scale ?? throw NotFittedException.For(Model, nameof(Scale));

    /// <summary>The number of features p seen at Fit.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public int NFeatures => (int)Mean.Shape[0];

    /// <summary>Learns the mean and scale of X (n x p, n &gt;= 1); y is ignored. Returns this scaler. O(n p).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">X has no samples.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public StandardScaler<T> Fit(NDArray<T> x, NDArray<T>? y = null)
    {
        Guard.Matrix(x, Model + ".Fit");
        int n = (int)x.Shape[0];
        var mean = x.Mean(0);
        var variance = x.Var(0);
        var scale = NDArray.Sqrt(variance);
        // scikit-learn's _is_constant_feature: var <= n eps var + (n mean eps)^2 means the variance is rounding noise.
        T eps = Precision.Eps<T>();
        T nt = T.CreateTruncating(n);
        var v = variance.AsSpan();
        var m = mean.AsReadOnlySpan();
        var s = scale.AsSpan();
        for (int j = 0; j < s.Length; j++)
        {
            T bound = nt * eps * v[j] + (nt * m[j] * eps) * (nt * m[j] * eps);
            if (!WithStd || v[j] <= bound) s[j] = T.One;
        }
        _mean = mean;
        _var = variance;
        _scale = scale;
        return this;
    }

    /// <summary>(X - mean) / scale for X (m x p), each part only when configured. Returns a new (m x p) tensor. O(m p).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-D or does not have p features.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> Transform(NDArray<T> x)
    {
        var mean = _mean ?? throw NotFittedException.For(Model, nameof(Transform));
        Guard.Features(x, (int)mean.Shape[0], Model + ".Transform");
        var c = WithMean ? x - mean : x.Copy();
        return WithStd ? c / _scale! : c;
    }

    /// <summary>Undoes <see cref="Transform"/>: Z scale + mean. Returns a new (m x p) tensor. O(m p).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">Z is not 2-D or does not have p features.</exception>
    /// <exception cref="NonFiniteException">Z contains NaN or infinity.</exception>
    public NDArray<T> InverseTransform(NDArray<T> z)
    {
        var mean = _mean ?? throw NotFittedException.For(Model, nameof(InverseTransform));
        Guard.Features(z, (int)mean.Shape[0], Model + ".InverseTransform");
        var s = WithStd ? z * _scale! : z.Copy();
        return WithMean ? s + mean : s;
    }

    /// <summary>Fit then Transform of X. O(n p).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">X has no samples.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> FitTransform(NDArray<T> x, NDArray<T>? y = null) => Fit(x, y).Transform(x);

    /// <summary>The constructor parameters: <c>withMean</c>, <c>withStd</c>.</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?> { ["withMean"] = WithMean, ["withStd"] = WithStd };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters) => FromParams(ModelParams.Merge(Model, GetParams(), parameters));

    internal static StandardScaler<T> FromParams(ModelParams p) => new(p.Bool("withMean"), p.Bool("withStd"));

    /// <inheritdoc />
    ITransformer<T> ITransformer<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x, y);
}
