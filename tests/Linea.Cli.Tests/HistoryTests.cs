using Linea.Cli.Repl;
using static Linea.Cli.Tests.Keys;

namespace Linea.Cli.Tests;

public sealed class HistoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-history-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string FilePath => Path.Combine(_dir, "state", "linea", "history");

    private static string? Read(ILineReader editor) => editor.ReadLine(">>> ");

    [Fact]
    public void DropsBlankLinesAndConsecutiveDuplicatesAndKeepsTheNewestEntriesUpToTheCap()
    {
        var history = new History(capacity: 3);
        foreach (var entry in new[] { "a", "", "  ", "b", "b", "a", "c", "d" }) history.Add(entry);
        Assert.Equal(["a", "c", "d"], history.Entries);
        history.Add("x\ny");
        Assert.Equal(["c", "d", "x y"], history.Entries);
        Assert.Throws<ArgumentOutOfRangeException>(() => new History(capacity: 0));
    }

    [Fact]
    public void UpAndDownWalkTheHistoryAndComeBackToTheLineBeingTyped()
    {
        var history = new History();
        history.Add("A = [1, 2]");
        history.Add("B = A * 2");
        var editor = new LineEditor(new ScriptedKeys(Seq(
            Up, Up, Up, Enter,                   // past the oldest: stays on it
            "dra", Up, Down, "ft", Enter,        // down past the newest: the line being typed comes back
            Up, Key(ConsoleKey.Backspace), "3", Enter,   // a recalled line can be edited; the history keeps the original
            Up, Up, Enter)), new StringWriter(), history);
        Assert.Equal("A = [1, 2]", Read(editor));
        Assert.Equal("draft", Read(editor));
        Assert.Equal("B = A * 3", Read(editor));
        editor.AddHistory("B = A * 3");
        Assert.Equal("B = A * 2", Read(editor));
        Assert.Equal(["A = [1, 2]", "B = A * 2", "B = A * 3"], editor.History);
    }

    [Fact]
    public void PersistsAcrossSessions()
    {
        var first = new History(file: new HistoryFile(FilePath));
        Assert.Empty(first.Entries);
        Assert.True(first.IsPersistent);
        first.Add("A = [[1, 2], [3, 4]]");
        first.Add("inv(A)");
        Assert.Equal("A = [[1, 2], [3, 4]]\ninv(A)\n", File.ReadAllText(FilePath));

        // the second session starts with the first's entries, recalls them with Up, and adds its own
        var second = new History(file: new HistoryFile(FilePath));
        Assert.Equal(["A = [[1, 2], [3, 4]]", "inv(A)"], second.Entries);
        var editor = new LineEditor(new ScriptedKeys(Seq(Up, Up, Enter)), new StringWriter(), second);
        Assert.Equal("A = [[1, 2], [3, 4]]", Read(editor));
        second.Add("det(A)");
        Assert.Equal(["A = [[1, 2], [3, 4]]", "inv(A)", "det(A)"], new History(file: new HistoryFile(FilePath)).Entries);
    }

    [Fact]
    public void ACommandRepeatedAcrossSessionsIsStoredOnce()
    {
        new History(file: new HistoryFile(FilePath)).Add("vars");
        var second = new History(file: new HistoryFile(FilePath));
        second.Add("vars");
        second.Add("vars");
        Assert.Equal(["vars"], second.Entries);
        Assert.Equal("vars\n", File.ReadAllText(FilePath));
    }

    [Fact]
    public void TheFileKeepsTheNewestEntriesUpToTheCap()
    {
        var history = new History(capacity: 5, file: new HistoryFile(FilePath));
        for (int i = 1; i <= 12; i++) history.Add($"x = {i}");
        Assert.Equal(Enumerable.Range(8, 5).Select(i => $"x = {i}"), File.ReadAllLines(FilePath));
        Assert.Equal(Enumerable.Range(8, 5).Select(i => $"x = {i}"), history.Entries);

        // a longer file (written by hand, or with a larger cap) loads its newest entries only
        File.WriteAllLines(FilePath, Enumerable.Range(1, 10).Select(i => $"y = {i}"));
        Assert.Equal(["y = 8", "y = 9", "y = 10"], new History(capacity: 3, file: new HistoryFile(FilePath)).Entries);
    }

    [Fact]
    public void TwoReplsSavingAtOnceLoseNoEntryAndCorruptNoLine()
    {
        var a = new History(file: new HistoryFile(FilePath));
        var b = new History(file: new HistoryFile(FilePath));
        const int n = 60;
        Parallel.Invoke(
            () => { for (int i = 0; i < n; i++) a.Add($"a = {i} # {new string('a', 200)}"); },
            () => { for (int i = 0; i < n; i++) b.Add($"b = {i} # {new string('b', 200)}"); });
        Assert.True(a.IsPersistent && b.IsPersistent);
        var lines = File.ReadAllLines(FilePath);
        Assert.Equal(2 * n, lines.Length);
        foreach (var who in new[] { "a", "b" })
            Assert.Equal(Enumerable.Range(0, n).Select(i => $"{who} = {i} # {new string(who[0], 200)}"), lines.Where(l => l.StartsWith(who, StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(FilePath)!, "*.tmp"));
    }

    [Fact]
    public void AnUnwritableLocationGivesOneWarningAndTheHistoryGoesOnInMemory()
    {
        // a directory that cannot be created (its parent is a file): fails even for root, unlike a read-only directory
        var blocker = Path.Combine(_dir, "not-a-directory");
        File.WriteAllText(blocker, "");
        var warnings = new StringWriter { NewLine = "\n" };
        var history = new History(file: new HistoryFile(Path.Combine(blocker, "linea", "history")), warnings: warnings);
        history.Add("a");
        history.Add("b");
        history.Add("c");
        Assert.Equal(["a", "b", "c"], history.Entries);
        Assert.False(history.IsPersistent);
        var lines = warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith($"linea: warning: cannot save the history to '{Path.Combine(blocker, "linea", "history")}'", lines[0]);
    }

    [Fact]
    public void ADirectoryInTheFilesPlaceGivesOneWarning()
    {
        Directory.CreateDirectory(FilePath);   // a directory where the file should be
        File.WriteAllText(Path.Combine(FilePath, "x"), "");
        var warnings = new StringWriter { NewLine = "\n" };
        var history = new History(file: new HistoryFile(FilePath), warnings: warnings);
        history.Add("a");
        history.Add("b");
        Assert.Equal(["a", "b"], history.Entries);
        Assert.Single(warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void TheFileIsPrivateToItsOwner()
    {
        if (OperatingSystem.IsWindows()) return;
        new History(file: new HistoryFile(FilePath)).Add("secret = 42");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
    }

    [Fact]
    public void ALinkedHistoryFileStaysALink()
    {
        var real = Path.Combine(_dir, "dotfiles", "linea_history");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, "old\n");
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.CreateSymbolicLink(FilePath, real);
        new History(file: new HistoryFile(FilePath)).Add("new");
        Assert.NotNull(new FileInfo(FilePath).LinkTarget);
        Assert.Equal("old\nnew\n", File.ReadAllText(real));
    }

    [Theory]
    [InlineData(null, null, "/home/u", "/home/u/.local/state/linea/history")]
    [InlineData(null, "/xdg/state", "/home/u", "/xdg/state/linea/history")]
    [InlineData(null, "relative/state", "/home/u", "/home/u/.local/state/linea/history")]   // XDG: relative paths are ignored
    [InlineData("/tmp/my-history", "/xdg/state", "/home/u", "/tmp/my-history")]
    [InlineData("", "/xdg/state", "/home/u", null)]   // empty: off
    [InlineData("  ", null, "/home/u", null)]
    public void ThePathComesFromTheEnvironment(string? lineaHistory, string? xdgStateHome, string home, string? expected)
    {
        if (OperatingSystem.IsWindows()) return;
        var env = new Dictionary<string, string?> { ["LINEA_HISTORY"] = lineaHistory, ["XDG_STATE_HOME"] = xdgStateHome, ["HOME"] = home };
        Assert.Equal(expected, HistoryFile.DefaultPath(name => env.GetValueOrDefault(name)));
    }
}
