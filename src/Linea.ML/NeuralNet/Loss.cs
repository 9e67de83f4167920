using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// A training objective: <see cref="Value"/> is the loss averaged over the samples of a batch and
/// <see cref="Gradient"/> its derivative with respect to the network output. Losses are stateless.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public abstract partial class Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A short name for messages.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the targets are classes, so accuracy is reported and <c>Predict</c> returns class indices.</summary>
    public virtual bool IsClassification => false;

    /// <summary>The mean loss of the batch.</summary>
    /// <param name="output">The network output for the batch.</param>
    /// <param name="target">The targets; the accepted shapes are described by each loss.</param>
    /// <exception cref="ShapeMismatchException">The shapes do not fit.</exception>
    /// <exception cref="ArgumentException">A target is not valid for this loss (e.g. a class index out of range).</exception>
    public abstract T Value(NDArray<T> output, NDArray<T> target);

    /// <summary>d(mean loss)/d(output), shaped like <paramref name="output"/>.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not fit.</exception>
    /// <exception cref="ArgumentException">A target is not valid for this loss.</exception>
    public abstract NDArray<T> Gradient(NDArray<T> output, NDArray<T> target);

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    /// <summary>Rejects a null or 0-d output.</summary>
    protected void RequireBatch(NDArray<T> output, NDArray<T> target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        if (output.Rank == 0 || target.Rank == 0)
            throw new ShapeMismatchException(Name, [output.Shape, target.Shape],
                $"{Name}: output {output.Shape} and target {target.Shape} must have a batch axis first");
        if (output.Shape[0] == 0)
            throw new ArgumentException($"{Name}: the batch is empty (output shape {output.Shape})", nameof(output));
    }
}
