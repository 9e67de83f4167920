using Linea.ML.NeuralNet;

namespace Linea.ML.Tests.NeuralNet;

/// <summary>
/// The dense layer's products (<c>DenseProducts</c>: the unpacked AVX-512 kernel in panels of two vectors for narrow
/// and small products, the GEMM otherwise) against a slow triple loop in double, for sizes around the kernel's tiles (8 rows, one and two vectors of
/// 8 doubles or 16 floats), strided and transposed A, with and without the bias. Each element is a dot product of
/// length k, so its error is at most k eps Σ|a||b| (+ |bias| eps); the bound below is 2 k eps (Σ|a_ip b_pj| + |bias_j|).
/// </summary>
public class DenseProductTests
{
    private static (double[] Expected, double[] Bound) Reference(double[,] a, double[,] b, double[]? bias)
    {
        int m = a.GetLength(0), k = a.GetLength(1), n = b.GetLength(1);
        var e = new double[m * n];
        var bound = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = bias?[j] ?? 0, mag = Math.Abs(bias?[j] ?? 0);
                for (int p = 0; p < k; p++)
                {
                    s += a[i, p] * b[p, j];
                    mag += Math.Abs(a[i, p] * b[p, j]);
                }
                e[i * n + j] = s;
                bound[i * n + j] = 2 * (k + 1) * mag;
            }
        return (e, bound);
    }

    private static double[,] ToArray2(NDArray<double> t)
    {
        var r = new double[t.Shape[0], t.Shape[1]];
        for (int i = 0; i < r.GetLength(0); i++)
            for (int j = 0; j < r.GetLength(1); j++) r[i, j] = t[i, j];
        return r;
    }

    [Theory]
    [InlineData(1, 1, 1, false, false)]
    [InlineData(7, 3, 5, true, false)]
    [InlineData(8, 8, 64, true, false)]
    [InlineData(9, 9, 17, false, true)]
    [InlineData(17, 10, 128, true, false)]
    [InlineData(17, 10, 128, false, true)]
    [InlineData(256, 10, 128, true, false)]
    [InlineData(33, 15, 2, true, true)]
    [InlineData(16, 16, 31, false, false)]
    [InlineData(23, 17, 40, true, false)] // two panels, the second one column wide
    [InlineData(40, 128, 64, true, true)] // eight panels (the 64 -> 128 layer)
    [InlineData(19, 41, 33, false, true)] // two full panels and a masked one
    [InlineData(9, 20, 300, true, false)] // a B panel beyond 32 KiB: the GEMM, then the bias
    [InlineData(70, 130, 1000, true, true)] // above 8 million multiply-adds: the GEMM
    public void Double_products_match_the_triple_loop(int m, int n, int k, bool withBias, bool transposedA)
    {
        var rng = new Rng((ulong)(m * 1000 + n * 10 + k));
        // A as a transposed view (X^T, as in dW = X^T dY) or as a column slice of a wider matrix (a row stride > k).
        var a = transposedA ? rng.Normal([k, m], 0.0, 1.0).T : rng.Normal([m, k + 3], 0.0, 1.0)[.., 1..(k + 1)];
        var b = rng.Normal([k, n], 0.0, 1.0);
        var bias = withBias ? rng.Normal([n], 0.0, 4.0) : null;
        var c = NDArray.Full([m, n], double.NaN); // every element must be written, none read
        DenseProducts.Product(a, b, bias, c);
        var (expected, bound) = Reference(ToArray2(a), ToArray2(b), bias?.ToArray());
        var actual = c.ToArray();
        double eps = Precision.Eps<double>();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= bound[i] * eps, $"c[{i / n},{i % n}] = {actual[i]}, expected {expected[i]}");
    }

    [Theory]
    [InlineData(8, 16, 20)]
    [InlineData(11, 30, 9)]
    [InlineData(13, 70, 24)]
    [InlineData(9, 32, 64)]
    [InlineData(5, 1, 3)]
    public void Float_products_match_the_triple_loop(int m, int n, int k)
    {
        var rng = new Rng((ulong)(m + 100 * n + 10_000 * k));
        var a64 = rng.Normal([m, k], 0.0, 1.0);
        var b64 = rng.Normal([k, n], 0.0, 1.0);
        var bias64 = rng.Normal([n], 0.0, 1.0);
        var c = NDArray.Full([m, n], float.NaN);
        DenseProducts.Product(a64.AsType<float>(), b64.AsType<float>(), bias64.AsType<float>(), c);
        // The reference in double on the float-rounded inputs; float accumulation error k eps_f Σ|ab|.
        var (expected, bound) = Reference(ToArray2(a64.AsType<float>().AsType<double>()), ToArray2(b64.AsType<float>().AsType<double>()),
            bias64.AsType<float>().AsType<double>().ToArray());
        var actual = c.ToArray();
        double eps = Precision.Eps<float>();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= bound[i] * eps, $"c[{i / n},{i % n}] = {actual[i]}, expected {expected[i]}");
    }

    [Fact]
    public void Narrow_kernel_leaves_the_columns_beyond_n_untouched()
    {
        // C as the first 10 columns of a 12-column matrix: the masked stores must not write columns 10 and 11.
        var rng = new Rng(3);
        var a = rng.Normal([19, 7], 0.0, 1.0);
        var b = rng.Normal([7, 10], 0.0, 1.0);
        var wide = NDArray.Full([19, 12], 42.0);
        DenseProducts.Product(a, b, null, wide[.., ..10]);
        for (int i = 0; i < 19; i++)
        {
            Assert.Equal(42.0, wide[i, 10]);
            Assert.Equal(42.0, wide[i, 11]);
        }
        var (expected, bound) = Reference(ToArray2(a), ToArray2(b), null);
        for (int i = 0; i < 19; i++)
            for (int j = 0; j < 10; j++)
                Assert.True(Math.Abs(wide[i, j] - expected[i * 10 + j]) <= bound[i * 10 + j] * Precision.Eps<double>());
    }

    [Fact]
    public void Dense_layer_gives_the_same_bits_for_2d_and_3d_inputs_in_training_and_inference()
    {
        // One routine for every path: a (2, 5, 6) input gives the rows of the (10, 6) input, bit for bit.
        var layer = new Dense<double>(6, 10);
        layer.Initialize(new Rng(8));
        layer.Bias.Assign(new Rng(9).Normal([10], 0.0, 1.0));
        var x = new Rng(10).Normal([10, 6], 0.0, 1.0);
        var flat = layer.Forward(x).ToArray();
        var stacked = layer.Forward(x.Reshape(2, 5, 6));
        Assert.Equal(new long[] { 2, 5, 10 }, stacked.Shape.ToArray());
        Assert.Equal(flat, stacked.ToArray());
        var g = new Rng(11).Normal([10, 10], 0.0, 1.0);
        var dx3 = layer.Backward(g.Reshape(2, 5, 10));
        var dw3 = layer.Parameters[0].Grad.ToArray();
        layer.Forward(x);
        var dx2 = layer.Backward(g);
        Assert.Equal(new long[] { 2, 5, 6 }, dx3.Shape.ToArray());
        Assert.Equal(dx2.ToArray(), dx3.ToArray());
        Assert.Equal(layer.Parameters[0].Grad.ToArray(), dw3);
    }

    [Fact]
    public void A_rows_bits_do_not_depend_on_its_batch_or_the_thread_split()
    {
        // 16,400 x 64 @ 64 x 10 is 10.5 million multiply-adds, above DenseProducts.ParallelWork: split by rows over the
        // threads. The same rows in odd-sized pieces (each below the threshold, rows landing in other tile positions)
        // and one row alone give the same bits.
        var rng = new Rng(21);
        var a = rng.Normal([16_400, 64], 0.0, 1.0);
        var b = rng.Normal([64, 10], 0.0, 1.0);
        var bias = rng.Normal([10], 0.0, 1.0);
        Assert.True(16_400L * 64 * 10 >= DenseProducts.ParallelWork);
        var whole = NDArray.Empty<double>(new Shape(16_400, 10));
        DenseProducts.Product(a, b, bias, whole);
        var expected = whole.ToArray();
        var pieces = new double[expected.Length];
        for (int lo = 0, size = 3; lo < 16_400; lo += size, size = size * 2 + 1)
        {
            int hi = Math.Min(16_400, lo + size);
            var part = NDArray.Empty<double>(new Shape(hi - lo, 10));
            DenseProducts.Product(a[lo..hi], b, bias, part);
            part.ToArray().CopyTo(pieces, lo * 10);
        }
        Assert.Equal(expected, pieces);
        var one = NDArray.Empty<double>(new Shape(1, 10));
        DenseProducts.Product(a[12_345..12_346], b, bias, one);
        Assert.Equal(expected.AsSpan(12_345 * 10, 10).ToArray(), one.ToArray());
    }
}
