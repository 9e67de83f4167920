using System.Numerics;
using Linea.ML.Clustering;

namespace Linea.ML;

/// <summary>The model types a file may name, each constructed from its saved parameters by an explicit factory (no
/// reflection, so loading stays trimming- and AOT-safe).</summary>
internal static class ModelRegistry
{
    /// <summary>The type names <see cref="Create{T}"/> knows.</summary>
    public static readonly string[] Known =
        ["LinearRegression", "Ridge", "Lasso", "LogisticRegression", "Pca", "KMeans", "StandardScaler", "MinMaxScaler", "OneHotEncoder"];

    /// <summary>A new, unfitted model of the named type with the given parameters; null for an unknown type.</summary>
    public static IModel<T>? Create<T>(string type, ModelParams p) where T : unmanaged, IFloatingPointIeee754<T> => type switch
    {
        "LinearRegression" => LinearRegression<T>.FromParams(p),
        "Ridge" => Ridge<T>.FromParams(p),
        "Lasso" => Lasso<T>.FromParams(p),
        "LogisticRegression" => LogisticRegression<T>.FromParams(p),
        "Pca" => Pca<T>.FromParams(p),
        "KMeans" => KMeans<T>.FromParams(p),
        "StandardScaler" => StandardScaler<T>.FromParams(p),
        "MinMaxScaler" => MinMaxScaler<T>.FromParams(p),
        "OneHotEncoder" => OneHotEncoder<T>.FromParams(p),
        _ => null,
    };
}
