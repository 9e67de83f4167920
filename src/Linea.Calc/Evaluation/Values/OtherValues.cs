using Linea.Calc.Explain;

namespace Linea.Calc.Evaluation;

/// <summary>A string (file names, options such as <c>"fro"</c>, messages such as the one <c>save</c> returns).</summary>
/// <param name="Text">The text.</param>
public sealed record StringValue(string Text) : Value
{
    /// <inheritdoc />
    public override string DType => "string";

    /// <inheritdoc />
    public override string Describe() => "a string";
}

/// <summary>Several values, as functions with several results return them (<c>svd</c>, <c>qr</c>, <c>eigh</c>, ...).</summary>
/// <param name="Items">The values in order.</param>
public sealed record TupleValue(IReadOnlyList<Value> Items) : Value
{
    /// <summary>Names of the items as the function documents them (<c>U, S, Vh</c> for <c>svd</c>), or null.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <inheritdoc />
    public override string DType => "tuple";

    /// <inheritdoc />
    public override string Describe() => $"a tuple of {Items.Count} values";
}

/// <summary>
/// A tensor whose shape is declared (<c>X : (32, 784)</c>) but whose values are unknown. Operators and functions on
/// it compute only the result's shape, so a model's shapes can be checked without data.
/// </summary>
/// <param name="Shape">The shape (dimensions may be symbols such as <c>b</c> or <c>h*d</c>).</param>
public sealed record SymbolicValue(Shapes.SymbolicShape Shape) : ArrayLike
{
    /// <summary>For a 0-d symbolic value that stands for a dimension (the name <c>d</c> of a declared shape), that dimension.</summary>
    public Shapes.Dim? DimensionValue { get; init; }

    /// <inheritdoc />
    public override string DType => "shape";

    /// <inheritdoc />
    public override Shapes.SymbolicShape SymbolicShape => Shape;

    /// <inheritdoc />
    public override string Describe() => $"a declared {Shape} array";
}

/// <summary>The result of <c>explain</c>: titled steps and a result.</summary>
/// <param name="Explanation">The explanation.</param>
public sealed record ExplanationValue(Explanation Explanation) : Value
{
    /// <inheritdoc />
    public override string DType => "explanation";

    /// <inheritdoc />
    public override string Describe() => "an explanation";
}
