using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// A differentiable building block of a network. <see cref="Forward"/> maps an input batch to an output batch and
/// remembers what <see cref="Backward"/> needs; <see cref="Backward"/> takes dLoss/dOutput of that same batch, stores
/// the parameter gradients in <see cref="Parameter{T}.Grad"/> and returns dLoss/dInput.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public abstract partial class Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Shape? _outputShape;

    /// <summary>A short name for messages, e.g. "Dense(64 -> 128)".</summary>
    public abstract string Name { get; }

    /// <summary>The trainable parameters (empty for activations).</summary>
    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>The size of the last input axis this layer requires, or null when any size works (activations).</summary>
    public virtual int? InputFeatures => null;

    /// <summary>The size of the last output axis for an input whose last axis is <paramref name="inputFeatures"/>.</summary>
    public virtual int OutputFeatures(int inputFeatures) => inputFeatures;

    /// <summary>Draws the initial parameters (and dropout streams) from <paramref name="rng"/>; a no-op for layers without any.</summary>
    public virtual void Initialize(Rng rng) { }

    /// <summary>Computes the output for the batch <paramref name="x"/> and caches what the backward pass needs.</summary>
    /// <param name="x">The input; the last axis holds the features.</param>
    /// <param name="training">True while training: dropout drops units. False for inference.</param>
    /// <exception cref="ShapeMismatchException">The last axis of <paramref name="x"/> is not <see cref="InputFeatures"/>.</exception>
    public NDArray<T> Forward(NDArray<T> x, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0)
            throw new ShapeMismatchException(Name, [x.Shape], $"{Name}.Forward: the input must have at least one axis (features); got a 0-d tensor");
        if (InputFeatures is int f && x.Shape[^1] != f)
            throw new ShapeMismatchException(Name, [x.Shape],
                $"{Name}.Forward: input of shape {x.Shape} has {x.Shape[^1]} features on its last axis, but this layer takes {f}");
        var y = ForwardCore(x, training);
        _outputShape = y.Shape;
        return y;
    }

    /// <summary>
    /// Back-propagates <paramref name="gradOutput"/> (dLoss/dOutput for the batch of the last <see cref="Forward"/>):
    /// fills the parameter gradients and returns dLoss/dInput, shaped like that input.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not been called.</exception>
    /// <exception cref="ShapeMismatchException"><paramref name="gradOutput"/> is not shaped like the last output.</exception>
    public NDArray<T> Backward(NDArray<T> gradOutput)
    {
        CheckGradient(gradOutput);
        return BackwardCore(gradOutput);
    }

    /// <summary>
    /// Like <see cref="Backward"/> but only the parameter gradients are needed (the first layer of a network during
    /// training), so layers may skip forming dLoss/dInput.
    /// </summary>
    internal void BackwardParameters(NDArray<T> gradOutput)
    {
        CheckGradient(gradOutput);
        ParameterGradients(gradOutput);
    }

    /// <summary>Fills the parameter gradients; by default through the full backward pass.</summary>
    private protected virtual void ParameterGradients(NDArray<T> gradOutput) => BackwardCore(gradOutput);

    private void CheckGradient(NDArray<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_outputShape is not Shape s)
            throw new InvalidOperationException($"{Name}.Backward: call Forward on a batch first; the backward pass needs its cached input");
        if (gradOutput.Shape != s)
            throw new ShapeMismatchException(Name, [s, gradOutput.Shape],
                $"{Name}.Backward: the gradient has shape {gradOutput.Shape} but the last output had shape {s}");
    }

    /// <summary>The forward computation; the input's last axis has already been checked.</summary>
    protected abstract NDArray<T> ForwardCore(NDArray<T> x, bool training);

    /// <summary>The backward computation; the gradient's shape has already been checked against the last output.</summary>
    protected abstract NDArray<T> BackwardCore(NDArray<T> gradOutput);

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    /// <summary>Converts a double constant to <typeparamref name="T"/>.</summary>
    protected static T C(double value) => T.CreateTruncating(value);
}
