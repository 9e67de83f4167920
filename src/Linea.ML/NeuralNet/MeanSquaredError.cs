using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// Mean squared error over all elements: loss = (1/size) Σ (output - target)², gradient 2 (output - target) / size.
/// The target has the output's shape; a vector target of shape (n,) is accepted for an (n, 1) output.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class MeanSquaredError<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name => "MeanSquaredError";

    /// <inheritdoc />
    public override T Value(NDArray<T> output, NDArray<T> target)
    {
        var d = output - Align(output, target);
        return (d * d).Sum() / T.CreateTruncating(output.Size);
    }

    /// <inheritdoc />
    public override NDArray<T> Gradient(NDArray<T> output, NDArray<T> target) =>
        (output - Align(output, target)) * T.CreateTruncating(2.0 / output.Size);

    private NDArray<T> Align(NDArray<T> output, NDArray<T> target)
    {
        RequireBatch(output, target);
        if (target.Shape == output.Shape) return target;
        if (target.Rank == 1 && output.Rank == 2 && output.Shape[1] == 1 && target.Shape[0] == output.Shape[0])
            return target.Reshape(-1, 1);
        throw new ShapeMismatchException(Name, [output.Shape, target.Shape],
            $"{Name}: output {output.Shape} and target {target.Shape} must have the same shape");
    }
}
