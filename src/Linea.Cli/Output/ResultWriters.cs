using Linea.Calc;
using Linea.Calc.Rendering;
using Spectre.Console;

namespace Linea.Cli.Output;

/// <summary>Writes statement results somewhere: plain text, JSON lines, or coloured tables on a terminal.</summary>
internal interface IResultWriter
{
    /// <summary>Writes one result (nothing for assignments); <paramref name="program"/> supplies the line under an error caret.</summary>
    void Write(StatementResult result, string program);

    /// <summary>Writes a line of plain information (help, vars).</summary>
    void WriteInfo(string text);
}

/// <summary>Chooses the writer for the console: JSON when asked, Spectre tables on a colour terminal, plain text otherwise.</summary>
internal static class ResultWriters
{
    public static IResultWriter For(ConsoleIO io, bool json)
    {
        if (json) return new JsonResultWriter(io.Out);
        if (io.OutputIsTerminal && io.Color)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(io.Out),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
            });
            return new SpectreResultWriter(console);
        }
        return new PlainResultWriter(io.Out);
    }
}

/// <summary>Plain text through <see cref="TextRenderer"/>.</summary>
internal sealed class PlainResultWriter(TextWriter output) : IResultWriter
{
    public void Write(StatementResult result, string program)
    {
        var text = TextRenderer.Render(result, program);
        if (text.Length > 0) output.WriteLine(text);
    }

    public void WriteInfo(string text) => output.WriteLine(text);
}

/// <summary>One JSON object per line through <see cref="JsonRenderer"/> (assignments skipped).</summary>
internal sealed class JsonResultWriter(TextWriter output) : IResultWriter
{
    public void Write(StatementResult result, string program)
    {
        if (result.Kind is ResultKind.Assignment or ResultKind.Declaration && result.Warnings.Count == 0) return;
        output.WriteLine(JsonRenderer.Render(result));
    }

    public void WriteInfo(string text) => output.WriteLine(System.Text.Json.JsonSerializer.Serialize(new InfoMessage(text), CliJsonContext.Default.InfoMessage));
}
