using System.Numerics;

namespace Linea.ML;

/// <summary>IncrementalPca as an <see cref="ITransformer{T}"/> (pipelines, cross-validation, grid search).</summary>
public sealed partial class IncrementalPca<T> : ITransformer<T>
{
    /// <summary>The constructor parameters: <c>nComponents</c> (null for all), <c>whiten</c>, <c>batchSize</c>
    /// (null for 5 x features, as scikit-learn).</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?>
    {
        ["nComponents"] = NComponentsRequested,
        ["whiten"] = Whiten,
        ["batchSize"] = BatchSize,
    };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters)
    {
        var p = ModelParams.Merge("IncrementalPca", GetParams(), parameters);
        return new IncrementalPca<T>(p.NullableInt("nComponents"), p.Bool("whiten"), p.NullableInt("batchSize"));
    }

    /// <inheritdoc />
    ITransformer<T> ITransformer<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x);

    /// <summary>Fits on <paramref name="x"/> in batches and returns its projection (<see cref="Fit(NDArray{T})"/>, then
    /// <see cref="Transform"/>).</summary>
    /// <param name="x">Samples, shape (n, features).</param>
    /// <param name="y">Ignored (scikit-learn's signature).</param>
    /// <returns>(n, nComponents).</returns>
    public NDArray<T> FitTransform(NDArray<T> x, NDArray<T>? y = null) => Fit(x).Transform(x);
}
