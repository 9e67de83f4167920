using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Scales each feature linearly onto a range [min, max], default [0, 1] (scikit-learn's <c>MinMaxScaler</c>):
/// x' = x * scale + offset with scale = (max - min) / (data_max - data_min) and offset = min - data_min * scale. A constant
/// feature (range below 10 eps) gets scale max - min. Fit costs O(n p) and allocates only p-vectors (the column minima
/// and maxima); the fitted scaler holds the data minimum and maximum, scale and offset (p each). Transform O(m p).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class MinMaxScaler<T> : ITransformer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "MinMaxScaler";
    private NDArray<T>? _dataMin, _dataMax, _scale, _min;

    /// <summary>Configures the scaler.</summary>
    /// <param name="featureMin">Lower end of the target range (default 0).</param>
    /// <param name="featureMax">Upper end of the target range (default 1), greater than featureMin.</param>
    /// <param name="clip">Clip transformed values of new data into the range (default false, as scikit-learn).</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty, reversed or not finite.</exception>
    public MinMaxScaler(double featureMin = 0, double featureMax = 1, bool clip = false)
    {
        if (!(featureMin < featureMax) || !double.IsFinite(featureMin) || !double.IsFinite(featureMax))
            throw new ArgumentOutOfRangeException(nameof(featureMax), featureMax,
                $"{Model}: the feature range ({featureMin}, {featureMax}) must be finite with min < max");
        FeatureMin = featureMin;
        FeatureMax = featureMax;
        Clip = clip;
    }

    /// <summary>Lower end of the target range.</summary>
    public double FeatureMin { get; }

    /// <summary>Upper end of the target range.</summary>
    public double FeatureMax { get; }

    /// <summary>Whether transformed values are clipped into the range.</summary>
    public bool Clip { get; }

    /// <inheritdoc />
    public bool IsFitted => _scale is not null;

    /// <summary>Per-feature minimum of the training data, shape (p,).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> DataMin => _dataMin ?? throw NotFittedException.For(Model, nameof(DataMin));

    /// <summary>Per-feature maximum of the training data, shape (p,).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> DataMax => _dataMax ?? throw NotFittedException.For(Model, nameof(DataMax));

    /// <summary>Per-feature factor, shape (p,).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> Scale => _scale ?? throw NotFittedException.For(Model, nameof(Scale));

    /// <summary>Per-feature offset added after scaling, shape (p,) (scikit-learn's <c>min_</c>).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> Min => _min ?? throw NotFittedException.For(Model, nameof(Min));

    /// <summary>Learns the per-feature minimum and maximum of X (n x p, n &gt;= 1); y is ignored. Returns this scaler. O(n p).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">X has no samples.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public MinMaxScaler<T> Fit(NDArray<T> x, NDArray<T>? y = null)
    {
        Guard.Matrix(x, Model + ".Fit");
        var lo = x.Min(0);
        var hi = x.Max(0);
        var range = hi - lo;
        T width = T.CreateTruncating(FeatureMax - FeatureMin), eps10 = T.CreateTruncating(10) * Precision.Eps<T>();
        var scale = NDArray.Zeros<T>(range.Shape[0]);
        var r = range.AsReadOnlySpan();
        var s = scale.AsSpan();
        for (int j = 0; j < s.Length; j++) s[j] = width / (r[j] < eps10 ? T.One : r[j]);
        _min = T.CreateTruncating(FeatureMin) - lo * scale;
        _dataMin = lo;
        _dataMax = hi;
        _scale = scale;
        return this;
    }

    /// <summary>X * scale + offset for X (m x p), clipped into the range when configured. Returns a new (m x p) tensor. O(m p).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-D or does not have p features.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> Transform(NDArray<T> x)
    {
        var scale = _scale ?? throw NotFittedException.For(Model, nameof(Transform));
        Guard.Features(x, (int)scale.Shape[0], Model + ".Transform");
        var z = (x * scale + _min!).Contiguous();
        if (Clip)
        {
            T lo = T.CreateTruncating(FeatureMin), hi = T.CreateTruncating(FeatureMax);
            var s = z.AsSpan();
            for (int i = 0; i < s.Length; i++) s[i] = T.Clamp(s[i], lo, hi);
        }
        return z;
    }

    /// <summary>Undoes <see cref="Transform"/> (without clipping): (Z - offset) / scale. O(m p).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">Z is not 2-D or does not have p features.</exception>
    /// <exception cref="NonFiniteException">Z contains NaN or infinity.</exception>
    public NDArray<T> InverseTransform(NDArray<T> z)
    {
        var scale = _scale ?? throw NotFittedException.For(Model, nameof(InverseTransform));
        Guard.Features(z, (int)scale.Shape[0], Model + ".InverseTransform");
        return (z - _min!) / scale;
    }

    /// <summary>Fit then Transform of X. O(n p).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">X has no samples.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> FitTransform(NDArray<T> x, NDArray<T>? y = null) => Fit(x, y).Transform(x);

    /// <summary>The constructor parameters: <c>featureMin</c>, <c>featureMax</c>, <c>clip</c>.</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?>
    {
        ["featureMin"] = FeatureMin,
        ["featureMax"] = FeatureMax,
        ["clip"] = Clip,
    };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters) => FromParams(ModelParams.Merge(Model, GetParams(), parameters));

    internal static MinMaxScaler<T> FromParams(ModelParams p) => new(p.Double("featureMin"), p.Double("featureMax"), p.Bool("clip"));

    /// <inheritdoc />
    ITransformer<T> ITransformer<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x, y);
}
