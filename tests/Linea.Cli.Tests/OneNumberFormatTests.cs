using Linea.Calc;
using Linea.Cli.Output;
using Linea.Cli.Repl;
using Spectre.Console;

namespace Linea.Cli.Tests;

/// <summary>
/// One number format everywhere: <c>linea -e</c>, the plain REPL and the REPL's colour tables all write NumPy's style
/// (<c>9.0e+10</c>, not .NET's <c>9E+10</c>).
/// </summary>
public class OneNumberFormatTests
{
    public static TheoryData<string> Programs => new()
    {
        "9e10",
        "1e-20",
        "[[9e10, 1], [2.5e-7, 3]]",
        "[[1e-5, 0.5]]",
        "[1e20, 1]",
        "[[1, 2], [3, 4]] / 3",
        "[[1, 2], [3, 4]] * 0.5",
        "[[1, 0.5j], [-2j, 3 - 1.25j]]",
        "[[1e10 + 1j, 2]]",
        "(1 + 2j) * (3 - 1j)",
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void TheReplPrintsWhatDashEPrints(string program)
    {
        var (exit, expected, error) = Cli.Run(["-e", program]);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var output = new StringWriter { NewLine = "\n" };
        var reader = new TextLineReader(new StringReader(program + "\n"), output);
        new ReplLoop(new CalcSession(), reader, new PlainResultWriter(output), output).Run();
        var transcript = output.ToString();
        string echoed = $">>> {program}\n";
        int start = transcript.IndexOf(echoed, StringComparison.Ordinal);
        Assert.True(start >= 0, transcript);
        Assert.StartsWith(expected, transcript[(start + echoed.Length)..], StringComparison.Ordinal);
    }

    [Fact]
    public void DashEPrintsNumPysStyle()
    {
        var (_, output, _) = Cli.Run(["-e", "9e10\n[[9e10, 1], [2.5e-7, 3]]\n[[1, 0.5j], [-2j, 3 - 1.25j]]\n[[1, 2], [3, 4]] / 3"]);
        Assert.Equal("""
            90000000000.0  float64
            [[9.0e+10 1.0e+00]
             [2.5e-07 3.0e+00]]  float64
            [[ 1.+0.j    0.+0.5j ]
             [-0.-2.j    3.-1.25j]]  complex128
            [[1/3, 2/3], [1, 4/3]]

            """.ReplaceLineEndings("\n"), output);
    }

    [Theory]
    [InlineData("[[9e10, 1], [2.5e-7, 3]]", new[] { "9.0e+10", "1.0e+00", "2.5e-07", "3.0e+00" })]
    [InlineData("[[1e-5, 0.5]]", new[] { "1.e-05", "5.e-01" })]
    [InlineData("[[1, 2], [3, 4]] * 0.5", new[] { "0.5", "1.", "1.5", "2." })]
    [InlineData("[[1, 2], [3, 4]] / 3", new[] { "1/3", "2/3", "1", "4/3" })]
    [InlineData("[[1, 0.5j], [-2j, 3 - 1.25j]]", new[] { "1.+0.j", "0.+0.5j", "-0.-2.j", "3.-1.25j" })]
    [InlineData("[[1e10 + 1j, 2]]", new[] { "1.e+10+1.j", "2.e+00+0.j" })]
    public void TheColourTablesCellsAreDashEsWords(string program, string[] cells)
    {
        var (_, dashE, _) = Cli.Run(["-e", program]);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var writer = new SpectreResultWriter(console);
        foreach (var r in new CalcSession().Evaluate(program)) writer.Write(r, program);
        var tableCells = output.ToString().Split('\n')
            .Where(l => l.StartsWith('│'))
            .SelectMany(l => l.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        Assert.Equal(cells, tableCells);
        foreach (var cell in cells) Assert.Contains(cell, dashE); // the same words as -e
        Assert.DoesNotContain("E+", output.ToString());
    }
}
