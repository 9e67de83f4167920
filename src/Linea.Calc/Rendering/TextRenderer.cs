using System.Text;
using Linea.Calc.Evaluation;

namespace Linea.Calc.Rendering;

/// <summary>
/// Plain-text rendering of results, for terminals without colour, files and tests. Exact arrays print with
/// fractions (<c>[[-2, 1], [3/2, -1/2]]</c> on one line when it is at most <see cref="InlineWidth"/> characters,
/// else one aligned row per line); float64 arrays print as NumPy's <c>str()</c> followed by the tag
/// <c>float64</c>, and complex128 arrays likewise (<c>[0.+1.j 0.-1.j]  complex128</c>; a scalar as Python's
/// <c>(1+2j)</c>); sparse matrices as a summary and their first entries (<see cref="SparseText"/>); plots as what they draw and the file written (<see cref="Plot"/>); declared shapes print as <c>shape (32, 256)</c>. Assignments and declarations print nothing.
/// Warnings follow their value as <c>warning: ...</c> lines; errors print as <c>error: ...</c> with the source line,
/// a caret under the column, and a <c>hint: ...</c> line.
/// </summary>
public static class TextRenderer
{
    /// <summary>The widest exact matrix printed on one line.</summary>
    public const int InlineWidth = 40;

    /// <summary>The tag after float64 values.</summary>
    public const string FloatTag = "float64";

    /// <summary>The tag after complex128 values.</summary>
    public const string ComplexTag = ComplexValue.DTypeName;

    /// <summary>All results of a program, each followed by a line break; <paramref name="program"/> supplies the source line under error carets.</summary>
    public static string Render(IEnumerable<StatementResult> results, string? program = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder();
        foreach (var r in results)
        {
            var text = Render(r, program);
            if (text.Length > 0) sb.Append(text).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>One result: its value (nothing for assignments), its warnings, or its error. No trailing line break.</summary>
    public static string Render(StatementResult result, string? program = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>();
        if (result.Kind == ResultKind.Value && result.Value is not null) lines.Add(Value(result.Value));
        lines.AddRange(result.Warnings.Select(w => $"warning: {w}"));
        if (result.Error is not null) lines.Add(Error(result.Error, program));
        return string.Join("\n", lines);
    }

    /// <summary>A value on its own.</summary>
    public static string Value(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            ExactValue e => Exact(e),
            FloatValue f => $"{Float(f)}  {FloatTag}",
            ComplexValue z => $"{Complex(z)}  {ComplexTag}",
            SparseValue sp => SparseText.Render(sp),
            StringValue s => s.Text,
            SymbolicValue s => s.DimensionValue is { } d ? $"dimension {d}" : $"shape {s.Shape}",
            TupleValue t => Tuple(t),
            ExplanationValue x => x.Explanation.ToText().TrimEnd('\n'),
            PlotValue p => Plot(p),
            _ => value.ToString(),
        };
    }

    /// <summary>An exact array: inline when short, else aligned rows.</summary>
    public static string Exact(ExactValue e)
    {
        var inline = e.Array.ToInlineString();
        return inline.Length <= InlineWidth || e.Array.Rank < 2 ? inline : e.Array.ToString();
    }

    /// <summary>A float64 array as NumPy's <c>str()</c> (Python's <c>repr</c> for a scalar), without the tag.</summary>
    public static string Float(FloatValue f) =>
        f.NDArray.Rank == 0 ? NumberFormat.Double(f.NDArray.Item()) : f.NDArray.ToString();

    /// <summary>
    /// A complex128 array as NumPy's <c>str()</c> (<c>[1.+2.j 1.-2.j]</c>: real parts in one float style, imaginary
    /// parts in another with their sign, then <c>j</c>), a scalar as Python's repr (<c>(1+2j)</c>, <c>1j</c>), without the tag.
    /// </summary>
    public static string Complex(ComplexValue z) => z.NDArray.ToString();

    /// <summary>A plot: what it draws, and the file the host wrote (<c>a line plot of 10 points, saved to /tmp/plot-1.png</c>).</summary>
    public static string Plot(PlotValue plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        string text = plot.Title is { Length: > 0 } t ? $"{plot.Describe()} \"{t}\"" : plot.Describe();
        return plot.File is null ? text : $"{text}, saved to {plot.File}";
    }

    private static string Tuple(TupleValue t)
    {
        var items = t.Items.Select(Value).ToList();
        // one line for short tuples without float64 or complex128 items (each of which carries its own tag)
        if (t.Names is null && !t.Items.Any(i => i is FloatValue or ComplexValue or SparseValue) && items.All(s => !s.Contains('\n')) && items.Sum(s => s.Length) < 60)
            return $"({string.Join(", ", items)}{(items.Count == 1 ? "," : "")})";
        var sb = new StringBuilder();
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append('\n');
            string label = t.Names is not null && i < t.Names.Count ? t.Names[i] : $"[{i}]";
            sb.Append(label).Append(" =").Append(items[i].Contains('\n') ? "\n" : " ").Append(items[i]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// An error: <c>error: MESSAGE</c>; when the program text is given and the error has a position, the source
    /// line and a caret under the column; then <c>hint: HINT</c>. Multi-line programs name the line.
    /// </summary>
    public static string Error(CalcException error, string? program = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var sb = new StringBuilder();
        bool multiLine = program is not null && program.TrimEnd('\n', '\r').Contains('\n');
        sb.Append("error: ");
        if (multiLine && error.Line is { } l) sb.Append($"line {l}: ");
        sb.Append(error.Message);
        if (program is not null && error.Line is { } line && error.Column is { } column)
        {
            var lines = program.Split('\n');
            if (line >= 1 && line <= lines.Length)
            {
                string src = lines[line - 1].TrimEnd('\r');
                if (src.Length <= 200)
                {
                    sb.Append("\n  ").Append(src.Replace('\t', ' '));
                    sb.Append("\n  ").Append(new string(' ', Math.Clamp(column - 1, 0, src.Length))).Append('^');
                }
            }
        }
        if (error.Hint is { } hint) sb.Append("\nhint: ").Append(hint);
        return sb.ToString();
    }
}
