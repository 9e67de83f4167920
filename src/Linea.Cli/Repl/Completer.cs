using System.Text;

namespace Linea.Cli.Repl;

/// <summary>The names Tab completes from (the session's variables, the functions, constants and keywords).</summary>
internal interface ICompletionSource
{
    /// <summary>Every name that can be completed now; duplicates and any order are allowed.</summary>
    IEnumerable<string> Names();
}

/// <summary>The identifier before the cursor, as Tab sees it.</summary>
/// <param name="Start">Where the identifier starts in the line.</param>
/// <param name="Prefix">The identifier's text up to the cursor.</param>
internal readonly record struct WordAtCursor(int Start, string Prefix);

/// <summary>
/// Tab completion, without any screen: finds the identifier that ends at the cursor, the names it is a prefix of,
/// their longest common prefix, and lays a list of names out in columns.
/// </summary>
internal static class Completer
{
    /// <summary>
    /// The identifier (a letter or <c>_</c>, then letters, digits, <c>_</c>, as the calculator's lexer reads one) that
    /// ends at <paramref name="cursor"/>; null when there is none, when it follows a <c>.</c> (an attribute such as
    /// <c>A.T</c> or a number) or when it sits inside a double-quoted string. Cost: O(cursor).
    /// </summary>
    public static WordAtCursor? WordBefore(string line, int cursor)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)cursor, (uint)line.Length, nameof(cursor));
        int start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(line[start - 1]) || line[start - 1] == '_')) start--;
        if (start == cursor || char.IsDigit(line[start])) return null;
        if (start > 0 && line[start - 1] == '.') return null;
        if (line.AsSpan(0, start).Count('"') % 2 == 1) return null;
        return new WordAtCursor(start, line[start..cursor]);
    }

    /// <summary>The distinct names that start with <paramref name="prefix"/> (case-sensitive), in ordinal order. Cost: O(names).</summary>
    public static IReadOnlyList<string> Matches(string prefix, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(names);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
            if (name.StartsWith(prefix, StringComparison.Ordinal)) found.Add(name);
        return [.. found];
    }

    /// <summary>The longest prefix shared by every one of <paramref name="names"/> (empty for none).</summary>
    public static string CommonPrefix(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0) return "";
        var common = names[0].AsSpan();
        foreach (var name in names)
            common = common[..common.CommonPrefixLength(name)];
        return common.ToString();
    }

    /// <summary>
    /// <paramref name="names"/> in columns that fit <paramref name="width"/> characters (at least one column), filled
    /// down then across as a shell lists them; each row ends with a line break. Cost: O(total length).
    /// </summary>
    public static string Columns(IReadOnlyList<string> names, int width)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0) return "";
        int cell = names.Max(n => n.Length) + 2;
        int columns = Math.Max(1, Math.Min(names.Count, (Math.Max(width, 1) + 2) / cell));
        int rows = (names.Count + columns - 1) / columns;
        var sb = new StringBuilder();
        var row = new StringBuilder();
        for (int r = 0; r < rows; r++)
        {
            row.Clear();
            for (int c = 0; c < columns && c * rows + r < names.Count; c++)
                row.Append(names[c * rows + r].PadRight(cell));
            sb.Append(row.ToString().TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }
}
