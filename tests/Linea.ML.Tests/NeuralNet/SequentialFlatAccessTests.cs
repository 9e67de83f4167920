using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.NeuralNet;

/// <summary>
/// The flat parameter and gradient buffers of Sequential (Sequential.Distributed.cs), and the internal pieces of Fit
/// that data-parallel training uses: a loop built from them reproduces Fit bit for bit, and two half-batch gradients
/// weighted by their row shares equal the whole batch's gradient to rounding.
/// </summary>
public class SequentialFlatAccessTests
{
    private static Sequential<double> Net(ulong seed = 3) => new(
        [new Dense<double>(3, 5), new Tanh<double>(), new Dense<double>(5, 2)], new SoftmaxCrossEntropy<double>(), seed);

    private static (NDArray<double> X, NDArray<double> Y) Data(int n)
    {
        var rng = new Rng(9);
        var x = rng.Normal([n, 3], 0.0, 1.0);
        var y = NDArray.Zeros<double>(n);
        for (int i = 0; i < n; i++) y[i] = x[i, 0] + x[i, 1] > 0 ? 1 : 0;
        return (x, y);
    }

    [Fact]
    public void Parameters_round_trip_in_layer_order_and_count_every_element()
    {
        var net = Net();
        Assert.Equal(3 * 5 + 5 + 5 * 2 + 2, net.ParameterCount);
        var flat = new double[net.ParameterCount];
        net.CopyParametersTo(flat);
        var w0 = ((Dense<double>)net.Layers[0]).Weights;
        Assert.Equal(w0.ToArray(), flat[..15]);
        Assert.Equal(((Dense<double>)net.Layers[2]).Bias.ToArray(), flat[^2..]);

        var other = Net(seed: 99);
        other.CopyParametersFrom(flat);
        var back = new double[other.ParameterCount];
        other.CopyParametersTo(back);
        Assert.Equal(flat, back);
    }

    [Fact]
    public void Wrong_lengths_and_non_finite_values_are_rejected_with_the_sizes()
    {
        var net = Net();
        var e = Assert.Throws<ArgumentException>(() => net.CopyParametersTo(new double[31]));
        Assert.Contains("31 elements; the network has 32 parameters", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => net.CopyParametersFrom(new double[33]));
        Assert.Throws<ArgumentException>(() => net.CopyGradientsTo(new double[31], 1.0));
        Assert.Throws<ArgumentException>(() => net.CopyGradientsFrom(new double[31]));
        var bad = new double[32];
        bad[7] = double.NaN;
        var nf = Assert.Throws<NonFiniteException>(() => net.CopyParametersFrom(bad));
        Assert.Contains("element 7", nf.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loop_of_batch_gradients_and_optimizer_steps_reproduces_Fit_exactly()
    {
        var (x, y) = Data(23);
        var fitted = Net();
        var reports = fitted.Fit(x, y, epochs: 3, batchSize: 5, new Adam(0.01));

        var manual = Net();
        var rng = manual.BeginFit(warmStart: false);
        var optimizer = new Adam(0.01);
        var order = Enumerable.Range(0, 23).ToArray();
        double lastLoss = 0;
        for (int epoch = 0; epoch < 3; epoch++)
        {
            Sequential<double>.ShuffleOrder(order, rng);
            double sum = 0;
            for (int start = 0; start < 23; start += 5)
            {
                var idx = order.AsSpan(start, Math.Min(5, 23 - start));
                var (loss, _) = manual.BatchGradients(Rows.Take(x, idx), Rows.Take(y, idx));
                sum += loss * idx.Length;
                optimizer.Step(manual.Parameters);
            }
            lastLoss = sum / 23;
        }
        var a = new double[fitted.ParameterCount];
        var b = new double[manual.ParameterCount];
        fitted.CopyParametersTo(a);
        manual.CopyParametersTo(b);
        Assert.Equal(a, b);
        Assert.Equal(reports[^1].Loss, lastLoss);
    }

    [Fact]
    public void Row_weighted_gradients_of_two_parts_sum_to_the_whole_batch_gradient()
    {
        var (x, y) = Data(7);
        var net = Net();
        net.Initialize();
        int p = (int)net.ParameterCount;
        var whole = new double[p];
        net.BatchGradients(x, y);
        net.CopyGradientsTo(whole, 1.0);

        var sum = new double[p];
        var part = new double[p];
        foreach (var (start, count) in new[] { (0, 2), (2, 5) })
        {
            net.BatchGradients(x[start..(start + count)].Contiguous(), y[start..(start + count)].Contiguous());
            net.CopyGradientsTo(part, count / 7.0);
            for (int i = 0; i < p; i++) sum[i] += part[i];
        }
        double scale = whole.Max(Math.Abs);
        for (int i = 0; i < p; i++)
            Assert.True(Math.Abs(sum[i] - whole[i]) <= 8 * 7 * Math.Pow(2, -52) * scale, $"element {i}: {sum[i]} vs {whole[i]}");

        net.CopyGradientsFrom(sum);
        var back = new double[p];
        net.CopyGradientsTo(back, 1.0);
        Assert.Equal(sum, back);
    }
}
