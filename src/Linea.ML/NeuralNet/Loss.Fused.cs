using System.Numerics;

namespace Linea.ML.NeuralNet;

public abstract partial class Loss<T>
{
    /// <summary>
    /// The loss value, its gradient with respect to <paramref name="output"/> and, for classification losses, how many
    /// rows the output classifies correctly (row argmax equal to the target class), for one training step. By default
    /// <see cref="Value"/> and <see cref="Gradient"/> (a new gradient tensor); losses with a fused single pass override
    /// it and write the gradient into <paramref name="buffer"/> (grown as needed, reused across steps).
    /// </summary>
    internal virtual (T Value, NDArray<T> Gradient, long Correct) ValueAndGradient(NDArray<T> output, NDArray<T> target, ref NDArray<T>? buffer)
    {
        long correct = 0;
        if (IsClassification)
        {
            var predicted = Labels.ArgMaxRows(output);
            var truth = Labels.Indices(target, (int)output.Shape[1], Name);
            for (int i = 0; i < predicted.Length; i++) if (predicted[i] == truth[i]) correct++;
        }
        return (Value(output, target), Gradient(output, target), correct);
    }
}
