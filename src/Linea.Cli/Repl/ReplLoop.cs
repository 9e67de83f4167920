using Linea.Calc;
using Linea.Cli.Output;

namespace Linea.Cli.Repl;

/// <summary>
/// The read-evaluate-print loop: prompts <c>&gt;&gt;&gt; </c> (and <c>... </c> while brackets are open), runs each
/// entry in one <see cref="CalcSession"/>, prints results, and handles the commands <c>help</c>, <c>help NAME</c>,
/// <c>vars</c>, <c>clear</c>, <c>exit</c> / <c>quit</c>. An error does not end the session.
/// </summary>
internal sealed class ReplLoop(CalcSession session, ILineReader reader, IResultWriter writer, TextWriter output)
{
    /// <summary>The first line printed.</summary>
    public const string Banner = "linea matrix calculator. Type help for the language, help NAME for a function, vars, clear, exit.";

    /// <summary>Ctrl-C during an evaluation stops it (the error "evaluation was cancelled") and the REPL goes on.</summary>
    public Interrupt? Interrupt { get; init; }

    /// <summary>Where displayed plots are written (plot-1.png, plot-2.png, ... across the session); the current directory by default.</summary>
    public PlotFiles Plots { get; init; } = PlotFiles.InCurrentDirectory();

    /// <summary>Runs until end of input or exit; returns the exit status (0).</summary>
    public int Run()
    {
        output.WriteLine(Banner);
        while (true)
        {
            var entry = ReadEntry();
            if (entry is null) break;
            var trimmed = entry.Trim();
            if (trimmed.Length == 0) continue;
            if (trimmed is "exit" or "quit" or "exit()" or "quit()") break;
            if (ReplCommands.TryRun(trimmed, session, writer)) continue;
            IReadOnlyList<StatementResult> results;
            if (Interrupt is { } interrupt)
            {
                using var scope = interrupt.Begin();
                results = session.Evaluate(entry, scope.Token);
            }
            else results = session.Evaluate(entry);
            foreach (var result in Plots.Write(results)) writer.Write(result, entry);
            output.Flush();
        }
        output.Flush();
        return ExitCodes.Success;
    }

    /// <summary>
    /// One entry: a line, plus continuation lines while brackets are open; each line goes to the history as it is
    /// read. Ctrl-C on a continuation line abandons the whole entry (an empty entry is returned).
    /// </summary>
    private string? ReadEntry()
    {
        var line = reader.ReadLine(">>> ");
        if (line is null) return null;
        reader.AddHistory(line);
        var text = line;
        while (CalcSession.NeedsMoreInput(text))
        {
            var more = reader.ReadLine("... ");
            if (more is null) break;
            if (reader.LastLineCancelled) return "";
            reader.AddHistory(more);
            if (more.Trim().Length == 0 && text.TrimEnd().EndsWith('\\')) text = text.TrimEnd().TrimEnd('\\');
            text += "\n" + more;
        }
        return text;
    }
}
