using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.NeuralNet;

/// <summary>The allocation-free training step: the fused softmax cross-entropy against the separate value and gradient,
/// the vectorised Adam against the scalar update, and buffers that never leak out of Fit.</summary>
public class TrainingStepTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(7, 10)]
    [InlineData(256, 10)]
    public void Fused_cross_entropy_matches_value_gradient_and_argmax(int n, int k)
    {
        var rng = new Rng((ulong)(n * 31 + k));
        var z = rng.Normal([n, k], 0.0, 3.0);
        var labels = NDArray.FromArray(Enumerable.Range(0, n).Select(i => (double)((i * 7 + 3) % k)).ToArray());
        var loss = new SoftmaxCrossEntropy<double>();
        NDArray<double>? buffer = null;
        var (value, gradient, correct) = loss.ValueAndGradient(z, labels, ref buffer);
        double eps = Precision.Eps<double>();
        // Each row's loss is log-sum-exp minus a logit: a few roundings of values of size |z| + log k.
        double scale = z.ToArray().Max(Math.Abs) + Math.Log(k);
        Assert.True(Math.Abs(value - loss.Value(z, labels)) <= 8 * k * eps * scale, $"{value} vs {loss.Value(z, labels)}");
        var expected = loss.Gradient(z, labels).ToArray();
        var actual = gradient.ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 8 * k * eps / n, $"gradient[{i}] {actual[i]} vs {expected[i]}");
        var zs = z.ToArray();
        long right = Enumerable.Range(0, n).Count(i =>
            Enumerable.Range(0, k).Aggregate(0, (best, j) => zs[i * k + j] > zs[i * k + best] ? j : best) == (int)labels[i]);
        Assert.Equal(right, correct);
        // A second, smaller batch reuses the buffer.
        var again = loss.ValueAndGradient(z[..1], labels[..1], ref buffer);
        Assert.Equal(new long[] { 1, k }, again.Gradient.Shape.ToArray());
        Assert.Throws<ArgumentException>(() => loss.ValueAndGradient(z[..1], NDArray.FromArray(new[] { (double)k }), ref buffer));
    }

    [Fact]
    public void Vectorised_adam_matches_the_scalar_update_bit_for_bit()
    {
        const int length = 37; // not a multiple of any vector width
        var rng = new Rng(5);
        var start = rng.Normal([length], 0.0, 1.0).ToArray();
        var p = new Parameter<double>("w", NDArray.FromArray((double[])start.Clone()), decay: false);
        var adam = new Adam(0.01);
        double[] m = new double[length], v = new double[length], w = (double[])start.Clone();
        for (int step = 1; step <= 3; step++)
        {
            var g = rng.Normal([length], 0.0, 1.0);
            p.Grad.Assign(g);
            adam.Step([p]);
            var gs = g.ToArray();
            double c1 = 1 / (1 - Math.Pow(0.9, step)), c2 = 1 / (1 - Math.Pow(0.999, step));
            for (int i = 0; i < length; i++)
            {
                m[i] = 0.9 * m[i] + (1 - 0.9) * gs[i];
                v[i] = 0.999 * v[i] + (1 - 0.999) * gs[i] * gs[i];
                w[i] -= 0.01 * (m[i] * c1) / (Math.Sqrt(v[i] * c2) + 1e-8);
            }
        }
        Assert.Equal(w, p.Value.ToArray());
    }

    [Fact]
    public void Outputs_after_fit_are_fresh_tensors_and_refits_repeat_exactly()
    {
        var rng = new Rng(11);
        var x = rng.Normal([50, 4], 0.0, 1.0);
        var y = NDArray.FromArray(Enumerable.Range(0, 50).Select(i => (double)(i % 3)).ToArray());
        Sequential<double> Make() => new([new Dense<double>(4, 8), new ReLU<double>(), new Dense<double>(8, 3)], new SoftmaxCrossEntropy<double>(), seed: 3);
        var net = Make();
        net.Fit(x, y, epochs: 2, batchSize: 16, new Adam(0.01));
        var first = net.Forward(x[..5]);
        var kept = first.ToArray();
        var second = net.Forward(x[5..10]);
        Assert.NotSame(first, second);
        Assert.Equal(kept, first.ToArray());
        var firstWeights = net.Parameters.SelectMany(q => q.Value.ToArray()).ToArray();
        net.Fit(x, y, epochs: 2, batchSize: 16, new Adam(0.01)); // a warm refit (buffers allocated again) gives the same model
        Assert.Equal(firstWeights, net.Parameters.SelectMany(q => q.Value.ToArray()).ToArray());
        var cold = Make();
        cold.Fit(x, y, epochs: 2, batchSize: 16, new Adam(0.01));
        Assert.Equal(firstWeights, cold.Parameters.SelectMany(q => q.Value.ToArray()).ToArray());
    }

    /// <summary>
    /// After Predict, PredictProba and Evaluate no layer references a tensor of the prediction's size (its input or
    /// activations, m x width each; found by reflection over every layer's tensor fields) and the caller's X can be
    /// collected; before, every layer kept the last pass's tensors until the next forward. The predictions are those of
    /// the caching Forward, and a Backward after them asks for a forward.
    /// </summary>
    [Fact]
    public void Inference_leaves_no_activations_referenced_by_the_layers()
    {
        const int m = 777;
        var rng = new Rng(12);
        var xTrain = rng.Normal([64, 6], 0.0, 1.0);
        var yTrain = NDArray.FromArray(Enumerable.Range(0, 64).Select(i => (double)(i % 3)).ToArray());
        var layers = new Layer<double>[] { new Dense<double>(6, 16), new Tanh<double>(), new LayerNorm<double>(16), new Sigmoid<double>(),
            new Dropout<double>(0.2), new ReLU<double>(), new Dense<double>(16, 3) };
        var net = new Sequential<double>(layers, new SoftmaxCrossEntropy<double>(), seed: 4);
        net.Fit(xTrain, yTrain, epochs: 1, batchSize: 16, new Adam(0.01));
        var expected = net.Forward(rng.Normal([m, 6], 0.0, 1.0)).Shape; // a caching forward of m rows: (m, 3)
        Assert.Contains(layers, l => HeldRows(l).Contains(m));

        WeakReference Predict()
        {
            var x = new Rng(13).Normal([m, 6], 0.0, 1.0);
            var proba = NDArray.Softmax(net.Forward(x), -1).ToArray();   // the caching forward
            var p = net.PredictProba(x);
            Assert.Equal(expected, p.Shape);
            Assert.Equal(proba, p.ToArray());
            Assert.Equal(m, net.Predict(x).Shape[0]);
            net.Evaluate(x, NDArray.Zeros<double>(m));
            return new WeakReference(x);
        }
        var weak = Predict();
        foreach (var l in layers) Assert.DoesNotContain(m, HeldRows(l));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.IsAlive, "the prediction's input is still referenced");
        Assert.Throws<InvalidOperationException>(() => net.Backward(NDArray.Zeros<double>(m, 3)));
    }

    /// <summary>The first-axis lengths of the tensors a layer's fields reference (its own class and its bases).</summary>
    private static List<long> HeldRows(Layer<double> layer)
    {
        var rows = new List<long>();
        for (var t = layer.GetType(); t is not null && t != typeof(object); t = t.BaseType)
            foreach (var f in t.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.DeclaredOnly))
                if (f.GetValue(layer) is NDArray<double> { Rank: > 0 } a) rows.Add(a.Shape[0]);
        return rows;
    }

    [Fact]
    public void Relu_backward_passes_the_gradient_only_where_the_input_is_positive()
    {
        var relu = new ReLU<double>();
        var x = NDArray.FromArray(new[] { -1.0, 0.0, 2.0, double.NaN, 3.0, -0.0, 1e-300, -5.0, 4.0 });
        relu.Forward(x);
        var g = relu.Backward(NDArray.FromArray(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9 }));
        Assert.Equal(new[] { 0.0, 0, 3, 0, 5, 0, 7, 0, 9 }, g.ToArray());
    }
}
