using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// Layer normalisation over the last axis: y = gamma · (x - mean) / sqrt(var + eps) + beta, with the mean and the
/// biased variance of each sample's features, and learned gamma (ones) and beta (zeros) of shape (features,).
/// Backward, with x̂ the normalised input and g = dY · gamma:
/// dX = (g - mean(g) - x̂ · mean(g · x̂)) / sqrt(var + eps), dgamma = Σ dY · x̂, dbeta = Σ dY (sums over the batch).
/// Memory: gamma and beta (features each) with their gradients, and the last forward's x̂ (rows x features) and
/// 1 / sqrt(var + eps) (rows), kept until the next forward (dropped after a Sequential prediction). A forward allocates about five and a backward about seven
/// rows x features arrays (no reused buffers).
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class LayerNorm<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _gamma, _beta;
    private NDArray<T>? _xhat, _invStd;

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
        var centred = x - x.Mean(-1, keepDims: true);
        var variance = (centred * centred).Mean(-1, keepDims: true);
        _invStd = T.One / NDArray.Sqrt(variance + C(Eps));
        _xhat = centred * _invStd;
        return _xhat * _gamma.Value + _beta.Value;
    }

    /// <inheritdoc />
    private protected override void ForgetActivationsCore() => _xhat = _invStd = null;

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput)
    {
        var xhat = _xhat!;
        var dy2 = gradOutput.Reshape(-1, Features);
        _gamma.SetGrad((dy2 * xhat.Reshape(-1, Features)).Sum(0));
        _beta.SetGrad(dy2.Sum(0));
        var g = gradOutput * _gamma.Value;
        return (g - g.Mean(-1, keepDims: true) - xhat * (g * xhat).Mean(-1, keepDims: true)) * _invStd!;
    }
}
