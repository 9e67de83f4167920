namespace Linea.Cli.Repl;

/// <summary>Reads one line of input after showing a prompt; null at the end of input.</summary>
internal interface ILineReader
{
    /// <summary>Shows <paramref name="prompt"/> and returns the line typed (without its line break), or null at end of input.</summary>
    string? ReadLine(string prompt);

    /// <summary>Remembers a submitted entry for up/down recall.</summary>
    void AddHistory(string entry);
}

/// <summary>Picks the line editor for a terminal, or plain line reading otherwise.</summary>
internal static class LineReaders
{
    public static ILineReader For(ConsoleIO io) =>
        io.Keys is not null ? new LineEditor(io.Keys, io.Out) : new TextLineReader(io.In, null);
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

    public void AddHistory(string entry) { }
}
