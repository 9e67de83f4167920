namespace Linea.Tests.DTypes;

public class BoolAndIndexingTests
{
    private static NDArray<double> M34() => NDArray.Arange(12.0).Reshape(3, 4); // [[0..3], [4..7], [8..11]]

    [Fact]
    public void Integer_and_bool_tensors_print_as_numpy()
    {
        Assert.Equal("[ 1 -2 30]", NDArray.FromArray([1, -2, 30]).ToString());
        Assert.Equal("[[ 1  2]\n [30  4]]", NDArray.FromArray(new long[,] { { 1, 2 }, { 30, 4 } }).ToString());
        Assert.Equal("[ True False  True]", NDArray.FromArray([true, false, true]).ToString());
        Assert.Equal("7", NDArray.Scalar(7).ToString());
        Assert.Equal("False", NDArray.Scalar(false).ToString());
        Assert.Equal("[]", NDArray.Zeros<int>(0).ToString());
    }

    [Fact]
    public void Integer_and_bool_tensors_share_views_equality_and_reshapes()
    {
        var a = NDArray.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([1, 4, 2, 5, 3, 6], a.T.ToArray());
        Assert.Equal([2, 5], a[.., 1].ToArray());
        Assert.Equal(a, NDArray.FromArray([1, 2, 3, 4, 5, 6]).Reshape(2, 3));
        Assert.NotEqual(a, a.T.Copy());
        var b = NDArray.Zeros<bool>(2, 2);
        b[1, ..] = true;
        Assert.Equal([false, false, true, true], b.ToArray());
        Assert.Equal([true, true], b.BroadcastTo(3, 2, 2)[2, 1, ..].ToArray());
        Assert.Equal(new Shape(2, 2), b.Shape);
        Assert.Equal(typeof(bool), b.ElementType);
    }

    [Fact]
    public void Logical_operators_and_reductions()
    {
        var p = NDArray.FromArray([true, true, false, false]);
        var q = NDArray.FromArray([true, false, true, false]);
        Assert.Equal([true, false, false, false], (p & q).ToArray());
        Assert.Equal([true, true, true, false], (p | q).ToArray());
        Assert.Equal([false, true, true, false], (p ^ q).ToArray());
        Assert.Equal([false, false, true, true], (!p).ToArray());
        Assert.Equal([false, false, true, true], (~p).ToArray());
        Assert.Equal([true, false, false, true], NDArray.Equal(p, q).ToArray());
        Assert.Equal([false, true, true, false], NDArray.NotEqual(p, q).ToArray());
        Assert.Equal([false, true], (p.Reshape(2, 2) & NDArray.FromArray([false, true])).ToArray()[..2]); // broadcast row
        Assert.True(NDArray.Any(p));
        Assert.False(NDArray.All(p));
        Assert.True(NDArray.All(NDArray.Zeros<bool>(0)));
        Assert.False(NDArray.Any(NDArray.Zeros<bool>(0)));
        Assert.Equal(2, NDArray.CountNonzero(p));
        Assert.Equal(3, NDArray.CountNonzero(NDArray.FromArray([0.0, -0.0, double.NaN, 2.0, -1.0])));
        Assert.Equal(2, NDArray.CountNonzero(NDArray.FromArray([0, 5, 0, -3])));
        var m = NDArray.FromArray(new[,] { { true, false, true }, { false, false, true } });
        Assert.Equal([1L, 0L, 2L], NDArray.CountNonzero(m, 0).ToArray());
        Assert.Equal([false, false, true], NDArray.All(m, 0).ToArray());
        Assert.Equal([true, true], NDArray.Any(m, 1).ToArray());
        Assert.Equal(new Shape(2, 1), NDArray.Any(m, 1, keepDims: true).Shape);
    }

    [Fact]
    public void Where_picks_by_a_bool_condition_with_broadcasting()
    {
        var x = M34();
        var w = NDArray.Where(x > 5.0, x, 0.0);
        Assert.Equal([0.0, 0, 0, 0, 0, 0, 6, 7, 8, 9, 10, 11], w.ToArray());
        var col = NDArray.FromArray([true, false, true]).Reshape(3, 1);
        Assert.Equal([0.0, 1, 2, 3, -1, -1, -1, -1, 8, 9, 10, 11], NDArray.Where(col, x, -1.0).ToArray());
        Assert.Equal([7, 2], NDArray.Where(NDArray.FromArray([true, false]), NDArray.FromArray([7, 8]), NDArray.FromArray([1, 2])).ToArray());
        Assert.Throws<ShapeMismatchException>(() => NDArray.Where(NDArray.FromArray([true, false]), x, 0.0));
    }

    [Fact]
    public void Boolean_mask_reads_a_copy_in_c_order()
    {
        var x = M34();
        var picked = x[x > 6.5];
        Assert.Equal(new Shape(5), picked.Shape);
        Assert.Equal([7.0, 8, 9, 10, 11], picked.ToArray());
        picked[0] = -1; // a copy: x is unchanged
        Assert.Equal(7.0, x[1, 3]);
        var rows = x[NDArray.FromArray([true, false, true])];
        Assert.Equal(new Shape(2, 4), rows.Shape);
        Assert.Equal([0.0, 1, 2, 3, 8, 9, 10, 11], rows.ToArray());
        Assert.Equal(new Shape(0), x[x > 100.0].Shape);
        // a strided view reads in its logical order
        Assert.Equal([4.0, 8, 5, 9, 6, 10, 7, 11], x.T[x.T > 3.5].ToArray()); // x.T rows: [0 4 8] [1 5 9] [2 6 10] [3 7 11]
    }

    [Fact]
    public void Boolean_mask_write_round_trips()
    {
        var x = M34();
        var mask = NDArray.Equal(NDArray.FromArray([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], 3, 4), 0); // 0, 3, 6, 9
        var before = x.Copy();
        x[mask] = -1.0;
        Assert.Equal([-1.0, 1, 2, -1, 4, 5, -1, 7, 8, -1, 10, 11], x.ToArray());
        x[mask] = before[mask];           // the selection written back restores the tensor
        Assert.Equal(before, x);
        x[mask] = NDArray.FromArray([10.0, 20, 30, 40]);
        Assert.Equal([10.0, 20, 30, 40], x[mask].ToArray());
        var y = M34();
        y[NDArray.FromArray([false, true, false])] = NDArray.FromArray([1.0, 2, 3, 4]); // a row, broadcast
        Assert.Equal([1.0, 2, 3, 4], y[1, ..].ToArray());
        var t = M34();
        t.T[t.T > 9.5] = 0.0;             // through a transposed view
        Assert.Equal([0.0, 0.0], t[2, 2..].ToArray());
        Assert.Throws<ShapeMismatchException>(() => x[mask] = NDArray.FromArray([1.0, 2.0]));
    }

    [Fact]
    public void Boolean_mask_of_the_wrong_shape_names_the_axis()
    {
        var x = M34();
        var e = Assert.Throws<TensorIndexOutOfRangeException>(() => x[NDArray.FromArray([true, false])]);
        Assert.Contains("axis 0", e.Message);
        Assert.Contains("length 3 but the mask's has 2", e.Message);
        e = Assert.Throws<TensorIndexOutOfRangeException>(() => x[NDArray.Zeros<bool>(3, 5)]);
        Assert.Contains("axis 1", e.Message);
        Assert.Throws<InvalidOperationException>(() => x.BroadcastTo(2, 3, 4)[NDArray.Zeros<bool>(2)] = 1.0);
    }

    [Fact]
    public void Integer_array_indexing_reads_and_writes()
    {
        var x = M34();
        var rows = x[NDArray.FromArray([2L, 0L, 2L, -1L])];
        Assert.Equal(new Shape(4, 4), rows.Shape);
        Assert.Equal([8.0, 9, 10, 11], rows[0, ..].ToArray());
        Assert.Equal([0.0, 1, 2, 3], rows[1, ..].ToArray());
        Assert.Equal([8.0, 9, 10, 11], rows[3, ..].ToArray());
        Assert.Equal([2.0, 1], NDArray.FromArray([0.0, 1, 2])[NDArray.FromArray([2, 1])].ToArray());
        var cols = NDArray.Take(x, NDArray.FromArray(new long[,] { { 3, 0 }, { 1, 1 } }), axis: 1);
        Assert.Equal(new Shape(3, 2, 2), cols.Shape);
        Assert.Equal([3.0, 0, 1, 1, 7, 4, 5, 5, 11, 8, 9, 9], cols.ToArray());
        Assert.Equal([6.0, 4], NDArray.Take(x, NDArray.FromArray([2, 0]), axis: -1)[1, ..].ToArray());
        x[NDArray.FromArray([0L, 2L])] = NDArray.FromArray([-1.0, -2, -3, -4]);
        Assert.Equal([-1.0, -2, -3, -4], x[2, ..].ToArray());
        Assert.Equal([4.0, 5, 6, 7], x[1, ..].ToArray());
        x[NDArray.FromArray([1])] = 0.0;
        Assert.Equal([0.0, 0, 0, 0], x[1, ..].ToArray());
    }

    [Fact]
    public void Integer_array_index_out_of_range_names_position_and_value()
    {
        var x = M34();
        var e = Assert.Throws<TensorIndexOutOfRangeException>(() => x[NDArray.FromArray([0L, 3L])]);
        Assert.Contains("index 3 (at position 1 of the indices) is out of bounds for axis 0 with size 3", e.Message);
        e = Assert.Throws<TensorIndexOutOfRangeException>(() => NDArray.Take(x, NDArray.FromArray([-5]), 1));
        Assert.Contains("index -5 (at position 0", e.Message);
        Assert.Throws<TensorIndexOutOfRangeException>(() => x[NDArray.FromArray([7L])] = 1.0);
    }

    [Fact]
    public void Comparisons_of_long_runs_match_the_scalar_definition()
    {
        // Runs longer than a SIMD vector (with a tail), NaN and signed zeros included; each element checked by hand.
        var rng = new Random(6);
        double[] xs = [.. Enumerable.Range(0, 37).Select(i => i % 9 == 0 ? double.NaN : i % 7 == 0 ? -0.0 : Math.Round(rng.NextDouble() * 4 - 2, 1))];
        double[] ys = [.. Enumerable.Range(0, 37).Select(i => i % 5 == 0 ? double.NaN : i % 6 == 0 ? 0.0 : Math.Round(rng.NextDouble() * 4 - 2, 1))];
        var x = NDArray.FromArray(xs);
        var y = NDArray.FromArray(ys);
        void Check<T>(NDArray<T> a, NDArray<T> b, T s) where T : unmanaged, System.Numerics.INumber<T>
        {
            var av = a.ToArray();
            var bv = b.ToArray();
            Assert.Equal(av.Select((v, i) => v < bv[i]), (a < b).ToArray());
            Assert.Equal(av.Select((v, i) => v <= bv[i]), (a <= b).ToArray());
            Assert.Equal(av.Select((v, i) => v > bv[i]), (a > b).ToArray());
            Assert.Equal(av.Select((v, i) => v >= bv[i]), (a >= b).ToArray());
            Assert.Equal(av.Select((v, i) => v == bv[i]), NDArray.Equal(a, b).ToArray());
            Assert.Equal(av.Select((v, i) => v != bv[i]), NDArray.NotEqual(a, b).ToArray());
            Assert.Equal(av.Select(v => v < s), (a < s).ToArray());
            Assert.Equal(av.Select(v => v != s), NDArray.NotEqual(a, s).ToArray());
        }
        Check(x, y, 0.0);
        Check(x.AsType<float>(), y.AsType<float>(), 0.5f);
        var xi = NDArray.FromArray(Enumerable.Range(0, 37).Select(i => (i * 7) % 11 - 5).ToArray());
        var yi = NDArray.FromArray(Enumerable.Range(0, 37).Select(i => (i * 5) % 13 - 6).ToArray());
        Check(xi, yi, 1);
        Check(xi.AsType<long>(), yi.AsType<long>(), -2L);
        Assert.Equal(xs.Select(v => v > 0.5).Where((_, i) => i % 2 == 0), (x[Slice.Step(2)] > 0.5).ToArray()); // strided: the scalar path
    }
}
