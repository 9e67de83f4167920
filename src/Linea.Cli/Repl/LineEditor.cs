using System.Text;

namespace Linea.Cli.Repl;

/// <summary>
/// A small line editor for the REPL on a terminal: typing inserts at the cursor; Left/Right, Home/End (and
/// Ctrl-A/Ctrl-E) move; Backspace/Delete erase; Ctrl-U clears to the start, Ctrl-K to the end; Up/Down recall
/// history; Enter submits; Ctrl-C abandons the line (an empty line is returned); Ctrl-D on an empty line ends input.
/// The line is redrawn with ANSI escapes (carriage return, erase to end of line, cursor left).
/// </summary>
internal sealed class LineEditor(IKeySource keys, TextWriter output) : ILineReader
{
    private readonly List<string> _history = [];

    /// <summary>The history, oldest first.</summary>
    public IReadOnlyList<string> History => _history;

    public void AddHistory(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry)) return;
        if (_history.Count > 0 && _history[^1] == entry) return;
        _history.Add(entry);
        if (_history.Count > 1000) _history.RemoveAt(0);
    }

    public string? ReadLine(string prompt)
    {
        var buffer = new StringBuilder();
        int cursor = 0;
        int historyIndex = _history.Count;
        string pending = "";
        output.Write(prompt);
        output.Flush();
        while (true)
        {
            var key = keys.ReadKey();
            bool ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    output.WriteLine();
                    return buffer.ToString();
                case ConsoleKey.C when ctrl:
                    output.WriteLine("^C");
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
                        if (historyIndex == _history.Count) pending = buffer.ToString();
                        historyIndex--;
                        Replace(buffer, _history[historyIndex], ref cursor);
                    }
                    break;
                case ConsoleKey.DownArrow or ConsoleKey.N when key.Key == ConsoleKey.DownArrow || ctrl:
                    if (historyIndex < _history.Count)
                    {
                        historyIndex++;
                        Replace(buffer, historyIndex == _history.Count ? pending : _history[historyIndex], ref cursor);
                    }
                    break;
                case ConsoleKey.Tab:
                    buffer.Insert(cursor, "    ");
                    cursor += 4;
                    break;
                default:
                    if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
                    {
                        buffer.Insert(cursor, key.KeyChar);
                        cursor++;
                    }
                    break;
            }
            Redraw(prompt, buffer, cursor);
        }
    }

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
