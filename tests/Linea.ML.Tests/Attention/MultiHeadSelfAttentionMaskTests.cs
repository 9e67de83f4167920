using Linea.ML.Attention;
using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.Attention;

public class MultiHeadSelfAttentionMaskTests
{
    private const int Batch = 2, Seq = 5, Dim = 6, HeadCount = 3;
    private const double Ninf = double.NegativeInfinity;

    private static MultiHeadSelfAttention<double> Layer(bool causal = false, ulong seed = 1)
    {
        var layer = new MultiHeadSelfAttention<double>(Dim, HeadCount, causal);
        var rng = new Rng(seed);
        layer.Initialize(rng);
        foreach (var b in new[] { layer.Bq, layer.Bk, layer.Bv, layer.Bo }) b.Assign(rng.Normal([Dim], 0.0, 0.5));
        return layer;
    }

    private static NDArray<double> Input(ulong seed) => new Rng(seed).Normal([Batch, Seq, Dim], 0.0, 1.0);

    /// <summary>
    /// softmax(Q Kᵀ / sqrt(d) + M) V per head with plain loops, M given as (batch, seq, seq) additive values; a row whose
    /// every M entry is −∞ gets weight 0 (the documented rule). Returns Y and the weights (batch, heads, seq, seq).
    /// </summary>
    private static (double[,,] Y, double[,,,] A) Naive(MultiHeadSelfAttention<double> m, NDArray<double> x, double[,,] mask)
    {
        int hd = Dim / HeadCount;
        double[] Proj(int b, int t, NDArray<double> w, NDArray<double> bias)
        {
            var r = new double[Dim];
            for (int o = 0; o < Dim; o++)
            {
                double s = bias[o];
                for (int i = 0; i < Dim; i++) s += x[b, t, i] * w[i, o];
                r[o] = s;
            }
            return r;
        }
        var y = new double[Batch, Seq, Dim];
        var weights = new double[Batch, HeadCount, Seq, Seq];
        for (int b = 0; b < Batch; b++)
        {
            var q = new double[Seq][]; var k = new double[Seq][]; var v = new double[Seq][];
            for (int t = 0; t < Seq; t++) { q[t] = Proj(b, t, m.Wq, m.Bq); k[t] = Proj(b, t, m.Wk, m.Bk); v[t] = Proj(b, t, m.Wv, m.Bv); }
            for (int t = 0; t < Seq; t++)
            {
                var o = new double[Dim];
                bool allMasked = Enumerable.Range(0, Seq).All(j => mask[b, t, j] == Ninf);
                for (int h = 0; h < HeadCount && !allMasked; h++)
                {
                    var s = new double[Seq];
                    for (int j = 0; j < Seq; j++)
                    {
                        for (int c = h * hd; c < (h + 1) * hd; c++) s[j] += q[t][c] * k[j][c];
                        s[j] = s[j] / Math.Sqrt(hd) + mask[b, t, j];
                    }
                    double max = s.Max(), z = s.Sum(e => Math.Exp(e - max));
                    for (int j = 0; j < Seq; j++)
                    {
                        double a = Math.Exp(s[j] - max) / z;
                        weights[b, h, t, j] = a;
                        for (int c = h * hd; c < (h + 1) * hd; c++) o[c] += a * v[j][c];
                    }
                }
                for (int f = 0; f < Dim; f++)
                {
                    double s = m.Bo[f];
                    for (int i = 0; i < Dim; i++) s += o[i] * m.Wo[i, f];
                    y[b, t, f] = s;
                }
            }
        }
        return (y, weights);
    }

    private static double[,,] Fill(Func<int, int, int, double> f)
    {
        var r = new double[Batch, Seq, Seq];
        for (int b = 0; b < Batch; b++)
            for (int i = 0; i < Seq; i++)
                for (int j = 0; j < Seq; j++) r[b, i, j] = f(b, i, j);
        return r;
    }

    private static readonly int[] Lengths = [3, 5];
    private static readonly bool[,] PadIgnore = { { false, true, false, false, true }, { true, false, false, false, false } };
    private static readonly bool[,] Band = BuildBand();
    private static readonly double[,] Bias = BuildBias();

    private static bool[,] BuildBand()
    {
        var r = new bool[Seq, Seq];
        for (int i = 0; i < Seq; i++)
            for (int j = 0; j < Seq; j++) r[i, j] = Math.Abs(i - j) > 1;
        return r;
    }

    private static double[,] BuildBias()
    {
        var r = new double[Seq, Seq];
        for (int i = 0; i < Seq; i++)
            for (int j = 0; j < Seq; j++) r[i, j] = (i + 2 * j) % 3 == 0 ? Ninf : 0.3 * (i - j);
        return r;
    }

    /// <summary>Case → (mask, whether the layer is causal, the same mask written out as (batch, seq, seq) additive values).</summary>
    private static (AttentionMask Mask, bool Causal, double[,,] Additive) Case(int c) => c switch
    {
        0 => (AttentionMask.KeyPadding(Lengths), false, Fill((b, i, j) => j >= Lengths[b] ? Ninf : 0)),
        1 => (AttentionMask.KeyPadding(Lengths), true, Fill((b, i, j) => j >= Lengths[b] || j > i ? Ninf : 0)),
        2 => (AttentionMask.KeyPadding(PadIgnore), false, Fill((b, i, j) => PadIgnore[b, j] ? Ninf : 0)),
        3 => (AttentionMask.Boolean(Band), false, Fill((b, i, j) => Band[i, j] ? Ninf : 0)),
        4 => (AttentionMask.Boolean(new bool[,,] { { { false, true, true, true, true }, { false, false, true, true, true }, { true, false, false, true, false }, { false, false, false, false, false }, { true, true, true, true, false } },
                                                   { { false, false, false, false, false }, { true, true, false, true, true }, { false, true, false, true, false }, { false, false, true, true, true }, { false, true, true, true, true } } }),
              false, null!),
        5 => (AttentionMask.Additive(Bias), false, Fill((b, i, j) => Bias[i, j])),
        6 => (AttentionMask.Combine(AttentionMask.Additive(Bias), AttentionMask.KeyPadding(Lengths)), true,
              Fill((b, i, j) => j >= Lengths[b] || j > i ? Ninf : Bias[i, j])),
        7 => (AttentionMask.Causal.With(AttentionMask.Additive(NDArray.FromArray(Fill((b, i, j) => 0.1 * b - 0.2 * i * j)))), false,
              Fill((b, i, j) => j > i ? Ninf : 0.1 * b - 0.2 * i * j)),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static double[,,] Case4Additive()
    {
        bool[,,] m = { { { false, true, true, true, true }, { false, false, true, true, true }, { true, false, false, true, false }, { false, false, false, false, false }, { true, true, true, true, false } },
                       { { false, false, false, false, false }, { true, true, false, true, true }, { false, true, false, true, false }, { false, false, true, true, true }, { false, true, true, true, true } } };
        return Fill((b, i, j) => m[b, i, j] ? Ninf : 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void ForwardMatchesNaiveLoops(int c)
    {
        var (mask, causal, additive) = Case(c);
        additive ??= Case4Additive();
        var m = Layer(causal);
        var x = Input(2);
        var y = m.Forward(x, mask);
        var (ey, ea) = Naive(m, x, additive);
        // As in MultiHeadSelfAttentionTests: a handful of length-6 dot products of O(1) terms, rounding below ~100 eps.
        Assert.True(NDArray.AllClose(NDArray.FromArray(ey), y, 0, 1e-13), $"{NDArray.FromArray(ey)}\n{y}");
        var a = m.AttentionWeights;
        Assert.True(NDArray.AllClose(NDArray.FromArray(ea), a, 0, 1e-15), $"{NDArray.FromArray(ea)}\n{a}");
        // Masked weights are exactly zero.
        for (int b = 0; b < Batch; b++)
            for (int h = 0; h < HeadCount; h++)
                for (int i = 0; i < Seq; i++)
                    for (int j = 0; j < Seq; j++)
                        if (additive[b, i, j] == Ninf) Assert.Equal(0.0, a[b, h, i, j]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    public void BackwardPassesTheGradientCheck(int c)
    {
        var (mask, causal, _) = Case(c);
        var m = Layer(causal, seed: 3);
        m.Mask = mask;
        // Same tolerance and reasoning as GradientCheckTests: h = 1e-5, expected error ~1e-9 relative.
        var results = GradientCheck.Layer(m, Input(4), seed: 5);
        Assert.Equal(9, results.Count);
        foreach (var r in results) Assert.True(r.Passes(1e-6), r.ToString());
    }

    [Fact]
    public void FullyMaskedRowsGiveZeroWeightsAndTheBiasNotNaN()
    {
        // Batch item 0 has no valid key at all; in item 1, query 2 masks every key through the boolean mask.
        var rows = new bool[Batch, Seq, Seq];
        for (int j = 0; j < Seq; j++) rows[1, 2, j] = true;
        var mask = AttentionMask.Combine(AttentionMask.KeyPadding([0, 4]), AttentionMask.Boolean(rows));
        var m = Layer(seed: 3);
        m.Mask = mask;
        var x = Input(5);
        var y = m.Forward(x);
        Assert.All(y.ToArray(), v => Assert.False(double.IsNaN(v)));
        var a = m.AttentionWeights;
        Assert.Equal(NDArray.Zeros<double>(HeadCount, Seq, Seq), a[0, .., .., ..].Copy());
        Assert.Equal(NDArray.Zeros<double>(HeadCount, Seq), a[1, .., 2, ..].Copy());
        Assert.True(NDArray.AllClose(a[1, .., 3, ..].Sum(-1), NDArray.Ones<double>(HeadCount), 0, 1e-15));
        // The attention output is 0 there, so Y = bo exactly.
        for (int t = 0; t < Seq; t++) Assert.Equal(m.Bo, y[0, t, ..].Copy());
        Assert.Equal(m.Bo, y[1, 2, ..].Copy());
        // Same values as the naive reference with the rule; and the backward pass is finite and checks.
        var additive = Fill((b, i, j) => b == 0 || j >= 4 || (b == 1 && i == 2) ? Ninf : 0);
        Assert.True(NDArray.AllClose(NDArray.FromArray(Naive(m, x, additive).Y), y, 0, 1e-13));
        var dx = m.Backward(NDArray.Ones<double>(Batch, Seq, Dim));
        Assert.All(dx.ToArray(), v => Assert.True(double.IsFinite(v)));
        // Item 0 influences nothing but through the (constant) bias: its input gradient is exactly zero.
        Assert.Equal(NDArray.Zeros<double>(Seq, Dim), dx[0, .., ..].Copy());
        foreach (var r in GradientCheck.Layer(m, x, seed: 6)) Assert.True(r.Passes(1e-6), r.ToString());
    }

    [Fact]
    public void EquivalentMasksAgree()
    {
        // The same mask reached by different parts gives the same result up to an ulp or so: the vectorised exp and sums
        // (TensorPrimitives) may round differently from call to call as buffers sit at other alignments.
        static void Same(NDArray<double> expected, NDArray<double> actual) =>
            Assert.True(NDArray.AllClose(expected, actual, 0, 1e-15), $"{NDArray.Abs(expected - actual).Max()}\n{expected}\n{actual}");
        var x = Input(7);
        var causalLayer = Layer(causal: true);
        var expected = causalLayer.Forward(x).Copy();
        var plain = Layer(causal: false);
        Same(expected, plain.Forward(x, AttentionMask.Causal));
        var upper = new bool[Seq, Seq];
        for (int i = 0; i < Seq; i++)
            for (int j = i + 1; j < Seq; j++) upper[i, j] = true;
        Same(expected, plain.Forward(x, AttentionMask.Boolean(upper)));
        // Causal twice is causal; a null mask is no mask.
        Same(expected, causalLayer.Forward(x, AttentionMask.Causal));
        var unmasked = plain.Forward(x, null).Copy();
        Assert.Null(plain.Mask);
        Same(Layer(causal: false).Forward(x), unmasked);
        // The mask stays set for later forward passes until replaced.
        plain.Mask = AttentionMask.Causal;
        Same(expected, plain.Forward(x));
        // Lengths and the boolean key padding they stand for build identical masks.
        var ignore = new bool[Batch, Seq];
        for (int b = 0; b < Batch; b++)
            for (int j = Lengths[b]; j < Seq; j++) ignore[b, j] = true;
        Same(plain.Forward(x, AttentionMask.KeyPadding(Lengths)).Copy(), plain.Forward(x, AttentionMask.KeyPadding(ignore)));
    }

    [Fact]
    public void FloatMatchesDouble()
    {
        var (mask, _, _) = Case(6);
        var md = new MultiHeadSelfAttention<double>(Dim, HeadCount, causal: true);
        var mf = new MultiHeadSelfAttention<float>(Dim, HeadCount, causal: true);
        mf.Initialize(new Rng(1));
        md.Initialize(new Rng(1));
        var x = Input(9);
        var yd = md.Forward(x, mask).ToArray();
        var yf = mf.Forward(NDArray.FromArray(x.ToArray().Select(v => (float)v).ToArray(), Batch, Seq, Dim), mask).ToArray();
        // float inputs/weights are rounded doubles; a few chained length-6 products keep ~1e-6 absolute on O(1) values.
        for (int i = 0; i < yd.Length; i++) Assert.Equal(yd[i], yf[i], 1e-5);
        var ad = md.AttentionWeights.ToArray();
        var af = mf.AttentionWeights.ToArray();
        for (int i = 0; i < ad.Length; i++)
        {
            Assert.Equal(ad[i], af[i], 1e-5);
            Assert.Equal(ad[i] == 0, af[i] == 0);
        }
        // Fully masked rows are zero in float too.
        var zf = mf.Forward(NDArray.Ones<float>(Batch, Seq, Dim), AttentionMask.KeyPadding([0, 0]));
        Assert.Equal(NDArray.Zeros<float>(Batch, HeadCount, Seq, Seq), mf.AttentionWeights);
        Assert.All(zf.ToArray(), v => Assert.False(float.IsNaN(v)));
        var dxf = mf.Backward(NDArray.Ones<float>(Batch, Seq, Dim));
        Assert.All(dxf.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void BadMasksThrow()
    {
        var m = Layer();
        var x = Input(1);
        // Wrong batch or sequence length for the input.
        Assert.Throws<ShapeMismatchException>(() => m.Forward(x, AttentionMask.KeyPadding([1, 2, 3])));
        Assert.Throws<ShapeMismatchException>(() => m.Forward(x, AttentionMask.KeyPadding(new bool[Batch, Seq + 1])));
        Assert.Throws<ShapeMismatchException>(() => m.Forward(x, AttentionMask.KeyPadding(new bool[Batch + 1, Seq])));
        Assert.Throws<ShapeMismatchException>(() => m.Forward(x, AttentionMask.Boolean(new bool[Seq - 1, Seq - 1])));
        Assert.Throws<ShapeMismatchException>(() => m.Forward(x, AttentionMask.Boolean(new bool[1, Seq, Seq])));
        Assert.Throws<ShapeMismatchException>(() => m.Forward(x, AttentionMask.Additive(new double[Seq + 1, Seq + 1])));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Forward(x, AttentionMask.KeyPadding([Seq + 1, 2])));
        // Malformed masks.
        Assert.Throws<ShapeMismatchException>(() => AttentionMask.Boolean(new bool[Seq, Seq + 1]));
        Assert.Throws<ShapeMismatchException>(() => AttentionMask.Boolean(new bool[Batch, Seq, 2]));
        Assert.Throws<ShapeMismatchException>(() => AttentionMask.Additive(new double[2, 3]));
        Assert.Throws<ShapeMismatchException>(() => AttentionMask.Additive(NDArray.Zeros<double>(Seq)));
        Assert.Throws<ShapeMismatchException>(() => AttentionMask.Additive(NDArray.Zeros<float>(1, 2, Seq, Seq)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AttentionMask.KeyPadding([-1, 2]));
        Assert.Throws<ArgumentException>(() => AttentionMask.Additive(new double[,] { { 0, double.NaN }, { 0, 0 } }));
        Assert.Throws<ArgumentException>(() => AttentionMask.Additive(new double[,] { { 0, double.PositiveInfinity }, { 0, 0 } }));
        Assert.Throws<ArgumentNullException>(() => AttentionMask.Combine(AttentionMask.Causal, null!));
        // A failed forward pass does not leave the layer broken: the next one with a fitting mask works.
        Assert.Equal(new Shape(Batch, Seq, Dim), m.Forward(x, AttentionMask.KeyPadding(Lengths)).Shape);
    }
}
