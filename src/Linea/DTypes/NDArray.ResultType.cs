using System.Numerics;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// The element type NumPy gives an operation on two arrays of these types (<c>numpy.result_type</c>): the order is
    /// bool &lt; int &lt; long &lt; float &lt; double, except that an int or a long with a float gives a double, as NumPy
    /// promotes int32 and int64 with float32 to float64 (a float cannot hold every int exactly). O(1).
    /// </summary>
    /// <exception cref="NotSupportedException">A type is not one of <c>bool</c>, <c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>.</exception>
    public static Type ResultType(Type a, Type b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int ra = PromotionRank(a), rb = PromotionRank(b);
        int hi = Math.Max(ra, rb), lo = Math.Min(ra, rb);
        if (hi == 3 && lo is 1 or 2) return typeof(double); // int32/int64 with float32
        return hi switch { 0 => typeof(bool), 1 => typeof(int), 2 => typeof(long), 3 => typeof(float), _ => typeof(double) };
    }

    /// <summary>The result type of <typeparamref name="TA"/> with <typeparamref name="TB"/>; see <see cref="ResultType(Type, Type)"/>.</summary>
    public static Type ResultType<TA, TB>() where TA : unmanaged where TB : unmanaged => ResultType(typeof(TA), typeof(TB));

    private static int PromotionRank(Type t) =>
        t == typeof(bool) ? 0 : t == typeof(int) ? 1 : t == typeof(long) ? 2 : t == typeof(float) ? 3 : t == typeof(double) ? 4
        : throw new NotSupportedException($"result_type: {t.Name} is not a Linea element type (bool, int, long, float, double)");

    /// <summary>
    /// a + b for arrays of any two element types, promoted first to <see cref="ResultType(Type, Type)"/> (NumPy's
    /// mixed-type <c>add</c>): <c>(NDArray&lt;double&gt;)NDArray.Add(ints, floats)</c>. O(n) time and memory (operands whose
    /// type differs from the result's are converted, one copy each).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    /// <exception cref="NotSupportedException">Both operands are bool (convert one with AsType; NumPy's bool + bool is a logical or).</exception>
    public static INDArray Add(INDArray a, INDArray b) => Mixed("add", a, b, MixedOp.Add);

    /// <summary>a - b for arrays of any two element types, promoted as <see cref="Add(INDArray, INDArray)"/> does.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    /// <exception cref="NotSupportedException">Both operands are bool.</exception>
    public static INDArray Subtract(INDArray a, INDArray b) => Mixed("subtract", a, b, MixedOp.Subtract);

    /// <summary>a * b element-wise for arrays of any two element types, promoted as <see cref="Add(INDArray, INDArray)"/> does.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    /// <exception cref="NotSupportedException">Both operands are bool.</exception>
    public static INDArray Multiply(INDArray a, INDArray b) => Mixed("multiply", a, b, MixedOp.Multiply);

    /// <summary>
    /// a / b element-wise (true division, NumPy's <c>/</c>) for arrays of any two element types: floats as promoted by
    /// <see cref="ResultType(Type, Type)"/>; integers and bools divide as doubles, so the result is always a float type.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static INDArray Divide(INDArray a, INDArray b) => Mixed("divide", a, b, MixedOp.Divide);

    private enum MixedOp { Add, Subtract, Multiply, Divide }

    private static INDArray Mixed(string op, INDArray a, INDArray b, MixedOp kind)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var r = ResultType(a.ElementType, b.ElementType);
        if (kind == MixedOp.Divide && r != typeof(float)) r = typeof(double);
        if (r == typeof(double)) return Apply<double>(kind, As<double>(a), As<double>(b));
        if (r == typeof(float)) return Apply<float>(kind, As<float>(a), As<float>(b));
        if (r == typeof(long)) return Apply<long>(kind, As<long>(a), As<long>(b));
        if (r == typeof(int)) return Apply<int>(kind, As<int>(a), As<int>(b));
        throw new NotSupportedException($"{op}: both operands are bool ({a.Shape} and {b.Shape}); convert one with AsType<int>() first, or use LogicalOr/LogicalAnd");
    }

    private static NDArray<T> As<T>(INDArray a) where T : unmanaged => a as NDArray<T> ?? a.AsType<T>();

    private static NDArray<T> Apply<T>(MixedOp kind, NDArray<T> a, NDArray<T> b) where T : unmanaged, INumber<T> => kind switch
    {
        MixedOp.Add => a + b,
        MixedOp.Subtract => a - b,
        MixedOp.Multiply => a * b,
        _ => Ops.Elementwise.Binary<T, Ops.DivideOp<T>>("divide", a, b),
    };
}
