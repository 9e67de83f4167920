namespace Linea.ML.NeuralNet;

// Training and evaluating a classifier on integer class labels (one-hot encoded internally).
public sealed partial class Sequential<T>
{
    /// <summary>
    /// Trains a classifier on integer class labels y (samples,) in [0, classes), one-hot encoded internally; otherwise
    /// as <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}?, NDArray{T}?, Action{EpochReport}?, bool, bool)"/>.
    /// The labels are widened once to a float copy (O(samples) memory).
    /// </summary>
    /// <exception cref="InvalidOperationException">The loss is not a classification loss.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-d, has the wrong number of features, or y is not (samples,).</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">epochs or batchSize below 1.</exception>
    /// <exception cref="ArgumentException">A class label outside [0, classes), or validationX without validationY.</exception>
    public IReadOnlyList<EpochReport> Fit(NDArray<T> x, NDArray<long> y, int epochs, int batchSize, Optimizer optimizer,
        NDArray<T>? validationX = null, NDArray<long>? validationY = null, Action<EpochReport>? onEpoch = null,
        bool shuffle = true, bool warmStart = false)
    {
        ArgumentNullException.ThrowIfNull(y);
        RequireClassifier("Fit with integer labels");
        return Fit(x, ClassTargets(y, "y"), epochs, batchSize, optimizer, validationX,
            validationY is null ? null : ClassTargets(validationY, "validationY"), onEpoch, shuffle, warmStart);
    }

    /// <summary>Trains a classifier on int class labels y (samples,); see
    /// <see cref="Fit(NDArray{T}, NDArray{long}, int, int, Optimizer, NDArray{T}?, NDArray{long}?, Action{EpochReport}?, bool, bool)"/>.</summary>
    /// <exception cref="InvalidOperationException">The loss is not a classification loss.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-d, has the wrong number of features, or y is not (samples,).</exception>
    /// <exception cref="ArgumentException">A class label outside [0, classes), or validationX without validationY.</exception>
    public IReadOnlyList<EpochReport> Fit(NDArray<T> x, NDArray<int> y, int epochs, int batchSize, Optimizer optimizer,
        NDArray<T>? validationX = null, NDArray<int>? validationY = null, Action<EpochReport>? onEpoch = null,
        bool shuffle = true, bool warmStart = false)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Fit(x, y.AsType<long>(), epochs, batchSize, optimizer, validationX, validationY?.AsType<long>(), onEpoch, shuffle, warmStart);
    }

    /// <summary>Mean loss and accuracy of a classifier on X and integer class labels y (samples,), in inference mode.</summary>
    /// <exception cref="InvalidOperationException">The loss is not a classification loss.</exception>
    /// <exception cref="NotFittedException">Fit has not been called.</exception>
    /// <exception cref="ShapeMismatchException">Shapes do not fit.</exception>
    /// <exception cref="ArgumentException">A class label outside [0, classes).</exception>
    public Evaluation Evaluate(NDArray<T> x, NDArray<long> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        RequireClassifier("Evaluate with integer labels");
        return Evaluate(x, ClassTargets(y, "y"));
    }

    /// <summary>Integer labels as the float class-index tensor the loss one-hot encodes; a label outside the range
    /// that T holds exactly is rejected here rather than rounded.</summary>
    private NDArray<T> ClassTargets(NDArray<long> y, string name)
    {
        if (y.Rank != 1)
            throw new ShapeMismatchException(Model + ".Fit", [y.Shape], $"{Model}.Fit: integer {name} must be 1-D (samples,) of class indices; got shape {y.Shape}");
        int classes = OutputFeatures ?? int.MaxValue;
        var values = y.Contiguous().AsReadOnlySpan();
        for (int i = 0; i < values.Length; i++)
            if (values[i] < 0 || values[i] >= classes)
                throw new ArgumentException($"{Model}.Fit: label {values[i]} of sample {i} in {name} is not a class index in [0, {classes}); labels must be integers 0..{classes - 1}", name);
        return y.AsType<T>();
    }
}
