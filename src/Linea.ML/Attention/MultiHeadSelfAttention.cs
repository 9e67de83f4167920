using System.Numerics;
using Linea.ML.NeuralNet;

namespace Linea.ML.Attention;

/// <summary>
/// Multi-head self-attention (Vaswani et al., 2017) as a layer on inputs X of shape (batch, seq, modelDim):
/// Q = X Wq + bq, K = X Wk + bk, V = X Wv + bv, each split into (batch, heads, seq, headDim) with
/// headDim = modelDim / heads; scores S = Q Kᵀ / sqrt(headDim) by one batched MatMul over the (batch, heads) stack;
/// A = softmax(S) along the last axis, stable (the row maximum is subtracted first); with <see cref="Causal"/>,
/// position t attends only to positions ≤ t (later scores are −∞ before the softmax, so their weights are exactly 0);
/// O = A V, heads merged back to (batch, seq, modelDim), and Y = O Wo + bo.
/// Backward: dV = Aᵀ dO, dA = dO Vᵀ, dS = A ⊙ (dA − rowsum(dA ⊙ A)) / sqrt(headDim), dQ = dS K, dK = dSᵀ Q, then
/// the projections as in <see cref="Dense{T}"/>.
/// Cost: 8·batch·seq·modelDim² flops for the projections and 4·batch·seq²·modelDim for scores and A V. Memory: four
/// modelDim² weights and four modelDim biases, each with a gradient; after a forward the layer keeps Q, K, V, the merged
/// heads (batch·seq·modelDim each) and A (batch·heads·seq²). A forward allocates two batch·seq·modelDim arrays per
/// projection and, besides A, the scores and scaled scores (batch·heads·seq² each; one more with a mask); a backward
/// about five more batch·heads·seq² arrays. Nothing is reused between calls.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class MultiHeadSelfAttention<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _wq, _bq, _wk, _bk, _wv, _bv, _wo, _bo;
    private NDArray<T>? _x, _q, _k, _v, _a, _merged;

    /// <summary>Creates the layer with zero weights; <see cref="Initialize"/> draws them (Glorot uniform, zero biases).</summary>
    /// <param name="modelDim">Size of the feature axis, at least 1.</param>
    /// <param name="heads">Number of heads; must divide <paramref name="modelDim"/>.</param>
    /// <param name="causal">Mask attention to later positions (for autoregressive models).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="heads"/> does not divide <paramref name="modelDim"/>.</exception>
    public MultiHeadSelfAttention(int modelDim, int heads, bool causal = false)
    {
        if (modelDim < 1) throw new ArgumentOutOfRangeException(nameof(modelDim), modelDim, "MultiHeadSelfAttention: modelDim must be at least 1");
        if (heads < 1) throw new ArgumentOutOfRangeException(nameof(heads), heads, "MultiHeadSelfAttention: heads must be at least 1");
        if (modelDim % heads != 0)
            throw new ArgumentException($"MultiHeadSelfAttention: modelDim {modelDim} is not divisible by heads {heads}; each head gets modelDim / heads features", nameof(heads));
        ModelDim = modelDim;
        Heads = heads;
        HeadDim = modelDim / heads;
        Causal = causal;
        Parameter<T> W(string name) => new(name, NDArray.Zeros<T>(modelDim, modelDim), decay: true);
        Parameter<T> B(string name) => new(name, NDArray.Zeros<T>(modelDim), decay: false);
        (_wq, _bq, _wk, _bk, _wv, _bv, _wo, _bo) = (W("Wq"), B("bq"), W("Wk"), B("bk"), W("Wv"), B("bv"), W("Wo"), B("bo"));
    }

    /// <summary>Size of the feature axis.</summary>
    public int ModelDim { get; }

    /// <summary>Number of heads.</summary>
    public int Heads { get; }

    /// <summary>Features per head, ModelDim / Heads.</summary>
    public int HeadDim { get; }

    /// <summary>Whether position t only attends to positions ≤ t.</summary>
    public bool Causal { get; }

    /// <summary>Query projection, (ModelDim, ModelDim); a live view.</summary>
    public NDArray<T> Wq => _wq.Value;
    /// <summary>Key projection, (ModelDim, ModelDim); a live view.</summary>
    public NDArray<T> Wk => _wk.Value;
    /// <summary>Value projection, (ModelDim, ModelDim); a live view.</summary>
    public NDArray<T> Wv => _wv.Value;
    /// <summary>Output projection, (ModelDim, ModelDim); a live view.</summary>
    public NDArray<T> Wo => _wo.Value;
    /// <summary>Query bias, (ModelDim,).</summary>
    public NDArray<T> Bq => _bq.Value;
    /// <summary>Key bias, (ModelDim,).</summary>
    public NDArray<T> Bk => _bk.Value;
    /// <summary>Value bias, (ModelDim,).</summary>
    public NDArray<T> Bv => _bv.Value;
    /// <summary>Output bias, (ModelDim,).</summary>
    public NDArray<T> Bo => _bo.Value;

    /// <summary>The attention weights A of the last forward pass, shape (batch, heads, seq, seq); rows sum to 1 (0 where <see cref="Mask"/> masks every key).</summary>
    /// <exception cref="InvalidOperationException">No forward pass yet.</exception>
    public NDArray<T> AttentionWeights => _a ?? throw new InvalidOperationException("MultiHeadSelfAttention.AttentionWeights: call Forward first");

    /// <inheritdoc />
    public override string Name => $"MultiHeadSelfAttention({ModelDim}, heads {Heads}{(Causal ? ", causal" : "")})";

    /// <inheritdoc />
    public override IReadOnlyList<Parameter<T>> Parameters => [_wq, _bq, _wk, _bk, _wv, _bv, _wo, _bo];

    /// <inheritdoc />
    public override int? InputFeatures => ModelDim;

    /// <summary>Draws the four projections Glorot-uniform (bound sqrt(6 / (2·ModelDim))) and zeroes the biases.</summary>
    public override void Initialize(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        T a = C(Math.Sqrt(6.0 / (2 * ModelDim)));
        foreach (var w in new[] { _wq, _wk, _wv, _wo }) w.Value.Assign(rng.Uniform([ModelDim, ModelDim], -a, a));
        foreach (var b in new[] { _bq, _bk, _bv, _bo }) b.Value.Fill(T.Zero);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">x is not 3-d (batch, seq, modelDim).</exception>
    protected override NDArray<T> ForwardCore(NDArray<T> x, bool training)
    {
        if (x.Rank != 3)
            throw new ShapeMismatchException(Name, [x.Shape], $"{Name}: input must be 3-d (batch, seq, modelDim); got {x.Shape}");
        int seq = (int)x.Shape[1];
        _x = x;
        _q = SplitHeads(x.MatMul(_wq.Value) + _bq.Value);
        _k = SplitHeads(x.MatMul(_wk.Value) + _bk.Value);
        _v = SplitHeads(x.MatMul(_wv.Value) + _bv.Value);
        var scores = _q.MatMul(_k.MT) * C(1 / Math.Sqrt(HeadDim));
        _a = MaskedSoftmax(scores, (int)x.Shape[0], seq);
        _merged = MergeHeads(_a.MatMul(_v));
        return _merged.MatMul(_wo.Value) + _bo.Value;
    }

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput)
    {
        var dy2 = gradOutput.Reshape(-1, ModelDim);
        _wo.SetGrad(_merged!.Reshape(-1, ModelDim).T.MatMul(dy2));
        _bo.SetGrad(dy2.Sum(0));
        var dO = SplitHeads(gradOutput.MatMul(_wo.Value.T));
        var a = _a!;
        var dA = dO.MatMul(_v!.MT);
        var dV = a.MT.MatMul(dO);
        var dS = a * (dA - (dA * a).Sum(-1, keepDims: true)) * C(1 / Math.Sqrt(HeadDim));
        var dQ = dS.MatMul(_k!);
        var dK = dS.MT.MatMul(_q!);
        var x2 = _x!.Reshape(-1, ModelDim);
        var dx = Project(x2, MergeHeads(dQ), _wq, _bq);
        dx += Project(x2, MergeHeads(dK), _wk, _bk);
        dx += Project(x2, MergeHeads(dV), _wv, _bv);
        return dx;
    }

    /// <summary>Stores the gradients of a projection P = X W + b from dP, and returns dP Wᵀ (its share of dX).</summary>
    private NDArray<T> Project(NDArray<T> x2, NDArray<T> dP, Parameter<T> w, Parameter<T> b)
    {
        var dp2 = dP.Reshape(-1, ModelDim);
        w.SetGrad(x2.T.MatMul(dp2));
        b.SetGrad(dp2.Sum(0));
        return dP.MatMul(w.Value.T);
    }

    /// <summary>(batch, seq, modelDim) to (batch, heads, seq, headDim), a strided view.</summary>
    private NDArray<T> SplitHeads(NDArray<T> t) =>
        t.Reshape(t.Shape[0], t.Shape[1], Heads, HeadDim).Transpose(0, 2, 1, 3);

    /// <summary>(batch, heads, seq, headDim) back to a contiguous (batch, seq, modelDim).</summary>
    private NDArray<T> MergeHeads(NDArray<T> t) =>
        t.Transpose(0, 2, 1, 3).Contiguous().Reshape(t.Shape[0], t.Shape[2], ModelDim);

    /// <summary>(seq, seq) with 0 on and below the diagonal and −∞ above it; broadcast over batch and heads.</summary>
    private static NDArray<T> CausalMask(int seq)
    {
        var m = NDArray.Zeros<T>(seq, seq);
        var s = m.AsSpan();
        for (int i = 0; i < seq; i++)
            for (int j = i + 1; j < seq; j++) s[i * seq + j] = T.NegativeInfinity;
        return m;
    }
}
