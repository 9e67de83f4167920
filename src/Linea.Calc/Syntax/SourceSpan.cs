using Linea.Calc.Lexing;

namespace Linea.Calc.Syntax;

/// <summary>Where a piece of syntax starts in the program: 1-based line and column, 0-based offset.</summary>
/// <param name="Offset">0-based character offset.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourceSpan(int Offset, int Line, int Column)
{
    /// <summary>The position of a token.</summary>
    public static SourceSpan Of(Token token) => new(token.Offset, token.Line, token.Column);
}
