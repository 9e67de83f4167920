using Linea.Calc.Evaluation;
using Linea.Calc.Shapes;

namespace Linea.Calc.Tests.Shapes;

/// <summary>Shape declarations: expressions over declared names report their shape without computing.</summary>
public class ShapeCheckerTests
{
    private const string Mlp = "X : (32, 784)\nW1 : (784, 256)\nb1 : (256,)\nW2 : (256, 10)\nb2 : (10,)\n";
    private const string Attention = "Q : (b, h, n, d)\nK : (b, h, n, d)\nV : (b, h, n, d)\n";

    private static string ShapeOf(string program)
    {
        var v = Assert.IsType<SymbolicValue>(CalcRun.Value(program));
        return v.Shape.ToString();
    }

    [Theory]
    [InlineData("X @ W1 + b1", "(32, 256)")]
    [InlineData("relu(X @ W1 + b1) @ W2 + b2", "(32, 10)")]
    [InlineData("softmax(relu(X @ W1 + b1) @ W2 + b2, axis=-1)", "(32, 10)")]
    [InlineData("sigmoid(X @ W1)", "(32, 256)")]
    [InlineData("X.T", "(784, 32)")]
    [InlineData("X'", "(784, 32)")]
    [InlineData("X.T @ X", "(784, 784)")]
    [InlineData("sum(X, axis=0)", "(784,)")]
    [InlineData("mean(X, axis=1, keepdims=1)", "(32, 1)")]
    [InlineData("max(X)", "()")]
    [InlineData("X[0]", "(784,)")]
    [InlineData("X[:, :10]", "(32, 10)")]
    [InlineData("X[::2]", "(16, 784)")]
    [InlineData("reshape(X, 32, 28, 28)", "(32, 28, 28)")]
    [InlineData("reshape(X, -1)", "(25088,)")]
    [InlineData("X @ W1 @ W2 - zeros(32, 10)", "(32, 10)")]
    [InlineData("X * 2 + 1", "(32, 784)")]
    [InlineData("hstack(X, X)", "(32, 1568)")]
    [InlineData("vstack(X, X)", "(64, 784)")]
    [InlineData("W1 @ ones(256)", "(784,)")]
    [InlineData("[X, X]", "(2, 32, 784)")]
    [InlineData("exp(b1) / sum(exp(b1))", "(256,)")]
    [InlineData("float(X)", "(32, 784)")]
    public void ChecksAnMlp(string expr, string shape) => Assert.Equal(shape, ShapeOf(Mlp + expr));

    [Theory]
    [InlineData("Q @ K.mT", "(b, h, n, n)")]
    [InlineData("Q @ K.mT / sqrt(d)", "(b, h, n, n)")]
    [InlineData("softmax(Q @ K.mT / sqrt(d), axis=-1) @ V", "(b, h, n, d)")]
    [InlineData("Q @ swapaxes(K, -1, -2)", "(b, h, n, n)")]
    [InlineData("Q @ transpose(K, 0, 1, 3, 2)", "(b, h, n, n)")]
    [InlineData("transpose(Q, 0, 2, 1, 3)", "(b, n, h, d)")]
    [InlineData("reshape(transpose(softmax(Q @ K.mT, axis=-1) @ V, 0, 2, 1, 3), b, n, h*d)", "(b, n, h*d)")]
    [InlineData("reshape(Q, b, h, -1)", "(b, h, n*d)")]
    [InlineData("sum(Q @ K.mT, axis=-1)", "(b, h, n)")]
    [InlineData("Q.T", "(d, n, h, b)")]
    [InlineData("Q[0]", "(h, n, d)")]
    [InlineData("Q[:, 0]", "(b, n, d)")]
    [InlineData("shape(Q)[2] * d", "()")]
    public void ChecksBatchedAttention(string expr, string shape) => Assert.Equal(shape, ShapeOf(Attention + expr));

    [Fact]
    public void BroadcastsBatchAxesOfStackedProducts()
    {
        Assert.Equal("(4, 3, 5, 2)", ShapeOf("A : (4, 1, 5, 6)\nB : (3, 6, 2)\nA @ B"));
        Assert.Equal("(b, h, n, n)", ShapeOf("A : (b, 1, n, d)\nB : (h, d, n)\nA @ B"));
        Assert.Equal("(b, n)", ShapeOf("A : (b, n, d)\nv : (d,)\nA @ v"));
        Assert.Equal("(b, h, n, d)", ShapeOf("A : (b, h, n, d)\nm : (1, 1, n, 1)\nA * m"));
    }

    [Fact]
    public void HintsAtTheTransposeThatFits()
    {
        var e = CalcRun.Error("X : (32, 784)\nW : (256, 784)\nX @ W");
        Assert.IsType<CalcShapeException>(e);
        Assert.Equal("matmul: (32, 784) @ (256, 784): inner dimensions 784 and 256 differ (the last axis of A must equal the second-to-last axis of B)", e.Message);
        Assert.Equal("did you mean W.T? X @ W.T would have inner dimension 784", e.Hint);
        Assert.Equal((3, 3), (e.Line, e.Column));

        var left = CalcRun.Error("A : (5, 3)\nB : (5, 2)\nA @ B");
        Assert.Equal("did you mean A.T? A.T @ B would have inner dimension 5", left.Hint);

        var undo = CalcRun.Error("X : (32, 784)\nW : (784, 256)\nX @ W.T");
        Assert.Equal("did you mean W? X @ W would have inner dimension 784", undo.Hint);

        var batched = CalcRun.Error(Attention + "Q @ K");
        Assert.Equal("matmul: (b, h, n, d) @ (b, h, n, d): inner dimensions d and n differ (the last axis of A must equal the second-to-last axis of B)", batched.Message);
        Assert.Equal("did you mean K.mT? Q @ K.mT would have inner dimension d", batched.Hint);

        var expr = CalcRun.Error(Mlp + "(X @ W1) @ W1");
        Assert.Equal("did you mean W1.T? (X @ W1) @ W1.T would have inner dimension 256", expr.Hint);

        var none = CalcRun.Error("A : (2, 3)\nB : (4, 5)\nA @ B");
        Assert.Null(none.Hint);
    }

    [Fact]
    public void ReportsBroadcastingAndReshapeErrors()
    {
        var add = CalcRun.Error(Mlp + "X @ W1 + b2");
        Assert.Equal("add: shapes (32, 256) and (10,) cannot be broadcast together: axis -1 has lengths 256 and 10, and broadcasting needs them equal or one of them 1", add.Message);
        var sym = CalcRun.Error("A : (b, n)\nB : (n, b)\nA + B");
        Assert.Equal("add: shapes (b, n) and (n, b) cannot be broadcast together: axis -2 has lengths b and n, and broadcasting needs them equal or one of them 1", sym.Message);
        var reshape = CalcRun.Error(Attention + "reshape(Q, b, n, h)");
        Assert.Equal("reshape: cannot reshape (b, h, n, d) (b*h*n*d elements) into (b, n, h) (b*n*h elements)", reshape.Message);
        Assert.Contains("is not a multiple of", CalcRun.Error("X : (6, 5)\nreshape(X, 4, -1)").Message);
        Assert.Contains("axis 2 is out of range", CalcRun.Error(Mlp + "sum(X, axis=2)").Message);
        Assert.Contains("needs a square matrix, got shape (32, 784)", CalcRun.Error(Mlp + "inv(X)").Message);
        Assert.Contains("works on values", CalcRun.Error(Mlp + "svd(X)").Message);
        Assert.Contains("works on values", CalcRun.Error(Mlp + "exact(X)").Message);
    }

    [Fact]
    public void SquareFunctionsCheckDeclaredShapes()
    {
        Assert.Equal("(n, n)", ShapeOf("A : (n, n)\ninv(A) @ A"));
        Assert.Equal("()", ShapeOf("A : (n, n)\ndet(A)"));
        Assert.Equal("(n, k)", ShapeOf("A : (n, n)\nB : (n, k)\nsolve(A, B)"));
        Assert.Equal("(n, n)", ShapeOf("A : (n, n)\nA ^ 3"));
        Assert.Contains("needs a square matrix", CalcRun.Error("A : (n, m)\nA ^ 2").Message);
    }

    [Fact]
    public void DeclaredDimensionsBehaveAsNumbers()
    {
        var session = new CalcSession(CalcRun.Options);
        CalcRun.Ok("n = 5\nX : (n, 3)", session);
        Assert.Equal("(5, 3)", ((SymbolicValue)session.Variables["X"]).Shape.ToString());
        var d = Assert.IsType<SymbolicValue>(CalcRun.Value(Attention + "h * d"));
        Assert.Equal("h*d", d.DimensionValue!.ToString());
        Assert.Equal(Dim.Symbol("d") * Dim.Symbol("h"), d.DimensionValue);
        // a function of a dimension is a number, not a dimension
        Assert.Null(Assert.IsType<SymbolicValue>(CalcRun.Value(Attention + "sqrt(d)")).DimensionValue);
        Assert.Null(Assert.IsType<SymbolicValue>(CalcRun.Value(Attention + "-d")).DimensionValue);
        Assert.Contains("dimension 1 must be", CalcRun.Error(Attention + "reshape(Q, b, sqrt(d), -1)").Message);
    }

    [Fact]
    public void MixesDeclaredShapesWithValues()
    {
        Assert.Equal("(32, 2)", ShapeOf(Mlp + "X @ rand(784, 2, seed=1)"));
        Assert.Equal("(32, 784)", ShapeOf(Mlp + "X - mean(zeros(32, 784), axis=0)"));
    }
}
