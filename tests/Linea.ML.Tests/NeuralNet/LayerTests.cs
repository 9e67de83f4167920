using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.NeuralNet;

public class LayerTests
{
    [Fact]
    public void DenseForwardAndBackwardMatchHandValues()
    {
        var d = new Dense<double>(2, 3);
        d.Weights.Assign(NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }));
        d.Bias.Assign(NDArray.FromArray(new double[] { 1, 0, -1 }));
        var x = NDArray.FromArray(new double[,] { { 1, 1 }, { 2, -1 } });
        // Row 1: (1+4, 2+5, 3+6) + b = (6, 7, 8); row 2: (2-4, 4-5, 6-6) + b = (-1, -1, -1).
        Assert.Equal(NDArray.FromArray(new double[,] { { 6, 7, 8 }, { -1, -1, -1 } }), d.Forward(x));
        var dy = NDArray.FromArray(new double[,] { { 1, 0, 2 }, { 0, 1, 1 } });
        var dx = d.Backward(dy);
        // dX = dY W^T: (1+0+6, 4+0+12) and (0+2+3, 0+5+6).
        Assert.Equal(NDArray.FromArray(new double[,] { { 7, 16 }, { 5, 11 } }), dx);
        // dW = X^T dY: [[1*1+2*0, 1*0+2*1, 1*2+2*1], [1*1-1*0, 0-1, 2-1]].
        Assert.Equal(NDArray.FromArray(new double[,] { { 1, 2, 4 }, { 1, -1, 1 } }), d.Parameters[0].Grad);
        Assert.Equal(NDArray.FromArray(new double[] { 1, 1, 3 }), d.Parameters[1].Grad);
    }

    [Fact]
    public void InitializationHasTheStatedScaleAndRepeatsWithTheSeed()
    {
        var he = new Dense<double>(200, 300, WeightInit.HeNormal);
        he.Initialize(new Rng(1));
        // Sample variance of 60000 normal draws has relative standard error sqrt(2/60000) ≈ 0.6%; allow 5 sigma.
        double var = he.Weights.Var();
        Assert.InRange(var / (2.0 / 200), 1 - 0.03, 1 + 0.03);
        var glorot = new Dense<double>(200, 300);
        glorot.Initialize(new Rng(1));
        double a = Math.Sqrt(6.0 / 500);
        Assert.True(glorot.Weights.Max() <= a && glorot.Weights.Min() >= -a);
        Assert.InRange(glorot.Weights.Var() / (a * a / 3), 1 - 0.03, 1 + 0.03);
        var again = new Dense<double>(200, 300, WeightInit.HeNormal);
        again.Initialize(new Rng(1));
        Assert.Equal(he.Weights, again.Weights);
        Assert.Equal(NDArray.Zeros<double>(300), he.Bias);
    }

    [Fact]
    public void ActivationsMatchTheirDefinitions()
    {
        var x = NDArray.FromArray(new double[] { -2, -0.5, 0.5, 3 });
        Assert.Equal(NDArray.FromArray(new double[] { 0, 0, 0.5, 3 }), new ReLU<double>().Forward(x));
        var s = new Sigmoid<double>().Forward(x).ToArray();
        var t = new Tanh<double>().Forward(x).ToArray();
        double[] xs = [-2, -0.5, 0.5, 3];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-xs[i])), s[i], 1e-15);
            Assert.Equal(Math.Tanh(xs[i]), t[i], 1e-15);
        }
        var relu = new ReLU<double>();
        relu.Forward(x);
        Assert.Equal(NDArray.FromArray(new double[] { 0, 0, 5, 5 }), relu.Backward(NDArray.Full([4], 5.0)));
    }

    [Fact]
    public void LayerNormNormalisesEachRow()
    {
        var ln = new LayerNorm<double>(4, eps: 1e-12);
        var x = NDArray.FromArray(new double[,] { { 1, 2, 3, 4 }, { 10, 10, 10, 14 } });
        var y = ln.Forward(x);
        // Row 1: mean 2.5, variance 1.25, so (x - 2.5)/sqrt(1.25); row 2: mean 11, variance 3.
        double s1 = Math.Sqrt(1.25 + 1e-12), s2 = Math.Sqrt(3 + 1e-12);
        var expected = NDArray.FromArray(new double[,] { { -1.5 / s1, -0.5 / s1, 0.5 / s1, 1.5 / s1 }, { -1 / s2, -1 / s2, -1 / s2, 3 / s2 } });
        Assert.True(NDArray.AllClose(expected, y, 1e-14, 1e-14), y.ToString());
        ln.Gamma.Assign(NDArray.Full([4], 2.0));
        ln.Beta.Assign(NDArray.Full([4], 1.0));
        Assert.True(NDArray.AllClose(expected * 2.0 + 1.0, ln.Forward(x), 1e-14, 1e-14));
    }

    [Fact]
    public void DropoutIsTheIdentityAtInference()
    {
        var x = new Rng(3).Normal([10, 10], 0.0, 1.0);
        var d = new Dropout<double>(0.5, seed: 1);
        Assert.Equal(x, d.Forward(x, training: false));
        Assert.Equal(x, d.Backward(x));
    }

    [Fact]
    public void DropoutDropsTheStatedFractionAndScalesTheRest()
    {
        var x = NDArray.Ones<double>(100, 100);
        var d = new Dropout<double>(0.3, seed: 7);
        var y = d.Forward(x, training: true).ToArray();
        int zeros = y.Count(v => v == 0);
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.7) < 1e-15));
        // Binomial(10000, 0.3): mean 3000, sd 45.8; allow 5 sd.
        Assert.InRange(zeros, 3000 - 230, 3000 + 230);
        // Backward multiplies by the same mask.
        var g = d.Backward(NDArray.Full([100, 100], 2.0)).ToArray();
        for (int i = 0; i < g.Length; i++) Assert.Equal(2 * y[i], g[i]);
        // Same seed, same mask; a new draw differs.
        var again = new Dropout<double>(0.3, seed: 7).Forward(x, training: true).ToArray();
        Assert.Equal(y, again);
        Assert.NotEqual(y, d.Forward(x, training: true).ToArray());
    }

    [Fact]
    public void BackwardBeforeForwardThrows()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new Dense<double>(2, 2).Backward(NDArray.Zeros<double>(1, 2)));
        Assert.Contains("Forward", ex.Message);
        Assert.Throws<InvalidOperationException>(() => new Tanh<double>().Backward(NDArray.Zeros<double>(1, 2)));
    }

    [Fact]
    public void BackwardWithAWrongShapeThrows()
    {
        var d = new Dense<double>(2, 3);
        d.Forward(NDArray.Zeros<double>(4, 2));
        Assert.Throws<ShapeMismatchException>(() => d.Backward(NDArray.Zeros<double>(4, 2)));
    }

    [Fact]
    public void ForwardWithTheWrongFeatureCountThrows()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => new Dense<double>(3, 2).Forward(NDArray.Zeros<double>(4, 5)));
        Assert.Contains("5 features", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => new LayerNorm<double>(3).Forward(NDArray.Zeros<double>(4, 5)));
    }

    [Fact]
    public void BadLayerArgumentsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dense<double>(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dense<double>(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayerNorm<double>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayerNorm<double>(3, eps: 0));
    }

    [Fact]
    public void FloatLayersAgreeWithDouble()
    {
        var dd = new Dense<double>(3, 2);
        dd.Initialize(new Rng(1));
        var df = new Dense<float>(3, 2);
        df.Initialize(new Rng(1));
        var x = new Rng(2).Normal([4, 3], 0.0, 1.0);
        var xf = NDArray.FromArray(x.ToArray().Select(v => (float)v).ToArray(), 4, 3);
        var yd = dd.Forward(x).ToArray();
        var yf = df.Forward(xf).ToArray();
        // float weights are the rounded double draws; three products and a sum stay within ~10 float eps of O(1) values.
        for (int i = 0; i < yd.Length; i++) Assert.Equal(yd[i], yf[i], 1e-5);
    }
}
