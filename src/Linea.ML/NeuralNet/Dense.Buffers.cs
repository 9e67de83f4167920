using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.ML.NeuralNet;

public sealed partial class Dense<T>
{
    // Training buffers (see Layer.ReuseBuffers): output (batch x Out), input gradient (batch x In), W^T (Out x In).
    private NDArray<T>? _y, _dx, _wt;

    /// <summary>Y = X W + b into the reused output buffer: one GEMM, then the bias added row by row in place.</summary>
    private NDArray<T> ForwardInto(NDArray<T> x)
    {
        var y = Buffer(ref _y, x.Shape[0], Out);
        NDArray.MatMulInto(x, _w.Value, y);
        var ys = y.AsSpan();
        ReadOnlySpan<T> b = _b.Value.AsReadOnlySpan();
        for (int o = 0; o < ys.Length; o += Out)
        {
            var row = ys.Slice(o, Out);
            TensorPrimitives.Add(row, b, row);
        }
        return y;
    }

    /// <summary>dW = X^T dY straight into W's gradient (X^T read through strides) and db = Σ_rows dY into b's.</summary>
    private void ParameterGradientsInPlace(NDArray<T> x2, NDArray<T> gradOutput)
    {
        var dy = gradOutput.Contiguous();
        NDArray.MatMulInto(x2.T, dy, _w.Grad);
        var db = _b.Grad.AsSpan();
        var g = dy.AsReadOnlySpan();
        g[..Out].CopyTo(db);
        for (int o = Out; o < g.Length; o += Out) TensorPrimitives.Add(db, g.Slice(o, Out), db);
    }

    /// <summary>dX = dY W^T into the reused input-gradient buffer, with W^T copied into its own buffer (small) so that
    /// both GEMM operands are contiguous.</summary>
    private NDArray<T> InputGradientInto(NDArray<T> gradOutput)
    {
        var wt = Buffer(ref _wt, Out, In);
        wt.Assign(_w.Value.T);
        var dx = Buffer(ref _dx, gradOutput.Shape[0], In);
        NDArray.MatMulInto(gradOutput, wt, dx);
        return dx;
    }

    /// <inheritdoc />
    internal override void ReleaseBuffers() => _y = _dx = _wt = null;
}
