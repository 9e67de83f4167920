using Linea.TestKit;

namespace Linea.Tests.Core;

public class ViewTests
{
    private static NDArray<double> Grid(int rows, int cols) => NDArray.Arange((double)rows * cols).Reshape(rows, cols);

    [Fact]
    public void Element_indexing_with_negative_indices_and_errors()
    {
        var a = Grid(3, 4);
        Assert.Equal(11.0, a[-1, -1]);
        Assert.Equal(4.0, a[1, 0]);
        var ex = Assert.Throws<TensorIndexOutOfRangeException>(() => a[3, 0]);
        Assert.Contains("index 3 is out of range for axis 0 with size 3", ex.Message);
        var ex2 = Assert.Throws<TensorIndexOutOfRangeException>(() => a[1]);
        Assert.Contains("A[1, ..]", ex2.Message);
        Assert.Throws<TensorIndexOutOfRangeException>(() => a[0, 0, 0]);
    }

    [Fact]
    public void Slices_with_ranges_steps_and_negative_indices_are_views()
    {
        var a = Grid(3, 4);
        var v = a[1.., Slice.Step(2)];                 // NumPy a[1:, ::2]
        Assert.Equal(new Shape(2, 2), v.Shape);
        NumAssert.Equal([4.0, 6, 8, 10], v);
        NumAssert.Equal(v, a["1:, ::2"]);
        v[0, 0] = -1;
        Assert.Equal(-1.0, a[1, 0]);                   // shares storage

        NumAssert.Equal([3.0, 7, 11], a[.., ^1]);       // a[:, -1]
        NumAssert.Equal([8.0, 9, 10, 11], a[-1, ..]);
        NumAssert.Equal([11.0, 10, 9, 8], a["-1, ::-1"]);
        NumAssert.Equal([9.0, 5], a["2:0:-1, 1"]);     // negative step with bounds
        NumAssert.Equal([1.0, 2], a["0, 1:3"]);
        Assert.Equal(new Shape(0, 4), a["5:"].Shape);   // out-of-range slices clamp, as NumPy
        Assert.Equal(new Shape(3, 0), a[.., 3..1].Shape);
    }

    [Fact]
    public void Views_of_views_and_negative_strides_compose()
    {
        var a = Grid(4, 5);
        var r = a[Slice.Step(-1), Slice.Step(-2)];     // a[::-1, ::-2]
        NumAssert.Equal([19.0, 17, 15, 14, 12, 10, 9, 7, 5, 4, 2, 0], r);
        var rr = r[1..3, 1..];                          // rows 14.., cols 17.. reversed twice
        NumAssert.Equal([12.0, 10, 7, 5], rr);
        var t = rr.T;
        NumAssert.Equal([12.0, 7, 10, 5], t);
        t[1, 1] = 100;
        Assert.Equal(100.0, a[1, 0]);
    }

    [Fact]
    public void Ellipsis_and_newaxis()
    {
        var a = NDArray.Arange(24.0).Reshape(2, 3, 4);
        NumAssert.Equal(a[.., .., 1], a["..., 1"]);
        Assert.Equal(new Shape(2, 1, 3, 4), a[.., Slice.NewAxis].Shape);
        Assert.Equal(new Shape(2, 3, 4, 1), a["..., None"].Shape);
        Assert.Throws<TensorIndexOutOfRangeException>(() => a["..., 0, ..."]);
        Assert.Throws<TensorIndexOutOfRangeException>(() => a["0, 0, 0, 0"]);
        Assert.Throws<FormatException>(() => a["1:x"]);
        Assert.Throws<FormatException>(() => a["::0"]);
        var ex = Assert.Throws<TensorIndexOutOfRangeException>(() => a[^0, 0, 0]); // ^0 is past the end
        Assert.Contains("^1", ex.Message);
        Assert.Equal(a[1, 2, 3], a[^1, ^1, ^1].Item());
    }

    [Fact]
    public void Assignment_through_slices_broadcasts_and_handles_overlap()
    {
        var a = NDArray.Zeros<double>(3, 3);
        a[1, ..] = NDArray.FromArray(new double[] { 1, 2, 3 });
        a[.., 0] = 9.0;
        NumAssert.Equal([9.0, 0, 0, 9, 2, 3, 9, 0, 0], a);
        var ex = Assert.Throws<ShapeMismatchException>(() => a[0, ..] = NDArray.Zeros<double>(2));
        Assert.Contains("(2,)", ex.Message);
        var v = NDArray.Arange(5.0);
        v[1..] = v[..^1];                               // overlapping shift: NumPy gives [0,0,1,2,3]
        NumAssert.Equal([0.0, 0, 1, 2, 3], v);
    }

    [Fact]
    public void Transpose_swapaxes_moveaxis_and_mT()
    {
        var a = NDArray.Arange(24.0).Reshape(2, 3, 4);
        Assert.Equal(new Shape(4, 3, 2), a.T.Shape);
        Assert.Equal(a[1, 2, 3], a.T[3, 2, 1]);
        var p = a.Transpose(1, 0, 2);
        Assert.Equal(new Shape(3, 2, 4), p.Shape);
        Assert.Equal(a[1, 2, 3], p[2, 1, 3]);
        Assert.Equal(new Shape(2, 4, 3), a.MT.Shape);
        Assert.Equal(new Shape(2, 4, 3), a.SwapAxes(-2, -1).Shape);
        Assert.Equal(new Shape(3, 4, 2), a.MoveAxis(0, -1).Shape);
        Assert.Equal(a[1, 2, 3], a.MoveAxis(0, -1)[2, 3, 1]);
        var ex = Assert.Throws<ArgumentException>(() => a.Transpose(-2, -1));
        Assert.Contains("SwapAxes(-2, -1)", ex.Message);
        Assert.Throws<ArgumentException>(() => a.Transpose(0, 0, 1));
        Assert.Throws<AxisOutOfRangeException>(() => a.SwapAxes(0, 3));
        Assert.Throws<InvalidOperationException>(() => NDArray.Zeros<double>(3).MT);
        Assert.Equal(new Shape(3), NDArray.Zeros<double>(3).T.Shape);
    }

    [Fact]
    public void Reshape_is_a_view_when_possible_and_a_copy_otherwise()
    {
        var a = NDArray.Arange(12.0);
        var r = a.Reshape(3, -1);
        Assert.Equal(new Shape(3, 4), r.Shape);
        r[0, 0] = 50;
        Assert.Equal(50.0, a[0]);                       // view

        var t = Grid(3, 4).T;                           // (4,3), not contiguous
        var flat = t.Reshape(-1);                       // must copy: C order of the transpose
        NumAssert.Equal([0.0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], flat);

        var g = NDArray.Arange(24.0).Reshape(2, 3, 4);
        var s = g[.., .., 1..3];                        // (2,3,2) strided
        var merged = g.Transpose(1, 0, 2).Reshape(3, 8);
        Assert.Equal(g[1, 2, 3], merged[2, 7]);
        var splitView = g[.., 1..3, ..].Reshape(2, 2, 2, 2); // splitting the last axis keeps a view
        splitView[1, 1, 1, 1] = -5;
        Assert.Equal(-5.0, g[1, 2, 3]);
        NumAssert.Equal([1.0, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22], s.Reshape(12));

        var ex = Assert.Throws<ShapeMismatchException>(() => a.Reshape(5, -1));
        Assert.Contains("12 is not a multiple of 5", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => a.Reshape(-1, -1));
        Assert.Throws<ShapeMismatchException>(() => a.Reshape(4, 4));
        Assert.Equal(new Shape(0, 5), NDArray.Zeros<double>(5, 0).Reshape(0, 5).Shape);
        Assert.Equal(new Shape(), NDArray.Ones<double>(1, 1).Reshape().Shape);
    }

    [Fact]
    public void Squeeze_expand_and_ravel()
    {
        var a = NDArray.Zeros<double>(1, 3, 1, 2);
        Assert.Equal(new Shape(3, 2), a.Squeeze().Shape);
        Assert.Equal(new Shape(3, 1, 2), a.Squeeze(0).Shape);
        Assert.Throws<ArgumentException>(() => a.Squeeze(1));
        Assert.Equal(new Shape(3, 1), NDArray.Zeros<double>(3).ExpandDims(-1).Shape);
        Assert.Equal(new Shape(1, 3), NDArray.Zeros<double>(3).ExpandDims(0).Shape);
        Assert.Throws<AxisOutOfRangeException>(() => NDArray.Zeros<double>(3).ExpandDims(3));
        var g = Grid(2, 3);
        var rv = g.Ravel();
        rv[0] = 7;
        Assert.Equal(7.0, g[0, 0]);
        var fl = g.Flatten();
        fl[1] = 8;
        Assert.Equal(1.0, g[0, 1]);
    }

    [Fact]
    public void BroadcastTo_is_a_read_only_view()
    {
        var row = NDArray.FromArray(new double[] { 1, 2, 3 });
        var b = row.BroadcastTo(4, 3);
        Assert.Equal(new Shape(4, 3), b.Shape);
        Assert.Equal(0, b.Strides[0]);
        Assert.Equal(3.0, b[3, 2]);
        Assert.True(b.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => b[0, 0] = 1);
        Assert.Throws<InvalidOperationException>(() => b.AsSpan());
        var c = b.Copy();
        c[0, 0] = 5;
        Assert.Equal(1.0, row[0]);
        var ex = Assert.Throws<ShapeMismatchException>(() => row.BroadcastTo(3, 4));
        Assert.Contains("cannot be broadcast", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => NDArray.Zeros<double>(2, 3).BroadcastTo(3));
    }

    [Fact]
    public void Contiguous_copy_and_spans()
    {
        var g = Grid(3, 4);
        Assert.True(g.IsContiguous);
        Assert.Same(g, g.Contiguous());
        Assert.Equal(12, g.AsSpan().Length);
        var t = g.T;
        Assert.False(t.IsContiguous);
        var ex = Assert.Throws<InvalidOperationException>(() => t.AsSpan());
        Assert.Contains("Contiguous()", ex.Message);
        var tc = t.Contiguous();
        Assert.True(tc.IsContiguous);
        NumAssert.Equal(t, tc);
        Assert.True(g[1..2, ..].IsContiguous);         // a row block stays contiguous
        Assert.False(g[.., 1..].IsContiguous);
        Assert.Equal(new[] { 0.0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 }, t.ToArray());
        Assert.Equal(3.0, NDArray.Scalar(3.0).Item());
        Assert.Throws<InvalidOperationException>(() => g.Item());
    }

    [Fact]
    public void Diagonal_views()
    {
        var g = Grid(3, 4);
        NumAssert.Equal([0.0, 5, 10], g.Diagonal());
        NumAssert.Equal([1.0, 6, 11], g.Diagonal(1));
        NumAssert.Equal([4.0, 9], g.Diagonal(-1));
        Assert.Equal(0, g.Diagonal(5).Size);
    }

    [Fact]
    public void Views_into_a_zero_length_axis_are_empty_and_readable()
    {
        // Indexing a (2, 3, 0) tensor at [1, 2] gives a view whose offset (5, from the strides) lies past the empty
        // storage: its spans and copies must still be empty, not out of range.
        var z = NDArray.Zeros<double>(2, 3, 0);
        var v = z[1, 2, ..];
        Assert.Equal(new Shape(0), v.Shape);
        Assert.Empty(v.ToArray());
        Assert.Equal(0, v.AsSpan().Length);
        Assert.Equal(0, v.AsReadOnlySpan().Length);
        Assert.Equal(new Shape(0), v.Copy().Shape);
        Assert.Empty(NDArray.Zeros<double>(2, 3, 0, 0)[1, 2, .., ..].Contiguous().ToArray());
    }
}
