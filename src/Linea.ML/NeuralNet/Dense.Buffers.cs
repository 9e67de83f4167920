using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.ML.NeuralNet;

public sealed partial class Dense<T>
{
    // Training buffers (see Layer.ReuseBuffers): output (batch x Out), input gradient (batch x In), W^T (Out x In).
    private NDArray<T>? _y, _dx, _wt;

    /// <summary>Y = X W + b for a 2-d X into the output (a reused buffer while training, else a new tensor), through
    /// <see cref="DenseProducts"/>: narrow layers add the bias in the product's accumulators, others in one pass after it.</summary>
    private NDArray<T> ForwardInto(NDArray<T> x)
    {
        var y = Buffer(ref _y, x.Shape[0], Out);
        DenseProducts.Product(x, _w.Value, _b.Value, y);
        return y;
    }

    /// <summary>dW = X^T dY straight into W's gradient (X^T read through strides) and db = Σ_rows dY into b's.</summary>
    private void ParameterGradientsInPlace(NDArray<T> x2, NDArray<T> gradOutput)
    {
        var dy = gradOutput.Contiguous();
        DenseProducts.Product(x2.T, dy, null, _w.Grad);
        var db = _b.Grad.AsSpan();
        var g = dy.AsReadOnlySpan();
        if (g.Length == 0)
        {
            db.Clear();
            return;
        }
        g[..Out].CopyTo(db);
        for (int o = Out; o < g.Length; o += Out) TensorPrimitives.Add(db, g.Slice(o, Out), db);
    }

    /// <summary>dX = dY W^T for a 2-d dY into the input gradient (a reused buffer while training, else a new tensor),
    /// with W^T copied (Out x In, small; into its own buffer while training) so that both operands are contiguous.</summary>
    private NDArray<T> InputGradientInto(NDArray<T> gradOutput)
    {
        var wt = Buffer(ref _wt, Out, In);
        wt.Assign(_w.Value.T);
        var dx = Buffer(ref _dx, gradOutput.Shape[0], In);
        DenseProducts.Product(gradOutput, wt, null, dx);
        return dx;
    }

    /// <inheritdoc />
    internal override void ReleaseBuffers() => _x = _y = _dx = _wt = null;

    /// <inheritdoc />
    private protected override void ForgetActivationsCore() => _x = null;
}
