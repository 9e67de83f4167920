using static Linea.Tests.DTypes.DTypeFixture;

namespace Linea.Tests.DTypes;

/// <summary>Sort, unique, cumulative sums, searchsorted, bincount, histogram and arg-extremes against NumPy's values.</summary>
public class SortingCountingTests
{
    private static void Same(double[] expected, NDArray<double> actual) =>
        Assert.Equal(expected, actual.ToArray()); // exact: NaN equals NaN in Assert.Equal for doubles

    [Fact]
    public void Argsort_is_stable_with_nan_last_as_numpy()
    {
        var x = NDArray.FromArray(Doubles("argsort.x"));
        Assert.Equal(Longs("argsort.stable"), NDArray.Argsort(x).ToArray());
        Same(Doubles("argsort.sorted"), NDArray.Sort(x));
        // hand-derived stability: equal keys keep their input order
        Assert.Equal([1L, 3L, 0L, 2L], NDArray.Argsort(NDArray.FromArray([2, 1, 2, 1])).ToArray());
        var big = NDArray.FromArray(Enumerable.Range(0, 1000).Select(i => (long)(i % 7)).ToArray());
        var order = NDArray.Argsort(big).ToArray();
        for (int k = 1; k < order.Length; k++)
        {
            long a = big[(int)order[k - 1]], b = big[(int)order[k]];
            Assert.True(a < b || (a == b && order[k - 1] < order[k]), $"not stable at {k}");
        }
    }

    [Fact]
    public void Sort_and_argsort_along_either_axis_equal_numpy()
    {
        long[] shape = Longs("sort2d.shape");
        var m = NDArray.FromArray(Doubles("sort2d.x"), shape);
        Same(Doubles("sort2d.sort0"), NDArray.Sort(m, axis: 0));
        Same(Doubles("sort2d.sort1"), NDArray.Sort(m, axis: 1));
        Assert.Equal(Longs("sort2d.argsort0"), NDArray.Argsort(m, axis: 0).ToArray());
        Assert.Equal(Longs("sort2d.argsort1"), NDArray.Argsort(m, axis: -1).ToArray());
        Assert.Equal(new Shape(shape), NDArray.Argsort(m.T, axis: 1).T.Shape);
    }

    [Fact]
    public void Unique_with_counts_indices_and_inverse_equals_numpy()
    {
        var x = NDArray.FromArray(Ints("unique.x"));
        var u = NDArray.UniqueAll(x);
        Assert.Equal(Ints("unique.values"), u.Values.ToArray());
        Assert.Equal(Longs("unique.indices"), u.Indices.ToArray());
        Assert.Equal(Longs("unique.inverse"), u.InverseIndices.ToArray());
        Assert.Equal(Longs("unique.counts"), u.Counts.ToArray());
        Assert.Equal(x, NDArray.Take(u.Values, u.InverseIndices)); // the inverse rebuilds the input
        var m = x.Reshape(5, 5);
        var (values, inverse) = NDArray.UniqueInverse(m);
        Assert.Equal(m.Shape, inverse.Shape);
        Assert.Equal(m, NDArray.Take(values, inverse));
        var (fv, fc) = NDArray.UniqueCounts(NDArray.FromArray(Doubles("unique_nan.x")));
        Same(Doubles("unique_nan.values"), fv);            // the NaNs collapse into one, last
        Assert.Equal(Longs("unique_nan.counts"), fc.ToArray());
        Assert.Equal(0, NDArray.Unique(NDArray.Zeros<int>(0)).Size);
    }

    [Fact]
    public void Cumsum_and_cumprod_equal_numpy_ints_widen_to_long()
    {
        long[] shape = Longs("cumulative.shape");
        var ci = NDArray.FromArray(Ints("cumulative.ints"), shape);
        NDArray<long> flat = NDArray.Cumsum(ci);
        Assert.Equal(Longs("cumulative.cumsum_flat"), flat.ToArray());
        Assert.Equal(Longs("cumulative.cumsum0"), NDArray.Cumsum(ci, 0).ToArray());
        Assert.Equal(Longs("cumulative.cumsum1"), NDArray.Cumsum(ci, 1).ToArray());
        Assert.Equal(Longs("cumulative.cumprod1"), NDArray.Cumprod(ci, -1).ToArray());
        var cf = NDArray.FromArray(Doubles("cumulative.floats"), shape);
        Same(Doubles("cumulative.fcumsum0"), NDArray.Cumsum(cf, 0)); // sequential sums, as NumPy adds: exact
        Same(Doubles("cumulative.fcumprod1"), NDArray.Cumprod(cf, 1));
        Assert.Equal([1L, 1L, 2L], NDArray.Cumsum(NDArray.FromArray([true, false, true])).ToArray());
        Assert.Equal([int.MaxValue + 1L], NDArray.Cumsum(NDArray.FromArray([int.MaxValue, 1]))[1..].ToArray()); // no int32 overflow
    }

    [Fact]
    public void Searchsorted_left_and_right_equal_numpy()
    {
        var a = NDArray.FromArray(Doubles("searchsorted.a"));
        var v = NDArray.FromArray(Doubles("searchsorted.v"));
        Assert.Equal(Longs("searchsorted.left"), NDArray.SearchSorted(a, v).ToArray());
        Assert.Equal(Longs("searchsorted.right"), NDArray.SearchSorted(a, v, SearchSide.Right).ToArray());
        Assert.Equal(1, NDArray.SearchSorted(NDArray.FromArray([1, 3, 3, 5]), 3));
        Assert.Equal(3, NDArray.SearchSorted(NDArray.FromArray([1, 3, 3, 5]), 3, SearchSide.Right));
        Assert.Throws<ArgumentException>(() => NDArray.SearchSorted(NDArray.Zeros<double>(2, 2), 1.0));
    }

    [Fact]
    public void Bincount_with_weights_and_minlength_equals_numpy()
    {
        var x = NDArray.FromArray(Longs("bincount.x"));
        Assert.Equal(Longs("bincount.counts"), NDArray.Bincount(x).ToArray());
        Assert.Equal(Longs("bincount.minlength10"), NDArray.Bincount(x, minlength: 10).ToArray());
        var w = NDArray.FromArray(Doubles("bincount.weights"));
        Same(Doubles("bincount.weighted"), NDArray.Bincount(x, w)); // added in input order, as NumPy does
        Assert.Equal([1L, 2L, 0L, 1L], NDArray.Bincount(NDArray.FromArray([0, 1, 1, 3])).ToArray());
        var e = Assert.Throws<ArgumentException>(() => NDArray.Bincount(NDArray.FromArray([0, 2, -1])));
        Assert.Contains("x[2] = -1 is negative", e.Message);
    }

    [Fact]
    public void Histogram_equals_numpy_histogram_with_the_last_bin_closed()
    {
        var x = NDArray.FromArray(Doubles("histogram.x"));
        var (c7, e7) = NDArray.Histogram(x, bins: 7);
        Assert.Equal(Longs("histogram.bins7.counts"), c7.ToArray());
        Same(Doubles("histogram.bins7.edges"), e7);
        var (cr, er) = NDArray.Histogram(x, bins: 5, range: (-1.0, 1.5));
        Assert.Equal(Longs("histogram.range.counts"), cr.ToArray());
        Same(Doubles("histogram.range.edges"), er);
        Assert.Equal(Longs("histogram.edges.counts"), NDArray.Histogram(x, NDArray.FromArray(Doubles("histogram.edges.edges"))).ToArray());
        var (ci, ei) = NDArray.Histogram(NDArray.FromArray(Longs("histogram.ints.x")), bins: 4);
        Assert.Equal(Longs("histogram.ints.counts"), ci.ToArray());
        Same(Doubles("histogram.ints.edges"), ei);
        // hand-derived: the right edge falls in the last bin; a constant array widens to [v - 0.5, v + 0.5]
        Assert.Equal([1L, 2L], NDArray.Histogram(NDArray.FromArray([0.0, 1.0, 2.0]), bins: 2).Counts.ToArray());
        Assert.Equal([0L, 3L, 0L], NDArray.Histogram(NDArray.FromArray([4.0, 4.0, 4.0]), bins: 3).Counts.ToArray());
        Assert.Throws<ArgumentException>(() => NDArray.Histogram(NDArray.FromArray([1.0, double.NaN])));
        Assert.Throws<ArgumentException>(() => NDArray.Histogram(x, NDArray.FromArray([0.0, 2.0, 1.0])));
    }

    [Fact]
    public void Argmax_and_argmin_along_axes_equal_numpy_nan_wins()
    {
        long[] shape = Longs("argextremes.shape");
        var m = NDArray.FromArray(Doubles("argextremes.x"), shape);
        Assert.Equal(Longs("argextremes.argmax0"), m.ArgMax(0).ToArray());
        Assert.Equal(Longs("argextremes.argmax1"), m.ArgMax(1).ToArray());
        Assert.Equal(Longs("argextremes.argmin0"), m.ArgMin(0).ToArray());
        Assert.Equal(Longs("argextremes.argmin1"), m.ArgMin(1).ToArray());
        Assert.Equal(Get("argextremes.argmax").GetInt64(), m.ArgMax());
        Assert.Equal(Get("argextremes.argmin").GetInt64(), m.ArgMin());
        var ints = NDArray.FromArray(new[,] { { 3, 9, 9 }, { -1, -5, -5 } });
        Assert.Equal([0L, 0L, 0L], ints.ArgMax(0).ToArray());
        Assert.Equal([0L, 1L], ints.ArgMin(1).ToArray());
        Assert.Equal(1, ints.ArgMax());
    }

    [Fact]
    public void Integer_division_is_true_division_as_numpy()
    {
        NDArray<double> q = NDArray.FromArray([1, 7, -3]) / 2;
        Assert.Equal([0.5, 3.5, -1.5], q.ToArray());
        Assert.Equal([double.PositiveInfinity, double.NaN], (NDArray.FromArray([1L, 0L]) / NDArray.FromArray([0L, 0L])).ToArray());
    }
}
