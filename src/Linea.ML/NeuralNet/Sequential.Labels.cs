namespace Linea.ML.NeuralNet;

// Class predictions as an integer tensor.
public sealed partial class Sequential<T>
{
    /// <summary>The predicted class index of each row as a long tensor (samples,) (classifiers only); see <see cref="PredictClasses"/>.</summary>
    /// <exception cref="InvalidOperationException">The loss is not a classification loss.</exception>
    /// <exception cref="NotFittedException">Fit has not been called.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-d or has the wrong number of features.</exception>
    public NDArray<long> PredictLabels(NDArray<T> x) => NDArray.FromArray(PredictClasses(x)).AsType<long>();
}
