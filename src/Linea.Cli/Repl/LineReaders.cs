using Linea.Calc;

namespace Linea.Cli.Repl;

/// <summary>Reads one line of input after showing a prompt; null at the end of input.</summary>
internal interface ILineReader
{
    /// <summary>Shows <paramref name="prompt"/> and returns the line typed (without its line break), or null at end of input.</summary>
    string? ReadLine(string prompt);

    /// <summary>Whether the last line read was abandoned with Ctrl-C (it came back empty).</summary>
    bool LastLineCancelled { get; }

    /// <summary>Remembers a submitted line for up/down recall (and saves it, when history is kept in a file).</summary>
    void AddHistory(string entry);
}

/// <summary>Picks the line editor for a terminal, or plain line reading otherwise.</summary>
internal static class LineReaders
{
    /// <summary>
    /// On a terminal (<see cref="ConsoleIO.Keys"/> set): the line editor, with the history file at
    /// <see cref="ConsoleIO.HistoryPath"/> (warnings on <see cref="ConsoleIO.Error"/>) and Tab completion from
    /// <paramref name="session"/>. Otherwise plain lines from <see cref="ConsoleIO.In"/>, with no history file read or written.
    /// </summary>
    public static ILineReader For(ConsoleIO io, CalcSession session)
    {
        if (io.Keys is null) return new TextLineReader(io.In, null);
        var file = io.HistoryPath is { Length: > 0 } path ? new HistoryFile(path) : null;
        var history = new History(History.DefaultCapacity, file, io.Error);
        return new LineEditor(io.Keys, io.Out, history, new CalcNames(session)) { ScreenWidth = io.ScreenWidth };
    }
}

/// <summary>
/// Lines from a <see cref="TextReader"/> (redirected input, tests). With <paramref name="echo"/>, the prompt and
/// the line read are written there, so a transcript reads like a terminal session.
/// </summary>
internal sealed class TextLineReader(TextReader input, TextWriter? echo) : ILineReader
{
    public string? ReadLine(string prompt)
    {
        var line = input.ReadLine();
        if (echo is not null && line is not null) echo.WriteLine(prompt + line);
        return line;
    }

    public bool LastLineCancelled => false;

    public void AddHistory(string entry) { }
}
