namespace Linea.ML;

// Integer class labels: fitting with NDArray<int> or NDArray<long> and predicting as NDArray<long>.
public sealed partial class LogisticRegression<T>
{
    /// <summary>Fits the model to X (n x p) and integer class labels y (n,) with at least two distinct values. Returns this model.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D, y is not 1-D, or they have different numbers of samples.</exception>
    /// <exception cref="ArgumentException">X has no samples, or y has fewer than two classes.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public LogisticRegression<T> Fit(NDArray<T> x, NDArray<long> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Fit(x, y.AsType<T>());
    }

    /// <summary>Fits the model to X (n x p) and int class labels y (n,); see <see cref="Fit(NDArray{T}, NDArray{long})"/>.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D, y is not 1-D, or they have different numbers of samples.</exception>
    /// <exception cref="ArgumentException">X has no samples, or y has fewer than two classes.</exception>
    public LogisticRegression<T> Fit(NDArray<T> x, NDArray<int> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Fit(x, y.AsType<T>());
    }

    /// <summary>
    /// The predicted class label of each row of X as a long tensor (m,): <see cref="Predict"/> for a model whose classes
    /// are integers (fitted with integer labels, or float labels holding whole numbers). O(m p k).
    /// </summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="InvalidOperationException">A class label is not a whole number (e.g. 0.5), so it has no integer form.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-D or does not have p features.</exception>
    public NDArray<long> PredictLabels(NDArray<T> x)
    {
        foreach (T c in Classes)
            if (!T.IsInteger(c))
                throw new InvalidOperationException($"{Model}.PredictLabels: class label {c} is not a whole number; use Predict for float labels");
        return Predict(x).AsType<long>();
    }

    /// <summary>The accuracy of <see cref="PredictLabels"/> on X and integer labels y (scikit-learn's <c>score</c>).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">Shapes of X and y do not fit the model or each other.</exception>
    public T Score(NDArray<T> x, NDArray<long> y) => T.CreateTruncating(Metrics.AccuracyScore(y, PredictLabels(x)));
}
