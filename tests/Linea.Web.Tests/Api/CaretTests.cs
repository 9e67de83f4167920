using Linea.Web.Api;

namespace Linea.Web.Tests.Api;

public sealed class CaretTests
{
    [Theory]
    [InlineData("A @ B", 3, "  ^")]
    [InlineData("A @ B", 1, "^")]
    [InlineData("\tA @ B", 3, "\t ^")]
    [InlineData("ab", 9, "  ^")]
    [InlineData("ab", 0, "^")]
    public void Caret_points_at_the_column(string source, int column, string expected) =>
        Assert.Equal(expected, EvalEndpoint.Caret(source, column));

    [Fact]
    public void Source_line_is_picked_by_number()
    {
        Assert.Equal("B = 2", EvalEndpoint.SourceLine("A = 1\r\nB = 2\n", 2));
        Assert.Null(EvalEndpoint.SourceLine("A = 1", 3));
        Assert.Null(EvalEndpoint.SourceLine("A = 1", null));
    }
}
