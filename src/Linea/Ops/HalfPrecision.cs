using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Linea.Numerics;

namespace Linea.Ops;

/// <summary>
/// The one place that knows what float16 (<see cref="Half"/>) and <see cref="BFloat16"/> tensors may do. They are
/// storage types: conversion, views, formatting and .npy I/O (float16) work on them as on any element type; matmul,
/// add, subtract, multiply, negate, relu, sum, mean, max and min compute in float32 (each input converted exactly, the
/// result rounded once to nearest even); every other operation calls <see cref="RequireComputable{T}"/>, which throws
/// <see cref="NotSupportedException"/> naming the operation and the dtype, instead of computing in 16 bits or
/// crashing. The type tests fold away in the JIT, so float and double pay nothing.
/// </summary>
internal static class HalfPrecision
{
    /// <summary>The operations that support the 16-bit types, for messages.</summary>
    public const string Supported = "matmul, add, subtract, multiply, negative, relu, sum, mean, max, min, ToSingle";

    /// <summary>Whether <typeparamref name="T"/> is float16 or bfloat16 (a JIT-time constant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHalfType<T>() => typeof(T) == typeof(Half) || typeof(T) == typeof(BFloat16);

    /// <summary>NumPy's (and ml_dtypes') name of a 16-bit type: "float16" or "bfloat16".</summary>
    public static string DTypeName<T>() => typeof(T) == typeof(Half) ? "float16" : "bfloat16";

    /// <summary>
    /// Returns for every type but float16 and bfloat16; for those throws <see cref="NotSupportedException"/>:
    /// "svd: float16 arrays are storage-only; convert with ToSingle() first ...". Called at the entry of the
    /// operations that do not compute in float32 on their own (Linalg.*, the element-wise engine, reductions).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireComputable<T>(string op)
    {
        if (IsHalfType<T>()) ThrowStorageOnly<T>(op);
    }

    /// <summary>The error of <see cref="RequireComputable{T}"/>.</summary>
    [DoesNotReturn]
    public static void ThrowStorageOnly<T>(string op) =>
        throw new NotSupportedException(
            $"{op}: {DTypeName<T>()} arrays are storage-only; convert with ToSingle() first (float32 computation), " +
            $"then back with ToHalf() or ToBFloat16() if needed. Operations that take {DTypeName<T>()} directly, computing in float32: {Supported}");

    /// <summary>
    /// A new C-contiguous tensor of <typeparamref name="TTo"/> holding <paramref name="a"/>'s elements converted
    /// (exactly to float, rounded to nearest even from float; between the two 16-bit types through float). O(n) time.
    /// </summary>
    public static NDArray<TTo> Convert<TFrom, TTo>(NDArray<TFrom> a, string op) where TFrom : unmanaged where TTo : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        var src = a.IsContiguous ? a : a.Copy();
        var result = NDArray<TTo>.Uninitialized(a.Dims.ToArray(), op);
        long size = a.Size;
        const int chunk = 1 << 16;
        float[]? buffer = typeof(TFrom) != typeof(float) && typeof(TTo) != typeof(float) ? new float[(int)Math.Min(size, chunk)] : null;
        for (long start = 0; start < size; start += chunk)
        {
            int len = (int)Math.Min(chunk, size - start);
            var s = src.Store.Span(src.Offset + start, len);
            var d = result.Store.Span(start, len);
            if (typeof(TTo) == typeof(float)) HalfConvert.ToSingle<TFrom>(s, Unsafe.As<Span<TTo>, Span<float>>(ref d));
            else if (typeof(TFrom) == typeof(float)) HalfConvert.FromSingle<TTo>(Unsafe.As<Span<TFrom>, Span<float>>(ref s), d);
            else
            {
                var f = buffer.AsSpan(0, len);
                HalfConvert.ToSingle<TFrom>(s, f);
                HalfConvert.FromSingle<TTo>(f, d);
            }
        }
        GC.KeepAlive(src.Store);
        GC.KeepAlive(result.Store);
        return result;
    }

    /// <summary>float32 copy of a 16-bit tensor.</summary>
    public static NDArray<float> Widen<T>(NDArray<T> a, string op) where T : unmanaged => Convert<T, float>(a, op);

    /// <summary>The 16-bit tensor nearest a float32 result.</summary>
    public static NDArray<T> Narrow<T>(NDArray<float> a, string op) where T : unmanaged => Convert<float, T>(a, op);

    /// <summary>
    /// The element-wise engine's route for 16-bit operands: add, subtract and multiply widen both operands (as they
    /// are, before broadcasting), run the float32 operation with broadcasting and round the result once; anything
    /// else throws naming <paramref name="op"/>. O(n) float32 temporaries.
    /// </summary>
    public static NDArray<T> Binary<T, TOp>(string op, NDArray<T> a, NDArray<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (fa, fb) = (Widen(a, op), Widen(b, op));
        return Narrow<T>(BinaryFloat<T, TOp>(op, fa, fb), op);
    }

    /// <summary>A binary operation with one scalar operand (<paramref name="scalarLeft"/> says which side).</summary>
    public static NDArray<T> BinaryScalar<T, TOp>(string op, NDArray<T> a, T scalar, bool scalarLeft) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        var fa = Widen(a, op);
        NDArray<float> fs = HalfConvert.ToSingle(scalar);
        return Narrow<T>(scalarLeft ? BinaryFloat<T, TOp>(op, fs, fa) : BinaryFloat<T, TOp>(op, fa, fs), op);
    }

    private static NDArray<float> BinaryFloat<T, TOp>(string op, NDArray<float> a, NDArray<float> b)
    {
        string name = typeof(TOp).Name;
        if (name.StartsWith("AddOp", StringComparison.Ordinal)) return Elementwise.Binary<float, AddOp<float>>("add", a, b);
        if (name.StartsWith("SubtractOp", StringComparison.Ordinal)) return Elementwise.Binary<float, SubtractOp<float>>("subtract", a, b);
        if (name.StartsWith("MultiplyOp", StringComparison.Ordinal)) return Elementwise.Binary<float, MultiplyOp<float>>("multiply", a, b);
        ThrowStorageOnly<T>(op);
        return null;
    }

    /// <summary>The element-wise engine's route for unary operations on 16-bit tensors: relu and negate in float32; others throw.</summary>
    public static NDArray<T> Unary<T, TOp>(string op, NDArray<T> a) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        string name = typeof(TOp).Name;
        if (name.StartsWith("ReluOp", StringComparison.Ordinal))
            return Narrow<T>(Elementwise.Unary<float, ReluOp<float>>(Widen(a, op)), op);
        if (name.StartsWith("NegateOp", StringComparison.Ordinal))
            return Narrow<T>(Elementwise.Unary<float, NegateOp<float>>(Widen(a, op)), op);
        ThrowStorageOnly<T>(op);
        return null;
    }

    /// <summary>
    /// Reductions of 16-bit tensors: sum (float32 accumulation, pairwise as for float32 tensors), max and min (exact),
    /// each rounded once to the element type; anything else throws naming <paramref name="op"/>.
    /// </summary>
    public static NDArray<T> Reduce<T, TOp>(NDArray<T> a, string op, int[]? axes, bool keepDims) where T : unmanaged
    {
        string name = typeof(TOp).Name;
        NDArray<float> r;
        if (name.StartsWith("SumReduce", StringComparison.Ordinal)) r = Widen(a, op).Reduce<SumReduce<float>>(op, axes, keepDims, true);
        else if (name.StartsWith("MaxReduce", StringComparison.Ordinal)) r = Widen(a, op).Reduce<MaxReduce<float>>(op, axes, keepDims, false);
        else if (name.StartsWith("MinReduce", StringComparison.Ordinal)) r = Widen(a, op).Reduce<MinReduce<float>>(op, axes, keepDims, false);
        else { ThrowStorageOnly<T>(op); return null; }
        return Narrow<T>(r, op);
    }

    /// <summary>
    /// The mean of a 16-bit tensor over <paramref name="axes"/> (all when null): float32 sum divided in float32, rounded
    /// once, so a float16 mean of 100,000 ones is 1, although their sum (1e5) overflows float16.
    /// </summary>
    public static NDArray<T> Mean<T>(NDArray<T> a, int[]? axes, bool keepDims) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        var w = Widen(a, "mean");
        var sum = w.Reduce<SumReduce<float>>("mean", axes, keepDims, true);
        return Narrow<T>(Elementwise.Binary<float, DivideOp<float>>(sum, (float)a.ReducedCount("mean", axes)), "mean");
    }
}
