using Linea.Calc.Evaluation;

namespace Linea.Calc;

/// <summary>What a statement produced.</summary>
public enum ResultKind
{
    /// <summary>An expression (or <c>explain</c>) with a value to show.</summary>
    Value,
    /// <summary>An assignment; <see cref="StatementResult.Names"/> lists the names bound.</summary>
    Assignment,
    /// <summary>A shape declaration; <see cref="StatementResult.Names"/> has the declared name.</summary>
    Declaration,
    /// <summary>The statement failed; <see cref="StatementResult.Error"/> says why.</summary>
    Error,
}

/// <summary>
/// The outcome of one statement of a program: its position and text, its value (for expressions), the names it
/// bound (for assignments and declarations), the numerical warnings it raised, or the error that stopped it.
/// Render with <see cref="Rendering.TextRenderer"/> or <see cref="Rendering.JsonRenderer"/>.
/// </summary>
public sealed record StatementResult
{
    /// <summary>1-based line where the statement starts.</summary>
    public required int Line { get; init; }

    /// <summary>The statement's source text (empty for an error raised before statements were split).</summary>
    public required string Source { get; init; }

    /// <summary>What the statement produced.</summary>
    public required ResultKind Kind { get; init; }

    /// <summary>The value of an expression statement, or the value assigned (for assignments and declarations).</summary>
    public Value? Value { get; init; }

    /// <summary>Names an assignment or declaration bound.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Numerical warnings (ill-conditioning, rank cut), in the order raised.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The error, when <see cref="Kind"/> is <see cref="ResultKind.Error"/>.</summary>
    public CalcException? Error { get; init; }

    /// <summary>Whether the statement failed.</summary>
    public bool IsError => Kind == ResultKind.Error;
}
