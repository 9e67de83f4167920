namespace Linea.ML.NeuralNet;

// Class predictions as an integer tensor.
public sealed partial class Sequential<T>
{
    /// <summary>The predicted class index of each row (the argmax of the outputs, first on ties) as a long tensor
    /// (samples,) (classifiers only). Cost: one forward pass.</summary>
    /// <exception cref="InvalidOperationException">The loss is not a classification loss.</exception>
    /// <exception cref="NotFittedException">Fit has not been called.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-d or has the wrong number of features.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<long> PredictLabels(NDArray<T> x) => LabelTensor.From(PredictClassIndices(x));
}
