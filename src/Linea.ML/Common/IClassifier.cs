using System.Numerics;

namespace Linea.ML;

/// <summary>An estimator whose predictions are class labels and which gives class probabilities (scikit-learn's
/// classifiers with <c>classes_</c> and <c>predict_proba</c>). <see cref="IEstimator{T}.Score"/> is the accuracy.</summary>
/// <typeparam name="T">float or double.</typeparam>
public interface IClassifier<T> : IEstimator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The distinct class labels seen at Fit, ascending, shape (k,).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    NDArray<T> Classes { get; }

    /// <summary>Probabilities of each class (columns in the order of <see cref="Classes"/>) for each row of X: shape (m, k),
    /// rows summing to 1.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X does not have the p features seen at Fit.</exception>
    NDArray<T> PredictProba(NDArray<T> x);
}
