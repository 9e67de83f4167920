using Linea.TestKit;

namespace Linea.Tests.Core;

public class CreationTests
{
    [Fact]
    public void FromArray_1d_2d_3d_jagged_and_shaped_copy_their_input()
    {
        var src = new double[] { 1, 2, 3 };
        var v = NDArray.FromArray(src);
        src[0] = 99;
        Assert.Equal(new Shape(3), v.Shape);
        Assert.Equal(1.0, v[0]);

        var m = NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new Shape(2, 3), m.Shape);
        Assert.Equal(6.0, m[1, 2]);
        Assert.Equal(4.0, m[-1, 0]);

        var c = NDArray.FromArray(new float[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } });
        Assert.Equal(new Shape(2, 2, 2), c.Shape);
        Assert.Equal(7f, c[1, 1, 0]);

        var j = NDArray.FromArray(new[] { new double[] { 1, 2 }, new double[] { 3, 4 } });
        NumAssert.Equal([1.0, 2, 3, 4], j);

        var n = NDArray.FromArray(new double[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, 2, 3, 2);
        Assert.Equal(new Shape(2, 3, 2), n.Shape);
        Assert.Equal(9.0, n[1, 1, 1]);
    }

    [Fact]
    public void FromArray_rejects_ragged_rows_and_wrong_counts()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => NDArray.FromArray(new[] { new double[] { 1, 2 }, new double[] { 3 } }));
        Assert.Contains("row 1 has 1 elements but row 0 has 2", ex.Message);
        var ex2 = Assert.Throws<ShapeMismatchException>(() => NDArray.FromArray(new double[] { 1, 2, 3 }, 2, 2));
        Assert.Contains("3 values cannot fill shape (2, 2)", ex2.Message);
        Assert.Throws<ArgumentException>(() => NDArray.Zeros<double>(2, -1));
    }

    [Fact]
    public void Wrap_shares_storage()
    {
        var data = new double[] { 1, 2, 3, 4 };
        var t = NDArray.Wrap(data, 2, 2);
        t[1, 1] = 40;
        Assert.Equal(40.0, data[3]);
    }

    [Fact]
    public void Zeros_ones_full_and_like()
    {
        NumAssert.Equal([0.0, 0, 0, 0, 0, 0], NDArray.Zeros<double>(2, 3));
        NumAssert.Equal([1f, 1], NDArray.Ones<float>(2));
        NumAssert.Equal([7.5, 7.5], NDArray.Full([1, 2], 7.5));
        Assert.Equal(new Shape(2, 3), NDArray.OnesLike(NDArray.Zeros<double>(2, 3)).Shape);
        Assert.Equal(new Shape(0, 3), NDArray.Zeros<double>(0, 3).Shape);
        Assert.Equal(1, NDArray.Zeros<double>().Size); // 0-d
    }

    [Fact]
    public void Eye_with_offsets_and_rectangles()
    {
        NumAssert.Equal([1.0, 0, 0, 0, 1, 0, 0, 0, 1], NDArray.Eye<double>(3));
        NumAssert.Equal([0.0, 1, 0, 0, 0, 0, 1, 0], NDArray.Eye<double>(2, 4, 1));
        NumAssert.Equal([0.0, 0, 1, 0, 0, 1], NDArray.Eye<double>(3, 2, -1));
        Assert.Equal(new Shape(0, 0), NDArray.Eye<double>(0).Shape);
    }

    [Fact]
    public void Arange_matches_numpy_lengths_and_values()
    {
        NumAssert.Equal([0.0, 1, 2, 3, 4], NDArray.Arange(5.0));
        NumAssert.Equal([1.0, 1.5, 2.0, 2.5], NDArray.Arange(1.0, 3.0, 0.5));
        NumAssert.Equal([5.0, 3, 1], NDArray.Arange(5.0, 0.0, -2.0));
        Assert.Equal(0, NDArray.Arange(3.0, 1.0, 1.0).Size);
        // np.arange(0, 1, 0.1) has 10 elements: ceil((1 - 0) / 0.1) = 10.
        Assert.Equal(10, NDArray.Arange(0.0, 1.0, 0.1).Size);
        Assert.Throws<ArgumentException>(() => NDArray.Arange(0.0, 1.0, 0.0));
        Assert.Throws<ArgumentException>(() => NDArray.Arange(0.0, double.NaN, 1.0));
    }

    [Fact]
    public void Linspace_hits_both_ends_exactly()
    {
        NumAssert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], NDArray.Linspace(0.0, 1.0, 5));
        NumAssert.Equal([0.0, 0.2, 0.4, 0.6000000000000001, 0.8], NDArray.Linspace(0.0, 1.0, 5, endpoint: false));
        NumAssert.Equal([3.0], NDArray.Linspace(3.0, 7.0, 1));
        Assert.Equal(0, NDArray.Linspace(0.0, 1.0, 0).Size);
        Assert.Equal(0.1, NDArray.Linspace(0.0, 0.1, 7)[6]);
        Assert.Throws<ArgumentException>(() => NDArray.Linspace(0.0, 1.0, -1));
    }

    [Fact]
    public void Diag_builds_and_extracts()
    {
        var v = NDArray.FromArray(new double[] { 1, 2 });
        NumAssert.Equal([1.0, 0, 0, 2], NDArray.Diag(v));
        NumAssert.Equal([0.0, 1, 0, 0, 0, 2, 0, 0, 0], NDArray.Diag(v, 1));
        var m = NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } });
        NumAssert.Equal([1.0, 5, 9], NDArray.Diag(m));
        NumAssert.Equal([2.0, 6], NDArray.Diag(m, 1));
        NumAssert.Equal([4.0, 8], NDArray.Diag(m, -1));
        Assert.Throws<ArgumentException>(() => NDArray.Diag(NDArray.Zeros<double>(2, 2, 2)));
    }

    [Fact]
    public void Random_is_reproducible_and_has_the_right_moments()
    {
        var a = NDArray.Normal([10000], 0.0, 1.0, seed: 42);
        var b = NDArray.Normal([10000], 0.0, 1.0, seed: 42);
        NumAssert.Equal(a, b);
        Assert.False(a.Equals(NDArray.Normal([10000], 0.0, 1.0, seed: 43)));
        // Mean of 10^4 standard normals has standard error 0.01; 5 sigma bounds.
        Assert.InRange(a.Mean(), -0.05, 0.05);
        Assert.InRange(a.Std(), 0.95, 1.05);
        var u = NDArray.Uniform([10000], 2.0f, 4.0f, seed: 7);
        Assert.True(u.Min() >= 2f && u.Max() < 4f);
        Assert.InRange(u.Mean(), 2.97f, 3.03f);
        // The stream is fixed forever: xoshiro256** seeded by SplitMix64, Marsaglia polar normals. Expected values
        // come from an independent Python implementation of the published algorithms.
        Assert.Equal(12966619160104079557UL, new Rng(1).NextUInt64());
        Assert.Equal(-0.6355328318708062, NDArray.Normal([3], 0.0, 1.0, seed: 2024)[2]);
        Assert.Throws<ArgumentException>(() => NDArray.Uniform([2], 1.0, 0.0, seed: 1));
        Assert.Throws<ArgumentException>(() => NDArray.Normal([2], 0.0, -1.0, seed: 1));
    }

    [Fact]
    public void Rng_permutation_is_a_permutation()
    {
        var p = new Rng(3).Permutation(100);
        Array.Sort(p);
        Assert.Equal(Enumerable.Range(0, 100), p);
    }
}
