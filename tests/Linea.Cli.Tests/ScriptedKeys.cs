using Linea.Cli.Repl;

namespace Linea.Cli.Tests;

/// <summary>A key source that plays a fixed sequence of keys; reading past its end fails the test.</summary>
internal sealed class ScriptedKeys(IEnumerable<ConsoleKeyInfo> keys) : IKeySource
{
    private readonly Queue<ConsoleKeyInfo> _keys = new(keys);

    /// <summary>Keys not read yet.</summary>
    public int Remaining => _keys.Count;

    public ConsoleKeyInfo ReadKey() =>
        _keys.TryDequeue(out var key) ? key : throw new InvalidOperationException("the editor read past the scripted keys");
}

/// <summary>Builds key sequences: typed text, special keys, Ctrl combinations.</summary>
internal static class Keys
{
    public static ConsoleKeyInfo Enter => new('\r', ConsoleKey.Enter, false, false, false);
    public static ConsoleKeyInfo Tab => new('\t', ConsoleKey.Tab, false, false, false);
    public static ConsoleKeyInfo Up => Key(ConsoleKey.UpArrow);
    public static ConsoleKeyInfo Down => Key(ConsoleKey.DownArrow);
    public static ConsoleKeyInfo Left => Key(ConsoleKey.LeftArrow);
    public static ConsoleKeyInfo Right => Key(ConsoleKey.RightArrow);
    public static ConsoleKeyInfo CtrlC => Key(ConsoleKey.C, ctrl: true);
    public static ConsoleKeyInfo CtrlD => Key(ConsoleKey.D, ctrl: true);

    public static ConsoleKeyInfo Key(ConsoleKey key, bool ctrl = false) => new('\0', key, false, false, ctrl);

    /// <summary>One key per character, as a terminal delivers typed text.</summary>
    public static IEnumerable<ConsoleKeyInfo> Type(string text) =>
        text.Select(c => new ConsoleKeyInfo(c, char.IsAsciiLetter(c) ? Enum.Parse<ConsoleKey>(char.ToUpperInvariant(c).ToString()) : ConsoleKey.Oem1, char.IsUpper(c), false, false));

    /// <summary>Typed lines, each followed by Enter.</summary>
    public static IEnumerable<ConsoleKeyInfo> Lines(params string[] lines) => lines.SelectMany(l => Type(l).Append(Enter));

    public static IEnumerable<ConsoleKeyInfo> Seq(params object[] parts) => parts.SelectMany(p => p switch
    {
        string s => Type(s),
        ConsoleKeyInfo k => [k],
        IEnumerable<ConsoleKeyInfo> ks => ks,
        _ => throw new ArgumentException(p.GetType().Name),
    });
}
