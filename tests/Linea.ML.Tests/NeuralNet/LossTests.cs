using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.NeuralNet;

public class LossTests
{
    [Fact]
    public void CrossEntropyMatchesTheHandFormula()
    {
        var z = NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 0, 0, 0 } });
        var loss = new SoftmaxCrossEntropy<double>();
        // Row 1, class 2: -(3 - log(e + e² + e³)); row 2, class 0: log 3.
        double expected = (-(3 - Math.Log(Math.E + Math.Exp(2) + Math.Exp(3))) + Math.Log(3)) / 2;
        Assert.Equal(expected, loss.Value(z, NDArray.FromArray(new double[] { 2, 0 })), 1e-15);
        var oneHot = NDArray.FromArray(new double[,] { { 0, 0, 1 }, { 1, 0, 0 } });
        Assert.Equal(expected, loss.Value(z, oneHot), 1e-15);
        Assert.Equal(loss.Gradient(z, oneHot), loss.Gradient(z, NDArray.FromArray(new double[] { 2, 0 })));
    }

    [Fact]
    public void CrossEntropyIsStableForHugeLogits()
    {
        var z = NDArray.FromArray(new double[,] { { 1000, 0, -1000 }, { -1e300, 1e300, 0 } });
        var loss = new SoftmaxCrossEntropy<double>();
        // Row 1, class 1: log-softmax = 0 - 1000 - log(1 + e^-1000 + e^-2000) = -1000; row 2, class 1: 0.
        Assert.Equal(500.0, loss.Value(z, NDArray.FromArray(new double[] { 1, 1 })));
        var g = loss.Gradient(z, NDArray.FromArray(new double[] { 0, 1 })).ToArray();
        Assert.All(g, v => Assert.True(double.IsFinite(v)));
        // Row 1 predicts class 0 with probability 1: gradient (1 - 1, 0, 0)/2 = 0.
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 0 }, g);
    }

    [Fact]
    public void CrossEntropyRejectsBadTargets()
    {
        var loss = new SoftmaxCrossEntropy<double>();
        var z = NDArray.Zeros<double>(2, 3);
        Assert.Throws<ArgumentException>(() => loss.Value(z, NDArray.FromArray(new double[] { 0, 3 })));
        Assert.Throws<ArgumentException>(() => loss.Value(z, NDArray.FromArray(new double[] { 0, 1.5 })));
        Assert.Throws<ArgumentException>(() => loss.Value(z, NDArray.FromArray(new double[] { -1, 0 })));
        Assert.Throws<ArgumentException>(() => loss.Value(z, NDArray.FromArray(new double[,] { { 1, 1, 0 }, { 1, 0, 0 } })));
        Assert.Throws<ShapeMismatchException>(() => loss.Value(z, NDArray.FromArray(new double[] { 0, 1, 2 })));
        Assert.Throws<ShapeMismatchException>(() => loss.Value(z, NDArray.Zeros<double>(2, 4)));
    }

    [Fact]
    public void MeanSquaredErrorMatchesTheHandFormula()
    {
        var o = NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var t = NDArray.FromArray(new double[,] { { 0, 2 }, { 5, 1 } });
        var mse = new MeanSquaredError<double>();
        Assert.Equal((1 + 0 + 4 + 9) / 4.0, mse.Value(o, t));
        Assert.Equal(NDArray.FromArray(new double[,] { { 0.5, 0 }, { -1, 1.5 } }), mse.Gradient(o, t));
        Assert.Equal(2.5, mse.Value(NDArray.FromArray(new double[,] { { 1 }, { 2 } }), NDArray.FromArray(new double[] { 0, 4 })));
        Assert.Throws<ShapeMismatchException>(() => mse.Value(o, NDArray.Zeros<double>(2, 3)));
    }
}
