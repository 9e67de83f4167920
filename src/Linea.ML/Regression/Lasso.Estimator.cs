using System.Numerics;

namespace Linea.ML;

/// <summary>Lasso as an <see cref="IEstimator{T}"/> (pipelines, cross-validation, grid search).</summary>
public sealed partial class Lasso<T> : IEstimator<T>
{
    /// <summary>The constructor parameters: <c>alpha</c>, <c>fitIntercept</c>, <c>maxIter</c>, <c>tol</c>.</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?>
    {
        ["alpha"] = Alpha,
        ["fitIntercept"] = FitIntercept,
        ["maxIter"] = MaxIter,
        ["tol"] = Tol,
    };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters) => FromParams(ModelParams.Merge(ModelName, GetParams(), parameters));

    internal static Lasso<T> FromParams(ModelParams p) => new(p.Double("alpha"), p.Bool("fitIntercept"), p.Int("maxIter"), p.Double("tol"));

    /// <inheritdoc />
    IEstimator<T> IEstimator<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x, y ?? throw new ArgumentNullException(nameof(y), "Lasso.Fit: y is required"));
}
