using Linea.Calc.Exact;

namespace Linea.Calc.Evaluation;

/// <summary>An exact array of rationals (rank 0, 1 or 2): integer and fraction input and what exact operations make of it.</summary>
/// <param name="Array">The data.</param>
public sealed record ExactValue(ExactArray Array) : ArrayLike
{
    /// <inheritdoc />
    public override string DType => "rational";

    /// <inheritdoc />
    public override Shapes.SymbolicShape SymbolicShape => Shapes.SymbolicShape.Of(Array.Shape);

    /// <inheritdoc />
    public override string Describe() => Array.Rank == 0 ? "an exact scalar" : $"a {Array.ShapeValue} exact array";

    /// <summary>An exact scalar.</summary>
    public static ExactValue Scalar(BigRational x) => new(ExactArray.Scalar(x));
}
