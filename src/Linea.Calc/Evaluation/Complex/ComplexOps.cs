namespace Linea.Calc.Evaluation;

/// <summary>
/// The calculator's complex arithmetic, on <see cref="ComplexTensor{TScalar}"/> parts: promotion of real operands,
/// element-wise <c>+ - * /</c> with broadcasting, integer powers, equality, and the errors for what complex input
/// does not support. Arrays here are small (results of <c>eig</c>, typed literals), so the loops are plain managed code.
/// </summary>
internal static partial class ComplexOps
{
    /// <summary>The hint of every "complex input is not supported" error.</summary>
    public const string PartsHint = "real(z), imag(z), abs(z) and angle(z) give float64 arrays; + - * / @, sum, mean, prod, conj, indexing and reshaping take complex values";

    /// <summary>The error for a function or operator that does not take complex input.</summary>
    public static CalcTypeException NotSupported(string op) =>
        new($"{op}: complex input is not supported") { Hint = PartsHint };

    /// <summary>The error for an ordering (min, max, &lt;, sort) of complex numbers.</summary>
    public static CalcTypeException NoOrder(string op) =>
        new($"{op}: complex numbers have no order") { Hint = "compare abs(z) or real(z) instead" };

    /// <summary>The value as complex: complex values as they are, real ones (exact or float64) with zero imaginary parts.</summary>
    public static ComplexTensor<double> ToComplex(Value v, string op) => v switch
    {
        ComplexValue c => c.NDArray,
        _ => ComplexTensor<double>.FromReal(ValueConversions.ToTensor(v, op)),
    };

    /// <summary>
    /// An element-wise operation with NumPy broadcasting (<c>+ - * /</c>, <c>==</c>, <c>!=</c>). Real operands count as
    /// complex with zero imaginary part, as NumPy converts them. Division follows Smith's algorithm (no overflow in
    /// |b|^2); division by 0+0j divides each part by zero, giving infinities or NaN as float64 division does.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static Value Elementwise(Syntax.BinaryOperator op, string name, Value left, Value right)
    {
        var a = ToComplex(left, name);
        var b = ToComplex(right, name);
        var shape = Broadcast.Shapes(name, a.Shape.AsSpan(), b.Shape.AsSpan());
        var (ar, ai) = Flat(a, shape);
        var (br, bi) = Flat(b, shape);
        int n = ar.Length;
        if (op is Syntax.BinaryOperator.Equal or Syntax.BinaryOperator.NotEqual)
        {
            var flags = new double[n];
            bool equal = op == Syntax.BinaryOperator.Equal;
            for (int i = 0; i < n; i++) flags[i] = (ar[i] == br[i] && ai[i] == bi[i]) == equal ? 1 : 0;
            return new FloatValue(NDArray.Wrap(flags, shape));
        }
        var re = new double[n];
        var im = new double[n];
        for (int i = 0; i < n; i++)
        {
            (re[i], im[i]) = op switch
            {
                Syntax.BinaryOperator.Add => (ar[i] + br[i], ai[i] + bi[i]),
                Syntax.BinaryOperator.Subtract => (ar[i] - br[i], ai[i] - bi[i]),
                Syntax.BinaryOperator.Multiply => Multiply(ar[i], ai[i], br[i], bi[i]),
                Syntax.BinaryOperator.Divide => Divide(ar[i], ai[i], br[i], bi[i]),
                _ => throw new InvalidOperationException(op.ToString()),
            };
        }
        return ComplexValue.Of(NDArray.Wrap(re, shape), NDArray.Wrap(im, shape));
    }

    /// <summary>(a + bi)(c + di) = (ac - bd) + (ad + bc)i, as NumPy computes it.</summary>
    public static (double Re, double Im) Multiply(double a, double b, double c, double d) => (a * c - b * d, a * d + b * c);

    /// <summary>
    /// (a + bi) / (c + di) by Smith's algorithm: scale by the ratio of the smaller to the larger part of the divisor,
    /// so no square of it is formed. A zero divisor divides each part of the dividend by zero.
    /// </summary>
    public static (double Re, double Im) Divide(double a, double b, double c, double d)
    {
        double ac = Math.Abs(c), ad = Math.Abs(d);
        if (ac >= ad)
        {
            if (ac == 0 && ad == 0) return (a / ac, b / ac);
            double r = d / c, s = 1.0 / (c + d * r);
            return ((a + b * r) * s, (b - a * r) * s);
        }
        else
        {
            double r = c / d, s = 1.0 / (d + c * r);
            return ((a * r + b) * s, (b * r - a) * s);
        }
    }

    /// <summary>
    /// z ** k for an integer k, by binary powering (about 2 log2 |k| products, as NumPy does for small integer
    /// exponents); a negative k gives 1 / z^|k|; k = 0 gives 1 everywhere. Other exponents are an error.
    /// </summary>
    /// <exception cref="CalcTypeException">The exponent is complex, not a scalar, or not an integer.</exception>
    public static Value Power(Value left, Value right)
    {
        if (right is ComplexValue)
            throw new CalcTypeException("power: complex exponents are not supported") { Hint = "z ** k takes an integer k" };
        if (left is not ComplexValue z)
            throw NotSupported("power"); // a real base with a complex exponent was caught above; nothing else reaches here
        long k = IntegerExponent(right);
        var baseRe = z.NDArray.Real.ToArray();
        var baseIm = z.NDArray.Imag.ToArray();
        int n = baseRe.Length;
        var re = new double[n];
        var im = new double[n];
        ulong m = (ulong)Math.Abs(k);
        for (int i = 0; i < n; i++)
        {
            double pr = 1, pi = 0, qr = baseRe[i], qi = baseIm[i];
            bool first = true; // the first factor is taken as is, not multiplied into 1 (0 * inf would make NaN)
            for (ulong e = m; e != 0; e >>= 1)
            {
                if ((e & 1) != 0)
                {
                    (pr, pi) = first ? (qr, qi) : Multiply(pr, pi, qr, qi);
                    first = false;
                }
                if (e > 1) (qr, qi) = Multiply(qr, qi, qr, qi);
            }
            (re[i], im[i]) = k < 0 ? Divide(1, 0, pr, pi) : (pr, pi);
        }
        var shape = z.NDArray.Shape.ToArray();
        return ComplexValue.Of(NDArray.Wrap(re, shape), NDArray.Wrap(im, shape));
    }

    private static long IntegerExponent(Value v)
    {
        const string hint = "z ** 2, z ** -1: a complex base takes one integer exponent";
        switch (v)
        {
            case ExactValue { Array.Rank: 0 } e when e.Array[0].IsInteger:
                var x = e.Array[0].Numerator;
                if (System.Numerics.BigInteger.Abs(x) > int.MaxValue)
                    throw new CalcLimitException($"power: the exponent {x} is too large for a complex base (at most {int.MaxValue} in size)");
                return (long)x;
            case FloatValue { NDArray.Rank: 0 } f when Math.Floor(f.NDArray.Item()) == f.NDArray.Item() && Math.Abs(f.NDArray.Item()) <= int.MaxValue:
                return (long)f.NDArray.Item();
            default:
                throw new CalcTypeException($"power: a complex base needs an integer exponent, got {v.Describe()}") { Hint = hint };
        }
    }

    /// <summary>Both parts broadcast to <paramref name="shape"/>, as new row-major arrays.</summary>
    public static (double[] Re, double[] Im) Flat(ComplexTensor<double> z, long[] shape) =>
        (z.Real.BroadcastTo(shape).ToArray(), z.Imag.BroadcastTo(shape).ToArray());

    /// <summary>-z: both parts negated (so -(0+1j) is -0-1j, as in Python).</summary>
    public static ComplexValue Negate(ComplexValue z) => ComplexValue.Of(-z.NDArray.Real, -z.NDArray.Imag);

    /// <summary>A view transform (transpose, slice, reshape) applied to both parts.</summary>
    public static ComplexValue Map(ComplexValue z, Func<NDArray<double>, NDArray<double>> view) =>
        ComplexValue.Of(view(z.NDArray.Real), view(z.NDArray.Imag));

    /// <summary>
    /// The angle of each element in radians, atan2(imag, real) in (-pi, pi] (NumPy's <c>angle</c>), or in degrees.
    /// Real input has imaginary part +0, so negative numbers have angle pi.
    /// </summary>
    public static NDArray<double> Angle(ComplexTensor<double> z, bool degrees)
    {
        var re = z.Real.ToArray();
        var im = z.Imag.ToArray();
        for (int i = 0; i < re.Length; i++)
        {
            re[i] = Math.Atan2(im[i], re[i]);
            if (degrees) re[i] *= 180 / Math.PI;
        }
        return NDArray.Wrap(re, z.Shape.ToArray());
    }
}
