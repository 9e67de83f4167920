using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Evaluation;

/// <summary>Integer and fraction input stays exact through the operations that allow it.</summary>
public class ExactResultTests
{
    [Theory]
    [InlineData("inv([[1, 2], [3, 4]])", "[[-2, 1], [3/2, -1/2]]")]
    [InlineData("[[1, 2], [3, 4]] @ [[5, 6], [7, 8]]", "[[19, 22], [43, 50]]")]
    [InlineData("[[1, 2], [3, 4]] * [[5, 6], [7, 8]]", "[[5, 12], [21, 32]]")]
    [InlineData("3/2", "3/2")]
    [InlineData("1/3 + 1/6", "1/2")]
    [InlineData("7 / 7", "1")]
    [InlineData("2 ** 10", "1024")]
    [InlineData("2 ** -2", "1/4")]
    [InlineData("(2/3) ** 3", "8/27")]
    [InlineData("-2 ** 2", "-4")]
    [InlineData("[1 2; 3 4] ^ 3", "[[37, 54], [81, 118]]")]
    [InlineData("[[1, 2], [3, 4]] ^ -1", "[[-2, 1], [3/2, -1/2]]")]
    [InlineData("[[1, 1], [1, 0]] ^ 50", "[[20365011074, 12586269025], [12586269025, 7778742049]]")]
    [InlineData("det([[1, 2], [3, 4]])", "-2")]
    [InlineData("det([[2, 0, 1], [1, 3, 2], [1, 1, 2]])", "6")]
    [InlineData("solve([[2, 1], [1, 3]], [3, 5])", "[4/5, 7/5]")]
    [InlineData("rref([[1, 2, 3], [2, 4, 7]])", "[[1, 2, 0], [0, 0, 1]]")]
    [InlineData("adj([[1, 2], [3, 4]])", "[[4, -2], [-3, 1]]")]
    [InlineData("cofactor([[1, 2], [3, 4]])", "[[4, -3], [-2, 1]]")]
    [InlineData("minor([[1, 2, 3], [4, 5, 6], [7, 8, 10]], 0, 0)", "2")]
    [InlineData("trace([[1, 2], [3, 4]])", "5")]
    [InlineData("[[1, 2], [3, 4]].T", "[[1, 3], [2, 4]]")]
    [InlineData("[[1, 2], [3, 4]]'", "[[1, 3], [2, 4]]")]
    [InlineData("matrix_rank([[1, 2], [2, 4]])", "1")]
    [InlineData("rank([[1, 2], [3, 4]])", "2")]
    [InlineData("[1, 2, 3] + 1/2", "[3/2, 5/2, 7/2]")]
    [InlineData("[[1], [2]] + [10, 20]", "[[11, 21], [12, 22]]")]
    [InlineData("[1, 2, 3] < 2", "[1, 0, 0]")]
    [InlineData("[1, 2, 3] == [3, 2, 1]", "[0, 1, 0]")]
    [InlineData("[1, 2] != 2", "[1, 0]")]
    [InlineData("-[1, -2]", "[-1, 2]")]
    [InlineData("eye(2)", "[[1, 0], [0, 1]]")]
    [InlineData("eye(2, 3, k=1)", "[[0, 1, 0], [0, 0, 1]]")]
    [InlineData("zeros(2, 3)", "[[0, 0, 0], [0, 0, 0]]")]
    [InlineData("ones((2,))", "[1, 1]")]
    [InlineData("diag([1, 2])", "[[1, 0], [0, 2]]")]
    [InlineData("diag([[1, 2], [3, 4]])", "[1, 4]")]
    [InlineData("arange(4)", "[0, 1, 2, 3]")]
    [InlineData("arange(0, 1, 1/4)", "[0, 1/4, 1/2, 3/4]")]
    [InlineData("arange(5, 0, -2)", "[5, 3, 1]")]
    [InlineData("sum([[1, 2], [3, 4]])", "10")]
    [InlineData("sum([[1, 2], [3, 4]], axis=0)", "[4, 6]")]
    [InlineData("sum([[1, 2], [3, 4]], axis=1, keepdims=1)", "[[3], [7]]")]
    [InlineData("mean([1, 2, 4])", "7/3")]
    [InlineData("max([[3, 1], [2, 5]], axis=0)", "[3, 5]")]
    [InlineData("min([[3, 1], [2, 5]], axis=-1)", "[1, 2]")]
    [InlineData("argmax([[1, 9], [7, 3]], axis=1)", "[1, 0]")]
    [InlineData("argmax([[1, 9], [7, 3]])", "1")]
    [InlineData("abs([-3/2, 2])", "[3/2, 2]")]
    [InlineData("relu([-1, 0, 2])", "[0, 0, 2]")]
    [InlineData("floor([-3/2, 5/2])", "[-2, 2]")]
    [InlineData("round([1/2, 3/2, 5/2, -1/2])", "[0, 2, 2, 0]")]
    [InlineData("mod([[-1, 27], [3, 52]], 26)", "[[25, 1], [3, 0]]")]
    [InlineData("exact(0.1)", "1/10")]
    [InlineData("exact([0.5, 0.25])", "[1/2, 1/4]")]
    [InlineData("dot([1, 2, 3], [4, 5, 6])", "32")]
    [InlineData("outer([1, 2], [3, 4, 5])", "[[3, 4, 5], [6, 8, 10]]")]
    [InlineData("kron(eye(2), [[1, 2], [3, 4]])", "[[1, 2, 0, 0], [3, 4, 0, 0], [0, 0, 1, 2], [0, 0, 3, 4]]")]
    [InlineData("hstack([[1], [2]], [[3], [4]])", "[[1, 3], [2, 4]]")]
    [InlineData("hstack([1, 2], [3])", "[1, 2, 3]")]
    [InlineData("vstack([1, 2], [3, 4])", "[[1, 2], [3, 4]]")]
    [InlineData("vstack(([1, 2], [[3, 4], [5, 6]]))", "[[1, 2], [3, 4], [5, 6]]")]
    [InlineData("reshape(arange(6), 2, 3)", "[[0, 1, 2], [3, 4, 5]]")]
    [InlineData("reshape(arange(6), (3, -1))", "[[0, 1], [2, 3], [4, 5]]")]
    [InlineData("ravel([[1, 2], [3, 4]])", "[1, 2, 3, 4]")]
    [InlineData("transpose([[1, 2, 3]])", "[[1], [2], [3]]")]
    [InlineData("size(zeros(3, 4))", "12")]
    [InlineData("ndim([[1]])", "2")]
    [InlineData("matrix_power([[1, 1], [0, 1]], 5)", "[[1, 5], [0, 1]]")]
    [InlineData("[1, 2, 3][-1]", "3")]
    public void StaysExact(string program, string expected) => Assert.Equal(expected, CalcRun.Exact(program));

    [Theory]
    [InlineData("A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nA[0, :]", "[1, 2, 3]")]
    [InlineData("A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nA[:, 1]", "[2, 5, 8]")]
    [InlineData("A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nA[1:, ::2]", "[[4, 6], [7, 9]]")]
    [InlineData("A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nA[-1]", "[7, 8, 9]")]
    [InlineData("A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nA[::-1, -1]", "[9, 6, 3]")]
    [InlineData("A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nA[1, 2]", "6")]
    [InlineData("A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nA[0:10, 5:]", "[[], [], []]")]
    [InlineData("v = [10, 20, 30, 40]\nv[1:3]", "[20, 30]")]
    [InlineData("v = [10, 20, 30, 40]\nv[-3:-1]", "[20, 30]")]
    [InlineData("v = [10, 20, 30, 40]\nv[::-2]", "[40, 20]")]
    public void IndexesExactArraysLikeNumPy(string program, string expected) => Assert.Equal(expected, CalcRun.Exact(program));

    [Fact]
    public void IndexesFloatArraysLikeExactOnes()
    {
        // the same indexes on float data give the same numbers (the float path uses Linea's views)
        foreach (var index in new[] { "[0, :]", "[:, 1]", "[1:, ::2]", "[-1]", "[::-1, -1]", "[1, 2]", "[0:10, 5:]" })
        {
            var exact = CalcRun.Exact($"A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nA{index}");
            var back = CalcRun.Exact($"exact(float([[1, 2, 3], [4, 5, 6], [7, 8, 9]]){index})");
            Assert.Equal(exact, back);
        }
    }

    [Fact]
    public void ReadsMatlabAndNumPyLiteralsAlike()
    {
        Assert.Equal("[[1, 2], [3, 4]]", CalcRun.Exact("[1 2; 3 4]"));
        Assert.Equal("[[1, 2], [3, 4]]", CalcRun.Exact("[1, 2; 3, 4]"));
        Assert.Equal("[[1, 2], [3, 4]]", CalcRun.Exact("[1 2\n 3 4]"));
        Assert.Equal("[1, -2]", CalcRun.Exact("[1 -2]"));
        Assert.Equal("[-1]", CalcRun.Exact("[1 - 2]"));
        Assert.Equal("[[1, 2, 5], [3, 4, 6]]", CalcRun.Exact("A = [1 2; 3 4]\n[A [5; 6]]"));
        Assert.Equal("[[1, 2], [3, 4], [5, 6]]", CalcRun.Exact("A = [1 2; 3 4]\n[A; 5 6]"));
        Assert.Equal("[1, 2, 3]", CalcRun.Exact("[1 2 3]"));
    }

    [Fact]
    public void HillCipherRoundTrip()
    {
        // key [[3, 3], [2, 5]]: HI = (7, 8) encrypts to TC = (19, 2), and the inverse key mod 26 decrypts it
        var session = new CalcSession(CalcRun.Options);
        Assert.Equal("[19, 2]", ((ExactValue)CalcRun.Value("K = [[3, 3], [2, 5]]\nmod(K @ [7, 8], 26)", session)).Array.ToInlineString());
        CalcRun.Ok("Kinv = inv(K, mod=26)", session);
        Assert.Equal("[[15, 17], [20, 9]]", ((ExactValue)session.Variables["Kinv"]).Array.ToInlineString());
        Assert.Equal("[7, 8]", ((ExactValue)CalcRun.Value("mod(Kinv @ [19, 2], 26)", session)).Array.ToInlineString());
        Assert.Equal("[[1, 0], [0, 1]]", ((ExactValue)CalcRun.Value("mod(K @ Kinv, 26)", session)).Array.ToInlineString());
        // whole messages as columns: "HELP" -> pairs (7, 4) and (11, 15)
        Assert.Equal("[[7, 11], [4, 15]]", ((ExactValue)CalcRun.Value("C = mod(K @ [[7, 11], [4, 15]], 26)\nmod(Kinv @ C, 26)", session)).Array.ToInlineString());
    }

    [Fact]
    public void AssignsSeveralResultsAndKeepsVariables()
    {
        var session = new CalcSession(CalcRun.Options);
        CalcRun.Ok("A = [[1, 2], [3, 4]]\nB = A @ A\na, b = 1, 2", session);
        Assert.Equal("[[7, 10], [15, 22]]", ((ExactValue)session.Variables["B"]).Array.ToInlineString());
        Assert.Equal("2", ((ExactValue)session.Variables["b"]).Array.ToInlineString());
        CalcRun.Ok("a, b = b, a", session);
        Assert.Equal("1", ((ExactValue)session.Variables["b"]).Array.ToInlineString());
        session.Clear();
        Assert.Empty(session.Variables);
    }

    [Fact]
    public void ExactArithmeticMatchesFloatOnRandomIntegerMatrices()
    {
        // the exact and float paths agree on products and inverses of well-conditioned integer matrices
        var rng = new Rng(5);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 1 + rng.NextInt(4);
            var rows = Enumerable.Range(0, n).Select(_ => "[" + string.Join(", ", Enumerable.Range(0, n).Select(_ => rng.NextInt(9) - 4)) + "]");
            string a = "[" + string.Join(", ", rows) + "]";
            var det = CalcRun.Exact($"det({a})");
            if (det == "0") continue;
            var exactInv = ((ExactValue)CalcRun.Value($"inv({a})")).Array.ToTensor();
            var floatInv = CalcRun.Float($"inv(float({a}))");
            Assert.True(NDArray.AllClose(exactInv, floatInv, rtol: 1e-10, atol: 1e-10), $"{a}: {exactInv} vs {floatInv}");
            Assert.Equal("[" + string.Join(", ", Enumerable.Range(0, n).Select(i => "[" + string.Join(", ", Enumerable.Range(0, n).Select(j => i == j ? "1" : "0")) + "]")) + "]",
                CalcRun.Exact($"{a} @ inv({a})"));
        }
    }
}
