using static Linea.Cli.Tests.Keys;

namespace Linea.Cli.Tests;

/// <summary>The whole command on a simulated terminal: scripted keys in, the screen out, a history file on disk.</summary>
public sealed class ReplSessionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-repl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string HistoryPath => Path.Combine(_dir, "linea", "history");

    private static (int Exit, string Screen, string Err) Session(string? historyPath, params object[] keys)
    {
        var screen = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var script = new ScriptedKeys(Seq(keys));
        var io = new ConsoleIO(new StringReader(""), screen, error, InputIsTerminal: true, OutputIsTerminal: false)
        {
            Keys = script,
            HistoryPath = historyPath,
        };
        int exit = CliApp.Run([], io);
        Assert.Equal(0, script.Remaining);
        return (exit, screen.ToString(), error.ToString());
    }

    [Fact]
    public void TabCompletesVariablesAndTheHistoryCarriesOverToTheNextSession()
    {
        var first = Session(HistoryPath, Lines("my_matrix = [[1, 2], [3, 4]]"), "det(my_m", Tab, ")", Enter, CtrlD);
        Assert.Equal(0, first.Exit);
        Assert.Contains("\n-2\n", first.Screen);
        Assert.Equal("my_matrix = [[1, 2], [3, 4]]\ndet(my_matrix)\n", File.ReadAllText(HistoryPath));

        // a new session: Up twice recalls the assignment, then Up twice more the determinant
        var second = Session(HistoryPath, Up, Up, Enter, Up, Up, Enter, CtrlD);
        Assert.Contains("\n-2\n", second.Screen);
        Assert.Equal("", second.Err);
        Assert.Equal("my_matrix = [[1, 2], [3, 4]]\ndet(my_matrix)\nmy_matrix = [[1, 2], [3, 4]]\ndet(my_matrix)\n", File.ReadAllText(HistoryPath));
    }

    [Fact]
    public void ContinuationLinesAreEntriesOfTheirOwnAndCtrlCAbandonsAnOpenEntry()
    {
        var (_, screen, _) = Session(HistoryPath, Lines("B = [5 6", "7 8]", "B"), "C = [1,", Enter, CtrlC, Lines("C"), CtrlD);
        Assert.Contains("[[5, 6], [7, 8]]", screen);
        Assert.Contains("name 'C' is not defined", screen);
        Assert.Equal("B = [5 6\n7 8]\nB\nC = [1,\nC\n", File.ReadAllText(HistoryPath));
    }

    [Fact]
    public void WithoutAHistoryFileNothingIsWrittenAndUpStillRecallsThisSession()
    {
        var (_, screen, err) = Session(null, Lines("x = 21"), Up, Key(ConsoleKey.Home), Key(ConsoleKey.Delete), "y", Enter, Lines("y * 2"), CtrlD);
        Assert.Contains("\n42\n", screen);
        Assert.Equal("", err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public void AnUnwritableHistoryGivesOneWarningAndTheSessionGoesOn()
    {
        var blocker = Path.Combine(_dir, "file");
        File.WriteAllText(blocker, "");
        var (exit, screen, err) = Session(Path.Combine(blocker, "history"), Lines("1 + 1", "2 + 2", "3 + 3"), CtrlD);
        Assert.Equal(0, exit);
        Assert.Contains("\n6\n", screen);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("warning: cannot save the history", err);
    }

    [Fact]
    public void RedirectedInputReadsNoHistoryAndWritesNone()
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var io = new ConsoleIO(new StringReader("x = 2\nx * 3\n"), output, error, InputIsTerminal: false, OutputIsTerminal: false)
        {
            HistoryPath = HistoryPath,
        };
        Assert.Equal(0, CliApp.Run([], io));
        Assert.Equal("6\n", output.ToString());
        Assert.False(File.Exists(HistoryPath));
    }
}
