using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.NeuralNet;

/// <summary>
/// LayerNorm, Tanh, Sigmoid and Dropout write a training step's outputs and input gradients into buffers they keep (as
/// Dense and ReLU do): a warm step allocates no batch-sized arrays, and the reused path computes the same bits as the
/// fresh one.
/// </summary>
public class LayerBufferTests
{
    private static Sequential<double> Net() => new(
        [new Dense<double>(16, 32), new Tanh<double>(), new LayerNorm<double>(32), new Sigmoid<double>(), new Dropout<double>(0.25),
         new Dense<double>(32, 4)], new SoftmaxCrossEntropy<double>(), seed: 5);

    /// <summary>
    /// The bytes of a training step: two warm fits of 1 and 5 epochs (8 steps of 64 rows each) differ by 32 steps and
    /// 4 epochs. Before, LayerNorm alone allocated about twelve 64 x 32 arrays (16 KB each) per step, Tanh, Sigmoid and
    /// Dropout two or three more each: about 300 KB a step. Now the small objects of a step (views, spans' owners) stay.
    /// </summary>
    [Fact]
    public void A_warm_training_step_allocates_no_batch_sized_arrays()
    {
        var rng = new Rng(21);
        var x = rng.Normal([512, 16], 0.0, 1.0);
        var y = NDArray.FromArray(Enumerable.Range(0, 512).Select(i => (double)(i % 4)).ToArray());
        var net = Net();
        long Bytes(int epochs)
        {
            long best = long.MaxValue;
            for (int rep = 0; rep < 3; rep++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                net.Fit(x, y, epochs, batchSize: 64, new Adam(0.01));
                best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return best;
        }
        Bytes(1); // warm up
        long perStep = (Bytes(5) - Bytes(1)) / 32;
        Assert.True(perStep < 4096, $"a training step allocated {perStep} bytes");
    }

    public static IEnumerable<object[]> Layers() => [["tanh"], ["sigmoid"], ["layernorm"], ["dropout"], ["dropout0"]];

    /// <summary>
    /// A larger batch, then a smaller one (a view of the buffers), then the larger again, with the buffers reused and
    /// without: each output, input gradient and parameter gradient equals, bit for bit, the layer's formula written
    /// with tensor operations (the code before the buffers).
    /// </summary>
    [Theory]
    [MemberData(nameof(Layers))]
    public void Reused_buffers_give_the_tensor_formulas_bits(string kind)
    {
        foreach (bool reuse in new[] { true, false })
        {
            Layer<double> layer = kind switch
            {
                "tanh" => new Tanh<double>(),
                "sigmoid" => new Sigmoid<double>(),
                "layernorm" => new LayerNorm<double>(12),
                "dropout" => new Dropout<double>(0.3),
                _ => new Dropout<double>(0.0),
            };
            layer.Initialize(new Rng(1));
            var masks = new Rng(new Rng(1).NextUInt64());   // Dropout's stream after Initialize
            NDArray<double> gamma = NDArray.Ones<double>(12), beta = NDArray.Zeros<double>(12);
            if (layer is LayerNorm<double> ln)
            {
                var r = new Rng(2);
                gamma = r.Normal([12], 1.0, 0.5);
                beta = r.Normal([12], 0.0, 0.5);
                ln.Gamma.Assign(gamma);
                ln.Beta.Assign(beta);
            }
            var rng = new Rng(3);
            foreach (int rows in new[] { 40, 17, 40 })
            {
                var x = rng.Normal([rows, 12], 0.5, 2.0);
                var g = rng.Normal([rows, 12], 0.0, 1.0);
                layer.ReuseBuffers = reuse;
                var y = layer.Forward(x, training: true).ToArray();
                var dx = layer.Backward(g).ToArray();
                layer.ReuseBuffers = false;
                NDArray<double> ey, edx;
                switch (kind)
                {
                    case "tanh":
                        ey = NDArray.Tanh(x);
                        edx = g * (1.0 - ey * ey);
                        break;
                    case "sigmoid":
                        ey = NDArray.Sigmoid(x);
                        edx = g * ey * (1.0 - ey);
                        break;
                    case "layernorm":
                    {
                        var centred = x - x.Mean(-1, keepDims: true);
                        var invStd = 1.0 / NDArray.Sqrt((centred * centred).Mean(-1, keepDims: true) + 1e-5);
                        var xhat = centred * invStd;
                        ey = xhat * gamma + beta;
                        var gg = g * gamma;
                        edx = (gg - gg.Mean(-1, keepDims: true) - xhat * (gg * xhat).Mean(-1, keepDims: true)) * invStd;
                        Assert.Equal((g * xhat).Sum(0).ToArray(), layer.Parameters[0].Grad.ToArray());
                        Assert.Equal(g.Sum(0).ToArray(), layer.Parameters[1].Grad.ToArray());
                        break;
                    }
                    case "dropout":
                    {
                        var mask = NDArray.Zeros<double>(rows, 12);
                        var m = mask.AsSpan();
                        for (int i = 0; i < m.Length; i++) m[i] = masks.NextDouble() >= 0.3 ? 1 / (1 - 0.3) : 0;
                        ey = x * mask;
                        edx = g * mask;
                        break;
                    }
                    default:
                        ey = x;
                        edx = g;
                        break;
                }
                Assert.Equal(ey.ToArray(), y);
                Assert.Equal(edx.ToArray(), dx);
            }
            layer.ReleaseBuffers();
        }
    }
}
