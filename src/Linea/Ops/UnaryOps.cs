using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.Ops;

internal struct NegateOp<T> : IUnaryOp<T> where T : unmanaged, INumberBase<T>
{
    public static T Apply(T x) => -x;
    public static void Apply(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Negate(x, d);
}

internal struct AbsOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Abs(x);
    public static void Apply(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Abs(x, d);
}

internal struct SqrtOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Sqrt(x);
    public static void Apply(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sqrt(x, d);
}

internal struct ExpOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Exp(x);
    public static void Apply(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Exp(x, d);
}

internal struct LogOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Log(x);
    public static void Apply(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Log(x, d);
}

/// <summary>
/// tanh. TensorPrimitives.Tanh (System.Numerics.Tensors 10.0) loses all digits on its vector path for |x| below
/// about 0.12 (tanh(1e-30) is not 1e-30), so small arguments are recomputed with the scalar function.
/// </summary>
internal struct TanhOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T SmallArgument = T.CreateTruncating(0.25);

    public static T Apply(T x) => T.Tanh(x);

    public static void Apply(ReadOnlySpan<T> x, Span<T> d)
    {
        TensorPrimitives.Tanh(x, d);
        for (int i = 0; i < x.Length; i++)
            if (T.Abs(x[i]) < SmallArgument) d[i] = T.Tanh(x[i]);
    }
}

/// <summary>1 / (1 + e^-x), evaluated without overflow for large |x|.</summary>
internal struct SigmoidOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x)
    {
        if (x >= T.Zero) return T.One / (T.One + T.Exp(-x));
        T e = T.Exp(x);
        return e / (T.One + e);
    }
    public static void Apply(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sigmoid(x, d);
}

/// <summary>max(x, 0); NaN stays NaN.</summary>
internal struct ReluOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Max(x, T.Zero);
    public static void Apply(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Max(x, T.Zero, d);
}
