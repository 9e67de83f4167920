using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>The logistic function y = 1 / (1 + e^-x) element-wise, any shape. Backward: dX = dY · y · (1 - y).</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Sigmoid<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _y;

    /// <inheritdoc />
    public override string Name => "Sigmoid";

    /// <inheritdoc />
    protected override Tensor<T> ForwardCore(Tensor<T> x, bool training) => _y = Tensor.Sigmoid(x);

    /// <inheritdoc />
    protected override Tensor<T> BackwardCore(Tensor<T> gradOutput) => gradOutput * _y! * (T.One - _y!);
}
