namespace Linea.Calc.Lexing;

/// <summary>The kinds of token the calculator language has.</summary>
public enum TokenKind
{
    /// <summary>A number literal: <c>3</c>, <c>0.25</c>, <c>1e-3</c>, <c>.5</c>.</summary>
    Number,
    /// <summary>A double-quoted string literal: <c>"x.npy"</c>.</summary>
    String,
    /// <summary>An identifier: letters, digits and underscores, not starting with a digit.</summary>
    Name,
    /// <summary><c>+</c></summary>
    Plus,
    /// <summary><c>-</c></summary>
    Minus,
    /// <summary><c>*</c></summary>
    Star,
    /// <summary><c>/</c></summary>
    Slash,
    /// <summary><c>\</c> (MATLAB's left division, <c>A \ b</c>); at the end of a line it continues the statement instead</summary>
    Backslash,
    /// <summary><c>**</c> (element-wise power)</summary>
    DoubleStar,
    /// <summary><c>@</c> (matrix product)</summary>
    At,
    /// <summary><c>^</c> (matrix power)</summary>
    Caret,
    /// <summary><c>==</c></summary>
    EqualEqual,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterEqual,
    /// <summary><c>=</c> (assignment, keyword argument)</summary>
    Assign,
    /// <summary><c>(</c></summary>
    LeftParen,
    /// <summary><c>)</c></summary>
    RightParen,
    /// <summary><c>[</c></summary>
    LeftBracket,
    /// <summary><c>]</c></summary>
    RightBracket,
    /// <summary><c>,</c></summary>
    Comma,
    /// <summary><c>;</c> (row separator inside brackets, statement separator outside)</summary>
    Semicolon,
    /// <summary><c>:</c> (slices, shape declarations)</summary>
    Colon,
    /// <summary><c>.</c> (attribute access: <c>A.T</c>)</summary>
    Dot,
    /// <summary><c>'</c> (postfix transpose)</summary>
    Apostrophe,
    /// <summary>A line break outside brackets: ends a statement.</summary>
    Newline,
    /// <summary>The end of the program.</summary>
    End,
}
