using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Linea.Numerics;

/// <summary>
/// Span conversions between float32 and the 16-bit storage types, destination-last as in TensorPrimitives; the
/// destination is at least as long as the source (Debug.Assert only: internal callers size it). float16:
/// <see cref="TensorPrimitives.ConvertToSingle(ReadOnlySpan{Half}, Span{float})"/> and
/// <see cref="TensorPrimitives.ConvertToHalf(ReadOnlySpan{float}, Span{Half})"/> (vectorised, rounding to nearest
/// even). bfloat16: integer shifts on Vector512/256/128 (widening is a 16-bit left shift; narrowing adds 0x7FFF plus
/// the lowest kept bit, which rounds to nearest even, and keeps NaN quiet). The JIT of .NET 10 exposes no AVX-512 BF16
/// (vcvtne2ps2bf16) intrinsic, so the shifts run everywhere. Nothing allocated; O(n).
/// </summary>
internal static class HalfConvert
{
    /// <summary>destination[i] = (float)source[i] for T = Half, BFloat16 or float (a copy).</summary>
    public static void ToSingle<T>(ReadOnlySpan<T> source, Span<float> destination) where T : unmanaged
    {
        Debug.Assert(destination.Length >= source.Length);
        if (typeof(T) == typeof(Half)) TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<T, Half>(source), destination);
        else if (typeof(T) == typeof(BFloat16)) BFloat16ToSingle(MemoryMarshal.Cast<T, BFloat16>(source), destination);
        else if (typeof(T) == typeof(float)) MemoryMarshal.Cast<T, float>(source).CopyTo(destination);
        else throw new UnreachableException($"half-precision conversion from {typeof(T).Name}");
    }

    /// <summary>destination[i] = source[i] rounded to nearest even in T = Half, BFloat16 or float (a copy).</summary>
    public static void FromSingle<T>(ReadOnlySpan<float> source, Span<T> destination) where T : unmanaged
    {
        Debug.Assert(destination.Length >= source.Length);
        if (typeof(T) == typeof(Half)) TensorPrimitives.ConvertToHalf(source, MemoryMarshal.Cast<T, Half>(destination));
        else if (typeof(T) == typeof(BFloat16)) SingleToBFloat16(source, MemoryMarshal.Cast<T, BFloat16>(destination));
        else if (typeof(T) == typeof(float)) source.CopyTo(MemoryMarshal.Cast<T, float>(destination));
        else throw new UnreachableException($"half-precision conversion to {typeof(T).Name}");
    }

    /// <summary>One element as float (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle<T>(T value) where T : unmanaged
    {
        if (typeof(T) == typeof(Half)) return (float)Unsafe.As<T, Half>(ref value);
        if (typeof(T) == typeof(BFloat16)) return Unsafe.As<T, BFloat16>(ref value);
        return Unsafe.As<T, float>(ref value);
    }

    /// <summary>bfloat16 to float: each 16-bit pattern becomes the upper half of a 32-bit one (exact).</summary>
    public static void BFloat16ToSingle(ReadOnlySpan<BFloat16> source, Span<float> destination)
    {
        Debug.Assert(destination.Length >= source.Length);
        ref ushort s = ref Unsafe.As<BFloat16, ushort>(ref MemoryMarshal.GetReference(source));
        ref uint d = ref Unsafe.As<float, uint>(ref MemoryMarshal.GetReference(destination));
        int n = source.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 32 <= n; i += 32)
            {
                var (lo, hi) = Vector512.Widen(Vector512.LoadUnsafe(ref s, (nuint)i));
                (lo << 16).StoreUnsafe(ref d, (nuint)i);
                (hi << 16).StoreUnsafe(ref d, (nuint)(i + 16));
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                (lo << 16).StoreUnsafe(ref d, (nuint)i);
                (hi << 16).StoreUnsafe(ref d, (nuint)(i + 8));
            }
        }
        for (; i < n; i++) Unsafe.Add(ref d, i) = (uint)Unsafe.Add(ref s, i) << 16;
    }

    /// <summary>float to bfloat16, rounded to nearest even; NaN stays NaN (quiet bit set), overflow gives infinity.</summary>
    public static void SingleToBFloat16(ReadOnlySpan<float> source, Span<BFloat16> destination)
    {
        Debug.Assert(destination.Length >= source.Length);
        ref uint s = ref Unsafe.As<float, uint>(ref MemoryMarshal.GetReference(source));
        ref ushort d = ref Unsafe.As<BFloat16, ushort>(ref MemoryMarshal.GetReference(destination));
        int n = source.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 32 <= n; i += 32)
            {
                var lo = Round512(Vector512.LoadUnsafe(ref s, (nuint)i));
                var hi = Round512(Vector512.LoadUnsafe(ref s, (nuint)(i + 16)));
                Vector512.Narrow(lo, hi).StoreUnsafe(ref d, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16)
            {
                var lo = Round256(Vector256.LoadUnsafe(ref s, (nuint)i));
                var hi = Round256(Vector256.LoadUnsafe(ref s, (nuint)(i + 8)));
                Vector256.Narrow(lo, hi).StoreUnsafe(ref d, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref d, i) = BFloat16.RoundToBFloat16Bits(Unsafe.Add(ref s, i));
    }

    /// <summary>The bfloat16 bits (in the low half of each lane) of 16 float bit patterns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Round512(Vector512<uint> bits)
    {
        var rounded = (bits + Vector512.Create(0x7FFFu) + ((bits >> 16) & Vector512<uint>.One)) >> 16;
        var nan = Vector512.GreaterThan(bits & Vector512.Create(0x7FFF_FFFFu), Vector512.Create(0x7F80_0000u));
        return Vector512.ConditionalSelect(nan, (bits >> 16) | Vector512.Create(0x0040u), rounded);
    }

    /// <summary>The bfloat16 bits (in the low half of each lane) of 8 float bit patterns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Round256(Vector256<uint> bits)
    {
        var rounded = (bits + Vector256.Create(0x7FFFu) + ((bits >> 16) & Vector256<uint>.One)) >> 16;
        var nan = Vector256.GreaterThan(bits & Vector256.Create(0x7FFF_FFFFu), Vector256.Create(0x7F80_0000u));
        return Vector256.ConditionalSelect(nan, (bits >> 16) | Vector256.Create(0x0040u), rounded);
    }
}
