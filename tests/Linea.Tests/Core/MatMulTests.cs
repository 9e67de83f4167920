using Linea.TestKit;

namespace Linea.Tests.Core;

public class MatMulTests
{
    /// <summary>Slow, obviously correct reference: sums in double.</summary>
    private static double[,] Naive(NDArray<double> a, NDArray<double> b)
    {
        int m = (int)a.Shape[0], k = (int)a.Shape[1], n = (int)b.Shape[1];
        var c = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i, p] * b[p, j];
                c[i, j] = s;
            }
        return c;
    }

    [Fact]
    public void Two_by_two_product_by_hand()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = NDArray.FromArray(new double[,] { { 5, 6 }, { 7, 8 } });
        NumAssert.Equal([19.0, 22, 43, 50], a.MatMul(b));
        NumAssert.Equal([5.0, 12, 21, 32], a * b);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 2)]
    [InlineData(17, 9, 33)]
    [InlineData(64, 65, 130)]
    [InlineData(0, 4, 3)]
    [InlineData(4, 0, 3)]
    [InlineData(4, 3, 0)]
    public void Small_integer_products_are_exact(int m, int k, int n)
    {
        var a = Generators.SmallIntegers<double>([m, k], 8, 11);
        var b = Generators.SmallIntegers<double>([k, n], 8, 12);
        var c = a.MatMul(b);
        Assert.Equal(new Shape(m, n), c.Shape);
        NumAssert.Equal(NDArray.FromArray(Naive(a, b)), c);
    }

    [Fact]
    public void Transposed_and_sliced_views_multiply_without_copies_by_the_caller()
    {
        var a = Generators.SmallIntegers<double>([20, 30], 5, 1);
        var b = Generators.SmallIntegers<double>([40, 30], 5, 2);
        var expected = NDArray.FromArray(Naive(a, b.T.Copy()));
        NumAssert.Equal(expected, a.MatMul(b.T));
        var big = Generators.SmallIntegers<double>([50, 70], 5, 3);
        var av = big[5..25, Slice.Range(1, 61, 2)];    // (20,30) strided
        var bv = big[Slice.Range(49, 9, -1), 2..32];   // (40,30) reversed rows
        NumAssert.Equal(NDArray.FromArray(Naive(av.Copy(), bv.T.Copy())), av.MatMul(bv.T));
        var f = Generators.SmallIntegers<float>([9, 4], 3, 4);
        var fb = Generators.SmallIntegers<float>([9, 5], 3, 5);
        Assert.Equal(new Shape(4, 5), f.T.MatMul(fb).Shape);
    }

    [Fact]
    public void Random_products_within_the_rounding_error_bound()
    {
        var a = Generators.Normal<double>([37, 129], 5);
        var b = Generators.Normal<double>([129, 41], 6);
        var c = a.MatMul(b).ToArray();
        var reference = Naive(a, b).Cast<double>().ToArray();
        // |fl(AB) - AB| <= k eps (|A||B|)_ij (Higham 3.5); both sides carry such an error, so bound 2 k eps.
        var absProd = Naive(NDArray.Abs(a), NDArray.Abs(b)).Cast<double>().ToArray();
        var bound = absProd.Select(x => 2 * 129 * Math.Pow(2, -53) * x).ToArray();
        NumAssert.WithinBounds(reference, c, bound, "matmul");
    }

    [Fact]
    public void Vector_cases_follow_numpy()
    {
        var m = NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var v3 = NDArray.FromArray(new double[] { 1, 0, -1 });
        var v2 = NDArray.FromArray(new double[] { 1, 1 });
        var mv = m.MatMul(v3);
        Assert.Equal(new Shape(2), mv.Shape);
        NumAssert.Equal([-2.0, -2], mv);
        var vm = v2.MatMul(m);
        Assert.Equal(new Shape(3), vm.Shape);
        NumAssert.Equal([5.0, 7, 9], vm);
        var vv = v3.MatMul(v3);
        Assert.Equal(new Shape(), vv.Shape);
        Assert.Equal(2.0, vv.Item());
        Assert.Equal(2.0, NDArray.Dot(v3, v3));
        Assert.Equal(new Shape(2, 3), NDArray.Zeros<double>(2, 3, 4).MatMul(NDArray.Zeros<double>(4)).Shape);
        Assert.Equal(new Shape(2, 4), NDArray.Zeros<double>(3).MatMul(NDArray.Zeros<double>(2, 3, 4)).Shape);
    }

    [Fact]
    public void Batched_stacks_broadcast_their_leading_axes()
    {
        var a = Generators.SmallIntegers<double>([4, 1, 5, 6], 4, 7);
        var b = Generators.SmallIntegers<double>([3, 6, 2], 4, 8);
        var c = a.MatMul(b);
        Assert.Equal(new Shape(4, 3, 5, 2), c.Shape);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++)
                NumAssert.Equal(NDArray.FromArray(Naive(a[i, 0, ..].Copy(), b[j, ..].Copy())), c[i, j, ..]);
    }

    [Fact]
    public void Attention_shaped_batches()
    {
        var q = Generators.SmallIntegers<float>([2, 3, 16, 8], 3, 9);
        var k = Generators.SmallIntegers<float>([2, 3, 16, 8], 3, 10);
        var scores = q.MatMul(k.MT);
        Assert.Equal(new Shape(2, 3, 16, 16), scores.Shape);
        var qi = q[1, 2, ..].Copy();
        var ki = k[1, 2, ..].Copy();
        for (int i = 0; i < 16; i += 5)
            for (int j = 0; j < 16; j += 3)
            {
                float s = 0;
                for (int p = 0; p < 8; p++) s += qi[i, p] * ki[j, p];
                Assert.Equal(s, scores[1, 2, i, j]);
            }
        var big = NDArray.Zeros<float>(32, 8, 128, 64).MatMul(NDArray.Zeros<float>(32, 8, 64, 128));
        Assert.Equal(new Shape(32, 8, 128, 128), big.Shape);
    }

    [Fact]
    public void Inner_dimension_mismatch_names_shapes_and_suggests_the_transpose()
    {
        var x = NDArray.Zeros<double>(32, 784);
        var w = NDArray.Zeros<double>(256, 784);
        var ex = Assert.Throws<ShapeMismatchException>(() => x.MatMul(w));
        Assert.Equal("matmul", ex.Operation);
        Assert.Contains("(32, 784) @ (256, 784)", ex.Message);
        Assert.Contains("inner dimensions 784 and 256 differ", ex.Message);
        Assert.Contains("did you mean B.T?", ex.Message);
        Assert.Equal(new Shape(32, 256), x.MatMul(w.T).Shape);
        var ex2 = Assert.Throws<ShapeMismatchException>(() => NDArray.Zeros<double>(3, 2).MatMul(NDArray.Zeros<double>(3, 4)));
        Assert.Contains("did you mean A.T?", ex2.Message);
        Assert.Throws<ShapeMismatchException>(() => NDArray.Zeros<double>(2, 3, 4).MatMul(NDArray.Zeros<double>(3, 4, 5)));
        Assert.Throws<ArgumentException>(() => NDArray.Scalar(2.0).MatMul(x));
        Assert.Throws<ShapeMismatchException>(() => NDArray.Dot(NDArray.Zeros<double>(3), NDArray.Zeros<double>(4)));
    }

    [Fact]
    public void Beta_zero_never_reads_c()
    {
        var c = NDArray.Full([2, 2], double.NaN);
        var a = NDArray.Eye<double>(2);
        Linea.Kernels.Gemm.Gemm.Multiply(2, 2, 2, 1.0, a.Data, 0, 2, 1, a.Data, 0, 2, 1, 0.0, c.Data, 0, 2, 1, Parallelism.Default);
        NumAssert.Equal([1.0, 0, 0, 1], c);
    }

    [Fact]
    public void Outer_and_trace()
    {
        var o = NDArray.Outer(NDArray.FromArray(new double[] { 1, 2 }), NDArray.FromArray(new double[] { 3, 4, 5 }));
        NumAssert.Equal([3.0, 4, 5, 6, 8, 10], o);
        var m = NDArray.Arange(9.0).Reshape(3, 3);
        Assert.Equal(12.0, NDArray.Trace(m));
        Assert.Equal(6.0, NDArray.Trace(m, 1));
        Assert.Throws<ArgumentException>(() => NDArray.Trace(NDArray.Zeros<double>(3)));
    }

    [Fact]
    public void StackedShapeErrorsHintTheMatrixTranspose()
    {
        // (2, 3, 4) @ (2, 3, 4): the fix is swapping the last two axes of B (B.MT), not reversing all of them (B.T).
        var q = NDArray.Zeros<double>(2, 3, 4);
        var e = Assert.Throws<ShapeMismatchException>(() => q.MatMul(q));
        Assert.Contains("B.MT", e.Message);
        Assert.DoesNotContain("did you mean B.T", e.Message);
        Assert.Equal(new Shape(2, 3, 3), q.MatMul(q.MT).Shape);
        var m = Assert.Throws<ShapeMismatchException>(() => NDArray.Zeros<double>(3, 4).MatMul(NDArray.Zeros<double>(3, 4)));
        Assert.Contains("did you mean B.T", m.Message);
    }
}
