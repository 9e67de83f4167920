using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>The rectifier max(x, 0) element-wise, any shape. Backward: dX = dY where x &gt; 0, else 0 (the subgradient 0 at the kink).</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class ReLU<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NDArray<T>? _x;

    /// <inheritdoc />
    public override string Name => "ReLU";

    /// <inheritdoc />
    protected override NDArray<T> ForwardCore(NDArray<T> x, bool training)
    {
        _x = x;
        return NDArray.Relu(x);
    }

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput)
    {
        // One pass: a copy of dY with the entries where x <= 0 (or NaN) cleared; no mask tensor.
        var x = _x!;
        if (gradOutput.Shape != x.Shape) return NDArray.Where(x > T.Zero, gradOutput, T.Zero);
        var result = gradOutput.Copy();
        var r = result.AsSpan();
        var xs = x.Contiguous().AsReadOnlySpan();
        for (int i = 0; i < r.Length; i++)
            if (!(xs[i] > T.Zero)) r[i] = T.Zero;
        return result;
    }
}
