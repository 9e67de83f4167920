using System.Numerics;
using System.Numerics.Tensors;
using Linea.Ops;

namespace Linea.ML.NeuralNet;

/// <summary>
/// Layer normalisation over the last axis: y = gamma · (x - mean) / sqrt(var + eps) + beta, with the mean and the
/// biased variance of each sample's features, and learned gamma (ones) and beta (zeros) of shape (features,).
/// Backward, with x̂ the normalised input and g = dY · gamma:
/// dX = (g - mean(g) - x̂ · mean(g · x̂)) / sqrt(var + eps), dgamma = Σ dY · x̂, dbeta = Σ dY (sums over the batch).
/// Each sample's row is normalised in one pass (the row means summed pairwise, as <c>Mean(-1)</c>), so the result has
/// the bits of the tensor expressions above.
/// Memory: gamma and beta (features each) with their gradients, two rows of scratch (2 features), and the last
/// forward's x̂ (rows x features) and 1 / sqrt(var + eps) (rows), kept until the next forward (dropped after a
/// Sequential prediction). A forward writes x̂, 1 / sqrt(var + eps) and the output, a backward the input gradient
/// (and dY · x̂ in it first, for dgamma): new tensors outside training; during a training step buffers the layer keeps
/// (sized for the largest batch seen, dropped when Fit ends), so a warm step allocates no arrays.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class LayerNorm<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _gamma, _beta;
    private readonly T[] _scratch;
    // x̂ (rows x features) and 1 / sqrt(var + eps) (rows x 1) of the last forward.
    private NDArray<T>? _xhat, _invStd;
    // Training buffers (see Layer.ReuseBuffers): x̂, 1 / sqrt(var + eps), output, input gradient.
    private NDArray<T>? _xhatBuffer, _invStdBuffer, _yBuffer, _dxBuffer;

    /// <summary>Creates the layer with gamma = 1 and beta = 0.</summary>
    /// <param name="features">Size of the normalised (last) axis, at least 1.</param>
    /// <param name="eps">Added to the variance; positive (1e-5 as in PyTorch).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="features"/> &lt; 1 or <paramref name="eps"/> not positive and finite.</exception>
    public LayerNorm(int features, double eps = 1e-5)
    {
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), features, "LayerNorm: features must be at least 1");
        if (!(eps > 0 && double.IsFinite(eps))) throw new ArgumentOutOfRangeException(nameof(eps), eps, "LayerNorm: eps must be positive and finite");
        Features = features;
        Eps = eps;
        _gamma = new Parameter<T>("gamma", NDArray.Ones<T>(features), decay: false);
        _beta = new Parameter<T>("beta", NDArray.Zeros<T>(features), decay: false);
        _scratch = new T[2 * features];
    }

    /// <summary>Size of the normalised axis.</summary>
    public int Features { get; }

    /// <summary>The variance offset.</summary>
    public double Eps { get; }

    /// <summary>The gain, shape (Features,); a live view.</summary>
    public NDArray<T> Gamma => _gamma.Value;

    /// <summary>The shift, shape (Features,); a live view.</summary>
    public NDArray<T> Beta => _beta.Value;

    /// <inheritdoc />
    public override string Name => $"LayerNorm({Features})";

    /// <inheritdoc />
    public override IReadOnlyList<Parameter<T>> Parameters => [_gamma, _beta];

    /// <inheritdoc />
    public override int? InputFeatures => Features;

    /// <summary>Resets gamma to ones and beta to zeros.</summary>
    public override void Initialize(Rng rng)
    {
        _gamma.Value.Fill(T.One);
        _beta.Value.Fill(T.Zero);
    }

    /// <inheritdoc />
    protected override NDArray<T> ForwardCore(NDArray<T> x, bool training)
    {
        int f = Features;
        var xc = x.Contiguous();
        long rows = xc.Size / f;
        var xhat = Buffer(ref _xhatBuffer, rows, f);
        var invStd = Buffer(ref _invStdBuffer, rows, 1);
        var y = Buffer(ref _yBuffer, rows, f);
        ReadOnlySpan<T> xs = xc.AsReadOnlySpan(), gamma = _gamma.Value.AsReadOnlySpan(), beta = _beta.Value.AsReadOnlySpan();
        Span<T> hs = xhat.AsSpan(), ys = y.AsSpan(), inv = invStd.AsSpan(), squares = _scratch.AsSpan(0, f);
        T eps = C(Eps);
        for (int r = 0, o = 0; r < rows; r++, o += f)
        {
            var h = hs.Slice(o, f);
            var yr = ys.Slice(o, f);
            // x̂ = (x - mean) / sqrt(mean((x - mean)^2) + eps), then y = x̂ gamma + beta.
            TensorPrimitives.Subtract(xs.Slice(o, f), RowMean(xs.Slice(o, f)), h);
            TensorPrimitives.Multiply(h, h, squares);
            T s = T.One / T.Sqrt(RowMean(squares) + eps);
            inv[r] = s;
            TensorPrimitives.Multiply(h, s, h);
            TensorPrimitives.Multiply(h, gamma, yr);
            TensorPrimitives.Add(yr, beta, yr);
        }
        _xhat = xhat;
        _invStd = invStd;
        return x.Rank == 2 ? y : y.Reshape(x.Shape.ToArray());
    }

    /// <inheritdoc />
    private protected override void ForgetActivationsCore() => _xhat = _invStd = null;

    /// <inheritdoc />
    internal override void ReleaseBuffers() => _xhat = _invStd = _xhatBuffer = _invStdBuffer = _yBuffer = _dxBuffer = null;

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput)
    {
        int f = Features;
        var xhat = _xhat!;
        long rows = xhat.Shape[0];
        var dy2 = gradOutput.Reshape(-1, f);
        var dx = Buffer(ref _dxBuffer, rows, f);
        var dyc = dy2.Contiguous();
        ReadOnlySpan<T> dy = dyc.AsReadOnlySpan(), hs = xhat.AsReadOnlySpan(), gamma = _gamma.Value.AsReadOnlySpan(), inv = _invStd!.AsReadOnlySpan();
        Span<T> ds = dx.AsSpan(), g = _scratch.AsSpan(0, f), gh = _scratch.AsSpan(f, f);
        // dgamma = Σ dY x̂: the products in dX's buffer, summed over the batch by Sum(0)'s reduction into the gradient.
        TensorPrimitives.Multiply(dy, hs, ds);
        SumRows(dx, _gamma.Grad);
        if (dy2.IsContiguous) SumRows(dy2, _beta.Grad);
        else _beta.SetGrad(dy2.Sum(0));
        for (int r = 0, o = 0; r < rows; r++, o += f)
        {
            var h = hs.Slice(o, f);
            var d = ds.Slice(o, f);
            // ((g - mean(g)) - x̂ mean(g x̂)) / sqrt(var + eps) with g = dY gamma.
            TensorPrimitives.Multiply(dy.Slice(o, f), gamma, g);
            T meanG = RowMean(g);
            TensorPrimitives.Multiply(g, h, gh);
            T meanGh = RowMean(gh);
            TensorPrimitives.Subtract(g, meanG, g);
            TensorPrimitives.Multiply(h, meanGh, gh);
            TensorPrimitives.Subtract(g, gh, d);
            TensorPrimitives.Multiply(d, inv[r], d);
        }
        return gradOutput.Rank == 2 ? dx : dx.Reshape(gradOutput.Shape.ToArray());
    }

    /// <summary>dest = Σ_rows of the contiguous (rows, features) <paramref name="m"/>, by <c>Sum(0)</c>'s blocked pairwise
    /// reduction (the same bits) but into <paramref name="dest"/> instead of a new tensor.</summary>
    private static void SumRows(NDArray<T> m, NDArray<T> dest)
    {
        var d = dest.AsSpan();
        d.Clear();
        if (m.Size == 0) return;
        OuterReduce.Run<T, SumReduce<T>>(m.Store, m.Offset, m.Shape[0], (int)m.Shape[1], d);
        GC.KeepAlive(m);
    }

    /// <summary>The mean of one row as <c>Mean(-1)</c> forms it: the pairwise sum (added to the reduction's zero) over the count.</summary>
    private T RowMean(ReadOnlySpan<T> row) => (T.Zero + SumReduce<T>.PairwiseSum(row)) / T.CreateTruncating(Features);
}
