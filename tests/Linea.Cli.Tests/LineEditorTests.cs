using Linea.Cli.Repl;

namespace Linea.Cli.Tests;

public class LineEditorTests
{
    private sealed class ScriptedKeys(IEnumerable<ConsoleKeyInfo> keys) : IKeySource
    {
        private readonly Queue<ConsoleKeyInfo> _keys = new(keys);

        public ConsoleKeyInfo ReadKey() => _keys.Dequeue();
    }

    private static ConsoleKeyInfo K(ConsoleKey key, bool ctrl = false) => new('\0', key, false, false, ctrl);

    private static IEnumerable<ConsoleKeyInfo> Type(string text) =>
        text.Select(c => new ConsoleKeyInfo(c, char.IsLetter(c) ? Enum.Parse<ConsoleKey>(char.ToUpperInvariant(c).ToString()) : ConsoleKey.Oem1, false, false, false));

    private static ConsoleKeyInfo Enter => new('\r', ConsoleKey.Enter, false, false, false);

    private static (LineEditor Editor, StringWriter Output) Editor(params IEnumerable<ConsoleKeyInfo>[] keys)
    {
        var output = new StringWriter();
        return (new LineEditor(new ScriptedKeys(keys.SelectMany(k => k)), output), output);
    }

    [Fact]
    public void EditsAtTheCursor()
    {
        // type "inv(A)", go home, type "x = ", end, backspace the ")" and retype it, move left twice and delete "A"... then retype
        var (editor, _) = Editor(Type("inv(A)"), [K(ConsoleKey.Home)], Type("x = "), [K(ConsoleKey.End), K(ConsoleKey.Backspace)], Type(")"),
            [K(ConsoleKey.LeftArrow), K(ConsoleKey.LeftArrow), K(ConsoleKey.Delete)], Type("B"), [Enter]);
        Assert.Equal("x = inv(B)", editor.ReadLine(">>> "));
    }

    [Fact]
    public void RecallsHistory()
    {
        var (editor, _) = Editor([K(ConsoleKey.UpArrow), K(ConsoleKey.UpArrow), Enter],
            [K(ConsoleKey.UpArrow), K(ConsoleKey.UpArrow), K(ConsoleKey.DownArrow), Enter],
            Type("ab"), [K(ConsoleKey.UpArrow), K(ConsoleKey.DownArrow), Enter]);
        editor.AddHistory("first");
        editor.AddHistory("second");
        editor.AddHistory("second");
        Assert.Equal(["first", "second"], editor.History);
        Assert.Equal("first", editor.ReadLine(">>> "));
        Assert.Equal("second", editor.ReadLine(">>> "));
        Assert.Equal("ab", editor.ReadLine(">>> "));
    }

    [Fact]
    public void CtrlCAbandonsTheLineAndCtrlDEndsInput()
    {
        var (editor, output) = Editor(Type("oops"), [K(ConsoleKey.C, ctrl: true)], Type("ok"), [K(ConsoleKey.D, ctrl: true), Enter], [K(ConsoleKey.D, ctrl: true)]);
        Assert.Equal("", editor.ReadLine(">>> "));
        Assert.Contains("^C", output.ToString());
        Assert.Equal("ok", editor.ReadLine(">>> "));
        Assert.Null(editor.ReadLine(">>> "));
    }

    [Fact]
    public void KillsToTheStartAndTheEnd()
    {
        var (editor, _) = Editor(Type("abcdef"), [K(ConsoleKey.LeftArrow), K(ConsoleKey.LeftArrow), K(ConsoleKey.K, ctrl: true), K(ConsoleKey.LeftArrow), K(ConsoleKey.U, ctrl: true), Enter]);
        Assert.Equal("d", editor.ReadLine("> "));
    }
}
