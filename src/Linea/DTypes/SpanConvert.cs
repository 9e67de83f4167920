using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linea.DTypes;

/// <summary>
/// Element conversions between the five element types, span to span (NumPy's <c>astype</c>): SIMD through
/// <see cref="TensorPrimitives.ConvertTruncating{TFrom, TTo}(ReadOnlySpan{TFrom}, Span{TTo})"/> where the values fit,
/// after one checking pass where they may not (a float to an integer, a long to an int). Nothing allocated.
/// </summary>
internal static class SpanConvert
{
    /// <summary>
    /// Converts <paramref name="source"/> into <paramref name="destination"/> (same length). <paramref name="first"/> is the
    /// flat index of the first element, for messages.
    /// </summary>
    /// <exception cref="OverflowException">A NaN, an infinity or a value outside the target's range, named by its flat index.</exception>
    public static void Convert<TIn, TOut>(ReadOnlySpan<TIn> source, Span<TOut> destination, long first)
        where TIn : unmanaged where TOut : unmanaged
    {
        if (typeof(TIn) == typeof(TOut)) { Retype<TIn, TOut>(source).CopyTo(destination); return; }
        if (IsSixteenBit<TIn>() || IsSixteenBit<TOut>()) { ThroughSingle(source, destination, first); return; }
        if (typeof(TIn) == typeof(bool)) { FromBool(Retype<TIn, bool>(source), destination); return; }
        if (typeof(TIn) == typeof(float)) { From(Retype<TIn, float>(source), destination, first); return; }
        if (typeof(TIn) == typeof(double)) { From(Retype<TIn, double>(source), destination, first); return; }
        if (typeof(TIn) == typeof(int)) { From(Retype<TIn, int>(source), destination, first); return; }
        if (typeof(TIn) == typeof(long)) { From(Retype<TIn, long>(source), destination, first); return; }
        ThrowHelper.UnsupportedScalar<TIn>("astype");
    }

    private static bool IsSixteenBit<T>() => typeof(T) == typeof(Half) || typeof(T) == typeof(BFloat16);

    /// <summary>
    /// float16 and bfloat16 through float32, which holds both exactly: widened with the vectorised
    /// <see cref="Numerics.HalfConvert"/> and then converted as float32 (checked to integers); narrowed from float32 the same
    /// way (round to nearest even), from double in one rounding, from the integers and bool through double.
    /// </summary>
    private static void ThroughSingle<TIn, TOut>(ReadOnlySpan<TIn> source, Span<TOut> destination, long first)
        where TIn : unmanaged where TOut : unmanaged
    {
        if (IsSixteenBit<TIn>())
        {
            var wide = System.Buffers.ArrayPool<float>.Shared.Rent(source.Length);
            Numerics.HalfConvert.ToSingle(source, wide.AsSpan(0, source.Length));
            Convert<float, TOut>(wide.AsSpan(0, source.Length), destination, first);
            System.Buffers.ArrayPool<float>.Shared.Return(wide);
            return;
        }
        if (typeof(TIn) == typeof(float)) { Numerics.HalfConvert.FromSingle(Retype<TIn, float>(source), destination); return; }
        var wideDouble = System.Buffers.ArrayPool<double>.Shared.Rent(source.Length);
        var d = wideDouble.AsSpan(0, source.Length);
        Convert(source, d, first);
        if (typeof(TOut) == typeof(Half)) { var h = Retype<TOut, Half>(destination); for (int i = 0; i < d.Length; i++) h[i] = (Half)d[i]; }
        else { var b = Retype<TOut, BFloat16>(destination); for (int i = 0; i < d.Length; i++) b[i] = (BFloat16)d[i]; }
        System.Buffers.ArrayPool<double>.Shared.Return(wideDouble);
    }

    private static void From<TIn, TOut>(ReadOnlySpan<TIn> source, Span<TOut> destination, long first)
        where TIn : unmanaged, INumber<TIn> where TOut : unmanaged
    {
        if (typeof(TOut) == typeof(bool))
        {
            // NumPy: anything but zero is True (NaN included).
            var d = Retype<TOut, bool>(destination);
            for (int i = 0; i < source.Length; i++) d[i] = source[i] != TIn.Zero;
            return;
        }
        if (typeof(TOut) == typeof(float)) { Numbers(source, Retype<TOut, float>(destination), first); return; }
        if (typeof(TOut) == typeof(double)) { Numbers(source, Retype<TOut, double>(destination), first); return; }
        if (typeof(TOut) == typeof(int)) { Numbers(source, Retype<TOut, int>(destination), first); return; }
        if (typeof(TOut) == typeof(long)) { Numbers(source, Retype<TOut, long>(destination), first); return; }
        ThrowHelper.UnsupportedScalar<TOut>("astype");
    }

    private static void Numbers<TIn, TOut>(ReadOnlySpan<TIn> source, Span<TOut> destination, long first)
        where TIn : unmanaged, INumber<TIn> where TOut : unmanaged, INumber<TOut>, IMinMaxValue<TOut>
    {
        bool toInteger = typeof(TOut) == typeof(int) || typeof(TOut) == typeof(long);
        bool fromFloat = typeof(TIn) == typeof(float) || typeof(TIn) == typeof(double);
        if (toInteger && fromFloat && FloatToInteger.TryConvert(source, destination)) return;
        if (toInteger && (fromFloat || Unsafe.SizeOf<TIn>() > Unsafe.SizeOf<TOut>())) Check<TIn, TOut>(source, first, fromFloat);
        TensorPrimitives.ConvertTruncating(source, destination);
    }

    /// <summary>The checking pass before a narrowing conversion to an integer type: truncation toward zero must fit.</summary>
    private static void Check<TIn, TOut>(ReadOnlySpan<TIn> source, long first, bool fromFloat)
        where TIn : unmanaged, INumber<TIn> where TOut : unmanaged, INumber<TOut>, IMinMaxValue<TOut>
    {
        // For floats: the open interval (min - 1, max + 1) truncates into [min, max]. Its bounds as TIn: min - 1 and
        // max + 1 are powers of two (exact in float and double), so they are compared exactly.
        TIn low, high;
        if (fromFloat)
        {
            low = TIn.CreateTruncating(double.CreateTruncating(TOut.MinValue)) - TIn.One; // -2^31 - 1 or -2^63 - 1 (rounds to -2^63 in double)
            high = -TIn.CreateTruncating(double.CreateTruncating(TOut.MinValue));          // 2^31 or 2^63
        }
        else
        {
            low = TIn.CreateTruncating(TOut.MinValue) - TIn.One;
            high = TIn.CreateTruncating(TOut.MaxValue) + TIn.One;
        }
        bool exactLow = !fromFloat || Unsafe.SizeOf<TOut>() == 4 && typeof(TIn) == typeof(double);
        for (int i = 0; i < source.Length; i++)
        {
            TIn v = source[i];
            bool ok = v < high && (exactLow ? v > low : v >= low);
            if (!ok)
                throw new OverflowException(
                    $"astype: element {first + i} ({v}) {(TIn.IsNaN(v) ? "is NaN and has no" : "has no")} {typeof(TOut).Name} value" +
                    $"{(TIn.IsNaN(v) || TIn.IsInfinity(v) ? "" : $" (truncated toward zero it lies outside [{TOut.MinValue}, {TOut.MaxValue}])")}; " +
                    "replace or clip such values first (NDArray.Where, NDArray.Clip)");
        }
    }

    private static void FromBool<TOut>(ReadOnlySpan<bool> source, Span<TOut> destination) where TOut : unmanaged
    {
        if (typeof(TOut) == typeof(float)) { Ones(source, Retype<TOut, float>(destination)); return; }
        if (typeof(TOut) == typeof(double)) { Ones(source, Retype<TOut, double>(destination)); return; }
        if (typeof(TOut) == typeof(int)) { Ones(source, Retype<TOut, int>(destination)); return; }
        if (typeof(TOut) == typeof(long)) { Ones(source, Retype<TOut, long>(destination)); return; }
        ThrowHelper.UnsupportedScalar<TOut>("astype");
    }

    private static void Ones<TOut>(ReadOnlySpan<bool> source, Span<TOut> destination) where TOut : unmanaged, INumberBase<TOut>
    {
        // A bool is one byte, 0 or 1: widen the bytes.
        TensorPrimitives.ConvertTruncating(MemoryMarshal.Cast<bool, byte>(source), destination);
    }

    /// <summary>The same span seen as another element type of the same size (the caller has tested the types).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReadOnlySpan<TTo> Retype<TFrom, TTo>(ReadOnlySpan<TFrom> span) where TFrom : unmanaged where TTo : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

    /// <summary>The same span seen as another element type of the same size (the caller has tested the types).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Span<TTo> Retype<TFrom, TTo>(Span<TFrom> span) where TFrom : unmanaged where TTo : unmanaged =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);
}
