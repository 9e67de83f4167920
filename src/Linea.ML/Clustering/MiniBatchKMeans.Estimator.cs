using System.Numerics;

namespace Linea.ML.Clustering;

/// <summary>MiniBatchKMeans as an <see cref="IEstimator{T}"/> (pipelines, cross-validation, grid search).</summary>
public sealed partial class MiniBatchKMeans<T> : IEstimator<T>
{
    /// <summary>The constructor parameters: <c>nClusters</c>, <c>batchSize</c>, <c>maxIter</c>, <c>seed</c>, <c>nInit</c>,
    /// <c>initSize</c>, <c>tol</c>, <c>maxNoImprovement</c>, <c>reassignmentRatio</c>.</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?>
    {
        ["nClusters"] = NClusters,
        ["batchSize"] = BatchSize,
        ["maxIter"] = MaxIter,
        ["seed"] = Seed,
        ["nInit"] = NInit,
        ["initSize"] = InitSize,
        ["tol"] = Tol,
        ["maxNoImprovement"] = MaxNoImprovement,
        ["reassignmentRatio"] = ReassignmentRatio,
    };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters)
    {
        var p = ModelParams.Merge(Model, GetParams(), parameters);
        return new MiniBatchKMeans<T>(p.Int("nClusters"), p.Int("batchSize"), p.Int("maxIter"), p.UInt64("seed"), p.Int("nInit"),
            p.NullableInt("initSize"), p.Double("tol"), p.NullableInt("maxNoImprovement"), p.Double("reassignmentRatio"));
    }

    /// <inheritdoc />
    IEstimator<T> IEstimator<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x);

    /// <summary>The cluster of each row as a float label tensor, shape (m,).</summary>
    NDArray<T> IEstimator<T>.Predict(NDArray<T> x)
    {
        var labels = PredictIndices(x);
        return NDArray.Wrap(Array.ConvertAll(labels, static l => T.CreateTruncating(l)), labels.Length);
    }

    /// <summary>Minus the inertia of X against the centres (scikit-learn's <c>score</c>); y is ignored.</summary>
    T IEstimator<T>.Score(NDArray<T> x, NDArray<T> y) => T.CreateTruncating(Score(x));
}
