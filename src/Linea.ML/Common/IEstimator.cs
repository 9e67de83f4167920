using System.Numerics;

namespace Linea.ML;

/// <summary>
/// A model that is fitted to samples X (n x p), with targets y (n,) when supervised, and then predicts one value per
/// sample (scikit-learn's estimators with <c>fit</c>, <c>predict</c> and <c>score</c>). Class labels are float values
/// (0, 1, 2, ... or any distinct numbers) in a 1-D tensor, as elsewhere in Linea.ML.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface IEstimator<T> : IModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Fits to X (n x p) and y (n,); unsupervised models ignore y (it may be null). Returns this model.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D, or y does not have one entry per sample.</exception>
    /// <exception cref="ArgumentNullException">The model is supervised and y is null.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    IEstimator<T> Fit(NDArray<T> x, NDArray<T>? y);

    /// <summary>One prediction per row of X (m x p): shape (m,).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X does not have the p features seen at Fit.</exception>
    NDArray<T> Predict(NDArray<T> x);

    /// <summary>The model's default score on (X, y), larger is better: R^2 for regressors, accuracy for classifiers,
    /// minus the inertia for k-means (scikit-learn's <c>score</c>).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">Shapes of X and y do not fit the model or each other.</exception>
    T Score(NDArray<T> x, NDArray<T> y);
}
