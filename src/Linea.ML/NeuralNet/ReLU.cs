using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Linea.ML.NeuralNet;

/// <summary>The rectifier max(x, 0) element-wise, any shape. Backward: dX = dY where x &gt; 0, else 0 (the subgradient 0 at the kink).</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class ReLU<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NDArray<T>? _x;
    // Training buffers (see Layer.ReuseBuffers): output and input gradient, batch x features.
    private NDArray<T>? _y, _dx;

    /// <inheritdoc />
    internal override void ReleaseBuffers() => _x = _y = _dx = null;

    /// <inheritdoc />
    private protected override void ForgetActivationsCore() => _x = null;

    /// <inheritdoc />
    public override string Name => "ReLU";

    /// <inheritdoc />
    protected override NDArray<T> ForwardCore(NDArray<T> x, bool training)
    {
        _x = x;
        if (ReuseBuffers && x.Rank == 2 && x.IsContiguous)
        {
            var y = Buffer(ref _y, x.Shape[0], x.Shape[1]);
            System.Numerics.Tensors.TensorPrimitives.Max(x.AsReadOnlySpan(), T.Zero, y.AsSpan());
            return y;
        }
        return NDArray.Relu(x);
    }

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput)
    {
        // One pass: a copy of dY with the entries where x <= 0 (or NaN) cleared; no mask tensor.
        var x = _x!;
        if (gradOutput.Shape != x.Shape) return NDArray.Where(x > T.Zero, gradOutput, T.Zero);
        var result = ReuseBuffers && x.Rank == 2 ? Buffer(ref _dx, x.Shape[0], x.Shape[1]) : NDArray.Empty<T>(x.Shape);
        var r = result.AsSpan();
        var g = gradOutput.Contiguous().AsReadOnlySpan();
        var xs = x.Contiguous().AsReadOnlySpan();
        int i = 0;
        // dY where x > 0, else 0 (NaN compares false): a compare mask and a bitwise and, 512 bits wide where the
        // hardware has it (Vector<T> is 256 bits there).
        if (Vector512.IsHardwareAccelerated)
        {
            ref T rg = ref MemoryMarshal.GetReference(g), rx = ref MemoryMarshal.GetReference(xs), rr = ref MemoryMarshal.GetReference(r);
            for (int w = Vector512<T>.Count; i + w <= r.Length; i += w)
                (Vector512.LoadUnsafe(ref rg, (nuint)i) & Vector512.GreaterThan(Vector512.LoadUnsafe(ref rx, (nuint)i), Vector512<T>.Zero))
                    .StoreUnsafe(ref rr, (nuint)i);
        }
        for (int w = Vector<T>.Count; i + w <= r.Length; i += w)
            (new Vector<T>(g[i..]) & Vector.GreaterThan(new Vector<T>(xs[i..]), Vector<T>.Zero)).CopyTo(r[i..]);
        for (; i < r.Length; i++) r[i] = xs[i] > T.Zero ? g[i] : T.Zero;
        return result;
    }
}
