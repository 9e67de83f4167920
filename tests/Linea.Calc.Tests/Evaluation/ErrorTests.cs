using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Evaluation;

/// <summary>Bad input gives a specific CalcException with position and hint, never a crash.</summary>
public class ErrorTests
{
    [Fact]
    public void SuggestsTheNearestNameForAnUnknownOne()
    {
        var e = CalcRun.Error("A = [[1, 2], [3, 4]]\nivn(A)");
        Assert.IsType<CalcNameException>(e);
        Assert.Equal("there is no function 'ivn'", e.Message);
        Assert.Equal("did you mean 'inv'?", e.Hint);
        Assert.Equal((2, 1), (e.Line, e.Column));

        var v = CalcRun.Error("weights = [1, 2]\nwieghts * 2");
        Assert.Equal("name 'wieghts' is not defined", v.Message);
        Assert.Equal("did you mean 'weights'?", v.Hint);

        Assert.Null(CalcRun.Error("zzzzqqq").Hint);
        Assert.Contains("did you mean 'seed'?", CalcRun.Error("rand(2, sed=1)").Hint);
    }

    [Fact]
    public void SaysWhatAFunctionExpects()
    {
        var arity = CalcRun.Error("inv([[1, 2], [3, 4]], 26, 3)");
        Assert.IsType<CalcTypeException>(arity);
        Assert.Equal("inv() takes 1 to 2 positional arguments, but 3 were given", arity.Message);
        Assert.Equal("usage: inv(A, mod=None)", arity.Hint);

        var missing = CalcRun.Error("solve([[1, 2], [3, 4]])");
        Assert.Contains("'b' is missing", missing.Message);

        var type = CalcRun.Error("det(\"A\")");
        Assert.Equal("det: 'A' must be an array or number, got a string", type.Message);

        var integer = CalcRun.Error("eye(2.5)");
        Assert.Contains("must be an integer, got 2.5", integer.Message);

        var notFunction = CalcRun.Error("A = [1, 2]\nA(0)");
        Assert.Contains("A is a (2,) exact array, not a function", notFunction.Message);

        var function = CalcRun.Error("inv + 1");
        Assert.Equal("inv is a function; call it with parentheses", function.Message);
    }

    [Fact]
    public void NamesTheRankOfASingularMatrix()
    {
        var exact = CalcRun.Error("inv([[1, 2], [2, 4]])");
        Assert.IsType<CalcMathException>(exact);
        Assert.Contains("rank 1", exact.Message);

        var floating = CalcRun.Error("inv([[1.0, 2], [2, 4]])");
        Assert.IsType<CalcMathException>(floating);
        Assert.Equal("inv: the matrix is singular (rank 1 of 2)", floating.Message);

        var solve = CalcRun.Error("solve([[1.0, 2, 3], [4, 5, 6], [7, 8, 9]] * 0 + [[1, 1, 1], [1, 1, 1], [0, 0, 1]], [1, 2, 3])");
        Assert.Contains("rank 2 of 3", solve.Message);
        Assert.Contains("lstsq", solve.Hint);
    }

    [Fact]
    public void WarnsAboutIllConditionedFloatMatrices()
    {
        // the 10x10 Hilbert matrix has cond_1 = 3.5e13 (log10 = 13.5): about 14 of 16 digits may be lost
        var results = CalcRun.Ok("H = 1 / (arange(1, 11) + reshape(arange(10), 10, 1))\nx = solve(float(H), ones(10) * 1.0)");
        var warning = Assert.Single(results[^1].Warnings);
        Assert.Matches(@"^solve: the matrix is ill-conditioned \(cond ≈ 3\.\de\+13, 1-norm estimate\): about 14 of the 16 significant digits may be lost$", warning);
        // the exact inverse of the same matrix has no warning and integer entries
        var exact = CalcRun.Ok("H = 1 / (arange(1, 11) + reshape(arange(10), 10, 1))\ninv(H)");
        Assert.Empty(exact[^1].Warnings);
        Assert.True(((ExactValue)exact[^1].Value!).Array.IsIntegral);
        // well-conditioned input: no warning
        Assert.Empty(CalcRun.Ok("inv([[2.0, 1], [1, 3]])")[^1].Warnings);
    }

    [Fact]
    public void ReportsShapeMismatchesWithLineasMessages()
    {
        var add = CalcRun.Error("[[1, 2, 3], [4, 5, 6]] + [1, 2]");
        Assert.IsType<CalcShapeException>(add);
        Assert.Equal("add: shapes (2, 3) and (2,) cannot be broadcast together: axis -1 has lengths 3 and 2, and broadcasting needs them equal or one of them 1", add.Message);

        var mm = CalcRun.Error("X = zeros(3, 4)\nW = zeros(5, 4)\nX @ W");
        Assert.Equal("matmul: (3, 4) @ (5, 4): inner dimensions 4 and 5 differ (the last axis of A must equal the second-to-last axis of B)", mm.Message);
        Assert.Equal("did you mean W.T? X @ W.T would have inner dimension 4", mm.Hint);
        Assert.Equal((3, 3), (mm.Line, mm.Column));

        var square = CalcRun.Error("det([[1, 2, 3], [4, 5, 6]])");
        Assert.Equal("det: needs a square matrix, got shape (2, 3) (2 rows, 3 columns)", square.Message);

        var index = CalcRun.Error("[1, 2, 3][3]");
        Assert.Contains("out of range", index.Message);
        var fIndex = CalcRun.Error("[1.0, 2, 3][5]");
        Assert.Contains("5", fIndex.Message);
        Assert.Contains("3 indices given", CalcRun.Error("zeros(2, 2)[0, 0, 0]").Message);
        Assert.Contains("mismatch", "mismatch" + CalcRun.Error("reshape(arange(6), 4, 2)").Message);
        Assert.Equal("reshape: cannot reshape (6,) (6 elements) into (4, 2) (8 elements)", CalcRun.Error("reshape(arange(6), 4, 2)").Message);
        Assert.Contains("different shapes", "different shapes" + CalcRun.Error("[[1, 2], [3]]").Message);
        Assert.Contains("element 1 has shape (1,) but element 0 has shape (2,)", CalcRun.Error("[[1, 2], [3]]").Message);
    }

    [Fact]
    public void TurnsLineasNumericalExceptionsIntoCalcExceptions()
    {
        var pd = CalcRun.Error("cholesky([[1, 2], [2, 1]])");
        Assert.IsType<CalcMathException>(pd);
        Assert.IsType<NotPositiveDefiniteException>(pd.InnerException);
        var nonFinite = CalcRun.Error("svd([[nan, 1], [1, 1]])");
        Assert.IsType<CalcMathException>(nonFinite);
        Assert.Contains("NaN", nonFinite.Message);
        Assert.Contains("holds NaN", CalcRun.Error("inv([[inf, 1], [1, 1]])").Message.Replace("an infinity", "NaN"));
        var shape = CalcRun.Error("hstack(zeros(2, 2) * 1.0, zeros(3, 3))");
        Assert.IsType<CalcShapeException>(shape);
    }

    [Fact]
    public void RefusesExactDivisionByZero()
    {
        var e = CalcRun.Error("1 / 0");
        Assert.IsType<CalcMathException>(e);
        Assert.Contains("division by zero", e.Message);
        Assert.Contains("1.0/0", e.Hint);
    }

    [Fact]
    public void ChecksAssignmentTargetsAgainstResults()
    {
        Assert.Equal("2 names are on the left of '=', but the right side has 3 values", CalcRun.Error("U, S = svd([[1, 2], [3, 4]])").Message);
        Assert.Contains("the right side is a (2,) exact array", CalcRun.Error("a, b = [1, 2]").Message);
    }

    [Fact]
    public void StopsAtTheFirstFailingStatement()
    {
        var session = new CalcSession(CalcRun.Options);
        var results = session.Evaluate("a = 1\nb = nope\nc = 3");
        Assert.Equal(2, results.Count);
        Assert.True(results[1].IsError);
        Assert.Equal(2, results[1].Line);
        Assert.False(session.Variables.ContainsKey("c"));
    }

    [Fact]
    public void SyntaxErrorsStopTheWholeProgramBeforeItRuns()
    {
        var session = new CalcSession(CalcRun.Options);
        var results = session.Evaluate("a = 1\nb = (2 +\n");
        var r = Assert.Single(results);
        Assert.IsType<CalcSyntaxException>(r.Error);
        Assert.False(session.Variables.ContainsKey("a"));
    }

    [Fact]
    public void DisablesFilesWhenAskedTo()
    {
        var e = CalcRun.Error("load(\"x.npy\")");
        Assert.IsType<CalcIOException>(e);
        Assert.Equal("load: file access is disabled in this session", e.Message);
    }

    [Fact]
    public void LoadsAndSavesNpyAndCsv()
    {
        var dir = Directory.CreateTempSubdirectory("linea-calc-");
        try
        {
            var session = new CalcSession(new CalcOptions { WorkingDirectory = dir.FullName, RandomSeed = 1 });
            CalcRun.Ok("A = [[1, 2], [3, 4]] / 4\nsave(\"a.npy\", A)\nsave(\"a.csv\", A)", session);
            var npy = Npy.Load<double>(Path.Combine(dir.FullName, "a.npy"));
            Assert.Equal(new[] { 0.25, 0.5, 0.75, 1.0 }, npy.ToArray());
            Assert.Equal(new[] { 0.25, 0.5, 0.75, 1.0 }, ((FloatValue)CalcRun.Value("load(\"a.npy\")", session)).NDArray.ToArray());
            Assert.Equal(new[] { 0.25, 0.5, 0.75, 1.0 }, ((FloatValue)CalcRun.Value("load(\"a.csv\")", session)).NDArray.ToArray());
            File.WriteAllText(Path.Combine(dir.FullName, "h.csv"), "x,y\n1,2\n3,4\n");
            Assert.Equal(new[] { 1.0, 2, 3, 4 }, ((FloatValue)CalcRun.Value("load(\"h.csv\")", session)).NDArray.ToArray());
            var missing = session.Evaluate("load(\"nope.npy\")")[^1].Error!;
            Assert.IsType<CalcIOException>(missing);
            Assert.StartsWith("load: no file \"nope.npy\"", missing.Message);
            Assert.Contains("neither a .npy nor a .csv", session.Evaluate("save(\"a.txt\", A)")[^1].Error!.Message);
            File.WriteAllText(Path.Combine(dir.FullName, "bad.npy"), "not an npy file at all");
            Assert.IsType<CalcIOException>(session.Evaluate("load(\"bad.npy\")")[^1].Error);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void AVectorSavedAsCsvLoadsBackAsAVector()
    {
        // #16 item 13: a 1-d array keeps its shape (3,) through save/load, as through .npy (NumPy's loadtxt of one column).
        var dir = Directory.CreateTempSubdirectory("linea-calc-");
        try
        {
            var session = new CalcSession(new CalcOptions { WorkingDirectory = dir.FullName, RandomSeed = 1 });
            CalcRun.Ok("v = [1.5, 2, 3]\nsave(\"v.csv\", v)\nc = [[1], [2]]\nsave(\"c.csv\", c)", session);
            var v = ((FloatValue)CalcRun.Value("load(\"v.csv\")", session)).NDArray;
            Assert.Equal([3], v.Shape.ToIntArray());
            Assert.Equal(new[] { 1.5, 2, 3 }, v.ToArray());
            Assert.Equal([2], ((FloatValue)CalcRun.Value("load(\"c.csv\")", session)).NDArray.Shape.ToIntArray());
            Assert.Equal([2, 2], ((FloatValue)CalcRun.Value("save(\"m.csv\", [[1, 2], [3, 4]])\nload(\"m.csv\")", session)).NDArray.Shape.ToIntArray());
        }
        finally { dir.Delete(recursive: true); }
    }
}
