namespace Linea.Calc.Lexing;

/// <summary>
/// One token of a program. <see cref="Line"/> and <see cref="Column"/> are 1-based; <see cref="SpaceBefore"/> says
/// whether white space (or a line break inside brackets) separates it from the previous token, which is how
/// <c>[1 -2]</c> (two elements) differs from <c>[1 - 2]</c> (one).
/// </summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The source text of the token (for strings: the decoded value).</param>
/// <param name="Offset">0-based character offset in the program.</param>
/// <param name="Length">Length of the token in the source.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="SpaceBefore">White space precedes the token.</param>
/// <param name="NewlineBefore">A line break inside brackets precedes the token.</param>
public readonly record struct Token(TokenKind Kind, string Text, int Offset, int Length, int Line, int Column,
    bool SpaceBefore, bool NewlineBefore)
{
    /// <summary>How the token reads in an error message: its text, or "end of input" / "end of line".</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Newline => "end of line",
        TokenKind.String => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
