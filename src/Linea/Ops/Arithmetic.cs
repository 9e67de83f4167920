using System.Numerics;
using Linea.Ops;

namespace Linea;

public static partial class NDArray
{
    /// <summary>a + b with broadcasting (NumPy's <c>add</c>).</summary>
    public static NDArray<T> Add<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a + b;
    /// <summary>a - b with broadcasting.</summary>
    public static NDArray<T> Subtract<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a - b;
    /// <summary>a * b element-wise with broadcasting.</summary>
    public static NDArray<T> Multiply<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a * b;
    /// <summary>a / b element-wise with broadcasting.</summary>
    public static NDArray<T> Divide<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a / b;

    /// <summary>Element-wise maximum with broadcasting; NaN in either operand gives NaN (NumPy's <c>maximum</c>).</summary>
    public static NDArray<T> Maximum<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, MaximumOp<T>>("maximum", a, b);
    /// <summary>Element-wise maximum with a scalar.</summary>
    public static NDArray<T> Maximum<T>(NDArray<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, MaximumOp<T>>(a, b);

    /// <summary>Element-wise minimum with broadcasting; NaN in either operand gives NaN (NumPy's <c>minimum</c>).</summary>
    public static NDArray<T> Minimum<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, MinimumOp<T>>("minimum", a, b);
    /// <summary>Element-wise minimum with a scalar.</summary>
    public static NDArray<T> Minimum<T>(NDArray<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, MinimumOp<T>>(a, b);

    /// <summary>a ** b element-wise with broadcasting (NumPy's <c>power</c>).</summary>
    public static NDArray<T> Pow<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, PowOp<T>>("power", a, b);
    /// <summary>Every element raised to <paramref name="exponent"/>.</summary>
    public static NDArray<T> Pow<T>(NDArray<T> a, T exponent) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, PowOp<T>>(a, exponent);

    /// <summary>1 where a &lt; b, else 0, with broadcasting.</summary>
    public static NDArray<T> Less<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, CompareOp<T, LessTest<T>>>("less", a, b);
    /// <summary>1 where a &lt;= b, else 0, with broadcasting.</summary>
    public static NDArray<T> LessEqual<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, CompareOp<T, LessEqualTest<T>>>("less_equal", a, b);
    /// <summary>1 where a &gt; b, else 0, with broadcasting.</summary>
    public static NDArray<T> Greater<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, CompareOp<T, GreaterTest<T>>>("greater", a, b);
    /// <summary>1 where a &gt;= b, else 0, with broadcasting.</summary>
    public static NDArray<T> GreaterEqual<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, CompareOp<T, GreaterEqualTest<T>>>("greater_equal", a, b);
    /// <summary>1 where a == b, else 0, with broadcasting (NaN is never equal).</summary>
    public static NDArray<T> Equal<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, CompareOp<T, EqualTest<T>>>("equal", a, b);
    /// <summary>1 where a != b, else 0, with broadcasting.</summary>
    public static NDArray<T> NotEqual<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, CompareOp<T, NotEqualTest<T>>>("not_equal", a, b);

    /// <summary>1 where a &lt; b, else 0.</summary>
    public static NDArray<T> Less<T>(NDArray<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, CompareOp<T, LessTest<T>>>(a, b);
    /// <summary>1 where a &lt;= b, else 0.</summary>
    public static NDArray<T> LessEqual<T>(NDArray<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, CompareOp<T, LessEqualTest<T>>>(a, b);
    /// <summary>1 where a &gt; b, else 0.</summary>
    public static NDArray<T> Greater<T>(NDArray<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, CompareOp<T, GreaterTest<T>>>(a, b);
    /// <summary>1 where a &gt;= b, else 0.</summary>
    public static NDArray<T> GreaterEqual<T>(NDArray<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Binary<T, CompareOp<T, GreaterEqualTest<T>>>(a, b);

    /// <summary>Picks <paramref name="x"/> where <paramref name="condition"/> is non-zero and <paramref name="y"/> elsewhere, all broadcast (NumPy's <c>where</c>).</summary>
    public static NDArray<T> Where<T>(NDArray<T> condition, NDArray<T> x, NDArray<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(condition);
        long[] shape = Broadcast.Shapes("where", condition.Shape, x.Shape, y.Shape);
        var c = condition.BroadcastTo(shape).Contiguous();
        var result = x.BroadcastTo(shape).Copy();
        var yy = y.BroadcastTo(shape).Contiguous();
        var cs = c.ContiguousSpan; var ys = yy.ContiguousSpan; var rs = result.WritableSpan;
        for (int i = 0; i < rs.Length; i++) if (cs[i] == T.Zero) rs[i] = ys[i];
        return result;
    }
}
