using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// Softmax followed by cross-entropy, on logits z of shape (n, classes): loss = -(1/n) Σ_i Σ_k y_ik log softmax(z_i)_k,
/// computed through a stable log-softmax (z - max - log Σ exp(z - max)), so huge logits give finite losses.
/// Targets are either class indices, shape (n,), integers in [0, classes), or one-hot / probability rows, shape
/// (n, classes), non-negative and summing to 1. Gradient: (softmax(z) - y) / n.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class SoftmaxCrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name => "SoftmaxCrossEntropy";

    /// <inheritdoc />
    public override bool IsClassification => true;

    /// <inheritdoc />
    public override T Value(NDArray<T> output, NDArray<T> target)
    {
        var y = TargetProbabilities(output, target);
        var logp = NDArray.LogSoftmax(output, -1).AsReadOnlySpan();
        var ys = y.AsReadOnlySpan();
        T sum = T.Zero;
        for (int i = 0; i < ys.Length; i++)
            if (ys[i] != T.Zero) sum -= ys[i] * logp[i];
        return sum / T.CreateTruncating(output.Shape[0]);
    }

    /// <inheritdoc />
    public override NDArray<T> Gradient(NDArray<T> output, NDArray<T> target)
    {
        var y = TargetProbabilities(output, target);
        return (NDArray.Softmax(output, -1) - y) / T.CreateTruncating(output.Shape[0]);
    }

    /// <summary>The targets as (n, classes) probability rows (class indices become one-hot rows), validated.</summary>
    internal NDArray<T> TargetProbabilities(NDArray<T> output, NDArray<T> target)
    {
        RequireBatch(output, target);
        if (output.Rank != 2)
            throw new ShapeMismatchException(Name, [output.Shape, target.Shape],
                $"{Name}: logits must be 2-d (samples, classes); got {output.Shape}");
        int n = (int)output.Shape[0], k = (int)output.Shape[1];
        if (target.Rank == 1)
        {
            if (target.Shape[0] != n)
                throw new ShapeMismatchException(Name, [output.Shape, target.Shape],
                    $"{Name}: {n} rows of logits but {target.Shape[0]} class labels");
            return Labels.OneHot(target, k, Name);
        }
        if (target.Shape != output.Shape)
            throw new ShapeMismatchException(Name, [output.Shape, target.Shape],
                $"{Name}: targets must be class indices of shape ({n},) or probability rows of shape {output.Shape}; got {target.Shape}");
        var t = target.Contiguous();
        var s = t.AsReadOnlySpan();
        // Rows built in T sum to 1 within k rounding errors; sqrt(eps)·k leaves room for rows computed elsewhere.
        T tol = T.Sqrt(T.BitIncrement(T.One) - T.One) * T.CreateTruncating(k);
        for (int i = 0; i < n; i++)
        {
            T rowSum = T.Zero;
            for (int j = 0; j < k; j++)
            {
                T v = s[i * k + j];
                if (!(v >= T.Zero) || !T.IsFinite(v))
                    throw new ArgumentException($"{Name}: target row {i} has entry {v} at class {j}; probabilities must be finite and non-negative", nameof(target));
                rowSum += v;
            }
            if (T.Abs(rowSum - T.One) > tol)
                throw new ArgumentException($"{Name}: target row {i} sums to {rowSum}, not 1; pass one-hot or probability rows, or class indices of shape ({n},)", nameof(target));
        }
        return t;
    }
}
