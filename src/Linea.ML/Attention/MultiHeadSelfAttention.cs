using System.Numerics;
using System.Numerics.Tensors;
using Linea.ML.NeuralNet;
using Linea.Ops;

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
/// heads (batch·seq·modelDim each) and A (batch·heads·seq²), and buffers reused by every call while the shapes repeat
/// (replaced when they change): the scores (then dA and dS, in place), two batch·heads·seq·headDim products, and five
/// batch·seq·modelDim arrays (Q, K, V, the merged heads, the projected gradient) besides one for the merged gradients.
/// A warm forward allocates only A (new each call, so an <see cref="AttentionWeights"/> read earlier stays valid) and
/// the output; a warm backward dX and the four modelDim² weight-gradient products. With a <see cref="Mask"/> the
/// forward also forms the masked scores and softmax's temporaries (batch·heads·seq² each).
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class MultiHeadSelfAttention<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _wq, _bq, _wk, _bk, _wv, _bv, _wo, _bo;
    private NDArray<T>? _x, _q, _k, _v, _a, _merged;
    // Buffers reused by every call while the shapes repeat (replaced when they change): the projections Q, K, V and
    // the output gradient's (batch, seq, modelDim); the scores, then dA and dS (batch, heads, seq, seq); A V, then dQ,
    // and dV, dK (batch, heads, seq, headDim); the merged heads and the merged gradients (batch, seq, modelDim); one
    // row of seq for the softmax gradient's sums.
    private NDArray<T>? _qBuffer, _kBuffer, _vBuffer, _projected, _scores, _heads, _dv, _dk, _mergedBuffer, _mergedGrad;
    private T[] _row = [];

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
        int batch = (int)x.Shape[0], seq = (int)x.Shape[1];
        _x = x;
        _q = SplitHeads(Affine(x, _wq, _bq, ref _qBuffer));
        _k = SplitHeads(Affine(x, _wk, _bk, ref _kBuffer));
        _v = SplitHeads(Affine(x, _wv, _bv, ref _vBuffer));
        var scores = Product(_q, _k.MT, ref _scores);
        TensorPrimitives.Multiply(scores.AsReadOnlySpan(), C(1 / Math.Sqrt(HeadDim)), scores.AsSpan());
        _a = Mask is null ? Softmax(scores, batch, seq) : MaskedSoftmax(scores, batch, seq);
        _merged = MergeHeads(Product(_a, _v, ref _heads), ref _mergedBuffer);
        var y = _merged.MatMul(_wo.Value);
        AddRows(y, _bo.Value);
        return y;
    }

    /// <inheritdoc />
    protected override NDArray<T> BackwardCore(NDArray<T> gradOutput)
    {
        var dy2 = gradOutput.Reshape(-1, ModelDim);
        _wo.SetGrad(_merged!.Reshape(-1, ModelDim).T.MatMul(dy2));
        _bo.SetGrad(dy2.Sum(0));
        var dO = SplitHeads(Product(gradOutput, _wo.Value.T, ref _projected));
        var a = _a!;
        // dA in the scores' buffer (free after the forward), turned into dS in place.
        var dS = Product(dO, _v!.MT, ref _scores);
        var dV = Product(a.MT, dO, ref _dv);
        ScoreGradient(dS, a);
        var dQ = Product(dS, _k!, ref _heads);
        var dK = Product(dS.MT, _q!, ref _dk);
        var x2 = _x!.Reshape(-1, ModelDim);
        var dx = Project(x2, MergeHeads(dQ, ref _mergedGrad), _wq, _bq).MatMul(_wq.Value.T);
        var part = Product(Project(x2, MergeHeads(dK, ref _mergedGrad), _wk, _bk), _wk.Value.T, ref _projected);
        TensorPrimitives.Add(dx.AsReadOnlySpan(), part.AsReadOnlySpan(), dx.AsSpan());
        part = Product(Project(x2, MergeHeads(dV, ref _mergedGrad), _wv, _bv), _wv.Value.T, ref _projected);
        TensorPrimitives.Add(dx.AsReadOnlySpan(), part.AsReadOnlySpan(), dx.AsSpan());
        return dx;
    }

    /// <summary>Stores the gradients of a projection P = X W + b from dP (batch, seq, modelDim), and returns dP.</summary>
    private NDArray<T> Project(NDArray<T> x2, NDArray<T> dP, Parameter<T> w, Parameter<T> b)
    {
        var dp2 = dP.Reshape(-1, ModelDim);
        w.SetGrad(x2.T.MatMul(dp2));
        b.SetGrad(dp2.Sum(0));
        return dP;
    }

    /// <summary>
    /// a @ b (<see cref="NDArray.MatMul{T}(NDArray{T}, NDArray{T})"/>'s batch loop, so the same bits) written into the
    /// buffer in <paramref name="slot"/>, replaced by a new one when the product's shape differs from the last call's.
    /// </summary>
    private static NDArray<T> Product(NDArray<T> a, NDArray<T> b, ref NDArray<T>? slot)
    {
        var (a2, b2, batch, dims) = NDArray.PlanMatMul(a, b);
        if (slot is null || !slot.Shape.ToArray().AsSpan().SequenceEqual(dims)) slot = NDArray.Empty<T>(new Shape(dims));
        NDArray.MatMulBatched(a2, b2, slot, batch, dims[^2], dims[^1], a2.Shape[^1], Parallelism.Default);
        return slot;
    }

    /// <summary>X W + b into the buffer in <paramref name="slot"/>.</summary>
    private static NDArray<T> Affine(NDArray<T> x, Parameter<T> w, Parameter<T> b, ref NDArray<T>? slot)
    {
        var p = Product(x, w.Value, ref slot);
        AddRows(p, b.Value);
        return p;
    }

    /// <summary>Adds <paramref name="bias"/> to every row (last axis) of the contiguous <paramref name="t"/>, in place (the bits of t + bias).</summary>
    private static void AddRows(NDArray<T> t, NDArray<T> bias)
    {
        var s = t.AsSpan();
        var b = bias.AsReadOnlySpan();
        for (int o = 0; o < s.Length; o += b.Length) TensorPrimitives.Add(s.Slice(o, b.Length), b, s.Slice(o, b.Length));
    }

    /// <summary>
    /// softmax along the last axis of the (batch, heads, seq, seq) scores, after the causal mask when <see cref="Causal"/>
    /// (added in place to the scores), into a new A: each row shifted by its maximum (0 for an all −∞ row), exponentiated,
    /// divided by its pairwise sum; the bits of <see cref="NDArray.Softmax{T}(NDArray{T}, int)"/> of the masked scores.
    /// </summary>
    private NDArray<T> Softmax(NDArray<T> scores, int batch, int seq)
    {
        if (scores.Size == 0) return NDArray.Zeros<T>(scores.Shape.ToArray());
        var s = scores.AsSpan();
        if (Causal)
            for (int o = 0; o < s.Length; o += seq * seq)
                for (int i = 0; i < seq; i++)
                    for (int j = 0; j < seq; j++) s[o + i * seq + j] += j > i ? T.NegativeInfinity : T.Zero;
        var a = NDArray.Empty<T>(scores.Shape);
        var d = a.AsSpan();
        for (int o = 0; o < s.Length; o += seq)
        {
            T max = T.Max(T.NegativeInfinity, TensorPrimitives.Max<T>(s.Slice(o, seq)));
            if (max == T.NegativeInfinity) max = T.Zero;
            TensorPrimitives.Subtract(s.Slice(o, seq), max, d.Slice(o, seq));
        }
        TensorPrimitives.Exp<T>(d, d);
        for (int o = 0; o < d.Length; o += seq)
            TensorPrimitives.Divide(d.Slice(o, seq), T.Zero + SumReduce<T>.PairwiseSum(d.Slice(o, seq)), d.Slice(o, seq));
        return a;
    }

    /// <summary>dA (contiguous) becomes dS = A ⊙ (dA − rowsum(dA ⊙ A)) / sqrt(headDim) in place, with the bits of that
    /// tensor expression (the row sums pairwise, through one row of scratch).</summary>
    private void ScoreGradient(NDArray<T> dA, NDArray<T> a)
    {
        int seq = (int)a.Shape[^1];
        if (_row.Length < seq) _row = new T[seq];
        var row = _row.AsSpan(0, seq);
        var g = dA.AsSpan();
        var w = a.AsReadOnlySpan();
        T scale = C(1 / Math.Sqrt(HeadDim));
        for (int o = 0; o + seq <= g.Length && seq > 0; o += seq)
        {
            var gr = g.Slice(o, seq);
            var ar = w.Slice(o, seq);
            TensorPrimitives.Multiply(gr, ar, row);
            TensorPrimitives.Subtract(gr, T.Zero + SumReduce<T>.PairwiseSum(row), gr);
            TensorPrimitives.Multiply(ar, gr, gr);
            TensorPrimitives.Multiply(gr, scale, gr);
        }
    }

    /// <summary>(batch, seq, modelDim) to (batch, heads, seq, headDim), a strided view.</summary>
    private NDArray<T> SplitHeads(NDArray<T> t) =>
        t.Reshape(t.Shape[0], t.Shape[1], Heads, HeadDim).Transpose(0, 2, 1, 3);

    /// <summary>(batch, heads, seq, headDim) back to a contiguous (batch, seq, modelDim), copied into the buffer in <paramref name="slot"/>.</summary>
    private NDArray<T> MergeHeads(NDArray<T> t, ref NDArray<T>? slot)
    {
        long[] dims = [t.Shape[0], t.Shape[2], Heads, HeadDim];
        if (slot is null || !slot.Shape.ToArray().AsSpan().SequenceEqual(dims)) slot = NDArray.Empty<T>(new Shape(dims));
        slot.Assign(t.Transpose(0, 2, 1, 3));
        return slot.Reshape(t.Shape[0], t.Shape[2], ModelDim);
    }
}
