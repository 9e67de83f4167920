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
}
