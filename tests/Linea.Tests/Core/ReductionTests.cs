using Linea.TestKit;

namespace Linea.Tests.Core;

public class ReductionTests
{
    private static readonly NDArray<double> A = NDArray.Arange(24.0).Reshape(2, 3, 4);

    [Fact]
    public void Sum_over_all_and_over_axes_with_keepdims()
    {
        Assert.Equal(276.0, A.Sum());                    // 0 + ... + 23
        var s0 = A.Sum(0);
        Assert.Equal(new Shape(3, 4), s0.Shape);
        Assert.Equal(12.0 + 0, s0[0, 0]);
        NumAssert.Equal([12.0, 15, 18, 21, 48, 51, 54, 57], A.Sum(1).Ravel());
        NumAssert.Equal([6.0, 22, 38, 54, 70, 86], A.Sum(-1));
        Assert.Equal(new Shape(2, 1, 4), A.Sum(1, keepDims: true).Shape);
        NumAssert.Equal([66.0, 210], A.Sum([1, 2]));      // per-block totals 0..11 and 12..23
        Assert.Equal(new Shape(1, 1, 1), A.Sum([0, 1, 2], keepDims: true).Shape);
        Assert.Throws<AxisOutOfRangeException>(() => A.Sum(3));
        Assert.Throws<ArgumentException>(() => A.Sum([1, -2]));
    }

    [Fact]
    public void Reductions_of_strided_views_read_the_view()
    {
        var t = A.Transpose(2, 0, 1);                    // (4,2,3)
        NumAssert.Equal(A.Sum(2), t.Sum(0));
        var rev = A[.., Slice.Step(-1), Slice.Step(-2)];
        NumAssert.Equal(rev.Copy().Sum(1), rev.Sum(1));
        NumAssert.Equal(rev.Copy().Max(0), rev.Max(0));
    }

    [Fact]
    public void Mean_var_std_with_ddof()
    {
        var x = NDArray.FromArray(new double[] { 2, 4, 4, 4, 5, 5, 7, 9 });
        Assert.Equal(5.0, x.Mean());
        Assert.Equal(4.0, x.Var());                       // population variance
        Assert.Equal(2.0, x.Std());
        Assert.Equal(32.0 / 7, x.Var(null, ddof: 1).Item(), 15);
        var m = NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 6 } });
        NumAssert.Equal([2.0, 4], m.Mean(0));
        NumAssert.Equal([1.0, 4], m.Var(0));
        NumAssert.Equal([2.0, 8], m.Var(0, ddof: 1));
        Assert.Equal(new Shape(2, 1), m.Std(1, keepDims: true).Shape);
        Assert.True(double.IsNaN(NDArray.FromArray(new[] { 1.0 }).Var(null, ddof: 1).Item()));
        Assert.True(double.IsNaN(NDArray.Zeros<double>(0).Mean()));
        // two-pass variance keeps digits that the one-pass E[x^2] - E[x]^2 formula loses
        var big = NDArray.FromArray(new double[] { 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16 });
        Assert.Equal(22.5, big.Var());
    }

    [Fact]
    public void Min_max_prod_and_their_empty_cases()
    {
        var x = NDArray.FromArray(new double[,] { { 3, -1, 2 }, { 0, 5, -4 } });
        Assert.Equal(5.0, x.Max());
        Assert.Equal(-4.0, x.Min());
        NumAssert.Equal([3.0, 5, 2], x.Max(0));
        NumAssert.Equal([-1.0, -4], x.Min(1));
        Assert.Equal(0.0, x.Prod());
        NumAssert.Equal([-6.0, 0], x.Prod(1));
        Assert.Equal(1.0, NDArray.Zeros<double>(0).Prod());
        var ex = Assert.Throws<InvalidOperationException>(() => NDArray.Zeros<double>(0, 2).Max(0));
        Assert.Contains("no identity", ex.Message);
        Assert.Throws<InvalidOperationException>(() => NDArray.Zeros<double>(2, 0).Max(1));
        Assert.Equal(new Shape(0), NDArray.Zeros<double>(0, 2).Max(1).Shape); // reducing a non-empty axis of an empty tensor is fine
        Assert.True(double.IsNaN(NDArray.FromArray(new[] { 1, double.NaN, 3 }).Max()));
    }

    [Fact]
    public void ArgMax_argmin_first_occurrence_and_nan()
    {
        var x = NDArray.FromArray(new double[,] { { 1, 7, 7 }, { 9, 0, 9 } });
        Assert.Equal(3, x.ArgMax());
        Assert.Equal(4, x.ArgMin());
        Assert.Equal([1L, 0, 1], x.ArgMax(0).ToArray());
        Assert.Equal([1L, 0], x.ArgMax(1).ToArray());
        Assert.Equal([0L, 1], x.ArgMin(1).ToArray());
        Assert.Equal(new Shape(2, 1), x.ArgMax(1, keepDims: true).Shape);
        Assert.Equal(1, NDArray.FromArray(new[] { 1, double.NaN, 3 }).ArgMax());
        Assert.Equal(1, NDArray.FromArray(new[] { 1, double.NaN, 3 }).ArgMin());
        Assert.Equal(1, x.T.ArgMax());
        Assert.Throws<InvalidOperationException>(() => NDArray.Zeros<double>(0).ArgMax());
    }

    [Fact]
    public void Float_sums_of_many_elements_stay_accurate()
    {
        // 10^6 copies of 0.1f: a running float sum drifts by ~1%, plain SIMD lanes by ~1e-3; pairwise summation's
        // error bound is about (16 + log2(n / 256)) eps = 28 * 6e-8 relative.
        var x = NDArray.Full([1_000_000], 0.1f);
        double exact = 1_000_000 * (double)0.1f;
        Assert.InRange(x.Sum(), exact * (1 - 28 * 6e-8), exact * (1 + 28 * 6e-8));
        Assert.InRange(x.Mean(), 0.1f * (1 - 28 * 6e-8), 0.1f * (1 + 28 * 6e-8));
    }
}
