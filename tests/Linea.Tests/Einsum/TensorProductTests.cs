using Linea.TestKit;

namespace Linea.Tests.Einsum;

public class TensorProductTests
{
    private static NDArray<double> Arange(int n, params long[] shape) => NDArray.Arange((double)n).Reshape(shape);

    [Fact]
    public void Tensordot_over_axis_pairs_matches_numpys_documented_example()
    {
        // numpy.tensordot docs: a = arange(60.).reshape(3,4,5), b = arange(24.).reshape(4,3,2), axes=([1,0],[0,1])
        var c = NDArray.Tensordot(Arange(60, 3, 4, 5), Arange(24, 4, 3, 2), [1, 0], [0, 1]);
        Assert.Equal(new Shape(5, 2), c.Shape);
        NumAssert.Equal([4400.0, 4730, 4532, 4874, 4664, 5018, 4796, 5162, 4928, 5306], c);
    }

    [Fact]
    public void Tensordot_with_an_axis_count()
    {
        var a = Arange(6, 2, 3);
        var b = Arange(12, 3, 4);
        NumAssert.Equal(a.MatMul(b), NDArray.Tensordot(a, b, 1));           // axes=1 on matrices: the matrix product
        NumAssert.Equal([NDArray.Dot(a.Ravel(), a.Ravel())], NDArray.Tensordot(a, a, 2)); // axes=2: full contraction
        var outer = NDArray.Tensordot(a, b, 0);                               // axes=0: outer product
        Assert.Equal(new Shape(2, 3, 3, 4), outer.Shape);
        Assert.Equal(a[1, 2] * b[2, 3], outer[1, 2, 2, 3]);
        // negative axes count from the end, and the result equals the einsum spelling of the same sum
        var x = Generators.SmallIntegers<double>([3, 4, 5], 5, 1);
        var y = Generators.SmallIntegers<double>([5, 2, 3], 5, 2);
        NumAssert.Equal(NDArray.Einsum("ijk,kli->jl", x, y), NDArray.Tensordot(x, y, [-1, 0], [0, -1]));
    }

    [Fact]
    public void Tensordot_errors_name_axes_and_shapes()
    {
        var a = NDArray.Zeros<double>(2, 3);
        var b = NDArray.Zeros<double>(4, 5);
        var e = Assert.Throws<ShapeMismatchException>(() => NDArray.Tensordot(a, b, 1));
        Assert.Contains("axis 1 of a has length 3 but axis 0 of b has length 4", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NDArray.Tensordot(a, b, 3));
        Assert.Throws<ArgumentException>(() => NDArray.Tensordot(a, b, [0, 1], [0]));
        Assert.Throws<ArgumentException>(() => NDArray.Tensordot(a, a, [0, 0], [0, 1]));
        Assert.Throws<AxisOutOfRangeException>(() => NDArray.Tensordot(a, b, [2], [0]));
    }

    [Fact]
    public void Inner_sums_over_the_last_axes()
    {
        // numpy.inner docs: inner(arange(24).reshape(2,3,4), arange(4)) = [[14, 38, 62], [86, 110, 134]]
        NumAssert.Equal([14.0, 38, 62, 86, 110, 134], NDArray.Inner(Arange(24, 2, 3, 4), NDArray.Arange(4.0)));
        var a = Generators.SmallIntegers<double>([2, 3, 4], 5, 3);
        var b = Generators.SmallIntegers<double>([5, 4], 5, 4);
        var r = NDArray.Inner(a, b);
        Assert.Equal(new Shape(2, 3, 5), r.Shape);
        NumAssert.Equal(a.MatMul(b.T), r);                                   // inner(A, B) = A @ B.T
        NumAssert.Equal([32.0], NDArray.Inner(NDArray.FromArray(new double[] { 1, 2, 3 }), NDArray.FromArray(new double[] { 4, 5, 6 })));
        NumAssert.Equal(a * 3.0, NDArray.Inner(a, NDArray.Full<double>(Array.Empty<long>(), 3.0)));  // a 0-d operand scales
        Assert.Throws<ShapeMismatchException>(() => NDArray.Inner(a, NDArray.Zeros<double>(3)));
    }

    [Fact]
    public void Kron_of_vectors_and_matrices_by_hand()
    {
        NumAssert.Equal([5.0, 6, 7, 50, 60, 70, 500, 600, 700],
            NDArray.Kron(NDArray.FromArray(new double[] { 1, 10, 100 }), NDArray.FromArray(new double[] { 5, 6, 7 })));
        var a = NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = NDArray.FromArray(new double[,] { { 0, 5 }, { 6, 7 } });
        // blocks a[i, j] * b
        NumAssert.Equal([0.0, 5, 0, 10, 6, 7, 12, 14, 0, 15, 0, 20, 18, 21, 24, 28], NDArray.Kron(a, b));
        // ranks differ: the vector becomes a 1 x 3 matrix
        var k = NDArray.Kron(a, NDArray.FromArray(new double[] { 1, 2, 3 }));
        Assert.Equal(new Shape(2, 6), k.Shape);
        NumAssert.Equal([1.0, 2, 3, 2, 4, 6, 3, 6, 9, 4, 8, 12], k);
    }

    [Fact]
    public void Kron_in_three_dimensions_follows_the_index_rule()
    {
        var a = Generators.SmallIntegers<double>([2, 3, 2], 4, 5);
        var b = Generators.SmallIntegers<double>([3, 1, 2], 4, 6).Transpose(2, 1, 0); // (2, 1, 3), strided
        var k = NDArray.Kron(a, b);
        Assert.Equal(new Shape(4, 3, 6), k.Shape);
        for (int i0 = 0; i0 < 2; i0++) for (int i1 = 0; i1 < 3; i1++) for (int i2 = 0; i2 < 2; i2++)
            for (int j0 = 0; j0 < 2; j0++) for (int j2 = 0; j2 < 3; j2++)
                Assert.Equal(a[i0, i1, i2] * b[j0, 0, j2], k[i0 * 2 + j0, i1, i2 * 3 + j2]);
    }

    [Fact]
    public void Kron_mixed_product_identity()
    {
        // (A ⊗ B)(C ⊗ D) = (AC) ⊗ (BD), exact on small integers
        var a = Generators.SmallIntegers<double>([2, 3], 3, 7);
        var b = Generators.SmallIntegers<double>([3, 2], 3, 8);
        var c = Generators.SmallIntegers<double>([3, 2], 3, 9);
        var d = Generators.SmallIntegers<double>([2, 4], 3, 10);
        NumAssert.Equal(NDArray.Kron(a.MatMul(c), b.MatMul(d)), NDArray.Kron(a, b).MatMul(NDArray.Kron(c, d)));
    }

    [Fact]
    public void Outer_flattens_n_d_operands_as_numpy_does()
    {
        var a = Arange(4, 2, 2);
        var b = NDArray.FromArray(new double[] { 1, 10, 100 });
        var o = NDArray.Outer(a, b);
        Assert.Equal(new Shape(4, 3), o.Shape);
        NumAssert.Equal(NDArray.Einsum("i,j->ij", a.Ravel(), b), o);
        NumAssert.Equal(NDArray.Einsum("ij,k->ijk", a, b).Reshape(4, 3), o);
    }
}
