namespace Linea.Calc.Tests.Evaluation;

/// <summary>Issue 16, item 12: messages for empty reductions, lstsq's warnings, and transposes of stacked matrices.</summary>
public class MessageTests
{
    [Theory]
    [InlineData("mean([])", "nan  float64", "mean: mean of an empty slice (the array of shape (0,) has no elements), so the result is nan")]
    [InlineData("mean(zeros(0))", "nan  float64", "mean: mean of an empty slice (the array of shape (0,) has no elements), so the result is nan")]
    [InlineData("mean(zeros(0, 3), axis=0)", "[nan nan nan]  float64", "mean: mean of an empty slice (axis 0 of shape (0, 3) is empty), so the result is nan")]
    [InlineData("mean(float(zeros(2, 0)), axis=-1)", "[nan nan]  float64", "mean: mean of an empty slice (axis 1 of shape (2, 0) is empty), so the result is nan")]
    [InlineData("std([])", "nan  float64", "std: std of an empty slice (the array of shape (0,) has no elements), so the result is nan")]
    public void TheMeanOfAnEmptySliceIsNanWithAWarningNamingTheEmptyAxis(string program, string value, string warning)
    {
        var r = CalcRun.Ok(program)[^1];
        Assert.False(r.IsError, r.Error?.Message);
        Assert.Equal(value, Linea.Calc.Rendering.TextRenderer.Value(r.Value!));
        Assert.Equal([warning], r.Warnings);
    }

    [Fact]
    public void AMeanOverANonEmptyAxisOfAnEmptyArrayHasNoWarning()
    {
        var r = CalcRun.Ok("mean(zeros(3, 0), axis=0)")[^1];
        Assert.Empty(r.Warnings);
        Assert.Equal("3/2", CalcRun.Exact("mean([1, 2])"));
    }

    [Theory]
    [InlineData("softmax([])", new int[] { 0 })]
    [InlineData("softmax(zeros(2, 0))", new[] { 2, 0 })]
    [InlineData("log_softmax(zeros(0, 3), axis=0)", new[] { 0, 3 })]
    public void SoftmaxOfAnEmptyArrayIsEmpty(string program, int[] shape)
    {
        var t = CalcRun.Float(program);
        Assert.Equal(shape, t.Shape.ToIntArray());
    }

    [Fact]
    public void LstsqWarningsNameTheFunctionOnce()
    {
        var r = CalcRun.Ok("lstsq([[1, 1], [1, 1], [1, 1]], [1, 2, 3])")[^1];
        var w = Assert.Single(r.Warnings);
        Assert.StartsWith("lstsq: ", w);
        Assert.DoesNotContain("lstsq: lstsq:", w);
        Assert.Contains("rank deficient", w);
    }

    [Theory]
    [InlineData("A = rand(2, 3, 4)\nA @ A.T", "did you mean A.mT? A.T reverses all 3 axes of the stack; A.mT (or swapaxes(A, -1, -2)) swaps the last two, and A @ A.mT would have shape (2, 3, 3)")]
    [InlineData("A = rand(2, 3, 4)\nA.T @ A", "did you mean A.mT? A.T reverses all 3 axes of the stack; A.mT (or swapaxes(A, -1, -2)) swaps the last two, and A.mT @ A would have shape (2, 4, 4)")]
    [InlineData("Q : (b, h, n, d)\nK : (b, h, n, d)\nQ @ K.T", "did you mean K.mT? K.T reverses all 4 axes of the stack; K.mT (or swapaxes(K, -1, -2)) swaps the last two, and Q @ K.mT would have shape (b, h, n, n)")]
    [InlineData("A = rand(2, 3, 4)\nA @ A'", "did you mean A.mT? A' reverses all 3 axes of the stack; A.mT (or swapaxes(A, -1, -2)) swaps the last two, and A @ A.mT would have shape (2, 3, 3)")]
    [InlineData("solve(rand(2, 3, 3), rand(2, 4, 3))", "did you mean b.mT? swapping the last two axes of the stack (b.mT or swapaxes(b, -1, -2)) gives each matrix its rows; b.T would reverse all axes")]
    public void StackedShapeErrorsHintSwappingTheLastTwoAxes(string program, string hint)
    {
        var e = Assert.IsType<CalcShapeException>(CalcRun.Error(program));
        Assert.Equal(hint, e.Hint);
    }

    [Theory]
    [InlineData("A = rand(3, 4)\nA @ A", "did you mean A.T? A @ A.T would have inner dimension 4")]
    [InlineData("solve(rand(3, 3), rand(2, 3))", "did you mean b.T?")]
    public void PlainMatricesStillHintDotT(string program, string hint)
    {
        Assert.Equal(hint, CalcRun.Error(program).Hint);
    }
}
