using FsCheck.Xunit;
using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

public class ExactElementwiseTests
{
    private static ExactArray RandomInts(Rng rng, int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        var values = Enumerable.Range(0, count).Select(_ => (BigRational)(rng.NextInt(19) - 9)).ToArray();
        return shape.Length switch
        {
            0 => ExactArray.Scalar(values[0]),
            1 => ExactArray.Vector(values),
            _ => ExactArray.Matrix(shape[0], shape[1], values),
        };
    }

    [Property(MaxTest = 200)]
    public void Broadcasting_matches_Linea_tensors_on_small_integers(ulong seed)
    {
        // Small integers are exact in double, so Linea's float broadcasting is an independent reference.
        var rng = new Rng(seed);
        int rank = rng.NextInt(3);
        var outShape = Enumerable.Range(0, rank).Select(_ => rng.NextInt(4)).ToArray();
        int[] Operand() => outShape.Skip(rng.NextInt(outShape.Length + 1)).Select(d => rng.NextInt(3) == 0 ? 1 : d).ToArray();
        var a = RandomInts(rng, Operand());
        var b = RandomInts(rng, Operand());
        var ta = a.ToTensor();
        var tb = b.ToTensor();
        Assert.Equal(ta + tb, ExactOps.Add(a, b).ToTensor());
        Assert.Equal(ta - tb, ExactOps.Subtract(a, b).ToTensor());
        Assert.Equal(ta * tb, ExactOps.Multiply(a, b).ToTensor());
        Assert.Equal(-ta, ExactOps.Negate(a).ToTensor());
    }

    [Fact]
    public void Broadcast_shapes_follow_numpy()
    {
        var m = Ex.A("[[1, 2, 3], [4, 5, 6]]");
        Assert.Equal(Ex.A("[[11, 22, 33], [14, 25, 36]]"), ExactOps.Add(m, Ex.A("[10, 20, 30]")));
        Assert.Equal(Ex.A("[[0, 1, 2], [2, 3, 4]]"), ExactOps.Subtract(m, Ex.A("[[1], [2]]")));
        Assert.Equal(Ex.A("[[1, 2], [2, 4]]"), ExactOps.Multiply(Ex.A("[[1], [2]]"), Ex.A("[[1, 2]]")));
        Assert.Equal(Ex.A("[[1/2, 1, 3/2], [2, 5/2, 3]]"), ExactOps.Divide(m, ExactArray.Scalar(2)));
        Assert.Equal(Ex.A("[[1, 1/2, 1/3], [1/4, 1/5, 1/6]]"), ExactOps.Divide(ExactArray.Scalar(1), m));
        Assert.Equal(ExactArray.Scalar(new BigRational(5, 6)), ExactOps.Add(Ex.A("1/2"), Ex.A("1/3")));
    }

    [Fact]
    public void Shapes_that_do_not_broadcast_name_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => ExactOps.Add(Ex.A("[1, 2, 3]"), Ex.A("[1, 2]")));
        Assert.Contains("(3,)", e.Message);
        Assert.Contains("(2,)", e.Message);
        Assert.Equal("add", e.Operation);
        var e2 = Assert.Throws<ShapeMismatchException>(() => ExactOps.Multiply(Ex.A("[[1, 2], [3, 4]]"), Ex.A("[[1, 2, 3]]")));
        Assert.Contains("(2, 2)", e2.Message);
        Assert.Contains("(1, 3)", e2.Message);
    }

    [Fact]
    public void Division_by_an_exact_zero_throws()
    {
        Assert.Throws<DivideByZeroException>(() => ExactOps.Divide(Ex.A("[1, 2]"), Ex.A("[1, 0]")));
    }

    [Fact]
    public void Power_is_element_wise_and_inverts_for_negative_exponents()
    {
        Assert.Equal(Ex.A("[[1, 4], [9, 1/4]]"), ExactOps.Power(Ex.A("[[1, 2], [-3, 1/2]]"), 2));
        Assert.Equal(Ex.A("[[1, 1/8], [-1/27, 8]]"), ExactOps.Power(Ex.A("[[1, 2], [-3, 1/2]]"), -3));
        Assert.Equal(Ex.A("[1, 1, 1]"), ExactOps.Power(Ex.A("[0, 5, -1/2]"), 0));
        Assert.Throws<DivideByZeroException>(() => ExactOps.Power(Ex.A("[0, 1]"), -1));
        Assert.Equal(Ex.A("[1, 1, 0]"), ExactOps.Power(Ex.A("[1, -1, 0]"), int.MaxValue - 1));
        Assert.Equal(Ex.A("[1, 1]"), ExactOps.Power(Ex.A("[1, -1]"), int.MinValue));
        Assert.Throws<CalcLimitException>(() => ExactOps.Power(Ex.A("[2]"), int.MinValue));
    }
}
