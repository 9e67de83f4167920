using Linea.Calc;
using Linea.Calc.Evaluation;
using Linea.Calc.Rendering;
using Spectre.Console;

namespace Linea.Cli.Output;

/// <summary>
/// Results on a colour terminal: matrices as aligned tables (cells written as <c>linea -e</c> writes them, NumPy's style) (exact numbers green, float64 cyan, complex128 blue) with their shape
/// and dtype below, other values as coloured text, warnings yellow, errors red with the caret line.
/// </summary>
internal sealed class SpectreResultWriter(IAnsiConsole console) : IResultWriter
{
    private const int MaxTableRows = 40, MaxTableColumns = 16;

    public void Write(StatementResult result, string program)
    {
        if (result.Kind == ResultKind.Value && result.Value is not null) WriteValue(result.Value);
        foreach (var w in result.Warnings) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
        if (result.Error is not null)
        {
            var lines = TextRenderer.Error(result.Error, program).Split('\n');
            console.MarkupLine($"[red bold]{Markup.Escape(lines[0])}[/]");
            foreach (var l in lines.Skip(1))
                console.MarkupLine(l.StartsWith("hint:", StringComparison.Ordinal)
                    ? $"[blue]{Markup.Escape(l)}[/]"
                    : l.TrimStart() == "^" ? $"[red]{Markup.Escape(l)}[/]" : Markup.Escape(l));
        }
    }

    public void WriteInfo(string text) => console.WriteLine(text);

    private void WriteValue(Value value)
    {
        switch (value)
        {
            case ExactValue { Array.Rank: 2 } e when Fits(e.Array.Shape):
                WriteTable(e.Array.Shape, i => e.Array[i].ToString(), "green", $"{e.Array.ShapeValue} rational");
                break;
            case FloatValue { NDArray.Rank: 2 } f when Fits(f.NDArray.Shape.ToIntArray()):
                var words = NumPyCells.Float(f.NDArray.Contiguous().ToArray());
                WriteTable(f.NDArray.Shape.ToIntArray(), i => words[i], "cyan", $"{f.NDArray.Shape} float64");
                break;
            case ComplexValue { NDArray.Rank: 2 } z when Fits(z.NDArray.Shape.ToIntArray()):
                var cells = NumPyCells.Complex(z.NDArray.Real.ToArray(), z.NDArray.Imag.ToArray());
                WriteTable(z.NDArray.Shape.ToIntArray(), i => cells[i], "blue", $"{z.NDArray.Shape} complex128");
                break;
            case TupleValue t:
                for (int i = 0; i < t.Items.Count; i++)
                {
                    string label = t.Names is not null && i < t.Names.Count ? t.Names[i] : $"[{i}]";
                    console.MarkupLine($"[bold]{Markup.Escape(label)}[/] =");
                    WriteValue(t.Items[i]);
                }
                break;
            case ExactValue e:
                console.MarkupLine($"[green]{Markup.Escape(TextRenderer.Exact(e))}[/]");
                break;
            case FloatValue f:
                console.MarkupLine($"[cyan]{Markup.Escape(TextRenderer.Float(f))}[/]  [grey]float64[/]");
                break;
            case ComplexValue z:
                console.MarkupLine($"[blue]{Markup.Escape(TextRenderer.Complex(z))}[/]  [grey]complex128[/]");
                break;
            case SymbolicValue:
                console.MarkupLine($"[magenta]{Markup.Escape(TextRenderer.Value(value))}[/]");
                break;
            default:
                console.WriteLine(TextRenderer.Value(value));
                break;
        }
    }

    private static bool Fits(int[] shape) => shape[0] is > 0 and <= MaxTableRows && shape[1] is > 0 and <= MaxTableColumns;

    private void WriteTable(int[] shape, Func<int, string> cell, string color, string caption)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey).HideHeaders();
        for (int j = 0; j < shape[1]; j++) table.AddColumn(new TableColumn("").RightAligned());
        for (int i = 0; i < shape[0]; i++)
            table.AddRow(Enumerable.Range(0, shape[1]).Select(j => new Markup($"[{color}]{Markup.Escape(cell(i * shape[1] + j))}[/]")).ToArray());
        console.Write(table);
        console.MarkupLine($"[grey]{Markup.Escape(caption)}[/]");
    }
}
