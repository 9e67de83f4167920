namespace Linea.Calc.Evaluation;

/// <summary>
/// A value of the calculator language: an array (<see cref="FloatValue"/> of float64, <see cref="SparseValue"/> (a sparse float64 matrix), <see cref="ExactValue"/> of
/// rationals or <see cref="ComplexValue"/> of complex128), a <see cref="StringValue"/>, a <see cref="TupleValue"/> (several results, as from <c>svd</c>), a
/// <see cref="SymbolicValue"/> (a declared shape with unknown values), or an <see cref="ExplanationValue"/>.
/// Values are immutable.
/// </summary>
public abstract record Value
{
    /// <summary>The data type as reported in JSON and by <c>vars</c>: "float64", "rational", "complex128", "sparse float64", "string", "tuple", "shape", "explanation", "plot".</summary>
    public abstract string DType { get; }

    /// <summary>How the value reads in an error message: "a (2, 3) float64 array", "a string".</summary>
    public abstract string Describe();
}

/// <summary>A value that has a shape (arrays and declared shapes); what operators and most functions take.</summary>
public abstract record ArrayLike : Value
{
    /// <summary>The shape, with symbolic dimensions for declared shapes.</summary>
    public abstract Shapes.SymbolicShape SymbolicShape { get; }

    /// <summary>Number of axes.</summary>
    public int Rank => SymbolicShape.Rank;
}
