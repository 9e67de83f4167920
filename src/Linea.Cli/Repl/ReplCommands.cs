using System.Text;
using Linea.Calc;
using Linea.Calc.Evaluation;
using Linea.Calc.Rendering;
using Linea.Cli.Output;

namespace Linea.Cli.Repl;

/// <summary>The REPL's commands: <c>help</c>, <c>help NAME</c>, <c>vars</c>, <c>clear</c>.</summary>
internal static class ReplCommands
{
    /// <summary>Runs <paramref name="entry"/> when it is a command (and no variable of that name shadows it); false otherwise.</summary>
    public static bool TryRun(string entry, CalcSession session, IResultWriter writer)
    {
        var words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0 || session.Variables.ContainsKey(words[0])) return false;
        switch (words)
        {
            case ["help"]:
                writer.WriteInfo(Help.Overview());
                return true;
            case ["help", var name]:
                writer.WriteInfo(Help.For(name));
                return true;
            case ["vars"]:
                writer.WriteInfo(Vars(session));
                return true;
            case ["clear"]:
                session.Clear();
                writer.WriteInfo("cleared all variables");
                return true;
            default:
                return false;
        }
    }

    /// <summary>One line per variable: name, shape, dtype.</summary>
    public static string Vars(CalcSession session)
    {
        if (session.Variables.Count == 0) return "no variables";
        var rows = session.Variables.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, Shape(kv.Value), kv.Value.DType)).ToList();
        int w1 = rows.Max(r => r.Key.Length), w2 = rows.Max(r => r.Item2.Length);
        var sb = new StringBuilder();
        foreach (var (name, shape, dtype) in rows)
            sb.Append(name.PadRight(w1)).Append("  ").Append(shape.PadRight(w2)).Append("  ").Append(dtype).Append('\n');
        return sb.ToString().TrimEnd('\n');
    }

    private static string Shape(Value v) => v switch
    {
        ArrayLike a => a.SymbolicShape.ToString(),
        TupleValue t => $"{t.Items.Count} values",
        StringValue s => $"{s.Text.Length} chars",
        PlotValue p => p.KindName,
        _ => "",
    };
}

/// <summary>Help texts: the language overview and one entry per function (signature, description, example with its result).</summary>
internal static class Help
{
    public static string Overview()
    {
        var sb = new StringBuilder();
        sb.AppendLine("""
            Values:     3  -3/2  0.25  1e-3  [1, 2, 3]  [[1, 2], [3, 4]]  [1 2; 3 4]  "file.npy" 'fro'  pi e inf nan
                        integers and fractions stay exact (rational); decimals and sqrt/exp/svd... are float64
            Operators:  + - * /  element-wise with broadcasting     @  matrix product     ^  matrix power
                        **  element-wise power     -x     == != < <= > >=  (0/1 arrays)
                        A \ b  solve A x = b (MATLAB's mldivide: Cholesky, LU, sparse direct; least squares if rectangular)
                        A.T  A'  transpose     A.mT  swap last two axes     A[0, :]  A[1:, ::2]  A[-1]
            Statements: A = expr     U, S, Vt = svd(A)     X : (32, 784)  (declare a shape; expressions over it
                        report their shape)     explain A @ B | det(A) | inv(A) | rref(A) | solve(A, b) | A (2x2)
                        # comment     several statements per line with ;     brackets may span lines
            Plots:      plot(y)  plot(x, y)  scatter(x, y, labels)  heatmap(A)  hist(x, bins): each one shown is written
                        to plot-1.png, plot-2.png, ... (--plot-dir DIR) and its path printed
            Commands:   help NAME   vars   clear   exit
            """.TrimEnd());
        sb.AppendLine("Functions:");
        foreach (var group in FunctionLibrary.All.GroupBy(f => f.Category))
            sb.AppendLine($"  {group.Key}: {string.Join(" ", group.Select(f => f.Name))}");
        return sb.ToString().TrimEnd('\n');
    }

    public static string For(string name)
    {
        if (!FunctionLibrary.TryGet(name, out var f))
        {
            if (name is "operators" or "syntax") return Overview();
            var near = Suggest.Nearest(name, FunctionLibrary.Names);
            return near is null ? $"no function '{name}'; type help for the list" : $"no function '{name}'; did you mean '{near}'?";
        }
        var sb = new StringBuilder();
        sb.AppendLine(f.Signature);
        sb.AppendLine($"  {f.Description}");
        if (f.Aliases.Count > 0) sb.AppendLine($"  also called: {string.Join(", ", f.Aliases)}");
        sb.AppendLine($"  example: {f.Example}");
        var results = new CalcSession(new CalcOptions { AllowFileAccess = false, RandomSeed = 0 }).Evaluate(f.Example);
        var shown = TextRenderer.Render(results).TrimEnd('\n');
        if (shown.Length > 0 && !results.Any(r => r.IsError))
            foreach (var line in shown.Split('\n')) sb.AppendLine($"    {line}");
        return sb.ToString().TrimEnd('\n');
    }
}
