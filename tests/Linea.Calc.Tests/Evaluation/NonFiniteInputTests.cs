namespace Linea.Calc.Tests.Evaluation;

/// <summary>#16 items 4 and 5 as the calculator shows them: norms of vectors with inf/nan, cholesky's unread triangle.</summary>
public class NonFiniteInputTests
{
    [Theory]
    [InlineData("norm([1, inf, 2], -1)", 2.0 / 3)]           // |inf|^-1 = 0: 1 / (1 + 1/2)
    [InlineData("norm([1, -inf, 2], -2)", 0.89442719099991586)] // (1 + 1/4)^(-1/2)
    [InlineData("norm([inf, inf], -1)", double.PositiveInfinity)]
    [InlineData("norm([0, inf, 3], -1)", 0)]
    [InlineData("norm([1, inf, 2], inf)", double.PositiveInfinity)]
    [InlineData("norm([1, inf, 2], -inf)", 1)]
    [InlineData("norm([1, inf, 2], 0)", 3)]
    public void Vector_norms_with_infinities_follow_numpy(string program, double expected) =>
        Assert.Equal(expected, CalcRun.Float(program).Item(), 14);

    [Fact]
    public void Nan_propagates_through_negative_orders() =>
        Assert.True(double.IsNaN(CalcRun.Float("norm([0, nan, inf], -1)").Item()));

    [Fact]
    public void Cholesky_ignores_nan_above_the_diagonal()
    {
        var l = CalcRun.Float("cholesky([[4, nan], [2, 5]])");
        Assert.Equal([2.0, 0, 1, 2], l.ToArray());
        var e = CalcRun.Error("cholesky([[4, 2], [nan, 5]])");
        Assert.Contains("[1, 0]", e.Message);
    }
}
