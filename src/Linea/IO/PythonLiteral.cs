using System.Text;

namespace Linea.IO;

/// <summary>
/// Parses the small subset of Python literal syntax that a .npy header uses: a dict whose keys are
/// strings and whose values are strings, <c>True</c>/<c>False</c>/<c>None</c>, integers (with the
/// Python 2 <c>L</c> suffix), tuples and lists (nested, trailing commas allowed). Nothing is evaluated.
/// </summary>
/// <remarks>
/// Values come back as <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>, <c>null</c>,
/// or <see cref="Sequence"/>. Any syntax outside the subset throws <see cref="FormatException"/>
/// with the position; the caller wraps it with the file name.
/// </remarks>
internal ref struct PythonLiteral
{
    /// <summary>A parsed tuple <c>(...)</c> or list <c>[...]</c>.</summary>
    internal sealed record Sequence(bool IsTuple, List<object?> Items);

    private const int MaxDepth = 32;
    private readonly ReadOnlySpan<char> _text;
    private int _pos;

    private PythonLiteral(ReadOnlySpan<char> text)
    {
        _text = text;
        _pos = 0;
    }

    /// <summary>
    /// Parses a dict literal that may be followed only by whitespace. Later duplicates of a key
    /// win, as in Python.
    /// </summary>
    public static Dictionary<string, object?> ParseDict(ReadOnlySpan<char> text)
    {
        var p = new PythonLiteral(text);
        p.SkipSpace();
        if (p.Peek() != '{') p.Fail("expected '{' to open the header dict");
        var dict = (Dictionary<string, object?>)p.ParseValue(0)!;
        p.SkipSpace();
        if (p._pos != p._text.Length) p.Fail("unexpected text after the closing '}'");
        return dict;
    }

    /// <summary>Python's repr of a value, for error messages.</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => "'" + s + "'",
        Sequence q => (q.IsTuple ? "(" : "[")
                      + string.Join(", ", q.Items.Select(Repr))
                      + (q.IsTuple && q.Items.Count == 1 ? ",)" : q.IsTuple ? ")" : "]"),
        Dictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => $"'{kv.Key}': {Repr(kv.Value)}")) + "}",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private object? ParseValue(int depth)
    {
        if (depth > MaxDepth) Fail($"nesting deeper than {MaxDepth} levels");
        SkipSpace();
        char c = Peek();
        switch (c)
        {
            case '{': return ParseDictBody(depth);
            case '(': return ParseSequence(')', isTuple: true, depth);
            case '[': return ParseSequence(']', isTuple: false, depth);
            case '\'' or '"': return ParseString();
        }
        if (c == '-' || c == '+' || char.IsAsciiDigit(c)) return ParseInteger();
        if (char.IsAsciiLetter(c))
        {
            int start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            var word = _text[start.._pos];
            if (word.SequenceEqual("True")) return true;
            if (word.SequenceEqual("False")) return false;
            if (word.SequenceEqual("None")) return null;
            _pos = start;
            Fail($"unexpected name '{word}' (only True, False and None are literals)");
        }
        Fail(c == '\0' ? "unexpected end of the header" : $"unexpected character '{c}'");
        return null;
    }

    private Dictionary<string, object?> ParseDictBody(int depth)
    {
        _pos++; // '{'
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (Peek() == '}') { _pos++; return dict; }
            if (Peek() is not ('\'' or '"')) Fail("expected a quoted key or '}'");
            string key = ParseString();
            SkipSpace();
            Expect(':');
            dict[key] = ParseValue(depth + 1);
            SkipSpace();
            if (Peek() == ',') { _pos++; continue; }
            if (Peek() == '}') { _pos++; return dict; }
            Fail("expected ',' or '}' after a dict value");
        }
    }

    private Sequence ParseSequence(char close, bool isTuple, int depth)
    {
        _pos++; // '(' or '['
        var items = new List<object?>();
        bool sawComma = false;
        while (true)
        {
            SkipSpace();
            if (Peek() == close) { _pos++; break; }
            items.Add(ParseValue(depth + 1));
            SkipSpace();
            if (Peek() == ',') { _pos++; sawComma = true; continue; }
            if (Peek() == close) { _pos++; break; }
            Fail($"expected ',' or '{close}'");
        }
        // "(3)" is a parenthesised integer in Python, not a tuple.
        if (isTuple && items.Count == 1 && !sawComma) Fail("a 1-tuple needs a trailing comma, as in (3,)");
        return new Sequence(isTuple, items);
    }

    private string ParseString()
    {
        char quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n') Fail("unterminated string");
            char c = _text[_pos++];
            if (c == quote) return sb.ToString();
            if (c == '\\')
            {
                if (_pos >= _text.Length) Fail("unterminated string");
                char e = _text[_pos++];
                sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => e });
            }
            else sb.Append(c);
        }
    }

    private long ParseInteger()
    {
        int start = _pos;
        if (Peek() is '-' or '+') _pos++;
        int digits = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (_pos == digits) Fail("expected digits");
        if (!long.TryParse(_text[start.._pos], System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out long value))
            Fail($"integer {_text[start.._pos]} is out of range");
        if (Peek() is 'L' or 'l') _pos++; // Python 2 long suffix, written by old NumPy
        if (Peek() is '.' or 'e' or 'E' or 'j' or 'J') Fail("expected an integer");
        return value;
    }

    private void Expect(char c)
    {
        if (Peek() != c) Fail($"expected '{c}'");
        _pos++;
    }

    private readonly char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v') _pos++;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private readonly void Fail(string what) =>
        throw new FormatException($"{what} at character {_pos}");
}
