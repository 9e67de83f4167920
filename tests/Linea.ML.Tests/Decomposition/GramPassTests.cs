namespace Linea.ML.Tests.Decomposition;

/// <summary>
/// The one-pass products of the randomized SVD's power iterations against the same products formed separately:
/// W = A^T (A Q), G = (A Q)^T (A Q) and, when asked, A Q. Each entry of a product of inner length k is exact to
/// k eps times the same product of absolute values (the standard GEMM bound), so W is within (m + n) eps |A|^T |A| |Q|
/// entry by entry, G within (m + n) eps |A Q|^T |A Q|-like terms, bounded here by (|A||Q|)^T (|A||Q|), and A Q within
/// n eps |A||Q|; the factor 2 covers the partial sums' final addition. Shapes cover the row blocks' edge, the padded
/// column groups (l = 20 runs as 32 columns, l = 9 as 16, l = 1 as 8), a transposed (strided) A, float, a second pass
/// reusing the buffers, and the packed-GEMM path.
/// </summary>
public class GramPassTests
{
    [Theory]
    [InlineData(1_000, 37, 30, false, true)]
    [InlineData(2_345, 50, 20, true, true)]
    [InlineData(500, 13, 1, false, true)]
    [InlineData(3_000, 9, 9, false, true)]
    [InlineData(10, 40, 7, false, true)]
    [InlineData(1_500, 37, 30, true, false)]
    public void One_pass_matches_the_products_formed_apart(int m, int n, int l, bool transposedView, bool allowDirect)
    {
        var a = transposedView ? NDArray.Normal([n, m], 0.0, 1.0, seed: 3).T : NDArray.Normal([m, n], 0.0, 1.0, seed: 3);
        var pass = new GramPass<double>(a, l, allowDirect);
        var aq = new double[m * l + 1];
        aq[^1] = 42; // past A Q: untouched
        for (int run = 0; run < 2; run++)
        {
            var q = NDArray.Normal([n, l], 0.0, 1.0, seed: (ulong)(10 + run));
            var w = new double[n * l];
            var g = new double[l * l];
            pass.Run(q, w, g, run == 1 ? aq : null);
            var y = a.MatMul(q);
            var absY = NDArray.Abs(a).MatMul(NDArray.Abs(q));
            Within(a.T.MatMul(y), NDArray.Abs(a).T.MatMul(absY), w, 2 * (m + n) * Fixtures.Eps);
            Within(y.T.MatMul(y), absY.T.MatMul(absY), g, 2 * (m + n) * Fixtures.Eps);
            if (run == 1)
            {
                Within(y, absY, aq[..^1], 2 * n * Fixtures.Eps);
                Assert.Equal(42, aq[^1]);
            }
        }
    }

    [Fact]
    public void Float_pass_matches_double()
    {
        const int m = 1_200, n = 33, l = 20;
        var a = NDArray.Normal([m, n], 0.0, 1.0, seed: 5);
        var q = NDArray.Normal([n, l], 0.0, 1.0, seed: 6);
        var w = new float[n * l];
        var g = new float[l * l];
        new GramPass<float>(a.AsType<float>(), l).Run(q.AsType<float>(), w, g);
        // The float inputs are the double ones rounded (relative 2^-24), so the reference is the double product of them.
        var af = a.AsType<float>().AsType<double>();
        var qf = q.AsType<float>().AsType<double>();
        var absY = NDArray.Abs(af).MatMul(NDArray.Abs(qf));
        double epsF = Math.Pow(2, -23);
        Within(af.T.MatMul(af.MatMul(qf)), NDArray.Abs(af).T.MatMul(absY), w.Select(v => (double)v).ToArray(), 2 * (m + n) * epsF);
        var yf = af.MatMul(qf);
        Within(yf.T.MatMul(yf), absY.T.MatMul(absY), g.Select(v => (double)v).ToArray(), 2 * (m + n) * epsF);
    }

    [Theory]
    [InlineData(1, 8, 8)]
    [InlineData(8, 8, 8)]
    [InlineData(17, 8, 32)]
    [InlineData(9, 8, 16)]
    [InlineData(20, 8, 32)]
    [InlineData(30, 8, 32)]
    [InlineData(33, 8, 40)]
    [InlineData(20, 16, 32)]
    public void Padded_width_is_whole_vectors_and_never_three_left_over(int l, int lanes, int expected) =>
        Assert.Equal(expected, GramPass<double>.PaddedWidth(l, lanes));

    /// <summary>Asserts |expected - actual| &lt;= factor * bound entry by entry (row-major actual).</summary>
    private static void Within(NDArray<double> expected, NDArray<double> bound, double[] actual, double factor)
    {
        var e = expected.ToArray();
        var b = bound.ToArray();
        Assert.Equal(e.Length, actual.Length);
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - actual[i]) <= factor * b[i], $"entry {i}: {actual[i]:R} vs {e[i]:R} (bound {factor * b[i]:E2})");
    }
}
