namespace Linea.Calc.Syntax;

/// <summary>A statement: one line of a program (or one of several separated by <c>;</c>).</summary>
/// <param name="Span">Where the statement starts.</param>
/// <param name="Source">The statement's source text (for echoing and error context).</param>
public abstract record Statement(SourceSpan Span, string Source);

/// <summary>An expression whose value is shown.</summary>
/// <param name="Expression">The expression.</param>
/// <param name="Span">Position.</param>
/// <param name="Source">Source text.</param>
public sealed record ExpressionStatement(Expr Expression, SourceSpan Span, string Source) : Statement(Span, Source);

/// <summary>An assignment to one name (<c>A = ...</c>) or to several from a tuple (<c>U, S, Vt = svd(A)</c>).</summary>
/// <param name="Targets">The names assigned, in order.</param>
/// <param name="Value">The assigned expression.</param>
/// <param name="Span">Position.</param>
/// <param name="Source">Source text.</param>
public sealed record AssignmentStatement(IReadOnlyList<string> Targets, Expr Value, SourceSpan Span, string Source) : Statement(Span, Source);

/// <summary>
/// A shape declaration <c>X : (32, 784)</c> or <c>Q : (b, h, n, d)</c>: the name stands for a tensor of that shape
/// whose values are unknown, so expressions over it are checked for shape without computing.
/// </summary>
/// <param name="Name">The declared name.</param>
/// <param name="Dimensions">The dimensions: integers, symbols, or products of them (<c>h*d</c>).</param>
/// <param name="Span">Position.</param>
/// <param name="Source">Source text.</param>
public sealed record ShapeDeclaration(string Name, IReadOnlyList<Expr> Dimensions, SourceSpan Span, string Source) : Statement(Span, Source);

/// <summary><c>explain EXPR</c>: the steps behind a small computation.</summary>
/// <param name="Expression">The expression to explain.</param>
/// <param name="Span">Position.</param>
/// <param name="Source">Source text.</param>
public sealed record ExplainStatement(Expr Expression, SourceSpan Span, string Source) : Statement(Span, Source);

/// <summary>A parsed program: its statements in order.</summary>
/// <param name="Statements">The statements.</param>
public sealed record ProgramSyntax(IReadOnlyList<Statement> Statements);
