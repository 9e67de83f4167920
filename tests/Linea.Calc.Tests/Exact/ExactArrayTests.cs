using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

public class ExactArrayTests
{
    [Fact]
    public void Factories_build_the_shapes_they_name()
    {
        var s = ExactArray.Scalar(new BigRational(3, 2));
        Assert.Equal(0, s.Rank);
        Assert.Empty(s.Shape);
        Assert.Equal(1, s.Count);
        var v = ExactArray.Vector(1, 2, 3);
        Assert.Equal([3], v.Shape);
        var m = ExactArray.Matrix(2, 3, [1, 2, 3, 4, 5, 6]);
        Assert.Equal([2, 3], m.Shape);
        Assert.Equal(2, m.Rows);
        Assert.Equal(3, m.Cols);
        Assert.Equal(new BigRational(6), m[1, 2]);
        Assert.Equal(new BigRational(4), m[3]);
        var i = ExactArray.Identity(3);
        Assert.Equal(BigRational.One, i[2, 2]);
        Assert.Equal(BigRational.Zero, i[2, 1]);
        Assert.Equal([2, 0], ExactArray.Zeros(2, 0).Shape);
        Assert.True(m.IsIntegral);
        Assert.False(s.IsIntegral);
    }

    [Fact]
    public void Misuse_throws_clear_errors()
    {
        Assert.Throws<ArgumentException>(() => ExactArray.Matrix(2, 2, [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => ExactArray.Zeros(2, 2, 2));
        Assert.Throws<InvalidOperationException>(() => ExactArray.Vector(1, 2).Rows);
        Assert.Throws<InvalidOperationException>(() => ExactArray.Vector(1, 2)[0, 0]);
        Assert.Throws<IndexOutOfRangeException>(() => ExactArray.Identity(2)[2, 0]);
        Assert.Throws<InvalidOperationException>(() => ExactArray.Vector(1, 2).ToScalar());
    }

    [Fact]
    public void ToString_prints_numpy_like_text_with_exact_numbers()
    {
        Assert.Equal("[[ -2,    1],\n [3/2, -1/2]]", Ex.A("[[-2, 1], [3/2, -1/2]]").ToString());
        Assert.Equal("[[-2, 1], [3/2, -1/2]]", Ex.A("[[-2, 1], [3/2, -1/2]]").ToInlineString());
        Assert.Equal("[1, -2, 3/2]", Ex.A("[1, -2, 3/2]").ToString());
        Assert.Equal("-7/3", ExactArray.Scalar(new BigRational(-7, 3)).ToString());
        Assert.Equal("[]", ExactArray.Vector().ToString());
        Assert.Equal("[]", ExactArray.Zeros(0, 3).ToString());
        Assert.Equal("[[], []]", ExactArray.Zeros(2, 0).ToInlineString());
        Assert.Equal("[[19, 22],\n [43, 50]]", Ex.A("[[19, 22], [43, 50]]").ToString());
    }

    [Fact]
    public void Tensor_conversions_keep_shape_and_round_correctly()
    {
        var t = NDArray.FromArray(new double[,] { { 0.1, -2.5 }, { 1e-3, 3 } });
        var e = ExactArray.FromTensorShortest(t);
        Assert.Equal(Ex.A("[[1/10, -5/2], [1/1000, 3]]"), e);
        Assert.Equal(BigRational.FromDouble(0.1), ExactArray.FromTensorExact(t)[0]);
        var back = Ex.A("[[1/3, 2], [-1/10, 0]]").ToTensor();
        Assert.Equal(new Shape(2, 2), back.Shape);
        Assert.Equal(1.0 / 3.0, back[0, 0]);
        Assert.Equal(-0.1, back[1, 0]);
        Assert.Equal(new Shape(), ExactArray.Scalar(5).ToTensor().Shape);
        Assert.Equal(new Shape(3), ExactArray.Vector(1, 2, 3).ToTensor().Shape);
        // A strided view converts element by element in C order.
        Assert.Equal(Ex.A("[[1/10, 1/1000], [-5/2, 3]]"), ExactArray.FromTensorShortest(t.T));
    }

    [Fact]
    public void FromTensorShortest_rejects_non_finite_and_high_rank_input()
    {
        var e = Assert.Throws<CalcException>(() => ExactArray.FromTensorShortest(NDArray.FromArray(new[] { 1.0, double.NaN })));
        Assert.Contains("element 1", e.Message);
        Assert.Throws<CalcException>(() => ExactArray.FromTensorShortest(NDArray.FromArray(new[] { double.PositiveInfinity })));
        Assert.Throws<CalcException>(() => ExactArray.FromTensorShortest(NDArray.Zeros<double>(2, 2, 2)));
    }

    [Fact]
    public void Equality_compares_shape_and_values()
    {
        Assert.Equal(Ex.A("[[1, 2]]"), Ex.A("[[2/2, 4/2]]"));
        Assert.NotEqual(Ex.A("[[1, 2]]"), Ex.A("[1, 2]"));
        Assert.Equal(Ex.A("[[1, 2]]").GetHashCode(), Ex.A("[[1, 2]]").GetHashCode());
    }
}
