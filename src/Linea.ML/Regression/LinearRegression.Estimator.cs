using System.Numerics;

namespace Linea.ML;

/// <summary>LinearRegression as an <see cref="IEstimator{T}"/> (pipelines, cross-validation, grid search).</summary>
public sealed partial class LinearRegression<T> : IEstimator<T>
{
    /// <summary>The constructor parameters: <c>fitIntercept</c>.</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?> { ["fitIntercept"] = FitIntercept };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters) => FromParams(ModelParams.Merge(ModelName, GetParams(), parameters));

    internal static LinearRegression<T> FromParams(ModelParams p) => new(p.Bool("fitIntercept"));

    /// <inheritdoc />
    IEstimator<T> IEstimator<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x, y ?? throw new ArgumentNullException(nameof(y), "LinearRegression.Fit: y is required"));
}
