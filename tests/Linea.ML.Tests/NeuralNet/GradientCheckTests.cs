using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.NeuralNet;

/// <summary>
/// Backprop against central differences, h = 1e-5, in double. For smooth functions of O(1) inputs the difference
/// quotient has truncation error h²|f'''|/6 ≈ 1e-10 and rounding error ≈ eps|f|/h ≈ 1e-11 (relative), so a correct
/// gradient agrees to ~1e-9; the tolerance 1e-6 leaves three orders of margin and still catches any wrong term
/// (a missing factor or sign gives errors of order 1, see <see cref="CheckDetectsAWrongGradient"/>).
/// </summary>
public class GradientCheckTests
{
    private const double Tol = 1e-6;

    private static void AssertAll(IEnumerable<GradientCheckResult> results)
    {
        foreach (var r in results)
            Assert.True(r.Passes(Tol), r.ToString());
    }

    private static NDArray<double> Input(int[] shape, ulong seed) => new Rng(seed).Normal(shape, 0.0, 1.0);

    [Fact]
    public void Dense()
    {
        var layer = new Dense<double>(5, 4);
        layer.Initialize(new Rng(1));
        layer.Bias.Assign(Input([4], 2));
        AssertAll(GradientCheck.Layer(layer, Input([6, 5], 3), seed: 4));
    }

    [Fact]
    public void DenseOnThreeDimensionalInput()
    {
        var layer = new Dense<double>(3, 2, WeightInit.HeNormal);
        layer.Initialize(new Rng(5));
        AssertAll(GradientCheck.Layer(layer, Input([2, 4, 3], 6), seed: 7));
    }

    [Fact]
    public void ReLUAwayFromTheKink()
    {
        // Every |x| >= 0.1 >> h, so x ± h never crosses 0 and ReLU is linear around each point.
        var x = Input([5, 6], 8);
        var s = x.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = Math.CopySign(Math.Abs(s[i]) + 0.1, s[i]);
        AssertAll(GradientCheck.Layer(new ReLU<double>(), x, seed: 9));
    }

    [Fact]
    public void Sigmoid() => AssertAll(GradientCheck.Layer(new Sigmoid<double>(), Input([5, 6], 10) * 3.0, seed: 11));

    [Fact]
    public void Tanh() => AssertAll(GradientCheck.Layer(new Tanh<double>(), Input([5, 6], 12) * 2.0, seed: 13));

    [Fact]
    public void LayerNormWithNonTrivialGainAndShift()
    {
        var layer = new LayerNorm<double>(7);
        layer.Gamma.Assign(Input([7], 14) + 1.0);
        layer.Beta.Assign(Input([7], 15));
        AssertAll(GradientCheck.Layer(layer, Input([4, 7], 16) * 2.0 + 1.0, seed: 17));
    }

    [Fact]
    public void LayerNormOnThreeDimensionalInput()
    {
        var layer = new LayerNorm<double>(5);
        layer.Gamma.Assign(Input([5], 18));
        AssertAll(GradientCheck.Layer(layer, Input([2, 3, 5], 19), seed: 20));
    }

    [Fact]
    public void SoftmaxCrossEntropyWithClassIndices()
    {
        var labels = NDArray.FromArray(new double[] { 0, 2, 1, 2, 3 });
        AssertAll([GradientCheck.Loss(new SoftmaxCrossEntropy<double>(), Input([5, 4], 21) * 2.0, labels)]);
    }

    [Fact]
    public void SoftmaxCrossEntropyWithProbabilityRows()
    {
        var target = NDArray.Softmax(Input([5, 4], 22), -1);
        AssertAll([GradientCheck.Loss(new SoftmaxCrossEntropy<double>(), Input([5, 4], 23), target)]);
    }

    [Fact]
    public void MeanSquaredError()
    {
        AssertAll([GradientCheck.Loss(new MeanSquaredError<double>(), Input([6, 3], 24), Input([6, 3], 25))]);
        AssertAll([GradientCheck.Loss(new MeanSquaredError<double>(), Input([6, 1], 26), Input([6], 27))]);
    }

    [Fact]
    public void SequentialStack()
    {
        var net = new Sequential<double>(
        [
            new Dense<double>(4, 8), new Tanh<double>(), new LayerNorm<double>(8), new Dense<double>(8, 6),
            new Sigmoid<double>(), new Dense<double>(6, 3),
        ], new SoftmaxCrossEntropy<double>(), seed: 28);
        net.Initialize();
        var results = GradientCheck.Network(net, Input([7, 4], 29), NDArray.FromArray(new double[] { 0, 1, 2, 2, 1, 0, 1 }));
        Assert.Equal(1 + 2 + 2 + 2 + 2, results.Count);
        AssertAll(results);
    }

    [Fact]
    public void SequentialRegressionStackWithReLU()
    {
        var net = new Sequential<double>(
            [new Dense<double>(3, 5, WeightInit.HeNormal), new ReLU<double>(), new Dense<double>(5, 2)],
            new MeanSquaredError<double>(), seed: 30);
        net.Initialize();
        var x = Input([6, 3], 31);
        // Keep every hidden pre-activation at least 1e-3 from the kink, so x ± h (and W ± h) never crosses it.
        var pre = x.MatMul(((Dense<double>)net.Layers[0]).Weights);
        Assert.True(NDArray.Abs(pre).Min() > 1e-3, "test setup: a hidden unit sits on the ReLU kink");
        AssertAll(GradientCheck.Network(net, x, Input([6, 2], 32)));
    }

    private sealed class WrongTanh : Layer<double>
    {
        private NDArray<double>? _y;
        public override string Name => "WrongTanh";
        protected override NDArray<double> ForwardCore(NDArray<double> x, bool training) => _y = NDArray.Tanh(x);
        protected override NDArray<double> BackwardCore(NDArray<double> g) => g * (1.0 - _y!); // wrong: should be 1 - y²
    }

    [Fact]
    public void CheckDetectsAWrongGradient()
    {
        var results = GradientCheck.Layer(new WrongTanh(), Input([4, 4], 33), seed: 34);
        Assert.False(results[0].Passes(Tol));
        Assert.True(results[0].RelativeError > 0.05, results[0].ToString());
    }

    [Fact]
    public void CompareRejectsMismatchedShapes() =>
        Assert.Throws<ShapeMismatchException>(() => GradientCheck.Compare("x", () => 0, NDArray.Zeros<double>(2), NDArray.Zeros<double>(3)));
}
