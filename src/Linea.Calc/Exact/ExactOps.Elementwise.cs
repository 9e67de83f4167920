namespace Linea.Calc.Exact;

/// <summary>
/// Exact linear algebra on <see cref="ExactArray"/> with NumPy semantics restricted to rank 0 to 2. Every
/// arithmetic result is checked against <see cref="ExactLimits.MaxBits"/>, every result shape against
/// <see cref="ExactLimits.MaxElements"/>, and eliminations and products against <see cref="ExactLimits.MaxOperations"/>
/// before they start; a limit throws <see cref="CalcLimitException"/>. Shape errors throw Linea's
/// <see cref="ShapeMismatchException"/> naming the operation, both shapes and a hint.
/// </summary>
public static partial class ExactOps
{
    /// <summary>a + b element-wise with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Add(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>a - b element-wise with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Subtract(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>a * b element-wise (NumPy's *, the Hadamard product) with broadcasting; for the matrix product use <see cref="MatMul"/>.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Multiply(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>a / b element-wise with broadcasting, exact (1/3 stays 1/3).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    /// <exception cref="DivideByZeroException">An element of b is zero.</exception>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Divide(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>-a element-wise.</summary>
    public static ExactArray Negate(ExactArray a) => throw new NotImplementedException();

    /// <summary>a ** k element-wise (NumPy's power with an integer exponent); a negative k inverts each element.</summary>
    /// <exception cref="DivideByZeroException">k is negative and an element is zero.</exception>
    /// <exception cref="CalcLimitException">A power exceeds <see cref="ExactLimits.MaxBits"/>.</exception>
    public static ExactArray Power(ExactArray a, int k) => throw new NotImplementedException();
}
