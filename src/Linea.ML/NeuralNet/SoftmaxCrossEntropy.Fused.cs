using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.ML.NeuralNet;

public sealed partial class SoftmaxCrossEntropy<T>
{
    /// <summary>
    /// For logits (n, k) and class indices (n,): two passes over the rows (with one exponential of the whole batch
    /// between them) compute the row maximum (and the first index of it, the predicted class), p = exp(z - max) / Σ exp(z - max),
    /// the loss log Σ exp(z - max) + max - z_class, and the gradient (p - onehot) / n into <paramref name="buffer"/>; no one-hot, log-softmax or softmax tensors. Other
    /// targets (probability rows) take the general path.
    /// </summary>
    internal override (T Value, NDArray<T> Gradient, long Correct) ValueAndGradient(NDArray<T> output, NDArray<T> target, ref NDArray<T>? buffer)
    {
        if (output.Rank != 2 || target.Rank != 1 || output.Shape[0] != target.Shape[0] || output.Shape[0] == 0)
            return base.ValueAndGradient(output, target, ref buffer);
        int n = (int)output.Shape[0], k = (int)output.Shape[1];
        if (buffer is null || buffer.Shape[0] < n || buffer.Shape[1] != k) buffer = NDArray.Empty<T>(new Shape(n, k));
        var grad = buffer.Shape[0] == n ? buffer : buffer[..n];
        var z = output.Contiguous().AsReadOnlySpan();
        var labels = target.Contiguous().AsReadOnlySpan();
        var g = grad.AsSpan();
        T invN = T.One / T.CreateTruncating(n), total = T.Zero;
        long correct = 0;
        // Pass 1, per row: label check, argmax, z - max into the gradient rows and max - z_class into the total.
        for (int i = 0; i < n; i++)
        {
            T label = labels[i];
            if (!T.IsInteger(label) || label < T.Zero || label >= T.CreateTruncating(k))
                throw new ArgumentException($"{Name}: label {label} of sample {i} is not a class index in [0, {k}); labels must be integers 0..{k - 1}", nameof(target));
            int c = int.CreateTruncating(label);
            var zi = z.Slice(i * k, k);
            int best = 0;
            for (int j = 1; j < k; j++) if (zi[j] > zi[best]) best = j;
            if (best == c) correct++;
            T max = zi[best];
            TensorPrimitives.Subtract(zi, max, g.Slice(i * k, k));
            total += max - zi[c];
        }
        // One exponential over the whole batch (a few classes per row leave a per-row call mostly overhead).
        TensorPrimitives.Exp(g, g);
        // Pass 2, per row: the log of the normaliser into the total, the gradient (p - onehot) / n.
        for (int i = 0; i < n; i++)
        {
            var gi = g.Slice(i * k, k);
            T sum = TensorPrimitives.Sum<T>(gi);
            total += T.Log(sum);
            TensorPrimitives.Multiply(gi, invN / sum, gi);
            gi[int.CreateTruncating(labels[i])] -= invN;
        }
        return (total * invN, grad, correct);
    }
}
