using System.Diagnostics;
using Linea.Calc;
using Linea.Calc.Parsing;

namespace Linea.Calc.Tests.Parsing;

public class ParserErrorTests
{
    private static CalcException Fails(string text) => Assert.ThrowsAny<CalcException>(() => Parser.ParseProgram(text));

    [Theory]
    [InlineData("1 + * 2", 1, 5, "expected a value, found '*'")]
    [InlineData("A = [1, 2", 1, 5, "this '[' is never closed")]
    [InlineData("A = [1, 2 )", 1, 11, "expected ',', ';' or ']' in the matrix, found ')'")]
    [InlineData("x = 3 $ 4", 1, 7, "unexpected character '$'")]
    [InlineData("a = 1\nb = (2 + 3", 2, 11, "expected ')'")]
    [InlineData("A B", 1, 3, "unexpected 'B'")]
    [InlineData("3(4)", 1, 2, "only functions can be called")]
    [InlineData("A[]", 1, 3, "empty index")]
    [InlineData("A.shape", 1, 3, "no attribute .shape")]
    [InlineData("load(\"x.npy)", 1, 6, "no closing quote")]
    [InlineData("f(a=1, 2)", 1, 8, "positional argument cannot follow")]
    [InlineData("A[0] = 1", 1, 1, "only names can be assigned")]
    [InlineData("x = ", 1, 5, "expected a value after '='")]
    [InlineData("a, a = 1, 2", 1, 6, "same name appears twice")]
    [InlineData("X : 32", 1, 5, "expected '(' to start the shape")]
    [InlineData(")", 1, 1, "expected a value, found ')'")]
    public void PointsAtTheColumn(string text, int line, int column, string message)
    {
        var e = Fails(text);
        Assert.IsType<CalcSyntaxException>(e);
        Assert.Contains(message, e.Message);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
    }

    [Fact]
    public void HintsAtComparisonForAStrayEquals()
    {
        var e = Fails("1 + 2 = 3");
        Assert.Contains("only names can be assigned", e.Message);
        var e2 = Fails("f(x == 1 = 2)");
        Assert.Contains("==", e2.Hint);
    }

    [Fact]
    public void RefusesDeepNestingQuickly()
    {
        var sw = Stopwatch.StartNew();
        var text = new string('(', 100_000) + "1" + new string(')', 100_000);
        var e = Assert.Throws<CalcLimitException>(() => Parser.ParseProgram(text));
        Assert.Contains("nested more than 200 levels", e.Message);
        var brackets = new string('[', 100_000) + "1" + new string(']', 100_000);
        Assert.Throws<CalcLimitException>(() => Parser.ParseProgram(brackets));
        var minus = new string('-', 100_000) + "1";
        Assert.Throws<CalcLimitException>(() => Parser.ParseProgram(minus));
        Assert.True(sw.Elapsed.TotalSeconds < 10, $"took {sw.Elapsed}"); // about 0.5 s on a loaded 2-core machine
    }

    [Fact]
    public void RefusesLongLeftAssociativeChains()
    {
        // a flat chain builds a tree as deep as it is long; evaluating it would recurse that deep
        var chain = string.Join(" + ", Enumerable.Repeat("1", 100_000));
        Assert.Throws<CalcLimitException>(() => Parser.ParseProgram(chain));
        var ok = string.Join(" + ", Enumerable.Repeat("1", 150));
        Assert.Single(Parser.ParseProgram(ok).Statements);
    }
}
