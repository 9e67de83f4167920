using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.ML.NeuralNet;

/// <summary>
/// Inverted dropout: while training each element is zeroed with probability <see cref="Rate"/> and the survivors are
/// scaled by 1 / (1 - Rate), so the expected output equals the input and inference is the identity. The mask comes
/// from a seeded <see cref="Rng"/> (reseeded by <see cref="Initialize"/>), so runs repeat exactly. Backward multiplies
/// by the same mask.
/// Memory: the last training forward's mask (the input's size; dropped after a Sequential prediction); during a
/// training step the mask, the output and the input gradient are written into buffers the layer keeps (sized for the
/// largest batch seen, dropped when Fit ends), so a warm step allocates no arrays.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Dropout<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Rng _rng;
    private NDArray<T>? _mask;
    // Training buffers (see Layer.ReuseBuffers): mask, output and input gradient.
    private NDArray<T>? _maskBuffer, _yBuffer, _dxBuffer;

    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Probability of dropping an element, in [0, 1).</param>
    /// <param name="seed">Seed of the mask stream until <see cref="Initialize"/> replaces it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1) or NaN.</exception>
    public Dropout(double rate, ulong seed = 0)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Dropout: rate must be in [0, 1)");
        Rate = rate;
        _rng = new Rng(seed);
    }

    /// <summary>The drop probability.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    public override string Name => $"Dropout({Rate})";

    /// <summary>Takes a fresh mask stream seeded from <paramref name="rng"/>.</summary>
    public override void Initialize(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _rng = new Rng(rng.NextUInt64());
    }

    /// <inheritdoc />
    protected override NDArray<T> ForwardCore(NDArray<T> x, bool training)
    {
        var y = BufferLike(ref _yBuffer, x);
        var xs = x.Contiguous().AsReadOnlySpan();
        if (!training || Rate == 0)
        {
            _mask = null;
            xs.CopyTo(y.AsSpan());
            return y;
        }
        var mask = BufferLike(ref _maskBuffer, x);
        var m = mask.AsSpan();
        T keep = C(1 / (1 - Rate));
        for (int i = 0; i < m.Length; i++)
            m[i] = _rng.NextDouble() >= Rate ? keep : T.Zero;
        _mask = mask;
        TensorPrimitives.Multiply(xs, m, y.AsSpan());
        return y;
    }

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput)
    {
        var dx = BufferLike(ref _dxBuffer, gradOutput);
        var g = gradOutput.Contiguous().AsReadOnlySpan();
        if (_mask is null) g.CopyTo(dx.AsSpan());
        else TensorPrimitives.Multiply(g, _mask.AsReadOnlySpan(), dx.AsSpan());
        return dx;
    }

    /// <inheritdoc />
    private protected override void ForgetActivationsCore() => _mask = null;

    /// <inheritdoc />
    internal override void ReleaseBuffers() => _mask = _maskBuffer = _yBuffer = _dxBuffer = null;
}
