using System.Numerics;

namespace Linea.ML;

/// <summary>LogisticRegression's parameters by name and unfitted copies (grid search, cross-validation).</summary>
public sealed partial class LogisticRegression<T>
{
    /// <summary>The constructor parameters: <c>c</c>, <c>fitIntercept</c>, <c>maxIter</c>, <c>tol</c>.</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?>
    {
        ["c"] = C,
        ["fitIntercept"] = FitIntercept,
        ["maxIter"] = MaxIter,
        ["tol"] = Tol,
    };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters) => FromParams(ModelParams.Merge(Model, GetParams(), parameters));

    internal static LogisticRegression<T> FromParams(ModelParams p) => new(p.Double("c"), p.Bool("fitIntercept"), p.Int("maxIter"), p.Double("tol"));

    /// <inheritdoc />
    IEstimator<T> IEstimator<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x, y ?? throw new ArgumentNullException(nameof(y), "LogisticRegression.Fit: y is required"));
}
