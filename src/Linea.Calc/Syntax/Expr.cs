namespace Linea.Calc.Syntax;

/// <summary>
/// An expression node. <see cref="Depth"/> is the height of the tree below it (1 for a leaf), computed when the
/// node is built, so the parser can refuse trees too deep to evaluate without recursing over them.
/// </summary>
/// <param name="Span">Where the expression starts (for operators: where the operator is).</param>
public abstract record Expr(SourceSpan Span)
{
    /// <summary>Height of the tree rooted here (a leaf has depth 1).</summary>
    public abstract int Depth { get; }

    internal static int MaxDepth(IEnumerable<Expr?> children)
    {
        int d = 0;
        foreach (var c in children) if (c is not null && c.Depth > d) d = c.Depth;
        return d;
    }
}

/// <summary>A number as written: <c>3</c> (exact integer), <c>0.5</c> or <c>1e-3</c> (floating), <c>2j</c> or <c>2.5j</c> (imaginary).</summary>
/// <param name="Text">The literal's text.</param>
/// <param name="IsInteger">Digits only: the value is an exact integer.</param>
/// <param name="Span">Position.</param>
public sealed record NumberLiteral(string Text, bool IsInteger, SourceSpan Span) : Expr(Span)
{
    /// <summary>The literal ends in <c>j</c> or <c>J</c>: an imaginary number (a complex128 scalar with real part 0).</summary>
    public bool IsImaginary => Text.Length > 0 && Text[^1] is 'j' or 'J';

    /// <inheritdoc />
    public override int Depth => 1;
}

/// <summary>A string literal (file names for <c>load</c>/<c>save</c>, options such as <c>norm(A, "fro")</c>).</summary>
/// <param name="Value">The decoded text.</param>
/// <param name="Span">Position.</param>
public sealed record StringLiteral(string Value, SourceSpan Span) : Expr(Span)
{
    /// <inheritdoc />
    public override int Depth => 1;
}

/// <summary>A variable (or, in a call, function) name.</summary>
/// <param name="Name">The identifier.</param>
/// <param name="Span">Position.</param>
public sealed record NameExpr(string Name, SourceSpan Span) : Expr(Span)
{
    /// <inheritdoc />
    public override int Depth => 1;
}

/// <summary>
/// A bracket literal. With commas only (<c>[1, 2, 3]</c>, <c>[[1, 2], [3, 4]]</c>) it is NumPy's
/// <c>array([...])</c>: the elements stack along a new first axis. With <c>;</c> or line breaks between rows, or
/// white space between elements (<c>[1 2; 3 4]</c>, <c>[A [5; 6]]</c>) it is MATLAB's matrix: each row's elements
/// join side by side and the rows stack (a single row of numbers, <c>[1 2 3]</c>, stays a vector).
/// </summary>
/// <param name="Rows">The elements, row by row (one row when there is no separator).</param>
/// <param name="MatlabStyle">Rows were separated by <c>;</c> or line breaks, or elements by white space.</param>
/// <param name="Span">Position of the opening bracket.</param>
public sealed record ArrayLiteral(IReadOnlyList<IReadOnlyList<Expr>> Rows, bool MatlabStyle, SourceSpan Span) : Expr(Span)
{
    /// <inheritdoc />
    public override int Depth { get; } = 1 + MaxDepth(Rows.SelectMany(r => r));
}

/// <summary>A prefix operator applied to an operand: <c>-x</c>.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Operand">The operand.</param>
/// <param name="Span">Position of the operator.</param>
public sealed record UnaryExpr(UnaryOperator Operator, Expr Operand, SourceSpan Span) : Expr(Span)
{
    /// <inheritdoc />
    public override int Depth { get; } = 1 + Operand.Depth;
}

/// <summary>A binary operator: <c>A @ B</c>.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
/// <param name="Span">Position of the operator.</param>
public sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right, SourceSpan Span) : Expr(Span)
{
    /// <inheritdoc />
    public override int Depth { get; } = 1 + Math.Max(Left.Depth, Right.Depth);
}

/// <summary>How a transpose was written.</summary>
public enum TransposeKind
{
    /// <summary><c>A.T</c>: NumPy's transpose, all axes reversed (rows and columns for a matrix; a vector is unchanged).</summary>
    T,
    /// <summary><c>A'</c>: MATLAB's spelling of <see cref="T"/>.</summary>
    Apostrophe,
    /// <summary><c>A.mT</c>: NumPy's matrix transpose, the last two axes swapped (for stacks of matrices).</summary>
    MT,
}

/// <summary>A postfix transpose: <c>A.T</c>, <c>A'</c> or <c>A.mT</c>.</summary>
/// <param name="Operand">The operand.</param>
/// <param name="Kind">Which transpose.</param>
/// <param name="Span">Position of the operator.</param>
public sealed record TransposeExpr(Expr Operand, TransposeKind Kind, SourceSpan Span) : Expr(Span)
{
    /// <inheritdoc />
    public override int Depth { get; } = 1 + Operand.Depth;
}

/// <summary>One argument of a call, positional (<see cref="Name"/> null) or keyword (<c>seed=1</c>).</summary>
/// <param name="Name">The keyword, or null.</param>
/// <param name="Value">The argument expression.</param>
public sealed record Argument(string? Name, Expr Value);

/// <summary>A function call: <c>inv(A)</c>, <c>rand(3, 3, seed=1)</c>.</summary>
/// <param name="Function">The function name.</param>
/// <param name="Arguments">Arguments in order.</param>
/// <param name="Span">Position of the function name.</param>
public sealed record CallExpr(string Function, IReadOnlyList<Argument> Arguments, SourceSpan Span) : Expr(Span)
{
    /// <inheritdoc />
    public override int Depth { get; } = 1 + MaxDepth(Arguments.Select(a => a.Value));
}

/// <summary>One entry of an index: a single position or a slice.</summary>
public abstract record IndexItem
{
    internal abstract IEnumerable<Expr?> Children { get; }
}

/// <summary>A single position, <c>A[1]</c>; negative counts from the end.</summary>
/// <param name="Index">The index expression (an integer).</param>
public sealed record IndexAt(Expr Index) : IndexItem
{
    internal override IEnumerable<Expr?> Children => [Index];
}

/// <summary>A slice <c>start:stop:step</c>, each part optional.</summary>
/// <param name="Start">First index, or null for the beginning.</param>
/// <param name="Stop">Stop index (exclusive), or null for the end.</param>
/// <param name="Step">Step, or null for 1.</param>
public sealed record IndexSlice(Expr? Start, Expr? Stop, Expr? Step) : IndexItem
{
    internal override IEnumerable<Expr?> Children => [Start, Stop, Step];
}

/// <summary>Indexing and slicing: <c>A[0, :]</c>, <c>A[1:, ::2]</c>, <c>A[-1]</c>.</summary>
/// <param name="Target">The indexed expression.</param>
/// <param name="Items">One entry per indexed axis.</param>
/// <param name="Span">Position of the opening bracket.</param>
public sealed record IndexExpr(Expr Target, IReadOnlyList<IndexItem> Items, SourceSpan Span) : Expr(Span)
{
    /// <inheritdoc />
    public override int Depth { get; } = 1 + Math.Max(Target.Depth, MaxDepth(Items.SelectMany(i => i.Children)));
}

/// <summary>A comma-separated tuple at statement level: <c>1, 2</c>.</summary>
/// <param name="Items">The elements.</param>
/// <param name="Span">Position of the first element.</param>
public sealed record TupleExpr(IReadOnlyList<Expr> Items, SourceSpan Span) : Expr(Span)
{
    /// <inheritdoc />
    public override int Depth { get; } = 1 + MaxDepth(Items);
}
