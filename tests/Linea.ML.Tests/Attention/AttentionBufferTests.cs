using Linea.ML.Attention;

namespace Linea.ML.Tests.Attention;

/// <summary>
/// A warm forward and backward of the same shapes reuse the layer's buffers (projections, scores, dA and dS, the heads'
/// products, the merged heads and gradients): what a step allocates is the attention weights A the layer keeps (a new
/// tensor each forward, so an <c>AttentionWeights</c> read earlier stays valid), the output and dX handed to the caller,
/// and the four weight gradients' products. Before, a step also allocated the scores, the scaled and masked scores,
/// softmax's temporaries, dA and the four intermediates of dS (batch·heads·seq² each) and about twenty
/// batch·seq·modelDim arrays: 2.0 MB at this shape (17.6 MB at (8, 64, 64)).
/// </summary>
public class AttentionBufferTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_warm_step_allocates_only_what_it_returns_and_keeps(bool causal)
    {
        const int b = 4, s = 32, d = 32, h = 4;
        var attn = new MultiHeadSelfAttention<double>(d, h, causal);
        attn.Initialize(new Rng(3));
        var x = new Rng(4).Normal([b, s, d], 0.0, 1.0);
        var g = new Rng(5).Normal([b, s, d], 0.0, 1.0);
        var firstY = attn.Forward(x, training: true).ToArray();
        var firstDx = attn.Backward(g).ToArray();
        var firstA = attn.AttentionWeights;
        var keptA = firstA.ToArray();
        long best = long.MaxValue;
        for (int rep = 0; rep < 3; rep++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var y = attn.Forward(x, training: true);
            var dx = attn.Backward(g);
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
            // The same results from the reused buffers as from the first, fresh ones (up to the last bits: the row sums'
            // SIMD order follows the rows' alignment in memory, as it did before the buffers).
            AssertClose(firstY, y.ToArray());
            AssertClose(firstDx, dx.ToArray());
        }
        Assert.Equal(keptA, firstA.ToArray());   // an earlier AttentionWeights is not overwritten
        long bound = 8L * (b * h * s * s + 2L * b * s * d + 4L * d * d) + 96 * 1024;   // 271,488 bytes measured
        Assert.True(best < bound, $"a warm step allocated {best} bytes (bound {bound})");
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 64 * 2.220446049250313e-16 * scale, $"[{i}] {actual[i]} vs {expected[i]}");
    }
}
