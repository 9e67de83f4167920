using System.Numerics;

namespace Linea.ML;

/// <summary>Questions about estimators that look through pipelines and grid searches.</summary>
internal static class Estimators
{
    /// <summary>Whether the model predicts class labels (its final step, or its base estimator, is a classifier).</summary>
    public static bool IsClassifier<T>(IModel<T> model) where T : unmanaged, IFloatingPointIeee754<T> => model switch
    {
        IClassifier<T> => true,
        Pipeline<T> p => IsClassifier(p.FinalStep),
        GridSearchCV<T> g => IsClassifier(g.Estimator),
        _ => false,
    };

    /// <summary>Class probabilities (m, k) from a classifier, a pipeline ending in one, or a fitted grid search over one.</summary>
    /// <exception cref="InvalidOperationException">The model gives no probabilities.</exception>
    public static NDArray<T> PredictProba<T>(IEstimator<T> model, NDArray<T> x, string where) where T : unmanaged, IFloatingPointIeee754<T> => model switch
    {
        IClassifier<T> c => c.PredictProba(x),
        Pipeline<T> p => p.PredictProba(x),
        GridSearchCV<T> g => PredictProba(g.BestEstimator, x, where),
        _ => throw new InvalidOperationException($"{where}: {model.GetType().Name} gives no class probabilities; use a classifier such as LogisticRegression"),
    };
}
