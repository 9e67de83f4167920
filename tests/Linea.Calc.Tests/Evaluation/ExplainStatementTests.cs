using System.Text.Json;
using Linea.Calc.Evaluation;
using Linea.Calc.Rendering;

namespace Linea.Calc.Tests.Evaluation;

/// <summary><c>explain</c> through the language: which explanation each form selects, on the course's worked examples.</summary>
public class ExplainStatementTests
{
    private static string Explain(string program) => CalcRun.Text(program);

    [Fact]
    public void ExplainsAProductEntryByEntry()
    {
        var text = Explain("explain [[1,2],[3,4]] @ [[5,6],[7,8]]");
        Assert.Contains("C[0,0] = 1*5 + 2*7 = 19", text);
        Assert.Contains("C[1,1] = 3*6 + 4*8 = 50", text);
        Assert.Contains("[[19, 22], [43, 50]]", text);
        // operands may be names and expressions
        Assert.Contains("C[0,0] = 1*5 + 2*7 = 19", Explain("A = [[1, 2], [3, 4]]\nB = A + 4\nexplain A @ B"));
    }

    [Fact]
    public void ExplainsDeterminantInverseRrefAndSolve()
    {
        Assert.Contains("det(A) = 1*4 - 2*3 = 4 - 6 = -2", Explain("explain det([[1, 2], [3, 4]])"));
        var inv = Explain("explain inv([[1, 2], [3, 4]])");
        Assert.Contains("R2 <- R2 - 3*R1", inv);
        Assert.Contains("inv(A) = [[-2, 1], [3/2, -1/2]]", inv);
        Assert.Contains("[[1, 2, 0], [0, 0, 1]]", Explain("explain rref([[1, 2, 3], [2, 4, 7]])"));
        Assert.Contains("[4/5, 7/5]", Explain("explain solve([[2, 1], [1, 3]], [3, 5])"));
    }

    [Fact]
    public void ReadsA2x2MatrixGeometrically()
    {
        var text = Explain("explain [[0, -1], [1, 0]]");
        Assert.Contains("rotation by 90 degrees counterclockwise", text);
        Assert.Contains("Area", text);
        Assert.Contains("flips orientation", Explain("explain [[1, 0], [0, -1]]") + Explain("explain det([[1, 2], [3, 4]])"));
    }

    [Fact]
    public void WorksOnFloatInputThroughItsShortestDecimal()
    {
        Assert.Contains("C[0,0] = (1/2)*2 = 1", Explain("explain [[0.5]] @ [[2]]"));
    }

    [Fact]
    public void RefusesWhatItCannotExplain()
    {
        var e = CalcRun.Error("explain [1, 2, 3]");
        Assert.Equal("explain: cannot explain a (3,) exact array on its own", e.Message);
        Assert.Contains("explain A @ B", e.Hint);
        Assert.Contains("works on values", "works on values" + CalcRun.Error("X : (2, 2)\nexplain X @ X").Message);
        Assert.Contains("explain needs something", CalcRun.Error("explain").Message);
    }

    [Fact]
    public void ExplanationsHaveAJsonForm()
    {
        var results = new CalcSession(CalcRun.Options).Evaluate("explain det([[1, 2], [3, 4]])");
        var json = JsonDocument.Parse(JsonRenderer.Render(results)).RootElement;
        Assert.Equal("explanation", json.GetProperty("dtype").GetString());
        Assert.Equal("det(A) = -2", json.GetProperty("result").GetString());
        Assert.True(json.GetProperty("steps").GetArrayLength() >= 2);
        Assert.Equal("-2", json.GetProperty("value").GetProperty("data").GetString());
        Assert.IsType<ExplanationValue>(results[0].Value);
    }
}
