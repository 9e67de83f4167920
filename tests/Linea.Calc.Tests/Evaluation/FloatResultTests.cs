using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Evaluation;

/// <summary>Float64 results: decimals, functions that cannot be exact, and the decompositions checked by their identities.</summary>
public class FloatResultTests
{
    private const double Eps = 2.220446049250313e-16;

    private static double Scalar(string program) => CalcRun.Float(program).Item();

    [Theory]
    [InlineData("0.5")]
    [InlineData("1e-3")]
    [InlineData("sqrt(4)")]
    [InlineData("[1, 2] * 0.5")]
    [InlineData("float(1/3)")]
    [InlineData("exp(0)")]
    [InlineData("[[1, 2], [3, 4]] ** 0.5")]
    [InlineData("inv([[1.0, 2], [3, 4]])")]
    [InlineData("pi")]
    public void DecimalsAndInexactFunctionsGiveFloat64(string program) => Assert.IsType<FloatValue>(CalcRun.Value(program));

    [Fact]
    public void MixesExactAndFloatAsFloat()
    {
        var t = CalcRun.Float("[[1, 2], [3, 4]] + 0.5");
        Assert.Equal(new[] { 1.5, 2.5, 3.5, 4.5 }, t.ToArray());
        Assert.Equal(0.5, Scalar("1/2 * 1.0"));
        Assert.Equal(1.0 / 3, Scalar("float(1/3)"));
    }

    [Fact]
    public void ComputesElementaryFunctionsLikeMath()
    {
        Assert.Equal(Math.Sqrt(2), Scalar("sqrt(2)"));
        Assert.Equal(Math.E, Scalar("exp(1)"));
        Assert.Equal(0.0, Scalar("log(1)"));
        Assert.Equal(Math.Tanh(0.5), Scalar("tanh(0.5)"));
        Assert.Equal(1 / (1 + Math.Exp(-2)), Scalar("sigmoid(2)"), 15);
        Assert.Equal(0.5, Scalar("sin(pi / 6)"), 15);
        Assert.Equal(new[] { 0.0, 0.0, 2.5 }, CalcRun.Float("relu([-1.5, 0, 2.5])").ToArray());
        Assert.Equal(new[] { 0.0, 0.5, 1.0 }, CalcRun.Float("clip([-2, 0.5, 3], 0, 1)").ToArray());
        Assert.Equal(new[] { 3.0, 5.0 }, CalcRun.Float("maximum([1, 5], [3, 2.0])").ToArray());
        var sm = CalcRun.Float("softmax([1, 2, 3])").ToArray();
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(new[] { Math.Exp(1) / z, Math.Exp(2) / z, Math.Exp(3) / z }, sm, (x, y) => Math.Abs(x - y) <= 4 * Eps);
        Assert.Equal(new[] { -2000.0, -1000.0, 0.0 }, CalcRun.Float("log_softmax([-1000, 0, 1000])").ToArray());
        Assert.Equal(1.5, Scalar("mod(-0.5, 2)"));
    }

    [Fact]
    public void ReducesLikeNumPy()
    {
        // hand-derived: std of [1, 2, 3, 4] = sqrt(1.25); sample std (ddof=1) = sqrt(5/3)
        Assert.Equal(Math.Sqrt(1.25), Scalar("std([1, 2, 3, 4])"), 15);
        Assert.Equal(Math.Sqrt(5.0 / 3), Scalar("std([1, 2, 3, 4], ddof=1)"), 15);
        Assert.Equal(new[] { 1.0, 1.0 }, CalcRun.Float("var([[1, 2], [3, 4]], axis=0)").ToArray());
        Assert.Equal(24.0, Scalar("prod([1, 2, 3, 4])"));
        Assert.Equal(new[] { 2.5, 3.5 }, CalcRun.Float("mean([[1.0, 2], [4, 5]], axis=0)").ToArray());
        Assert.Equal("1", CalcRun.Exact("argmax([0.5, 3.5, 2])"));
    }

    [Fact]
    public void SvdReconstructsItsInput()
    {
        // [[3, 0], [4, 5]] has A^T A = [[25, 20], [20, 25]] with eigenvalues 45 and 5: singular values sqrt(45), sqrt(5)
        var session = new CalcSession(CalcRun.Options);
        CalcRun.Ok("A = [[3, 0], [4, 5]]\nU, S, Vt = svd(A)", session);
        var s = ((FloatValue)session.Variables["S"]).NDArray.ToArray();
        Assert.Equal(Math.Sqrt(45), s[0], 14);
        Assert.Equal(Math.Sqrt(5), s[1], 14);
        var r = ((FloatValue)CalcRun.Value("norm(U @ diag(S) @ Vt - A) / norm(A)", session)).NDArray.Item();
        Assert.True(r <= 10 * 2 * Eps, $"relative error {r}");
        var o = ((FloatValue)CalcRun.Value("norm(U.T @ U - eye(2))", session)).NDArray.Item();
        Assert.True(o <= 10 * 2 * Eps, $"orthogonality {o}");
        Assert.Equal(s, CalcRun.Float("svdvals([[3, 0], [4, 5]])").ToArray());
    }

    [Fact]
    public void QrLuCholeskyAndEighSatisfyTheirIdentities()
    {
        var session = new CalcSession(CalcRun.Options);
        CalcRun.Ok("A = [[4, 2, 1], [2, 5, 3], [1, 3, 6]]", session);
        double Residual(string expr) => ((FloatValue)CalcRun.Value(expr, session)).NDArray.Item();
        double bound = 30 * 3 * Eps * 10; // c n eps ||A||, ||A|| about 10
        CalcRun.Ok("Q, R = qr(A)", session);
        Assert.True(Residual("norm(Q @ R - A)") <= bound);
        Assert.True(Residual("norm(Q.T @ Q - eye(3))") <= 30 * 3 * Eps);
        CalcRun.Ok("P, L, U = lu(A)", session);
        Assert.True(Residual("norm(P @ L @ U - A)") <= bound);
        Assert.Equal("[[1, 0, 0], [0, 1, 0], [0, 0, 1]]", ((ExactValue)CalcRun.Value("exact(P @ P.T)", session)).Array.ToInlineString());
        CalcRun.Ok("C = cholesky(A)", session);
        Assert.True(Residual("norm(C @ C.T - A)") <= bound);
        CalcRun.Ok("w, V = eigh(A)", session);
        Assert.True(Residual("norm(A @ V - V * w)") <= bound);
        Assert.True(Residual("abs(sum(w) - trace(A))") <= bound);
        var w = ((FloatValue)session.Variables["w"]).NDArray.ToArray();
        Assert.True(w[0] <= w[1] && w[1] <= w[2]);
        Assert.Equal(w, CalcRun.Float("eigvalsh([[4, 2, 1], [2, 5, 3], [1, 3, 6]])").ToArray(), (x, y) => Math.Abs(x - y) <= bound);
    }

    [Fact]
    public void LuIsScipysPermutationConvention()
    {
        // scipy.linalg.lu([[1, 2], [3, 4]]): p = [[0, 1], [1, 0]], l = [[1, 0], [1/3, 1]], u = [[3, 4], [0, 2/3]]
        var t = (TupleValue)CalcRun.Value("lu([[1, 2], [3, 4]])");
        Assert.Equal(["P", "L", "U"], t.Names);
        Assert.Equal(new[] { 0.0, 1, 1, 0 }, ((FloatValue)t.Items[0]).NDArray.ToArray());
        Assert.Equal(new[] { 1.0, 0, 1.0 / 3, 1 }, ((FloatValue)t.Items[1]).NDArray.ToArray());
        Assert.Equal(new[] { 3.0, 4, 0, 2.0 / 3 }, ((FloatValue)t.Items[2]).NDArray.ToArray(), (x, y) => Math.Abs(x - y) <= 2 * Eps);
    }

    [Fact]
    public void SolvesLeastSquaresProblems()
    {
        // fit y = a + b x through (0, 1), (1, 2), (2, 4): normal equations give a = 5/6, b = 3/2, residual 1/6
        var t = (TupleValue)CalcRun.Value("lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 4])");
        Assert.Equal(["x", "residuals", "rank", "s"], t.Names);
        var x = ((FloatValue)t.Items[0]).NDArray.ToArray();
        Assert.Equal(5.0 / 6, x[0], 14);
        Assert.Equal(1.5, x[1], 14);
        Assert.Equal(1.0 / 6, ((FloatValue)t.Items[1]).NDArray.ToArray()[0], 14);
        Assert.Equal("2", ((ExactValue)t.Items[2]).Array.ToInlineString());
        var pinv = CalcRun.Float("pinv([[1, 2], [2, 4]])").ToArray();
        // pinv of the rank-one matrix u v^T / (|u|^2 |v|^2): [[1, 2], [2, 4]] / 25
        Assert.Equal(new[] { 1 / 25.0, 2 / 25.0, 2 / 25.0, 4 / 25.0 }, pinv, (a, b) => Math.Abs(a - b) <= 50 * Eps);
    }

    [Fact]
    public void ComputesNormsAndConditionNumbers()
    {
        Assert.Equal(5.0, Scalar("norm([3, 4])"));
        Assert.Equal(7.0, Scalar("norm([3, -4], 1)"));
        Assert.Equal(4.0, Scalar("norm([3, -4], inf)"));
        Assert.Equal(Math.Sqrt(30), Scalar("norm([[1, 2], [3, 4]])"), 14);
        Assert.Equal(Math.Sqrt(30), Scalar("norm([[1, 2], [3, 4]], \"fro\")"), 14);
        Assert.Equal(6.0, Scalar("norm([[1, 2], [3, 4]], 1)"));
        Assert.Equal(new[] { 5.0, 1.0 }, CalcRun.Float("norm([[3, 4], [1, 0]], axis=1)").ToArray());
        // cond_2 of diag(1, 100) is 100; cond_1 of [[1, 2], [3, 4]] is ||A||_1 ||inv(A)||_1 = 6 * 3.5
        Assert.Equal(100.0, Scalar("cond(diag([1, 100]))"), 12);
        Assert.Equal(21.0, Scalar("cond([[1, 2], [3, 4]], 1)"), 12);
        Assert.Equal("2", CalcRun.Exact("matrix_rank(float([[1, 2], [3, 4]]))"));
    }

    [Fact]
    public void GeneratesReproducibleRandomNumbers()
    {
        var a = CalcRun.Float("rand(3, 3, seed=1)");
        var b = CalcRun.Float("rand(3, 3, seed=1)");
        var c = CalcRun.Float("rand(3, 3, seed=2)");
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.NotEqual(a.ToArray(), c.ToArray());
        Assert.Equal(new Rng(1).Uniform([3, 3], 0.0, 1.0).ToArray(), a.ToArray());
        Assert.All(a.ToArray(), x => Assert.InRange(x, 0.0, 1.0));
        Assert.Equal(new Rng(7).Normal([2, 2], 0.0, 1.0).ToArray(), CalcRun.Float("randn(2, 2, seed=7)").ToArray());
        Assert.Equal(new[] { 1000 }, CalcRun.Float("rand(1000)").Shape.ToIntArray());
    }

    [Fact]
    public void BuildsRangesAndStacks()
    {
        Assert.Equal(new[] { 0.0, 0.25, 0.5, 0.75, 1.0 }, CalcRun.Float("linspace(0, 1, 5)").ToArray());
        Assert.Equal(new[] { 0.0, 0.5, 1.0, 1.5 }, CalcRun.Float("arange(0, 2, 0.5)").ToArray());
        Assert.Equal(new[] { 2, 3 }, CalcRun.Float("hstack(rand(2, 1), zeros(2, 2) + 0.5)").Shape.ToIntArray());
        Assert.Equal(new[] { 1.0, 2, 2, 4 }, CalcRun.Float("kron([1.0, 2], [1, 2])").ToArray());
        Assert.Equal(new[] { 3, 4 }, CalcRun.Float("reshape(rand(12), 3, -1)").Shape.ToIntArray());
        Assert.Equal(new[] { 4, 3 }, CalcRun.Float("transpose(rand(3, 4))").Shape.ToIntArray());
        Assert.Equal(new[] { 2, 4, 3 }, CalcRun.Float("transpose(rand(2, 3, 4), 0, 2, 1)").Shape.ToIntArray());
        Assert.Equal(new[] { 2, 4, 3 }, CalcRun.Float("rand(2, 3, 4).mT").Shape.ToIntArray());
        Assert.Equal(new[] { 4, 3, 2 }, CalcRun.Float("rand(2, 3, 4).T").Shape.ToIntArray());
    }

    [Fact]
    public void MatrixPowerOfFloatsUsesRepeatedSquaring()
    {
        Assert.Equal(new[] { 1.0, 10, 0, 1 }, CalcRun.Float("[[1.0, 1], [0, 1]] ^ 10").ToArray());
        Assert.Equal(new[] { 1.0, -1, 0, 1 }, CalcRun.Float("[[1.0, 1], [0, 1]] ^ -1").ToArray());
    }

    [Fact]
    public void TreatsConstantsAndBooleans()
    {
        Assert.True(double.IsPositiveInfinity(Scalar("inf")));
        Assert.True(double.IsNaN(Scalar("nan")));
        Assert.Equal("1", CalcRun.Exact("true"));
        Assert.True(double.IsPositiveInfinity(Scalar("1 / 0.0")));
    }
}
