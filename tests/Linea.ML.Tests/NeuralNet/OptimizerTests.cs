using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.NeuralNet;

public class OptimizerTests
{
    private static Parameter<double> Param(double[] value, double[] grad, bool decay = true)
    {
        var p = new Parameter<double>("p", NDArray.FromArray(value), decay);
        p.Grad.Assign(NDArray.FromArray(grad));
        return p;
    }

    [Fact]
    public void PlainSgdStep()
    {
        var p = Param([1, 2], [0.5, -1]);
        new Sgd(0.1).Step([p]);
        Assert.Equal(new[] { 1 - 0.05, 2 + 0.1 }, p.Value.ToArray());
    }

    [Fact]
    public void MomentumAndNesterovFollowTheirRecurrences()
    {
        // Constant gradient g = 1, μ = 0.5, lr = 1: v1 = 1, v2 = 1.5. Heavy ball moves 1 then 1.5;
        // Nesterov moves g + μ v: 1.5 then 1.75.
        var heavy = Param([0], [1]);
        var nesterov = Param([0], [1]);
        var sgd = new Sgd(1, momentum: 0.5);
        var nag = new Sgd(1, momentum: 0.5, nesterov: true);
        sgd.Step([heavy]);
        nag.Step([nesterov]);
        Assert.Equal(-1.0, heavy.Value[0]);
        Assert.Equal(-1.5, nesterov.Value[0]);
        sgd.Step([heavy]);
        nag.Step([nesterov]);
        Assert.Equal(-2.5, heavy.Value[0]);
        Assert.Equal(-3.25, nesterov.Value[0]);
    }

    [Fact]
    public void AdamIsBiasCorrected()
    {
        // Step 1: m̂ = g, v̂ = g², so the move is lr·g/(|g| + ε) ≈ lr·sign(g) whatever the scale of g.
        var p = Param([0, 0], [1e-4, -300]);
        var adam = new Adam(0.01, epsilon: 1e-12);
        adam.Step([p]);
        Assert.Equal(-0.01, p.Value[0], 1e-9);
        Assert.Equal(0.01, p.Value[1], 1e-15);
        // Step 2 with g2: m = β1(1-β1)g1 + (1-β1)g2 over (1-β1²), v likewise with β2.
        p.Grad.Assign(NDArray.FromArray(new double[] { 3e-4, -100 }));
        adam.Step([p]);
        double M(double g1, double g2) => (0.9 * 0.1 * g1 + 0.1 * g2) / (1 - 0.81);
        double V(double g1, double g2) => (0.999 * 0.001 * g1 * g1 + 0.001 * g2 * g2) / (1 - 0.999 * 0.999);
        double first0 = -0.01 * 1e-4 / (1e-4 + 1e-12), first1 = 0.01 * 300 / (300 + 1e-12);
        Assert.Equal(first0 - 0.01 * M(1e-4, 3e-4) / (Math.Sqrt(V(1e-4, 3e-4)) + 1e-12), p.Value[0], 1e-15);
        Assert.Equal(first1 - 0.01 * M(-300, -100) / (Math.Sqrt(V(-300, -100)) + 1e-12), p.Value[1], 1e-15);
    }

    [Fact]
    public void WeightDecayAddsLambdaTimesTheWeightOnlyToDecayingParameters()
    {
        var w = Param([2, -4], [0, 0], decay: true);
        var b = Param([2, -4], [0, 0], decay: false);
        new Sgd(0.5, weightDecay: 0.1).Step([w, b]);
        Assert.Equal(new[] { 2 - 0.5 * 0.2, -4 + 0.5 * 0.4 }, w.Value.ToArray());
        Assert.Equal(new[] { 2.0, -4.0 }, b.Value.ToArray());
    }

    [Fact]
    public void ClippingScalesTheGlobalNorm()
    {
        // Global norm of (3, 4) and (12,) is 13; clipped to 6.5 every gradient halves.
        var a = Param([0, 0], [3, 4]);
        var b = Param([0], [12]);
        double norm = new Sgd(1, clipNorm: 6.5).Step([a, b]);
        Assert.Equal(13, norm, 1e-15);
        Assert.Equal(new[] { -1.5, -2.0 }, a.Value.ToArray());
        Assert.Equal(new[] { -6.0 }, b.Value.ToArray());
        // Below the limit nothing changes.
        var c = Param([0], [1]);
        new Sgd(1, clipNorm: 6.5).Step([c]);
        Assert.Equal(-1.0, c.Value[0]);
    }

    [Fact]
    public void BadHyperParametersThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1, momentum: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1, momentum: -0.1));
        Assert.Throws<ArgumentException>(() => new Sgd(0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1, weightDecay: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1, clipNorm: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: 0));
    }
}
