using System.Numerics;
using Linea.Ops;

namespace Linea;

public static partial class NDArray
{
    /// <summary>The logistic function 1 / (1 + e^-x) element-wise, without overflow for large |x|.</summary>
    public static NDArray<T> Sigmoid<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary<T, SigmoidOp<T>>(x);

    /// <summary>The rectifier max(x, 0) element-wise; NaN stays NaN.</summary>
    public static NDArray<T> Relu<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary<T, ReluOp<T>>(x);

    /// <summary>
    /// exp(x) / sum(exp(x)) along <paramref name="axis"/> (default the last), computed as exp(x - max) so large
    /// inputs do not overflow. Each slice along the axis sums to 1. An empty tensor (any axis of length 0) gives an
    /// empty tensor of the same shape, as SciPy's <c>softmax</c> does.
    /// </summary>
    /// <exception cref="ArgumentException">x is 0-d.</exception>
    /// <exception cref="AxisOutOfRangeException">axis is outside [-rank, rank).</exception>
    public static NDArray<T> Softmax<T>(NDArray<T> x, int axis = -1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shifted = ShiftByMax("softmax", x, axis);
        if (shifted.Size == 0) return shifted;
        var e = Exp(shifted);
        return e / e.Sum(axis, keepDims: true);
    }

    /// <summary>
    /// log(softmax(x)) along <paramref name="axis"/>, computed as (x - max) - log(sum(exp(x - max))): finite even
    /// where softmax underflows to 0. An empty tensor gives an empty tensor of the same shape (SciPy's
    /// <c>log_softmax</c>).
    /// </summary>
    /// <exception cref="ArgumentException">x is 0-d.</exception>
    /// <exception cref="AxisOutOfRangeException">axis is outside [-rank, rank).</exception>
    public static NDArray<T> LogSoftmax<T>(NDArray<T> x, int axis = -1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shifted = ShiftByMax("log_softmax", x, axis);
        if (shifted.Size == 0) return shifted;
        return shifted - Log(Exp(shifted).Sum(axis, keepDims: true));
    }

    private static NDArray<T> ShiftByMax<T>(string op, NDArray<T> x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        HalfPrecision.RequireComputable<T>(op);
        if (x.Rank == 0) ThrowHelper.Argument(op, nameof(x), "needs at least a 1-d tensor, got a 0-d one");
        Shape.NormalizeAxis(op, axis, x.Rank);
        // Nothing to normalise (and max of an empty axis has no value): a new empty tensor of the same shape.
        if (x.Size == 0) return Zeros<T>(x.Dims);
        var max = x.Max(axis, keepDims: true);
        // An all -inf slice would give -inf - -inf = NaN; shifting it by 0 keeps NumPy/SciPy's result.
        var safeMax = Where(Equal(max, Scalar(T.NegativeInfinity)), Scalar(T.Zero), max);
        return x - safeMax;
    }
}
