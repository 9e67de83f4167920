using System.Numerics;
using System.Numerics.Tensors;
using Linea.Ops;

namespace Linea.ML.NeuralNet;

/// <summary>The logistic function y = 1 / (1 + e^-x) element-wise, any shape. Backward: dX = dY · y · (1 - y).
/// Memory: the last forward's output (kept until the next forward; dropped after a Sequential prediction); during a
/// training step the output and the input gradient are written into buffers the layer keeps (sized for the largest
/// batch seen, dropped when Fit ends), so a warm step allocates no arrays.</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Sigmoid<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NDArray<T>? _y;
    // Training buffers (see Layer.ReuseBuffers): output and input gradient.
    private NDArray<T>? _yBuffer, _dxBuffer;

    /// <inheritdoc />
    public override string Name => "Sigmoid";

    /// <inheritdoc />
    protected override NDArray<T> ForwardCore(NDArray<T> x, bool training)
    {
        var y = BufferLike(ref _yBuffer, x);
        SigmoidOp<T>.Apply(x.Contiguous().AsReadOnlySpan(), y.AsSpan());
        return _y = y;
    }

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput)
    {
        // (dY · y) · (1 - y), rounded in the order of the tensor expression.
        var y = _y!.AsReadOnlySpan();
        var dx = BufferLike(ref _dxBuffer, _y!);
        var d = dx.AsSpan();
        TensorPrimitives.Multiply(gradOutput.Contiguous().AsReadOnlySpan(), y, d);
        int i = 0;
        for (int w = Vector<T>.Count; i + w <= d.Length; i += w)
            (new Vector<T>(d[i..]) * (Vector<T>.One - new Vector<T>(y[i..]))).CopyTo(d[i..]);
        for (; i < d.Length; i++) d[i] *= T.One - y[i];
        return dx;
    }

    /// <inheritdoc />
    private protected override void ForgetActivationsCore() => _y = null;

    /// <inheritdoc />
    internal override void ReleaseBuffers() => _y = _yBuffer = _dxBuffer = null;
}
