namespace Linea.Calc.Evaluation;

/// <summary>
/// A complex128 array (any rank, a 0-d tensor for a scalar): real and imaginary float64 parts of one shape. It comes
/// from imaginary literals (<c>2j</c>), from arithmetic with them, and from <c>eig</c>/<c>eigvals</c> when the spectrum is
/// complex. Results stay complex even when every imaginary part is zero, as in NumPy; <c>real(z)</c> gives float64.
/// </summary>
/// <param name="NDArray">The data (the parts may share storage with other values; values are never changed in place).</param>
public sealed record ComplexValue(ComplexTensor<double> NDArray) : ArrayLike
{
    /// <summary>The dtype name, NumPy's: complex128 (two float64 parts).</summary>
    public const string DTypeName = "complex128";

    /// <inheritdoc />
    public override string DType => DTypeName;

    /// <inheritdoc />
    public override Shapes.SymbolicShape SymbolicShape => Shapes.SymbolicShape.Of(NDArray.Shape.ToIntArray());

    /// <inheritdoc />
    public override string Describe() => NDArray.Rank == 0 ? "a complex128 scalar" : $"a {NDArray.Shape} complex128 array";

    /// <summary>A complex scalar re + im·j.</summary>
    public static ComplexValue Scalar(double re, double im) => new(new ComplexTensor<double>(Linea.NDArray.Scalar(re), Linea.NDArray.Scalar(im)));

    /// <summary>A complex value from its two parts (of one shape).</summary>
    public static ComplexValue Of(NDArray<double> re, NDArray<double> im) => new(new ComplexTensor<double>(re, im));
}
