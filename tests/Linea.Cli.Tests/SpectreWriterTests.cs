using Linea.Calc;
using Linea.Cli.Output;
using Spectre.Console;

namespace Linea.Cli.Tests;

public class SpectreWriterTests
{
    [Fact]
    public void DrawsMatricesAsTablesWithShapeAndDtype()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var writer = new SpectreResultWriter(console);
        var program = "inv([[1, 2], [3, 4]])\n[[1, 2], [3, 4]] * 0.5\nivn(1)";
        foreach (var r in new CalcSession().Evaluate("inv([[1, 2], [3, 4]])")) writer.Write(r, program);
        foreach (var r in new CalcSession().Evaluate("[[1, 2], [3, 4]] * 0.5")) writer.Write(r, program);
        foreach (var r in new CalcSession().Evaluate("ivn(1)")) writer.Write(r, "ivn(1)");
        var text = output.ToString();
        Assert.Contains("3/2", text);
        Assert.Contains("-1/2", text);
        Assert.Contains("(2, 2) rational", text);
        Assert.Contains("(2, 2) float64", text);
        Assert.Contains("1.5", text);
        Assert.Contains("╭", text);
        Assert.Contains("error: there is no function 'ivn'", text);
        Assert.Contains("hint: did you mean 'inv'?", text);
    }

    [Fact]
    public void DrawsComplexMatricesAsTablesInNumPysStyleAndScalarsAsPythonDoes()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var writer = new SpectreResultWriter(console);
        const string program = "[[1, 0.5j], [-2j, 3 - 1.25j]]\n(1 + 2j) * (3 - 1j)";
        foreach (var r in new CalcSession().Evaluate(program)) writer.Write(r, program);
        var text = output.ToString();
        Assert.Contains("(2, 2) complex128", text);
        // cells as NumPy (and linea -e) print them: [[ 1.+0.j    0.+0.5j ] [-0.-2.j    3.-1.25j]]
        Assert.Contains("1.+0.j", text);
        Assert.Contains("0.+0.5j", text);
        Assert.Contains("-0.-2.j", text); // -(0 + 2j) keeps the sign of the zero real part, as NumPy does
        Assert.Contains("3.-1.25j", text);
        Assert.Contains("(5+5j)  complex128", text);
    }
}
