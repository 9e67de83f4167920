using System.Numerics;
using Linea.Ops;

namespace Linea;

public static partial class NDArray
{
    /// <summary>|x| element-wise.</summary>
    public static NDArray<T> Abs<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary<T, AbsOp<T>>(x);
    /// <summary>Square root element-wise (NaN for negative elements, as IEEE and NumPy).</summary>
    public static NDArray<T> Sqrt<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary<T, SqrtOp<T>>(x);
    /// <summary>e^x element-wise.</summary>
    public static NDArray<T> Exp<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary<T, ExpOp<T>>(x);
    /// <summary>Natural logarithm element-wise (-inf at 0, NaN below).</summary>
    public static NDArray<T> Log<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary<T, LogOp<T>>(x);
    /// <summary>Hyperbolic tangent element-wise.</summary>
    public static NDArray<T> Tanh<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary<T, TanhOp<T>>(x);
    /// <summary>-x element-wise.</summary>
    public static NDArray<T> Negative<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> => -x;
    /// <summary>x * x element-wise.</summary>
    public static NDArray<T> Square<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> => x * x;

    /// <summary>Limits every element to [<paramref name="min"/>, <paramref name="max"/>]; NaN stays NaN (NumPy's <c>clip</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/>, or either is NaN.</exception>
    public static NDArray<T> Clip<T>(NDArray<T> x, T min, T max) where T : unmanaged, IFloatingPointIeee754<T>
    {
        HalfPrecision.RequireComputable<T>("clip");
        if (!(min <= max)) ThrowHelper.Argument("clip", nameof(min), $"min ({min}) must not be greater than max ({max}), and neither may be NaN");
        return Minimum(Maximum(x, min), max);
    }
}
