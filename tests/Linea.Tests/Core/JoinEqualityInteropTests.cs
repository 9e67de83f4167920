using Linea.TestKit;
using SysTensor = System.Numerics.Tensors.Tensor;

namespace Linea.Tests.Core;

public class JoinTests
{
    private static NDArray<double> M(double[,] v) => NDArray.FromArray(v);

    [Fact]
    public void Concatenate_and_stack()
    {
        var a = M(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = M(new double[,] { { 5, 6 } });
        NumAssert.Equal([1.0, 2, 3, 4, 5, 6], NDArray.Concatenate([a, b], 0));
        NumAssert.Equal([1.0, 2, 5, 3, 4, 6], NDArray.Concatenate([a, b.T], 1));
        var s = NDArray.Stack([a, a * 10.0], 0);
        Assert.Equal(new Shape(2, 2, 2), s.Shape);
        Assert.Equal(40.0, s[1, 1, 1]);
        Assert.Equal(new Shape(2, 2, 2), NDArray.Stack([a, a], -1).Shape);
        Assert.Equal(30.0, NDArray.Stack([a, a * 10.0], 2)[1, 0, 1]);
        var ex = Assert.Throws<ShapeMismatchException>(() => NDArray.Concatenate([a, b], 1));
        Assert.Contains("(1, 2)", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => NDArray.Stack([a, b]));
        Assert.Throws<ArgumentException>(() => NDArray.Concatenate(Array.Empty<NDArray<double>>(), 0));
    }

    [Fact]
    public void Hstack_vstack_and_column_stack_with_a_ones_column()
    {
        var x = NDArray.FromArray(new double[] { 1, 2, 3 });
        var y = NDArray.FromArray(new double[] { 4, 5, 6 });
        NumAssert.Equal([1.0, 2, 3, 4, 5, 6], NDArray.HStack(x, y));
        Assert.Equal(new Shape(2, 3), NDArray.VStack(x, y).Shape);
        var X = M(new double[,] { { 10, 20 }, { 30, 40 }, { 50, 60 } });
        var design = NDArray.ColumnStack(NDArray.Ones<double>(3), X); // np.c_[np.ones(3), X]
        NumAssert.Equal([1.0, 10, 20, 1, 30, 40, 1, 50, 60], design);
        Assert.Equal(new Shape(3, 4), NDArray.HStack(X, X).Shape);
    }
}

public class EqualityTests
{
    [Fact]
    public void Exact_equality_needs_equal_shape_and_values()
    {
        var a = NDArray.Arange(6.0).Reshape(2, 3);
        Assert.True(a.Equals(a.Copy()));
        Assert.True(a.T.Equals(a.T.Copy()));
        Assert.False(a.Equals(a.Reshape(3, 2)));
        var b = a.Copy();
        b[1, 1] += 1e-12;
        Assert.False(a.Equals(b));
        Assert.True(NDArray.FromArray(new[] { double.NaN }).Equals(NDArray.FromArray(new[] { double.NaN })));
    }

    [Fact]
    public void AllClose_uses_rtol_atol_and_broadcasts()
    {
        var a = NDArray.FromArray(new[] { 1.0, 1000.0 });
        Assert.True(NDArray.AllClose(a, a + 1e-9));
        Assert.True(NDArray.AllClose(a, NDArray.FromArray(new[] { 1.0, 1000.005 })));   // 1e-5 relative of 1000
        Assert.False(NDArray.AllClose(a, NDArray.FromArray(new[] { 1.0, 1000.02 })));
        Assert.True(NDArray.AllClose(NDArray.Ones<double>(3, 2), NDArray.Scalar(1.0)));
        var nan = NDArray.FromArray(new[] { double.NaN });
        Assert.False(NDArray.AllClose(nan, nan));
        Assert.True(NDArray.AllClose(nan, nan, equalNan: true));
        var inf = NDArray.FromArray(new[] { double.PositiveInfinity });
        Assert.True(NDArray.AllClose(inf, inf));
        Assert.False(NDArray.AllClose(inf, -inf));
        Assert.Equal([true, false], NDArray.IsClose(NDArray.FromArray(new[] { 1.0, 2.0 }), NDArray.Scalar(1.0)).ToArray());
        Assert.Throws<ShapeMismatchException>(() => NDArray.AllClose(NDArray.Zeros<double>(2), NDArray.Zeros<double>(3)));
    }
}

public class InteropTests
{
    [Fact]
    public void To_system_tensor_shares_storage_when_strides_allow()
    {
        var a = NDArray.Arange(6.0).Reshape(2, 3);
        var st = a.T.ToSystemTensor();                 // strides (1, 3): still a view
        Assert.Equal(2, (int)st.Lengths[1]);
        Assert.Equal(a[1, 2], st[2, 1]);
        st[0, 1] = 42;
        Assert.Equal(42.0, a[1, 0]);
        var rev = a["::-1"].ToSystemTensor();           // negative stride: a copy
        Assert.Equal(a[1, 0], rev[0, 0]);
        rev[0, 0] = -7;
        Assert.NotEqual(-7.0, a[1, 0]);
    }

    [Fact]
    public void From_system_tensor_is_a_view_and_from_spans_a_copy()
    {
        var st = SysTensor.Create(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        var t = NDArray.FromSystemTensor(st);
        Assert.Equal(new Shape(2, 3), t.Shape);
        Assert.Equal(6.0, t[1, 2]);
        t[0, 0] = 10;
        Assert.Equal(10.0, st[0, 0]);
        var copy = NDArray.FromTensorSpan(st.AsReadOnlyTensorSpan());
        copy[0, 1] = -1;
        Assert.Equal(2.0, st[0, 1]);
        var span = t.AsTensorSpan();
        span[1, 1] = 55;
        Assert.Equal(55.0, t[1, 1]);
    }

    [Fact]
    public void Arrays_out()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(new double[,] { { 1, 3 }, { 2, 4 } }, a.T.ToArray2D());
        Assert.Equal([3.0, 4], a.ToJagged()[1]);
        Assert.Throws<InvalidOperationException>(() => NDArray.Zeros<double>(3).ToArray2D());
    }
}
