using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>The logistic function y = 1 / (1 + e^-x) element-wise, any shape. Backward: dX = dY · y · (1 - y).</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Sigmoid<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NDArray<T>? _y;

    /// <inheritdoc />
    public override string Name => "Sigmoid";

    /// <inheritdoc />
    protected override NDArray<T> ForwardCore(NDArray<T> x, bool training) => _y = NDArray.Sigmoid(x);

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput) => gradOutput * _y! * (T.One - _y!);

    /// <inheritdoc />
    private protected override void ForgetActivationsCore() => _y = null;
}
