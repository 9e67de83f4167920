using System.Text.Json;
using Linea.Calc.Evaluation;
using Linea.Calc.Rendering;

namespace Linea.Calc.Tests.Rendering;

/// <summary>
/// complex128 values print as NumPy's str() with the tag complex128 (reference text from NumPy in
/// Data/complex_print.json, made by Data/make_complex_fixtures.py), and as JSON objects with "re"/"im" parts.
/// </summary>
public class ComplexPrintingTests
{
    public static TheoryData<string, string> NumPyCases()
    {
        var data = new TheoryData<string, string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "complex_print.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            data.Add(c.GetProperty("program").GetString()!, c.GetProperty("numpy").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(NumPyCases))]
    public void PrintsAsNumPyWithTheTag(string program, string numpy) =>
        Assert.Equal($"{numpy}  complex128", CalcRun.Text(program));

    [Fact]
    public void ReadsTheFixtureFile() => Assert.True(NumPyCases().Count >= 20);

    [Theory]
    [InlineData("1j", "{\"shape\":[],\"dtype\":\"complex128\",\"data\":{\"re\":0,\"im\":1}}")]
    [InlineData("(1 + 2j) * (3 - 1j)", "{\"shape\":[],\"dtype\":\"complex128\",\"data\":{\"re\":5,\"im\":5}}")]
    [InlineData("eigvals([[0, -1], [1, 0]])", "{\"shape\":[2],\"dtype\":\"complex128\",\"data\":[{\"re\":0,\"im\":1},{\"re\":0,\"im\":-1}]}")]
    [InlineData("[[1.5 + 2j, nan], [inf * 1j, 2]]",
        "{\"shape\":[2,2],\"dtype\":\"complex128\",\"data\":[[{\"re\":1.5,\"im\":2},{\"re\":\"NaN\",\"im\":0}],[{\"re\":\"NaN\",\"im\":\"Infinity\"},{\"re\":2,\"im\":0}]]}")]
    public void WritesJsonWithRealAndImaginaryParts(string program, string json) =>
        Assert.Equal(json, JsonRenderer.Render(CalcRun.Ok(program)).Trim());

    [Fact]
    public void WritesEigAsATupleOfComplexArraysInJson()
    {
        using var doc = JsonDocument.Parse(JsonRenderer.Render(CalcRun.Ok("eig([[0, -1], [1, 0]])")));
        var root = doc.RootElement;
        Assert.Equal("tuple", root.GetProperty("dtype").GetString());
        Assert.Equal("eigenvectors", root.GetProperty("names")[1].GetString());
        var v = root.GetProperty("items")[1];
        Assert.Equal("complex128", v.GetProperty("dtype").GetString());
        Assert.Equal("[2,2]", v.GetProperty("shape").GetRawText());
        var corner = v.GetProperty("data")[0][0];
        Assert.Equal(Math.Sqrt(0.5), corner.GetProperty("re").GetDouble(), 1e-15);
        Assert.Equal(0, corner.GetProperty("im").GetDouble());
    }

    [Fact]
    public void DescribesTheTypeInMessagesAndVars()
    {
        Assert.Equal("complex128", CalcRun.Value("1j").DType);
        Assert.Equal("a complex128 scalar", CalcRun.Value("1j").Describe());
        Assert.Equal("a (2,) complex128 array", CalcRun.Value("[1j, 2]").Describe());
        // tuples with complex items print one per line, as those with float64 items do
        Assert.Equal("[0] = 1j  complex128\n[1] = 2", CalcRun.Text("1j, 2"));
    }
}
