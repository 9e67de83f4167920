using Linea.ML.Attention;
using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.Attention;

public class MultiHeadSelfAttentionTests
{
    private const int Batch = 2, Seq = 5, Dim = 6, HeadCount = 3;

    private static MultiHeadSelfAttention<double> Layer(bool causal, ulong seed = 1)
    {
        var layer = new MultiHeadSelfAttention<double>(Dim, HeadCount, causal);
        var rng = new Rng(seed);
        layer.Initialize(rng);
        foreach (var b in new[] { layer.Bq, layer.Bk, layer.Bv, layer.Bo }) b.Assign(rng.Normal([Dim], 0.0, 0.5));
        return layer;
    }

    private static NDArray<double> Input(ulong seed) => new Rng(seed).Normal([Batch, Seq, Dim], 0.0, 1.0);

    /// <summary>Attention with plain loops: one query position, one head, one feature at a time.</summary>
    private static double[,,] Naive(MultiHeadSelfAttention<double> m, NDArray<double> x, bool causal)
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
        for (int b = 0; b < Batch; b++)
        {
            var q = new double[Seq][]; var k = new double[Seq][]; var v = new double[Seq][];
            for (int t = 0; t < Seq; t++) { q[t] = Proj(b, t, m.Wq, m.Bq); k[t] = Proj(b, t, m.Wk, m.Bk); v[t] = Proj(b, t, m.Wv, m.Bv); }
            for (int t = 0; t < Seq; t++)
            {
                var o = new double[Dim];
                for (int h = 0; h < HeadCount; h++)
                {
                    int last = causal ? t : Seq - 1;
                    var s = new double[last + 1];
                    for (int j = 0; j <= last; j++)
                    {
                        for (int c = h * hd; c < (h + 1) * hd; c++) s[j] += q[t][c] * k[j][c];
                        s[j] /= Math.Sqrt(hd);
                    }
                    double max = s.Max(), z = s.Sum(e => Math.Exp(e - max));
                    for (int j = 0; j <= last; j++)
                        for (int c = h * hd; c < (h + 1) * hd; c++) o[c] += Math.Exp(s[j] - max) / z * v[j][c];
                }
                for (int f = 0; f < Dim; f++)
                {
                    double s = m.Bo[f];
                    for (int i = 0; i < Dim; i++) s += o[i] * m.Wo[i, f];
                    y[b, t, f] = s;
                }
            }
        }
        return y;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ForwardMatchesNaiveLoops(bool causal)
    {
        var m = Layer(causal);
        var x = Input(2);
        var y = m.Forward(x);
        var expected = NDArray.FromArray(Naive(m, x, causal));
        // Each output is a handful of length-6 dot products of O(1) terms: rounding differences stay below ~100 eps.
        Assert.True(NDArray.AllClose(expected, y, 0, 1e-13), $"{expected}\n{y}");
        var a = m.AttentionWeights;
        Assert.Equal(new Shape(Batch, HeadCount, Seq, Seq), a.Shape);
        Assert.True(NDArray.AllClose(a.Sum(-1), NDArray.Ones<double>(Batch, HeadCount, Seq), 0, 1e-15));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BackwardPassesTheGradientCheck(bool causal)
    {
        // Same tolerance and reasoning as GradientCheckTests: h = 1e-5, expected error ~1e-9 relative.
        var results = GradientCheck.Layer(Layer(causal, seed: 3), Input(4), seed: 5);
        Assert.Equal(9, results.Count);
        foreach (var r in results) Assert.True(r.Passes(1e-6), r.ToString());
    }

    [Fact]
    public void CausalOutputDoesNotDependOnLaterInputs()
    {
        var m = Layer(causal: true);
        var x = Input(6);
        var y = m.Forward(x).Copy();
        for (int t = 0; t < Seq - 1; t++)
        {
            var changed = x.Copy();
            changed[.., (t + 1).., ..] = new Rng((ulong)t).Normal([Batch, Seq - t - 1, Dim], 0.0, 10.0);
            var y2 = m.Forward(changed);
            // Masked weights are exactly 0, so positions 0..t do not depend on the changed inputs. They are equal up to
            // one rounding of exp: TensorPrimitives.Exp takes a scalar path for a whole SIMD vector when any lane is out
            // of range, so an unchanged score can be exponentiated by a different (equally accurate) path. A real
            // dependence would change these outputs by O(1), as it does for the later positions.
            double scale = NDArray.Abs(y).Max();
            double diff = NDArray.Abs(y[.., ..(t + 1), ..] - y2[.., ..(t + 1), ..]).Max();
            Assert.True(diff <= 4 * Math.Pow(2, -52) * scale, $"t = {t}: positions <= t changed by {diff}");
            Assert.NotEqual(y[.., (t + 1).., ..].Copy(), y2[.., (t + 1).., ..].Copy());
        }
        // And through backprop: a gradient on position t reaches no input after t.
        m.Forward(x);
        var dy = NDArray.Zeros<double>(Batch, Seq, Dim);
        dy[.., 2, ..] = 1.0;
        var dx = m.Backward(dy);
        Assert.Equal(NDArray.Zeros<double>(Batch, Seq - 3, Dim), dx[.., 3.., ..].Copy());
        Assert.True(NDArray.Abs(dx[.., ..3, ..]).Min() >= 0 && NDArray.Abs(dx[.., 0, ..]).Max() > 0);
    }

    [Fact]
    public void WithoutTheMaskEarlyPositionsSeeLaterOnes()
    {
        var m = Layer(causal: false);
        var x = Input(7);
        var y = m.Forward(x).Copy();
        var changed = x.Copy();
        changed[.., ^1, ..] = 5.0;
        Assert.NotEqual(y[.., 0, ..].Copy(), m.Forward(changed)[.., 0, ..].Copy());
    }

    [Fact]
    public void SoftmaxStaysFiniteWithHugeScores()
    {
        // Scores around 1e200: a naive exp overflows; the stable softmax gives one-hot rows (hard attention),
        // so each output is V at the best-scoring position, projected by Wo.
        var m = Layer(causal: false);
        m.Wq.Assign(m.Wq * 1e100);
        m.Wk.Assign(m.Wk * 1e100);
        m.Bq.Fill(0); m.Bk.Fill(0);
        var x = Input(8);
        var y = m.Forward(x);
        Assert.All(y.ToArray(), v => Assert.True(double.IsFinite(v)));
        var a = m.AttentionWeights;
        Assert.All(a.ToArray(), v => Assert.True(v == 0 || v == 1));
        int hd = Dim / HeadCount;
        var v = x.MatMul(m.Wv) + m.Bv;
        var q = x.MatMul(m.Wq);
        var k = x.MatMul(m.Wk);
        for (int b = 0; b < Batch; b++)
            for (int h = 0; h < HeadCount; h++)
                for (int t = 0; t < Seq; t++)
                {
                    int best = 0;
                    double bestScore = double.NegativeInfinity;
                    for (int j = 0; j < Seq; j++)
                    {
                        double s = 0;
                        for (int c = h * hd; c < (h + 1) * hd; c++) s += q[b, t, c] * k[b, j, c];
                        if (s > bestScore) { bestScore = s; best = j; }
                    }
                    Assert.Equal(1.0, a[b, h, t, best]);
                }
    }

    [Fact]
    public void FloatMatchesDouble()
    {
        var md = Layer(causal: true);
        var mf = new MultiHeadSelfAttention<float>(Dim, HeadCount, causal: true);
        mf.Initialize(new Rng(1));
        md.Initialize(new Rng(1));
        var x = Input(9);
        var yd = md.Forward(x).ToArray();
        var yf = mf.Forward(NDArray.FromArray(x.ToArray().Select(v => (float)v).ToArray(), Batch, Seq, Dim)).ToArray();
        // float inputs/weights are rounded doubles; a few chained length-6 products keep ~1e-6 absolute on O(1) values.
        for (int i = 0; i < yd.Length; i++) Assert.Equal(yd[i], yf[i], 1e-5);
    }

    [Fact]
    public void BadShapesAndArgumentsThrow()
    {
        Assert.Throws<ArgumentException>(() => new MultiHeadSelfAttention<double>(6, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiHeadSelfAttention<double>(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiHeadSelfAttention<double>(4, 0));
        var m = Layer(false);
        Assert.Throws<ShapeMismatchException>(() => m.Forward(NDArray.Zeros<double>(Seq, Dim)));
        Assert.Throws<ShapeMismatchException>(() => m.Forward(NDArray.Zeros<double>(1, Seq, Dim + 1)));
        Assert.Throws<InvalidOperationException>(() => new MultiHeadSelfAttention<double>(4, 2).AttentionWeights);
    }
}
