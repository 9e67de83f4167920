using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>The hyperbolic tangent element-wise, any shape. Backward: dX = dY · (1 - y²).</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Tanh<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NDArray<T>? _y;

    /// <inheritdoc />
    public override string Name => "Tanh";

    /// <inheritdoc />
    protected override NDArray<T> ForwardCore(NDArray<T> x, bool training) => _y = NDArray.Tanh(x);

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput) => gradOutput * (T.One - _y! * _y!);

    /// <inheritdoc />
    private protected override void ForgetActivationsCore() => _y = null;
}
