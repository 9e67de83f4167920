namespace Linea.Cli;

/// <summary>
/// The streams and terminal facts the command runs against, so that tests can run it in-process with
/// <see cref="StringReader"/>/<see cref="StringWriter"/>: input, output, error, whether input and output are
/// terminals, and (for an interactive terminal) a key source for the line editor.
/// </summary>
/// <param name="In">Standard input.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="InputIsTerminal">Input is an interactive terminal (start the REPL when no program is given).</param>
/// <param name="OutputIsTerminal">Output is a terminal (colour and tables).</param>
public sealed record ConsoleIO(TextReader In, TextWriter Out, TextWriter Error, bool InputIsTerminal, bool OutputIsTerminal)
{
    /// <summary>Reads keys for the line editor; null when input is not a terminal (lines are read from <see cref="In"/>).</summary>
    public Repl.IKeySource? Keys { get; init; }

    /// <summary>Ctrl-C during an evaluation (null: none, as in most tests).</summary>
    public Interrupt? Interrupt { get; init; }

    /// <summary>Whether colour is allowed (NO_COLOR unset and output a terminal).</summary>
    public bool Color { get; init; }

    /// <summary>
    /// The REPL's history file on a terminal (null: history is kept for the session only, as in tests). The process
    /// console takes it from <c>LINEA_HISTORY</c> (empty turns it off), else <c>$XDG_STATE_HOME/linea/history</c>,
    /// else <c>~/.local/state/linea/history</c>.
    /// </summary>
    public string? HistoryPath { get; init; }

    /// <summary>The terminal's width in characters, read when Tab lists completions (80 unless set).</summary>
    public Func<int> ScreenWidth { get; init; } = () => 80;

    /// <summary>The process's console.</summary>
    public static ConsoleIO FromSystemConsole()
    {
        bool inTerm = !Console.IsInputRedirected;
        bool outTerm = !Console.IsOutputRedirected;
        return new ConsoleIO(Console.In, Console.Out, Console.Error, inTerm, outTerm)
        {
            Keys = inTerm ? new Repl.SystemConsoleKeys() : null,
            Interrupt = Interrupt.ForSystemConsole(),
            HistoryPath = inTerm ? Repl.HistoryFile.DefaultPath(System.Environment.GetEnvironmentVariable) : null,
            ScreenWidth = ConsoleWidth,
            Color = outTerm && string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR")),
        };
    }

    private static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return 80;
        }
    }
}
