using Linea.Calc;
using Linea.Calc.Parsing;
using Linea.Calc.Syntax;

namespace Linea.Calc.Tests.Parsing;

/// <summary>Parser grouping, checked through the fully parenthesised print of the tree (bantam's approach).</summary>
public class ParserPrecedenceTests
{
    private static string P(string text) => AstPrinter.Print(Parser.ParseExpressionText(text));

    [Theory]
    // Python's arithmetic levels
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("1 * 2 + 3", "((1 * 2) + 3)")]
    [InlineData("1 - 2 - 3", "((1 - 2) - 3)")]
    [InlineData("a / b / c", "((a / b) / c)")]
    // @ at the level of *, left-associative
    [InlineData("A @ B * C", "((A @ B) * C)")]
    [InlineData("A * B @ C", "((A * B) @ C)")]
    [InlineData("X @ W1 + b1", "((X @ W1) + b1)")]
    // ** binds tighter than unary minus and is right-associative
    [InlineData("-2 ** 2", "(-(2 ** 2))")]
    [InlineData("2 ** 3 ** 2", "(2 ** (3 ** 2))")]
    [InlineData("2 ** -1", "(2 ** (-1))")]
    [InlineData("2 ** -1 * 3", "((2 ** (-1)) * 3)")]
    [InlineData("-a * b", "((-a) * b)")]
    [InlineData("--a", "(-(-a))")]
    // ^ is matrix power at **'s level
    [InlineData("-A ^ 2", "(-(A ^ 2))")]
    [InlineData("A ^ 2 @ B", "((A ^ 2) @ B)")]
    [InlineData("A ^ 2 ^ 3", "(A ^ (2 ^ 3))")]
    // comparisons weakest
    [InlineData("a + 1 < b * 2", "((a + 1) < (b * 2))")]
    [InlineData("a == b != c", "((a == b) != c)")]
    // postfix forms bind tightest
    [InlineData("A.T @ B", "((A.T) @ B)")]
    [InlineData("A' @ B'", "((A') @ (B'))")]
    [InlineData("-A.T", "(-(A.T))")]
    [InlineData("A.T.T", "((A.T).T)")]
    [InlineData("K.mT", "(K.mT)")]
    [InlineData("A ** B.T", "(A ** (B.T))")]
    [InlineData("inv(A) @ b", "(inv(A) @ b)")]
    [InlineData("inv(A).T", "(inv(A).T)")]
    [InlineData("A[0] ** 2", "(A[0] ** 2)")]
    [InlineData("-A[0]", "(-A[0])")]
    [InlineData("(1 + 2) * 3", "((1 + 2) * 3)")]
    [InlineData("((a))", "a")]
    [InlineData("(a, b)", "(a, b)")]
    public void GroupsLikePython(string text, string expected) => Assert.Equal(expected, P(text));

    [Theory]
    [InlineData("A[0, :]", "A[0, :]")]
    [InlineData("A[1:, ::2]", "A[1:, ::2]")]
    [InlineData("A[-1]", "A[(-1)]")]
    [InlineData("A[:2, 1:3:2]", "A[:2, 1:3:2]")]
    [InlineData("A[i + 1, ::-1]", "A[(i + 1), ::(-1)]")]
    [InlineData("A[0][1]", "A[0][1]")]
    [InlineData("f(x)[0]", "f(x)[0]")]
    public void ParsesIndexesAndSlices(string text, string expected) => Assert.Equal(expected, P(text));

    [Theory]
    [InlineData("rand(3, 3, seed=1)", "rand(3, 3, seed=1)")]
    [InlineData("f()", "f()")]
    [InlineData("sum(A, axis=-1)", "sum(A, axis=(-1))")]
    [InlineData("load(\"x.npy\")", "load(\"x.npy\")")]
    [InlineData("f(g(x), h(y, z))", "f(g(x), h(y, z))")]
    public void ParsesCalls(string text, string expected) => Assert.Equal(expected, P(text));

    [Theory]
    [InlineData("[1, 2, 3]", "[1, 2, 3]")]
    [InlineData("[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]")]
    [InlineData("[1 2; 3 4]", "[1 2; 3 4]")]
    [InlineData("[1, 2; 3, 4]", "[1 2; 3 4]")]
    [InlineData("[1 -2]", "[1 (-2)]")]
    [InlineData("[1 - 2]", "[(1 - 2)]")]
    [InlineData("[1 -2 + 3]", "[1 ((-2) + 3)]")]
    [InlineData("[a' b']", "[(a') (b')]")]
    [InlineData("[a (1)]", "[a 1]")]
    [InlineData("[f(1) 2]", "[f(1) 2]")]
    [InlineData("[(1 -2) 3]", "[(1 - 2) 3]")]
    [InlineData("[1 2\n3 4]", "[1 2; 3 4]")]
    [InlineData("[[1, 2],\n [3, 4]]", "[[1, 2], [3, 4]]")]
    [InlineData("[1, 2,]", "[1, 2]")]
    [InlineData("[1 2;]", "[1 2]")]
    [InlineData("[]", "[]")]
    [InlineData("[[1 2] [3 4]]", "[[1 2] [3 4]]")]
    public void ParsesMatrixLiterals(string text, string expected) => Assert.Equal(expected, P(text));

    [Fact]
    public void ReadsMatlabRowsAsRows()
    {
        var a = Assert.IsType<ArrayLiteral>(Parser.ParseExpressionText("[1 2; 3 4]"));
        Assert.True(a.MatlabStyle);
        Assert.Equal(2, a.Rows.Count);
        var b = Assert.IsType<ArrayLiteral>(Parser.ParseExpressionText("[[1, 2], [3, 4]]"));
        Assert.False(b.MatlabStyle);
    }

    [Theory]
    [InlineData("A = [[1, 2], [3, 4]]", "A = [[1, 2], [3, 4]]")]
    [InlineData("U, S, Vt = svd(A)", "U, S, Vt = svd(A)")]
    [InlineData("X : (32, 784)", "X : (32, 784)")]
    [InlineData("b1 : (256,)", "b1 : (256,)")]
    [InlineData("Q : (b, h, n, d)", "Q : (b, h, n, d)")]
    [InlineData("s : ()", "s : ()")]
    [InlineData("Y : (b, n, h*d)", "Y : (b, n, (h * d))")]
    [InlineData("explain A @ B", "explain (A @ B)")]
    [InlineData("explain(A)", "explain A")]
    [InlineData("1, 2", "(1, 2)")]
    [InlineData("a, b = b, a", "a, b = (b, a)")]
    public void ParsesStatements(string text, string expected)
    {
        var program = Parser.ParseProgram(text);
        Assert.Equal(expected, AstPrinter.Print(Assert.Single(program.Statements)));
    }

    [Fact]
    public void SplitsStatementsOnLinesAndSemicolonsAndSkipsComments()
    {
        var program = Parser.ParseProgram("A = 1  # first\n\n# only a comment\nB = 2; C = 3\nA + B\n");
        Assert.Equal(["A = 1", "B = 2", "C = 3", "(A + B)"], program.Statements.Select(AstPrinter.Print));
        Assert.Equal([1, 4, 4, 5], program.Statements.Select(s => s.Span.Line));
        Assert.Equal("B = 2", program.Statements[1].Source);
    }

    [Fact]
    public void LetsMatricesSpanLines()
    {
        var program = Parser.ParseProgram("A = [1 2\n     3 4]\nB = inv(\n  A)\n");
        Assert.Equal(["A = [1 2; 3 4]", "B = inv(A)"], program.Statements.Select(AstPrinter.Print));
    }

    [Fact]
    public void ContinuesLinesEndingInBackslash()
    {
        var program = Parser.ParseProgram("x = 1 + \\\n  2");
        Assert.Equal("x = (1 + 2)", AstPrinter.Print(Assert.Single(program.Statements)));
    }

    [Fact]
    public void KeepsDecimalsAndIntegersApart()
    {
        Assert.True(Assert.IsType<NumberLiteral>(Parser.ParseExpressionText("12")).IsInteger);
        Assert.False(Assert.IsType<NumberLiteral>(Parser.ParseExpressionText("1.5")).IsInteger);
        Assert.False(Assert.IsType<NumberLiteral>(Parser.ParseExpressionText("1e-3")).IsInteger);
        Assert.False(Assert.IsType<NumberLiteral>(Parser.ParseExpressionText(".5")).IsInteger);
        Assert.Equal("(1e-3 + 2.5E+2)", P("1e-3 + 2.5E+2"));
    }

    [Theory]
    [InlineData("1j")]
    [InlineData("2.5j")]
    [InlineData("2.5J")]
    [InlineData("1e-3j")]
    [InlineData("2.j")]
    [InlineData(".5j")]
    [InlineData("0j")]
    public void ReadsImaginaryLiteralsAsOneToken(string text)
    {
        var n = Assert.IsType<NumberLiteral>(Parser.ParseExpressionText(text));
        Assert.True(n.IsImaginary);
        Assert.False(n.IsInteger);
        Assert.Equal(text, n.Text);
    }

    [Theory]
    [InlineData("1 + 2j", "(1 + 2j)")]
    [InlineData("-1j", "(-1j)")]
    [InlineData("2j ** 2", "(2j ** 2)")]
    [InlineData("3*j", "(3 * j)")]
    [InlineData("j", "j")]
    [InlineData("j2 + jj", "(j2 + jj)")]
    [InlineData("[1 2j; -3j 4]", "[1 2j; (-3j) 4]")]
    [InlineData("2j.T", "(2j.T)")]
    public void KeepsJAloneAsANameAndTheSuffixOnNumbers(string text, string expected) => Assert.Equal(expected, P(text));

    [Theory]
    [InlineData("2jx")]
    [InlineData("2j5")]
    [InlineData("2j_")]
    public void ANumberFollowedByANameIsNotImaginary(string text)
    {
        var e = Assert.ThrowsAny<CalcSyntaxException>(() => Parser.ParseExpressionText(text));
        Assert.Contains("two values in a row", e.Hint);
    }
}
