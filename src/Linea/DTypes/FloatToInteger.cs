using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linea.DTypes;

/// <summary>
/// float or double to int or long in one AVX-512 pass: each vector is range-checked (truncation toward zero must fit;
/// NaN and infinities fail) and converted with the truncating instruction. Declines (returns false, having written
/// nothing the caller relies on) without AVX-512 or when some element does not fit, so that the caller's checking
/// pass names the element.
/// </summary>
internal static class FloatToInteger
{
    /// <summary>Converts all of <paramref name="source"/> when every element fits; false otherwise or without AVX-512.</summary>
    public static bool TryConvert<TIn, TOut>(ReadOnlySpan<TIn> source, Span<TOut> destination) where TIn : unmanaged where TOut : unmanaged
    {
        if (!Avx512DQ.IsSupported) return false;
        if (typeof(TIn) == typeof(double) && typeof(TOut) == typeof(int)) return DoubleToInt(SpanConvert.Retype<TIn, double>(source), SpanConvert.Retype<TOut, int>(destination));
        if (typeof(TIn) == typeof(double) && typeof(TOut) == typeof(long)) return DoubleToLong(SpanConvert.Retype<TIn, double>(source), SpanConvert.Retype<TOut, long>(destination));
        if (typeof(TIn) == typeof(float) && typeof(TOut) == typeof(int)) return FloatToInt(SpanConvert.Retype<TIn, float>(source), SpanConvert.Retype<TOut, int>(destination));
        if (typeof(TIn) == typeof(float) && typeof(TOut) == typeof(long)) return FloatToLong(SpanConvert.Retype<TIn, float>(source), SpanConvert.Retype<TOut, long>(destination));
        return false;
    }

    // The open interval (min - 1, max + 1) truncates into [min, max]; its ends are powers of two, exact in both float
    // types, except that -2^31 - 1 and -2^63 - 1 round to -2^31 (float) and -2^63 (float, double), which then must be
    // included: v >= -2^31 and v >= -2^63 there.
    private const double IntLow = -2147483649.0, IntHigh = 2147483648.0;
    private const double LongLow = -9223372036854775808.0, LongHigh = 9223372036854775808.0;
    private const float IntLowF = -2147483648f, IntHighF = 2147483648f;
    private const float LongLowF = -9223372036854775808f, LongHighF = 9223372036854775808f;

    private static bool DoubleToInt(ReadOnlySpan<double> x, Span<int> d)
    {
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref int ds = ref MemoryMarshal.GetReference(d);
        var low = Vector512.Create(IntLow); var high = Vector512.Create(IntHigh);
        int i = 0, n = x.Length;
        for (; i <= n - 8; i += 8)
        {
            var v = Vector512.LoadUnsafe(ref xs, (nuint)i);
            if ((Vector512.GreaterThan(v, low) & Vector512.LessThan(v, high)).ExtractMostSignificantBits() != 0xFF) return false;
            Avx512F.ConvertToVector256Int32WithTruncation(v).StoreUnsafe(ref ds, (nuint)i);
        }
        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref xs, i);
            if (!(v > IntLow && v < IntHigh)) return false;
            Unsafe.Add(ref ds, i) = (int)v;
        }
        return true;
    }

    private static bool DoubleToLong(ReadOnlySpan<double> x, Span<long> d)
    {
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref long ds = ref MemoryMarshal.GetReference(d);
        var low = Vector512.Create(LongLow); var high = Vector512.Create(LongHigh);
        int i = 0, n = x.Length;
        for (; i <= n - 8; i += 8)
        {
            var v = Vector512.LoadUnsafe(ref xs, (nuint)i);
            if ((Vector512.GreaterThanOrEqual(v, low) & Vector512.LessThan(v, high)).ExtractMostSignificantBits() != 0xFF) return false;
            Avx512DQ.ConvertToVector512Int64WithTruncation(v).StoreUnsafe(ref ds, (nuint)i);
        }
        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref xs, i);
            if (!(v >= LongLow && v < LongHigh)) return false;
            Unsafe.Add(ref ds, i) = (long)v;
        }
        return true;
    }

    private static bool FloatToInt(ReadOnlySpan<float> x, Span<int> d)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref int ds = ref MemoryMarshal.GetReference(d);
        var low = Vector512.Create(IntLowF); var high = Vector512.Create(IntHighF);
        int i = 0, n = x.Length;
        for (; i <= n - 16; i += 16)
        {
            var v = Vector512.LoadUnsafe(ref xs, (nuint)i);
            if ((Vector512.GreaterThanOrEqual(v, low) & Vector512.LessThan(v, high)).ExtractMostSignificantBits() != 0xFFFF) return false;
            Avx512F.ConvertToVector512Int32WithTruncation(v).StoreUnsafe(ref ds, (nuint)i);
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref xs, i);
            if (!(v >= IntLowF && v < IntHighF)) return false;
            Unsafe.Add(ref ds, i) = (int)v;
        }
        return true;
    }

    private static bool FloatToLong(ReadOnlySpan<float> x, Span<long> d)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref long ds = ref MemoryMarshal.GetReference(d);
        var low = Vector256.Create(LongLowF); var high = Vector256.Create(LongHighF);
        int i = 0, n = x.Length;
        for (; i <= n - 8; i += 8)
        {
            var v = Vector256.LoadUnsafe(ref xs, (nuint)i);
            if ((Vector256.GreaterThanOrEqual(v, low) & Vector256.LessThan(v, high)).ExtractMostSignificantBits() != 0xFF) return false;
            Avx512DQ.ConvertToVector512Int64WithTruncation(v).StoreUnsafe(ref ds, (nuint)i);
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref xs, i);
            if (!(v >= LongLowF && v < LongHighF)) return false;
            Unsafe.Add(ref ds, i) = (long)v;
        }
        return true;
    }
}
