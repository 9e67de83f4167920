using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.Ops;

internal struct NegateOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
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

internal struct TanhOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Tanh(x);
    public static void Apply(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Tanh(x, d);
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
