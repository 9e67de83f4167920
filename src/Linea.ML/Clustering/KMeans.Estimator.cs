using System.Numerics;

namespace Linea.ML.Clustering;

/// <summary>KMeans as an <see cref="IEstimator{T}"/> (pipelines, cross-validation, grid search) and an
/// <see cref="ITransformer{T}"/> to cluster distances, as scikit-learn's <c>KMeans.transform</c>.</summary>
public sealed partial class KMeans<T> : IEstimator<T>, ITransformer<T>
{
    /// <summary>The constructor parameters: <c>nClusters</c>, <c>nInit</c>, <c>maxIter</c>, <c>tol</c>, <c>seed</c>.</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?>
    {
        ["nClusters"] = NClusters,
        ["nInit"] = NInit,
        ["maxIter"] = MaxIter,
        ["tol"] = Tol,
        ["seed"] = Seed,
    };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters) => FromParams(ModelParams.Merge(Model, GetParams(), parameters));

    internal static KMeans<T> FromParams(ModelParams p) =>
        new(p.Int("nClusters"), p.Int("nInit"), p.Int("maxIter"), p.Double("tol"), p.UInt64("seed"));

    /// <summary>The Euclidean distance of each row of X (m x features) to each centre: shape (m, k). O(m k features).</summary>
    /// <exception cref="NotFittedException">Before Fit.</exception>
    /// <exception cref="ShapeMismatchException">x is not 2-d or has a different number of features.</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public NDArray<T> Transform(NDArray<T> x)
    {
        var d2 = SquaredDistances(x, nameof(Transform));
        return NDArray.Wrap(Array.ConvertAll(d2, static v => T.CreateTruncating(Math.Sqrt(v))), d2.Length / NClusters, NClusters);
    }

    /// <summary>Squared distances (m x k, row-major, in double) of the rows of x to the centres.</summary>
    private double[] SquaredDistances(NDArray<T> x, string member)
    {
        var centres = Centres(member);
        Guard.Features(x, _features, $"{Model}.{member}");
        int m = (int)x.Shape[0], k = NClusters, d = _features;
        var rows = DoubleRows.From(x);
        var result = new double[m * k];
        for (int i = 0; i < m; i++)
            for (int c = 0; c < k; c++)
                result[i * k + c] = KMeansPlusPlus.SquaredDistance(rows.AsSpan(i * d, d), centres.AsSpan(c * d, d));
        return result;
    }

    /// <inheritdoc />
    IEstimator<T> IEstimator<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x);

    /// <inheritdoc />
    ITransformer<T> ITransformer<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x);

    /// <inheritdoc />
    NDArray<T> ITransformer<T>.FitTransform(NDArray<T> x, NDArray<T>? y) => Fit(x).Transform(x);

    /// <summary>The cluster of each row as a float label tensor, shape (m,).</summary>
    NDArray<T> IEstimator<T>.Predict(NDArray<T> x)
    {
        var labels = PredictIndices(x);
        return NDArray.Wrap(Array.ConvertAll(labels, static l => T.CreateTruncating(l)), labels.Length);
    }

    /// <summary>Minus the sum of squared distances of the rows of X to their nearest centre (scikit-learn's
    /// <c>KMeans.score</c>); y is ignored.</summary>
    T IEstimator<T>.Score(NDArray<T> x, NDArray<T> y)
    {
        var d2 = SquaredDistances(x, "Score");
        int k = NClusters;
        double sum = 0;
        for (int i = 0; i < d2.Length; i += k)
        {
            double best = double.PositiveInfinity;
            for (int c = 0; c < k; c++) best = Math.Min(best, d2[i + c]);
            sum += best;
        }
        return T.CreateTruncating(-sum);
    }
}
