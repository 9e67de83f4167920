using Linea.TestKit;

namespace Linea.Tests.Core;

public class ArithmeticTests
{
    private static NDArray<double> V(params double[] v) => NDArray.FromArray(v);

    [Fact]
    public void Broadcasting_size_one_and_missing_axes()
    {
        var col = V(1, 2, 3).Reshape(3, 1);
        var row = V(10, 20, 30, 40);
        var s = col + row;                               // (3,1) + (4,) -> (3,4)
        Assert.Equal(new Shape(3, 4), s.Shape);
        Assert.Equal(23.0, s[2, 1]);
        var m = NDArray.Arange(6.0).Reshape(2, 3);
        NumAssert.Equal([0.0, 2, 4, 3, 5, 7], m + V(0, 1, 2));
        NumAssert.Equal([0.0, 1, 2, 2, 3, 4], m - V(0, 1).Reshape(2, 1) * 1.0);
        var b3 = NDArray.Ones<double>(4, 1, 3) * NDArray.Arange(6.0).Reshape(2, 3); // (4,1,3)*(2,3) -> (4,2,3)
        Assert.Equal(new Shape(4, 2, 3), b3.Shape);
        Assert.Equal(5.0, b3[3, 1, 2]);
    }

    [Fact]
    public void Scalars_on_either_side_and_zero_d_tensors()
    {
        var a = V(1, 2, 4);
        NumAssert.Equal([2.0, 3, 5], a + 1.0);
        NumAssert.Equal([2.0, 3, 5], 1.0 + a);
        NumAssert.Equal([0.0, -1, -3], 1.0 - a);
        NumAssert.Equal([0.0, 1, 3], a - 1.0);
        NumAssert.Equal([2.0, 4, 8], 2.0 * a);
        NumAssert.Equal([4.0, 2, 1], 4.0 / a);
        NumAssert.Equal([0.5, 1, 2], a / 2.0);
        NumAssert.Equal([-1.0, -2, -4], -a);
        var z = NDArray.Scalar(3.0);
        NumAssert.Equal([3.0, 6, 12], a * z);
        Assert.Equal(new Shape(), (z + z).Shape);
        Assert.Equal(6.0, (z + z).Item());
    }

    [Fact]
    public void Strided_operands_give_the_same_result_as_contiguous_ones()
    {
        var a = Generators.Normal<double>([7, 9], 1);
        var b = Generators.Normal<double>([9, 7], 2);
        var viaViews = a + b.T;
        var viaCopies = a + b.T.Copy();
        NumAssert.Equal(viaCopies, viaViews);
        var rev = a[Slice.Step(-1), Slice.Step(-3)];
        NumAssert.Equal(rev.Copy() * rev.Copy(), rev * rev);
    }

    [Fact]
    public void Empty_tensors_flow_through()
    {
        var e = NDArray.Zeros<double>(0, 3);
        Assert.Equal(new Shape(0, 3), (e + V(1, 2, 3)).Shape);
        Assert.Equal(new Shape(0, 3), NDArray.Exp(e).Shape);
        Assert.Equal(0.0, e.Sum());
        NumAssert.Equal([0.0, 0, 0], e.Sum(0));
        Assert.Equal(new Shape(0), e.Sum(1).Shape);
    }

    [Fact]
    public void Non_broadcastable_shapes_throw_a_specific_error()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => NDArray.Zeros<double>(2, 3) + NDArray.Zeros<double>(2));
        Assert.Equal("add", ex.Operation);
        Assert.Contains("(2, 3) and (2,)", ex.Message);
        Assert.Contains("axis -1 has lengths 3 and 2", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => NDArray.Zeros<float>(4, 3) * NDArray.Zeros<float>(3, 4));
    }

    [Fact]
    public void Comparisons_give_bool_tensors()
    {
        var a = V(1, 2, 3);
        var b = V(3, 2, 1);
        Assert.Equal([true, false, false], (a < b).ToArray());
        Assert.Equal([true, true, false], (a <= b).ToArray());
        Assert.Equal([false, false, true], (a > b).ToArray());
        Assert.Equal([false, true, true], (a >= b).ToArray());
        Assert.Equal([false, true, false], NDArray.Equal(a, b).ToArray());
        Assert.Equal([true, false, true], NDArray.NotEqual(a, b).ToArray());
        Assert.Equal([false, true, true], (a > 1.5).ToArray());
        Assert.Equal([false, true, true], (1.5 < a).ToArray());
        NumAssert.Equal([2.0, 2, 3], NDArray.Maximum(2.0, a));
        var nan = V(double.NaN);
        Assert.Equal([false], NDArray.Equal(nan, nan).ToArray());
        Assert.Equal([true], NDArray.NotEqual(nan, nan).ToArray());
        Assert.Equal([false], (nan < 1.0).ToArray());
        Assert.Equal([false], (nan >= 1.0).ToArray());
    }

    [Fact]
    public void Maximum_minimum_propagate_nan_as_numpy()
    {
        var a = V(1, double.NaN, 5);
        var b = V(3, 2, double.NegativeInfinity);
        var mx = NDArray.Maximum(a, b);
        Assert.Equal(3.0, mx[0]);
        Assert.True(double.IsNaN(mx[1]));
        Assert.Equal(5.0, mx[2]);
        var mn = NDArray.Minimum(a, b);
        Assert.True(double.IsNaN(mn[1]));
        Assert.Equal(double.NegativeInfinity, mn[2]);
        NumAssert.Equal([2.0, 2, 3], NDArray.Maximum(V(1, 2, 3), 2.0));
        NumAssert.Equal([1.0, 2, 2], NDArray.Minimum(V(1, 2, 3), 2.0));
    }

    [Fact]
    public void Pow_and_where()
    {
        NumAssert.Equal([1.0, 4, 9], NDArray.Pow(V(1, 2, 3), 2.0));
        NumAssert.Equal([1.0, 8, 81], NDArray.Pow(V(1, 2, 3), V(5, 3, 4)));
        var w = NDArray.Where(V(1, 0, 1) > 0.0, V(10, 20, 30), NDArray.Scalar(-1.0));
        NumAssert.Equal([10.0, -1, 30], w);
    }

    [Fact]
    public void Float_and_double_behave_alike()
    {
        var f = NDArray.FromArray(new float[] { 1.5f, -2f }) * 2f + 1f;
        NumAssert.Equal([4f, -3f], f);
    }
}
