using System.Text.Json;
using Linea.Calc.Rendering;

namespace Linea.Calc.Tests.Rendering;

public class RenderingTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(1.4142135623730951, "1.4142135623730951")]
    [InlineData(-2.0000000000000004, "-2.0000000000000004")]
    [InlineData(6.02e23, "6.02e+23")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    public void WritesDoublesAsPythonRepr(double x, string expected) => Assert.Equal(expected, NumberFormat.Double(x));

    [Fact]
    public void ReadsBackEveryDoubleItWrites()
    {
        var rng = new Rng(3);
        for (int i = 0; i < 2000; i++)
        {
            double x = BitConverter.Int64BitsToDouble((long)rng.NextUInt64());
            if (!double.IsFinite(x)) continue;
            Assert.Equal(x, double.Parse(NumberFormat.Double(x), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void PrintsExactValuesInlineWhenShortAndAlignedOtherwise()
    {
        Assert.Equal("[[-2, 1], [3/2, -1/2]]", CalcRun.Text("inv([[1, 2], [3, 4]])"));
        Assert.Equal("3/2", CalcRun.Text("3/2"));
        Assert.Equal("[1, 2, 3]", CalcRun.Text("[1, 2, 3]"));
        Assert.Equal("[[1/3,      2/3, 1, 100],\n [5/7, 4115/226, 0,   1]]", CalcRun.Text("[[1/3, 2/3, 1, 100], [5/7, 12345/678, 0, 1]]"));
    }

    [Fact]
    public void TagsFloatValues()
    {
        Assert.Equal("1.4142135623730951  float64", CalcRun.Text("sqrt(2)"));
        Assert.Equal("[[0.5 1. ]\n [1.5 2. ]]  float64", CalcRun.Text("[[1, 2], [3, 4]] * 0.5"));
        Assert.Equal("shape (32, 256)", CalcRun.Text("X : (32, 784)\nW : (784, 256)\nX @ W"));
        Assert.Equal("dimension h*d", CalcRun.Text("Q : (b, h, n, d)\nh * d"));
        Assert.Equal("(2, 3)", CalcRun.Text("shape(zeros(2, 3))"));
        Assert.Equal("sign = 1.0  float64\nlogabsdet = 0.0  float64", CalcRun.Text("slogdet(eye(2) * 1.0)"));
    }

    [Fact]
    public void PrintsNothingForAssignmentsButShowsTheirWarnings()
    {
        Assert.Equal("", CalcRun.Text("A = [[1, 2], [3, 4]]\nX : (2, 3)"));
        var text = CalcRun.Text("x = solve([[1, 1], [1, 1.000000000001]], [2, 2])");
        Assert.StartsWith("warning: solve: the matrix is ill-conditioned", text);
    }

    [Fact]
    public void PutsACaretUnderTheColumnOfAnError()
    {
        var program = "A = [[1, 2], [3, 4]]\nB = A @ ivn(A)";
        var results = new CalcSession(CalcRun.Options).Evaluate(program);
        Assert.Equal("""
            error: line 2: there is no function 'ivn'
              B = A @ ivn(A)
                      ^
            hint: did you mean 'inv'?
            """.ReplaceLineEndings("\n"), TextRenderer.Render(results, program).TrimEnd('\n'));
        var one = new CalcSession(CalcRun.Options).Evaluate("1 + * 2");
        Assert.Equal("error: expected a value, found '*'\n  1 + * 2\n      ^", TextRenderer.Render(one, "1 + * 2").TrimEnd('\n'));
    }

    private static JsonElement Json(string program)
    {
        var results = new CalcSession(CalcRun.Options).Evaluate(program);
        var line = JsonRenderer.Render(results).TrimEnd('\n').Split('\n')[^1];
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    [Fact]
    public void WritesArraysAsShapeDtypeAndData()
    {
        var results = new CalcSession(CalcRun.Options).Evaluate("inv([[1, 2], [3, 4]])");
        Assert.Equal("""{"shape":[2,2],"dtype":"rational","data":[["-2","1"],["3/2","-1/2"]]}""", JsonRenderer.Render(results).TrimEnd('\n'));
        Assert.Equal("""{"shape":[2],"dtype":"float64","data":[0.5,1.5]}""", JsonRenderer.Value(CalcRun.Value("[1, 3] / 2.0")));
        Assert.Equal("""{"shape":[],"dtype":"rational","data":"3/2"}""", JsonRenderer.Value(CalcRun.Value("3/2")));
        Assert.Equal("""{"shape":[3],"dtype":"float64","data":["NaN","Infinity","-Infinity"]}""", JsonRenderer.Value(CalcRun.Value("[nan, inf, -inf]")));
        Assert.Equal("""{"shape":[0],"dtype":"rational","data":[]}""", JsonRenderer.Value(CalcRun.Value("[]")));
        Assert.Equal("""{"dtype":"string","data":"a \"quoted\" é"}""", JsonRenderer.Value(CalcRun.Value("\"a \\\"quoted\\\" é\"")));
        Assert.Equal("""{"dtype":"shape","shape":["b",256]}""", JsonRenderer.Value(CalcRun.Value("X : (b, 784)\nW : (784, 256)\nX @ W")));
    }

    [Fact]
    public void WritesTuplesWithTheirNames()
    {
        var svd = Json("svd([[3, 0], [4, 5]])");
        Assert.Equal("tuple", svd.GetProperty("dtype").GetString());
        Assert.Equal(["U", "S", "Vh"], svd.GetProperty("names").EnumerateArray().Select(e => e.GetString()));
        var s = svd.GetProperty("items")[1];
        Assert.Equal(Math.Sqrt(45), s.GetProperty("data")[0].GetDouble(), 14);
        Assert.Equal("""{"dtype":"tuple","items":[{"shape":[],"dtype":"rational","data":"1"},{"shape":[],"dtype":"rational","data":"2"}]}""",
            JsonRenderer.Value(CalcRun.Value("1, 2")));
    }

    [Fact]
    public void WritesErrorsAndWarnings()
    {
        var e = Json("A = [[1, 2], [3, 4]]\nivn(A)").GetProperty("error");
        Assert.Equal("name", e.GetProperty("kind").GetString());
        Assert.Equal("there is no function 'ivn'", e.GetProperty("message").GetString());
        Assert.Equal(2, e.GetProperty("line").GetInt32());
        Assert.Equal(1, e.GetProperty("column").GetInt32());
        Assert.Equal("did you mean 'inv'?", e.GetProperty("hint").GetString());
        Assert.Equal("syntax", Json("1 +").GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("limit", Json("zeros(1000000, 1000000)").GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("shape", Json("[1, 2] + [1, 2, 3]").GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("math", Json("inv([[1, 2], [2, 4]])").GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("type", Json("inv()").GetProperty("error").GetProperty("kind").GetString());

        var warned = Json("inv([[1, 1], [1, 1.000000000001]])");
        Assert.Equal("float64", warned.GetProperty("dtype").GetString());
        Assert.StartsWith("inv: the matrix is ill-conditioned", warned.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public void SkipsAssignmentsUnlessAsked()
    {
        var results = new CalcSession(CalcRun.Options).Evaluate("A = 1\nU, S = 1, 2\nA");
        Assert.Equal("""{"shape":[],"dtype":"rational","data":"1"}""" + "\n", JsonRenderer.Render(results));
        Assert.Equal("""{"assigned":["A"]}""" + "\n" + """{"assigned":["U","S"]}""" + "\n" + """{"shape":[],"dtype":"rational","data":"1"}""" + "\n",
            JsonRenderer.Render(results, includeAssignments: true));
    }
}
