using System.Globalization;
using System.Numerics;

namespace Linea.ML;

/// <summary>Pca as an <see cref="ITransformer{T}"/> (pipelines, cross-validation, grid search).</summary>
public sealed partial class Pca<T> : ITransformer<T>
{
    /// <summary>The constructor parameters: <c>nComponents</c> (null for all, an int count or a double variance
    /// fraction), <c>whiten</c>, <c>signs</c>.</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?>
    {
        ["nComponents"] = NComponentsRequested.Count is int c ? (object)c : NComponentsRequested.Fraction,
        ["whiten"] = Whiten,
        ["signs"] = Signs,
    };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters) => FromParams(ModelParams.Merge("Pca", GetParams(), parameters));

    internal static Pca<T> FromParams(ModelParams p)
    {
        var components = p["nComponents"] switch
        {
            null => PcaComponents.All,
            PcaComponents c => c,
            int count => PcaComponents.Of(count),
            double fraction => PcaComponents.VarianceFraction(fraction),
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) => PcaComponents.Of(count),
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) => PcaComponents.VarianceFraction(f),
            var v => throw new ArgumentException($"Pca: parameter 'nComponents' cannot take the value '{v}'; use null, an int count or a double fraction", nameof(p)),
        };
        return new Pca<T>(components, p.Bool("whiten"), p.Enum<SignConvention>("signs"));
    }

    /// <inheritdoc />
    ITransformer<T> ITransformer<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x);

    /// <inheritdoc />
    NDArray<T> ITransformer<T>.FitTransform(NDArray<T> x, NDArray<T>? y) => FitTransform(x);
}
