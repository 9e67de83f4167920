using System.Numerics;

namespace Linea.ML;

/// <summary>Ridge as an <see cref="IEstimator{T}"/> (pipelines, cross-validation, grid search).</summary>
public sealed partial class Ridge<T> : IEstimator<T>
{
    /// <summary>The constructor parameters: <c>alpha</c>, <c>fitIntercept</c>, <c>solver</c>.</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?>
    {
        ["alpha"] = Alpha,
        ["fitIntercept"] = FitIntercept,
        ["solver"] = Solver,
    };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters) => FromParams(ModelParams.Merge(ModelName, GetParams(), parameters));

    internal static Ridge<T> FromParams(ModelParams p) => new(p.Double("alpha"), p.Bool("fitIntercept"), p.Enum<RidgeSolver>("solver"));

    /// <inheritdoc />
    IEstimator<T> IEstimator<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x, y ?? throw new ArgumentNullException(nameof(y), "Ridge.Fit: y is required"));
}
