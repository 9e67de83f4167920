using System.Numerics;

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
    public static ExactArray Add(ExactArray a, ExactArray b) => Broadcasting("add", a, b, static (x, y) => x + y);

    /// <summary>a - b element-wise with NumPy broadcasting.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Subtract(ExactArray a, ExactArray b) => Broadcasting("subtract", a, b, static (x, y) => x - y);

    /// <summary>a * b element-wise (NumPy's *, the Hadamard product) with broadcasting; for the matrix product use <see cref="MatMul"/>.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Multiply(ExactArray a, ExactArray b) => Broadcasting("multiply", a, b, static (x, y) => x * y);

    /// <summary>a / b element-wise with broadcasting, exact (1/3 stays 1/3).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    /// <exception cref="DivideByZeroException">An element of b is zero.</exception>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Divide(ExactArray a, ExactArray b) => Broadcasting("divide", a, b, static (x, y) => x / y);

    /// <summary>-a element-wise.</summary>
    public static ExactArray Negate(ExactArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Map(static x => -x);
    }

    /// <summary>a ** k element-wise (NumPy's power with an integer exponent); a negative k inverts each element.</summary>
    /// <exception cref="DivideByZeroException">k is negative and an element is zero.</exception>
    /// <exception cref="CalcLimitException">A power exceeds <see cref="ExactLimits.MaxBits"/>.</exception>
    public static ExactArray Power(ExactArray a, int k)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Map(x => PowChecked(x, k));
    }

    /// <summary>x^k with the size checked before the power is formed (the bits of x^k are about |k| times those of x).</summary>
    internal static BigRational PowChecked(BigRational x, int k)
    {
        bool unit = x.IsInteger && BigInteger.Abs(x.Numerator).IsOne;
        if (k == 0 || unit || (x.IsZero && k > 0)) return x.Pow(k);
        double bits = Math.Abs((double)k) * (x.BitLength - 2);
        if (bits > ExactLimits.MaxBits)
            throw new CalcLimitException(
                $"exact number grew beyond {ExactLimits.MaxBits} bits (the limit MaxBits): ({x})^{k} would have about {bits:0} bits; use float(...) for approximate arithmetic");
        return ExactLimits.Check(x.Pow(k));
    }

    /// <summary>Applies <paramref name="f"/> over the broadcast shape of a and b, checking each result's size.</summary>
    private static ExactArray Broadcasting(string op, ExactArray a, ExactArray b, Func<BigRational, BigRational, BigRational> f)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int[] shape = Array.ConvertAll(Broadcast.Shapes(op, a.ShapeRef, b.ShapeRef), d => (int)d);
        int rows = shape.Length == 2 ? shape[0] : 1;
        int cols = shape.Length >= 1 ? shape[^1] : 1;
        var (ars, acs) = StridesIn(a, shape);
        var (brs, bcs) = StridesIn(b, shape);
        ExactLimits.CheckElements((long)rows * cols, op);
        var data = new BigRational[rows * cols];
        var x = a.AsSpan();
        var y = b.AsSpan();
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                data[i * cols + j] = ExactLimits.Check(f(x[i * ars + j * acs], y[i * brs + j * bcs]));
        return ExactArray.Wrap(shape, data);
    }

    /// <summary>Row and column strides that read <paramref name="a"/> as if it had the (rank &lt;= 2) broadcast shape.</summary>
    private static (int Row, int Col) StridesIn(ExactArray a, int[] shape)
    {
        var s = a.ShapeRef;
        int col = s.Length >= 1 && s[^1] != 1 ? 1 : 0;
        int row = s.Length == 2 && s[0] != 1 ? s[1] : 0;
        return shape.Length == 2 ? (row, col) : (0, col);
    }
}
