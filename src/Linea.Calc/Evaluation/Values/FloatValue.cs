namespace Linea.Calc.Evaluation;

/// <summary>A float64 array (any rank, a 0-d tensor for a scalar): the result of anything that cannot stay exact.</summary>
/// <param name="NDArray">The data.</param>
public sealed record FloatValue(NDArray<double> NDArray) : ArrayLike
{
    /// <inheritdoc />
    public override string DType => "float64";

    /// <inheritdoc />
    public override Shapes.SymbolicShape SymbolicShape => Shapes.SymbolicShape.Of(NDArray.Shape.ToIntArray());

    /// <inheritdoc />
    public override string Describe() => NDArray.Rank == 0 ? "a float64 scalar" : $"a {NDArray.Shape} float64 array";

    /// <summary>A float64 scalar.</summary>
    public static FloatValue Scalar(double x) => new(Linea.NDArray.Scalar(x));
}
