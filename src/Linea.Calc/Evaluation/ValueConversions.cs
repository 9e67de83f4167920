using Linea.Calc.Exact;

namespace Linea.Calc.Evaluation;

/// <summary>Conversions between value kinds: exact to float (always possible), float to exact (shortest decimal), scalars to ints.</summary>
internal static class ValueConversions
{
    /// <summary>The data as float64 (exact values are rounded to the nearest double).</summary>
    /// <exception cref="CalcTypeException">The value is symbolic, complex (never silently cut to its real part), not an
    /// array, or a sparse matrix too large to densify (<see cref="SparseDensify"/>; small ones are densified).</exception>
    public static NDArray<double> ToTensor(Value v, string op) => v switch
    {
        FloatValue f => f.NDArray,
        ExactValue e => e.Array.ToTensor(),
        SparseValue s => SparseDensify.ToDense(s, op),
        ComplexValue => throw ComplexOps.NotSupported(op),
        SymbolicValue s => throw new CalcTypeException($"{op}: needs values, but this is {s.Describe()} (only its shape is known)"),
        _ => throw new CalcTypeException($"{op}: needs an array or number, got {v.Describe()}"),
    };

    /// <summary>The data as exact rationals; float input is read as its shortest decimal (0.1 becomes 1/10).</summary>
    /// <exception cref="CalcException">Non-finite elements, more than two axes, or complex input.</exception>
    public static ExactArray ToExact(Value v, string op) => v switch
    {
        ExactValue e => e.Array,
        ComplexValue => throw ComplexOps.NotSupported(op),
        FloatValue f => ExactArray.FromTensorShortest(f.NDArray),
        SparseValue s => ExactArray.FromTensorShortest(SparseDensify.ToDense(s, op)),
        SymbolicValue s => throw new CalcTypeException($"{op}: needs values, but this is {s.Describe()} (only its shape is known)"),
        _ => throw new CalcTypeException($"{op}: needs an array or number, got {v.Describe()}"),
    };

    /// <summary>The value as an array-like (array or declared shape).</summary>
    /// <exception cref="CalcTypeException">A string, tuple or explanation.</exception>
    public static ArrayLike ToArrayLike(Value v, string op) => v as ArrayLike
        ?? throw new CalcTypeException($"{op}: needs an array or number, got {v.Describe()}");

    /// <summary>An integer from an exact integer scalar or an integral float scalar.</summary>
    /// <exception cref="CalcTypeException">Not a scalar, not an integer, or outside int's range.</exception>
    public static int ToInt(Value v, string what)
    {
        switch (v)
        {
            case ExactValue { Array.Count: 1 } e when e.Array.Rank <= 1 || e.Array.Count == 1:
            {
                var x = e.Array[0];
                if (!x.IsInteger) throw new CalcTypeException($"{what} must be an integer, got {x}");
                if (x.Numerator < int.MinValue || x.Numerator > int.MaxValue)
                    throw new CalcTypeException($"{what} is out of range: {x}");
                return (int)x.Numerator;
            }
            case FloatValue { NDArray.Size: 1 } f:
            {
                double d = f.NDArray.ToArray()[0];
                if (double.IsNaN(d) || d != Math.Floor(d)) throw new CalcTypeException($"{what} must be an integer, got {d}");
                if (d < int.MinValue || d > int.MaxValue) throw new CalcTypeException($"{what} is out of range: {d}");
                return (int)d;
            }
            default:
                throw new CalcTypeException($"{what} must be an integer, got {v.Describe()}");
        }
    }

    /// <summary>A double from a scalar.</summary>
    /// <exception cref="CalcTypeException">Not a one-element array.</exception>
    public static double ToDouble(Value v, string what) => v switch
    {
        ExactValue { Array.Count: 1 } e => e.Array[0].ToDouble(),
        FloatValue { NDArray.Size: 1 } f => f.NDArray.ToArray()[0],
        _ => throw new CalcTypeException($"{what} must be a number, got {v.Describe()}"),
    };

    /// <summary>Whether the value is an exact scalar holding an integer.</summary>
    public static bool IsExactInteger(Value v, out System.Numerics.BigInteger n)
    {
        n = default;
        if (v is ExactValue { Array.Count: 1 } e && e.Array.Rank == 0 && e.Array[0].IsInteger)
        {
            n = e.Array[0].Numerator;
            return true;
        }
        return false;
    }
}
