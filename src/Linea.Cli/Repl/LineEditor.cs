using System.Text;

namespace Linea.Cli.Repl;

/// <summary>
/// A small line editor for the REPL on a terminal: typing inserts at the cursor; Left/Right, Home/End (and
/// Ctrl-B/Ctrl-F, Ctrl-A/Ctrl-E) move; Backspace/Delete erase; Ctrl-U clears to the start, Ctrl-K to the end;
/// Up/Down (Ctrl-P/Ctrl-N) walk the <see cref="History"/>; Tab completes the name before the cursor (one match: the
/// whole name; several: their common prefix, and a second Tab lists them); Enter submits; Ctrl-C abandons the line
/// (an empty line is returned and <see cref="LastLineCancelled"/> is set); Ctrl-D on an empty line ends input.
/// Keys come from an <see cref="IKeySource"/> and the line is redrawn on a <see cref="TextWriter"/> with ANSI
/// escapes (carriage return, erase to end of line, cursor left), so tests drive it with scripted keys.
/// </summary>
internal sealed class LineEditor(IKeySource keys, TextWriter output, History? history = null, ICompletionSource? completions = null) : ILineReader
{
    private readonly History _history = history ?? new History();

    /// <summary>The history entries, oldest first.</summary>
    public IReadOnlyList<string> History => _history.Entries;

    /// <summary>The screen's width in characters, for the list of completions (80 unless set).</summary>
    public Func<int> ScreenWidth { get; init; } = () => 80;

    /// <inheritdoc/>
    public bool LastLineCancelled { get; private set; }

    /// <inheritdoc/>
    public void AddHistory(string entry) => _history.Add(entry);

    /// <inheritdoc/>
    public string? ReadLine(string prompt)
    {
        var buffer = new StringBuilder();
        int cursor = 0;
        var entries = _history.Entries;
        int historyIndex = entries.Count;
        string pending = "";
        bool afterTab = false;
        LastLineCancelled = false;
        output.Write(prompt);
        output.Flush();
        while (true)
        {
            var key = keys.ReadKey();
            bool ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
            bool tab = false;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    output.WriteLine();
                    return buffer.ToString();
                case ConsoleKey.C when ctrl:
                    output.WriteLine("^C");
                    LastLineCancelled = true;
                    return "";
                case ConsoleKey.D when ctrl:
                    if (buffer.Length == 0) { output.WriteLine(); return null; }
                    if (cursor < buffer.Length) buffer.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow or ConsoleKey.B when key.Key == ConsoleKey.LeftArrow || ctrl:
                    if (cursor > 0) cursor--;
                    break;
                case ConsoleKey.RightArrow or ConsoleKey.F when key.Key == ConsoleKey.RightArrow || ctrl:
                    if (cursor < buffer.Length) cursor++;
                    break;
                case ConsoleKey.Home or ConsoleKey.A when key.Key == ConsoleKey.Home || ctrl:
                    cursor = 0;
                    break;
                case ConsoleKey.End or ConsoleKey.E when key.Key == ConsoleKey.End || ctrl:
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.Backspace:
                    if (cursor > 0) { buffer.Remove(cursor - 1, 1); cursor--; }
                    break;
                case ConsoleKey.Delete:
                    if (cursor < buffer.Length) buffer.Remove(cursor, 1);
                    break;
                case ConsoleKey.U when ctrl:
                    buffer.Remove(0, cursor);
                    cursor = 0;
                    break;
                case ConsoleKey.K when ctrl:
                    buffer.Remove(cursor, buffer.Length - cursor);
                    break;
                case ConsoleKey.UpArrow or ConsoleKey.P when key.Key == ConsoleKey.UpArrow || ctrl:
                    if (historyIndex > 0)
                    {
                        if (historyIndex == entries.Count) pending = buffer.ToString();
                        historyIndex--;
                        Replace(buffer, entries[historyIndex], ref cursor);
                    }
                    break;
                case ConsoleKey.DownArrow or ConsoleKey.N when key.Key == ConsoleKey.DownArrow || ctrl:
                    if (historyIndex < entries.Count)
                    {
                        historyIndex++;
                        Replace(buffer, historyIndex == entries.Count ? pending : entries[historyIndex], ref cursor);
                    }
                    break;
                case ConsoleKey.Tab:
                    tab = true;
                    Complete(buffer, ref cursor, listing: afterTab);
                    break;
                default:
                    if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
                    {
                        buffer.Insert(cursor, key.KeyChar);
                        cursor++;
                    }
                    break;
            }
            afterTab = tab;
            Redraw(prompt, buffer, cursor);
        }
    }

    /// <summary>
    /// Tab: completes the name before the cursor to the one match, or to the matches' common prefix; with
    /// <paramref name="listing"/> (a second Tab in a row) and several matches, lists them below the line. Rings
    /// the bell when nothing can be added.
    /// </summary>
    private void Complete(StringBuilder buffer, ref int cursor, bool listing)
    {
        if (completions is null || Completer.WordBefore(buffer.ToString(), cursor) is not { } word)
        {
            Bell();
            return;
        }
        var matches = Completer.Matches(word.Prefix, completions.Names());
        if (matches.Count == 0)
        {
            Bell();
            return;
        }
        var completed = matches.Count == 1 ? matches[0] : Completer.CommonPrefix(matches);
        if (completed.Length > word.Prefix.Length)
        {
            buffer.Insert(cursor, completed[word.Prefix.Length..]);
            cursor += completed.Length - word.Prefix.Length;
        }
        else if (matches.Count > 1 && listing)
        {
            output.WriteLine();
            foreach (var row in Completer.Columns(matches, ScreenWidth()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                output.WriteLine(row);
        }
        else if (matches.Count > 1) Bell();
    }

    private void Bell() => output.Write('\a');

    private static void Replace(StringBuilder buffer, string text, ref int cursor)
    {
        buffer.Clear().Append(text);
        cursor = buffer.Length;
    }

    private void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        output.Write('\r');
        output.Write(prompt);
        output.Write(buffer.ToString());
        output.Write("\u001b[K");
        int back = buffer.Length - cursor;
        if (back > 0) output.Write($"\u001b[{back}D");
        output.Flush();
    }
}
