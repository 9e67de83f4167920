using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// A fully connected (affine) layer: Y = X @ W + b, with W of shape (inputFeatures, outputFeatures) and b of shape
/// (outputFeatures,). X may have any number of leading axes; the last one holds the features.
/// Backward: dW = X^T @ dY, db = sum(dY, axis 0), dX = dY @ W^T (leading axes flattened into the batch).
/// Cost: 2·rows·in·out flops each way (one GEMM forward, two backward). Threads: one below 8 million multiply-adds
/// per product (a training step's products at usual batch sizes: waking a second core costs about what it saves, and
/// more when that core is busy), <see cref="Parallelism.Default"/> above. Layers of at most 16 (float64) or 32
/// (float32) units add the bias inside an AVX-512 product kernel. Training, streaming, distributed training and
/// inference run the same products, so they compute the same bits.
/// Memory: W and b (in·out + out values), each with a gradient of the same size; the layer keeps a reference to its
/// last input (dropped when Sequential's Fit ends and after its predictions; kept after a public forward) and,
/// during a training step, reused output, input-gradient and W^T buffers.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class Dense<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _w, _b;
    private NDArray<T>? _x;

    /// <summary>Creates the layer with zero parameters; <see cref="Initialize"/> (called by <see cref="Sequential{T}"/>) draws the weights.</summary>
    /// <param name="inputFeatures">Size of the input's last axis (fan-in), at least 1.</param>
    /// <param name="outputFeatures">Number of units (fan-out), at least 1.</param>
    /// <param name="init">How the weights are drawn; <see cref="WeightInit.HeNormal"/> suits ReLU, <see cref="WeightInit.GlorotUniform"/> tanh and sigmoid.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public Dense(int inputFeatures, int outputFeatures, WeightInit init = WeightInit.GlorotUniform)
    {
        if (inputFeatures < 1) throw new ArgumentOutOfRangeException(nameof(inputFeatures), inputFeatures, "Dense: inputFeatures must be at least 1");
        if (outputFeatures < 1) throw new ArgumentOutOfRangeException(nameof(outputFeatures), outputFeatures, "Dense: outputFeatures must be at least 1");
        if (!Enum.IsDefined(init)) throw new ArgumentOutOfRangeException(nameof(init), init, "Dense: unknown WeightInit");
        In = inputFeatures;
        Out = outputFeatures;
        Init = init;
        _w = new Parameter<T>("W", NDArray.Zeros<T>(In, Out), decay: true);
        _b = new Parameter<T>("b", NDArray.Zeros<T>(Out), decay: false);
    }

    /// <summary>Fan-in.</summary>
    public int In { get; }

    /// <summary>Fan-out (number of units).</summary>
    public int Out { get; }

    /// <summary>The initialisation scheme.</summary>
    public WeightInit Init { get; }

    /// <summary>The weight matrix W, shape (In, Out); a live view, updated by training.</summary>
    public NDArray<T> Weights => _w.Value;

    /// <summary>The bias b, shape (Out,); a live view.</summary>
    public NDArray<T> Bias => _b.Value;

    /// <inheritdoc />
    public override string Name => $"Dense({In} -> {Out})";

    /// <inheritdoc />
    public override IReadOnlyList<Parameter<T>> Parameters => [_w, _b];

    /// <inheritdoc />
    public override int? InputFeatures => In;

    /// <inheritdoc />
    public override int OutputFeatures(int inputFeatures) => Out;

    /// <summary>Draws W by <see cref="Init"/> from <paramref name="rng"/> and sets b to zero.</summary>
    public override void Initialize(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var w = Init == WeightInit.HeNormal
            ? rng.Normal([In, Out], T.Zero, C(Math.Sqrt(2.0 / In)))
            : rng.Uniform([In, Out], C(-Math.Sqrt(6.0 / (In + Out))), C(Math.Sqrt(6.0 / (In + Out))));
        _w.Value.Assign(w);
        _b.Value.Fill(T.Zero);
    }

    /// <inheritdoc />
    protected override NDArray<T> ForwardCore(NDArray<T> x, bool training)
    {
        _x = x;
        if (x.Rank == 2) return ForwardInto(x);
        // Leading axes flattened into the batch: one product with the bias added in the same routine as the 2-d path.
        var x2 = x.Reshape(-1, In);
        var y = NDArray.Empty<T>(new Shape(x2.Shape[0], Out));
        DenseProducts.Product(x2, _w.Value, _b.Value, y);
        var shape = x.Shape.ToArray();
        shape[^1] = Out;
        return y.Reshape(shape);
    }

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput)
    {
        ParameterGradients(gradOutput);
        if (gradOutput.Rank == 2) return InputGradientInto(gradOutput);
        var g2 = gradOutput.Reshape(-1, Out);
        var dx = NDArray.Empty<T>(new Shape(g2.Shape[0], In));
        DenseProducts.Product(g2, _w.Value.T.Contiguous(), null, dx);
        return dx.Reshape(_x!.Shape.ToArray());
    }

    /// <summary>dW = X^T dY and db = Σ dY, without dX (one GEMM fewer for the first layer of a network).</summary>
    private protected override void ParameterGradients(NDArray<T> gradOutput)
    {
        // Straight into the gradients, one way for every path (Fit, streaming, distributed): the same bits.
        ParameterGradientsInPlace(_x!.Reshape(-1, In), gradOutput.Reshape(-1, Out));
    }
}
