using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>The rectifier max(x, 0) element-wise, any shape. Backward: dX = dY where x &gt; 0, else 0 (the subgradient 0 at the kink).</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class ReLU<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;

    /// <inheritdoc />
    public override string Name => "ReLU";

    /// <inheritdoc />
    protected override Tensor<T> ForwardCore(Tensor<T> x, bool training)
    {
        _x = x;
        return Tensor.Relu(x);
    }

    /// <inheritdoc />
    protected override Tensor<T> BackwardCore(Tensor<T> gradOutput) => gradOutput * Tensor.Greater(_x!, T.Zero);
}
