using Linea.Calc.Lexing;
using Linea.Calc.Parsing;
using Linea.Calc.Syntax;

namespace Linea.Calc.Tests.Parsing;

/// <summary>Single-quoted strings beside the transpose A' (issue 16, item 11), told apart by what precedes the quote.</summary>
public class QuoteTests
{
    private static string P(string text) => AstPrinter.Print(Parser.ParseExpressionText(text));

    [Theory]
    [InlineData("norm(A, 'fro')", "norm(A, \"fro\")")]
    [InlineData("norm(A, ord='nuc')", "norm(A, ord=\"nuc\")")]
    [InlineData("load('x.npy')", "load(\"x.npy\")")]
    [InlineData("'it says \"hi\"'", "\"it says \\\"hi\\\"\"")]
    [InlineData("f(A', 'fro')", "f((A'), \"fro\")")]
    [InlineData("norm(A' @ B', 'fro')", "norm(((A') @ (B')), \"fro\")")]
    public void ReadsSingleQuotedStringsWhereNoValueComesBefore(string text, string expected) => Assert.Equal(expected, P(text));

    [Theory]
    [InlineData("A'", "(A')")]
    [InlineData("A''", "((A')')")]
    [InlineData("(A + B)'", "((A + B)')")]
    [InlineData("A[0]'", "(A[0]')")]
    [InlineData("A' @ B", "((A') @ B)")]
    [InlineData("A ' @ B", "((A') @ B)")]
    [InlineData("2'", "(2')")]
    public void ReadsTheTransposeAfterAValue(string text, string expected) => Assert.Equal(expected, P(text));

    [Fact]
    public void InsideSquareBracketsWhiteSpaceBeforeTheQuoteStartsAString()
    {
        static TokenKind[] Kinds(string text) => Lexer.Tokenize(text).Select(t => t.Kind).ToArray();
        Assert.Equal([TokenKind.LeftBracket, TokenKind.Name, TokenKind.Apostrophe, TokenKind.Name, TokenKind.Apostrophe, TokenKind.RightBracket, TokenKind.End],
            Kinds("[A' B']"));
        Assert.Equal([TokenKind.LeftBracket, TokenKind.Name, TokenKind.String, TokenKind.RightBracket, TokenKind.End], Kinds("[A 'x']"));
        Assert.Equal([TokenKind.Name, TokenKind.LeftParen, TokenKind.Name, TokenKind.Apostrophe, TokenKind.RightParen, TokenKind.End], Kinds("f(A ')"));
    }

    [Fact]
    public void EvaluatesBothQuoteStylesAlike()
    {
        Assert.Equal(CalcRun.Text("norm([[3, 0], [4, 0]], \"fro\")"), CalcRun.Text("norm([[3, 0], [4, 0]], 'fro')"));
        Assert.Equal("5.0  float64", CalcRun.Text("A = [[3, 0], [4, 0]]\nnorm(A', 'fro')"));
        Assert.Equal(CalcRun.Text("cond([[1, 2], [3, 4]], \"nuc\")"), CalcRun.Text("cond([[1, 2], [3, 4]], 'nuc')"));
        Assert.Equal("[[1, 3], [2, 4]]", CalcRun.Text("[[1, 2], [3, 4]]'"));
    }

    [Fact]
    public void AnUnclosedSingleQuotedStringIsASyntaxError()
    {
        var e = Assert.ThrowsAny<CalcSyntaxException>(() => Parser.ParseExpressionText("norm(A, 'fro)"));
        Assert.Contains("no closing quote", e.Message);
    }
}
