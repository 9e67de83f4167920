namespace Linea.Calc.Evaluation;

internal static partial class ComplexOps
{
    /// <summary>
    /// The matrix product with NumPy's <c>matmul</c> rules (vectors promoted, batch axes broadcast), through Linea's
    /// real products: (Ar + i Ai)(Br + i Bi) = (Ar Br - Ai Bi) + i (Ar Bi + Ai Br); a real operand needs two
    /// products instead of four. The caller has checked the shapes and the work.
    /// </summary>
    public static ComplexValue MatMul(Value left, Value right)
    {
        if (left is not ComplexValue)
        {
            var a = ValueConversions.ToTensor(left, "matmul");
            var b = ((ComplexValue)right).NDArray;
            return ComplexValue.Of(NDArray.MatMul(a, b.Real), NDArray.MatMul(a, b.Imag));
        }
        var x = ((ComplexValue)left).NDArray;
        if (right is not ComplexValue)
        {
            var b = ValueConversions.ToTensor(right, "matmul");
            return ComplexValue.Of(NDArray.MatMul(x.Real, b), NDArray.MatMul(x.Imag, b));
        }
        var y = ((ComplexValue)right).NDArray;
        var re = NDArray.MatMul(x.Real, y.Real) - NDArray.MatMul(x.Imag, y.Imag);
        var im = NDArray.MatMul(x.Real, y.Imag) + NDArray.MatMul(x.Imag, y.Real);
        return ComplexValue.Of(re, im);
    }

    /// <summary>
    /// A ^ k for a square complex matrix (or stack) and k &gt;= 0, by repeated squaring: about 2 log2 k products.
    /// A negative k would need the inverse, which the calculator does not compute for complex matrices.
    /// </summary>
    /// <exception cref="CalcTypeException">k is negative.</exception>
    public static ComplexValue MatrixPower(ComplexValue a, int k)
    {
        if (k < 0)
            throw new CalcTypeException($"matrix_power: A ^ {k} needs the inverse of A, and inv does not take complex input")
            { Hint = "powers k >= 0 of a complex matrix work" };
        var shape = a.NDArray.Shape.ToIntArray();
        int n = shape[^1];
        ComplexValue? result = null;
        var square = a;
        for (int e = k; e != 0; e >>= 1)
        {
            Exact.ExactLimits.Cancellation.ThrowIfCancellationRequested(); // the evaluation's time limit and Ctrl-C, between products
            if ((e & 1) != 0) result = result is null ? square : MatMul(result, square);
            if (e > 1) square = MatMul(square, square);
        }
        return result ?? ComplexValue.Of(
            NDArray.Eye<double>(n).BroadcastTo(shape).Contiguous(),
            NDArray.Zeros<double>(shape));
    }

    /// <summary>NumPy's <c>outer</c>: both operands flattened, then z[i, j] = a[i] * b[j].</summary>
    public static Value Outer(Value left, Value right)
    {
        var a = ToComplex(left, "outer");
        var b = ToComplex(right, "outer");
        var column = ComplexValue.Of(a.Real.Contiguous().Reshape(-1, 1), a.Imag.Contiguous().Reshape(-1, 1));
        var row = ComplexValue.Of(b.Real.Contiguous().Reshape(1, -1), b.Imag.Contiguous().Reshape(1, -1));
        return Elementwise(Syntax.BinaryOperator.Multiply, "outer", column, row);
    }
}
