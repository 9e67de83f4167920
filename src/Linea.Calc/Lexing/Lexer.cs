using System.Text;

namespace Linea.Calc.Lexing;

/// <summary>
/// Turns program text into tokens. Line breaks end statements only outside brackets; inside <c>( )</c> and
/// <c>[ ]</c> they count as white space (flagged on the next token), so a matrix may span several lines.
/// <c>#</c> starts a comment that runs to the end of the line. Cost: O(length of the text).
/// </summary>
public static class Lexer
{
    /// <summary>Splits <paramref name="text"/> into tokens, ending with one <see cref="TokenKind.End"/> token.</summary>
    /// <exception cref="CalcException">A character the language does not use, or a string without its closing quote
    /// (the exception carries the line and column).</exception>
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        var state = new State(text);
        int depth = 0;
        var open = new Stack<TokenKind>(); // the open brackets, innermost on top: inside [ ] white space separates elements
        bool space = false, newline = false;
        while (true)
        {
            char c = state.Peek();
            if (c == '\0' && state.AtEnd)
            {
                tokens.Add(state.Make(TokenKind.End, "", state.Pos, 0, space, newline));
                return tokens;
            }
            if (c == '#')
            {
                while (!state.AtEnd && state.Peek() != '\n') state.Advance();
                continue;
            }
            if (c == '\\' && IsLineBreakAfter(text, state.Pos + 1))
            {
                // a backslash at the end of a line continues the statement, as in Python
                state.Advance();
                while (state.Peek() != '\n') state.Advance();
                state.Advance();
                space = true;
                continue;
            }
            if (c == '\n' || c == '\r')
            {
                var lineEnd = state.Make(TokenKind.Newline, "\n", state.Pos, 1, space, newline);
                state.Advance();
                if (c == '\r' && state.Peek() == '\n') state.Advance();
                if (depth > 0) { space = true; newline = true; continue; }
                if (tokens.Count > 0 && tokens[^1].Kind is not TokenKind.Newline) tokens.Add(lineEnd);
                space = false; newline = false;
                continue;
            }
            if (char.IsWhiteSpace(c)) { state.Advance(); space = true; continue; }

            int start = state.Pos;
            TokenKind kind;
            string value;
            if (c == '\'' && !IsTransposeQuote(tokens, space, open))
            {
                value = ReadString(state, '\'');
                kind = TokenKind.String;
            }
            else kind = ReadToken(state, out value);
            if (kind is TokenKind.LeftParen or TokenKind.LeftBracket) { depth++; open.Push(kind); }
            else if (kind is TokenKind.RightParen or TokenKind.RightBracket && depth > 0) { depth--; open.TryPop(out _); }
            tokens.Add(state.Make(kind, value, start, state.Pos - start, space, newline));
            space = false; newline = false;
        }
    }

    /// <summary>
    /// How many brackets <c>( [</c> are still open at the end of <paramref name="text"/> (0 when balanced or when the
    /// text does not lex). A REPL keeps reading lines while this is positive.
    /// </summary>
    public static int OpenBracketDepth(string text)
    {
        IReadOnlyList<Token> tokens;
        try { tokens = Tokenize(text); }
        catch (CalcException) { return 0; }
        int depth = 0;
        foreach (var t in tokens)
        {
            if (t.Kind is TokenKind.LeftParen or TokenKind.LeftBracket) depth++;
            else if (t.Kind is TokenKind.RightParen or TokenKind.RightBracket) depth = Math.Max(0, depth - 1);
        }
        return depth;
    }

    /// <summary>
    /// Whether a quote is the transpose <c>A'</c> rather than the start of a single-quoted string, decided as MATLAB
    /// does by what precedes it: a transpose follows a value (a name, a number, a closing bracket or another
    /// transpose), directly, or after white space outside square brackets (where white space separates elements,
    /// so <c>[A 'x']</c> holds a string). Anything else (<c>norm(A, 'fro')</c>, <c>x = 'a.npy'</c>) starts a string.
    /// </summary>
    private static bool IsTransposeQuote(List<Token> tokens, bool space, Stack<TokenKind> open)
    {
        if (tokens.Count == 0) return false;
        var previous = tokens[^1];
        if (previous.Kind is not (TokenKind.Name or TokenKind.Number or TokenKind.RightParen or TokenKind.RightBracket or TokenKind.Apostrophe))
            return false;
        return !space || open.Count == 0 || open.Peek() != TokenKind.LeftBracket;
    }

    private static bool IsLineBreakAfter(string text, int i)
    {
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
        return i < text.Length && (text[i] == '\n' || text[i] == '\r');
    }

    private static TokenKind ReadToken(State s, out string value)
    {
        char c = s.Peek();
        int start = s.Pos;
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(s.PeekAt(1))))
        {
            ReadNumber(s);
            value = s.Text[start..s.Pos];
            return TokenKind.Number;
        }
        if (char.IsLetter(c) || c == '_')
        {
            while (char.IsLetterOrDigit(s.Peek()) || s.Peek() == '_') s.Advance();
            value = s.Text[start..s.Pos];
            return TokenKind.Name;
        }
        if (c == '"')
        {
            value = ReadString(s, '"');
            return TokenKind.String;
        }
        s.Advance();
        char n = s.Peek();
        TokenKind kind;
        switch (c)
        {
            case '+': kind = TokenKind.Plus; break;
            case '-': kind = TokenKind.Minus; break;
            case '*':
                if (n == '*') { s.Advance(); kind = TokenKind.DoubleStar; }
                else kind = TokenKind.Star;
                break;
            case '/': kind = TokenKind.Slash; break;
            case '\\': kind = TokenKind.Backslash; break; // a backslash ending a line was taken as a continuation before this
            case '@': kind = TokenKind.At; break;
            case '^': kind = TokenKind.Caret; break;
            case '=':
                if (n == '=') { s.Advance(); kind = TokenKind.EqualEqual; }
                else kind = TokenKind.Assign;
                break;
            case '!':
                if (n != '=') throw s.Error(start, "unexpected character '!'", "write != for 'not equal'");
                s.Advance(); kind = TokenKind.NotEqual; break;
            case '<':
                if (n == '=') { s.Advance(); kind = TokenKind.LessEqual; }
                else kind = TokenKind.Less;
                break;
            case '>':
                if (n == '=') { s.Advance(); kind = TokenKind.GreaterEqual; }
                else kind = TokenKind.Greater;
                break;
            case '(': kind = TokenKind.LeftParen; break;
            case ')': kind = TokenKind.RightParen; break;
            case '[': kind = TokenKind.LeftBracket; break;
            case ']': kind = TokenKind.RightBracket; break;
            case ',': kind = TokenKind.Comma; break;
            case ';': kind = TokenKind.Semicolon; break;
            case ':': kind = TokenKind.Colon; break;
            case '.': kind = TokenKind.Dot; break;
            case '\'': kind = TokenKind.Apostrophe; break;
            default:
                string shown = char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
                string? hint = c switch
                {
                    '%' => "use mod(a, m) for the remainder",
                    '&' or '|' => "logical operators are not supported; comparisons give 0/1 arrays, combine them with * and +",
                    '{' or '}' => "matrices are written with square brackets: [[1, 2], [3, 4]] or [1 2; 3 4]",
                    '`' => "strings use double or single quotes: \"x.npy\" or 'x.npy'",
                    _ => null,
                };
                throw s.Error(start, $"unexpected character {shown}", hint);
        }
        value = s.Text[start..s.Pos];
        return kind;
    }

    /// <summary>
    /// A number: digits, an optional fraction and exponent, and an optional imaginary suffix <c>j</c> or <c>J</c>
    /// (Python's <c>2j</c>, <c>2.5j</c>, <c>1e-3j</c>, <c>2.j</c>) when no letter, digit or underscore follows it, so
    /// <c>j</c> alone stays a name.
    /// </summary>
    private static void ReadNumber(State s)
    {
        while (char.IsAsciiDigit(s.Peek())) s.Advance();
        if (s.Peek() == '.' && IsImaginarySuffix(s, 1))
        {
            s.Advance(); // 2.j: the point, then the suffix below
        }
        else if (s.Peek() == '.' && !char.IsLetter(s.PeekAt(1)) && s.PeekAt(1) != '_')
        {
            s.Advance();
            while (char.IsAsciiDigit(s.Peek())) s.Advance();
        }
        if ((s.Peek() == 'e' || s.Peek() == 'E') &&
            (char.IsAsciiDigit(s.PeekAt(1)) || ((s.PeekAt(1) == '+' || s.PeekAt(1) == '-') && char.IsAsciiDigit(s.PeekAt(2)))))
        {
            s.Advance();
            if (s.Peek() == '+' || s.Peek() == '-') s.Advance();
            while (char.IsAsciiDigit(s.Peek())) s.Advance();
        }
        if (IsImaginarySuffix(s, 0)) s.Advance();
    }

    /// <summary>Whether the character <paramref name="k"/> ahead is a <c>j</c> or <c>J</c> that ends the number.</summary>
    private static bool IsImaginarySuffix(State s, int k)
    {
        char c = s.PeekAt(k), after = s.PeekAt(k + 1);
        return c is 'j' or 'J' && !char.IsLetterOrDigit(after) && after != '_';
    }

    /// <summary>A string between two <paramref name="quote"/> characters (double or single), with \n, \t and \ escapes.</summary>
    private static string ReadString(State s, char quote)
    {
        int start = s.Pos;
        s.Advance(); // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (s.AtEnd || s.Peek() == '\n')
                throw s.Error(start, "this string has no closing quote", "strings are written \"like this\" or 'like this' on one line");
            char c = s.Peek();
            s.Advance();
            if (c == quote) return sb.ToString();
            if (c == '\\' && !s.AtEnd)
            {
                char e = s.Peek();
                s.Advance();
                sb.Append(e switch { 'n' => '\n', 't' => '\t', _ => e });
                continue;
            }
            sb.Append(c);
        }
    }

    private sealed class State(string text)
    {
        public string Text { get; } = text;
        public int Pos { get; private set; }
        private int _line = 1, _lineStart;

        public bool AtEnd => Pos >= Text.Length;
        public char Peek() => Pos < Text.Length ? Text[Pos] : '\0';
        public char PeekAt(int k) => Pos + k < Text.Length ? Text[Pos + k] : '\0';

        public void Advance()
        {
            if (Pos < Text.Length && Text[Pos] == '\n') { _line++; _lineStart = Pos + 1; }
            Pos++;
        }

        public (int Line, int Column) Where(int offset)
        {
            // offsets handed in are at or after the current line start, or earlier on the same line
            int line = _line, lineStart = _lineStart;
            if (offset < lineStart)
            {
                line = 1; lineStart = 0;
                for (int i = 0; i < offset; i++)
                    if (Text[i] == '\n') { line++; lineStart = i + 1; }
            }
            return (line, offset - lineStart + 1);
        }

        public Token Make(TokenKind kind, string value, int offset, int length, bool space, bool newline)
        {
            var (line, col) = Where(offset);
            return new Token(kind, value, offset, length, line, col, space, newline);
        }

        public CalcException Error(int offset, string message, string? hint)
        {
            var (line, col) = Where(offset);
            return new CalcSyntaxException(message) { Line = line, Column = col, Hint = hint };
        }
    }
}
