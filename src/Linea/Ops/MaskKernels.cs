using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Linea.DTypes;

namespace Linea.Ops;

/// <summary>
/// The kernels behind boolean masks on contiguous runs: counting true values, compressing the selected elements
/// (<c>a[mask]</c>) and blending two operands by a mask (<c>where</c>, <c>a[mask] = v</c>). Bools are read as bytes
/// (any non-zero byte is true). No branch depends on the data, so a random mask costs what a regular one does; AVX-512
/// where the CPU has it (VPCOMPRESS, masked blends), branch-free scalar code elsewhere. Nothing allocated.
/// </summary>
internal static class MaskKernels
{
    /// <summary>The number of true values in <paramref name="mask"/>. O(n), 64 bytes per step.</summary>
    public static long CountTrue(ReadOnlySpan<bool> mask)
    {
        ref byte m = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(mask));
        long count = 0;
        int i = 0, n = mask.Length;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - 64; i += 64)
                count += BitOperations.PopCount(~Vector512.Equals(Vector512.LoadUnsafe(ref m, (nuint)i), Vector512<byte>.Zero).ExtractMostSignificantBits());
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= n - 32; i += 32)
                count += BitOperations.PopCount(~Vector256.Equals(Vector256.LoadUnsafe(ref m, (nuint)i), Vector256<byte>.Zero).ExtractMostSignificantBits());
        for (; i < n; i++) count += Unsafe.Add(ref m, i) != 0 ? 1 : 0;
        return count;
    }

    /// <summary>
    /// Copies the elements of <paramref name="source"/> whose mask value is true, in order, to the start of
    /// <paramref name="destination"/>, which holds exactly as many as the mask has true values. Returns that count.
    /// </summary>
    public static int Compress<T>(ReadOnlySpan<T> source, ReadOnlySpan<bool> mask, Span<T> destination) where T : unmanaged
    {
        System.Diagnostics.Debug.Assert(source.Length == mask.Length);
        ref byte m = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(mask));
        ref T s = ref MemoryMarshal.GetReference(source);
        ref T d = ref MemoryMarshal.GetReference(destination);
        int count = destination.Length, i = 0, k = 0, n = source.Length;
        if (Avx512F.IsSupported && Unsafe.SizeOf<T>() == 8)
        {
            ref double sd = ref Unsafe.As<T, double>(ref s);
            ref double dd = ref Unsafe.As<T, double>(ref d);
            for (; i <= n - 8 && k <= count - 8; i += 8)
            {
                var lanes = Avx512F.ConvertToVector512Int64(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref m, i))).AsByte());
                var keep = ~Vector512.Equals(lanes, Vector512<long>.Zero);
                var packed = Avx512F.Compress(Vector512<double>.Zero, keep.AsDouble(), Vector512.LoadUnsafe(ref sd, (nuint)i));
                packed.StoreUnsafe(ref dd, (nuint)k);
                k += BitOperations.PopCount(keep.ExtractMostSignificantBits());
            }
        }
        else if (Avx512F.IsSupported && Unsafe.SizeOf<T>() == 4)
        {
            ref float sf = ref Unsafe.As<T, float>(ref s);
            ref float df = ref Unsafe.As<T, float>(ref d);
            for (; i <= n - 16 && k <= count - 16; i += 16)
            {
                var lanes = Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref m, (nuint)i));
                var keep = ~Vector512.Equals(lanes, Vector512<int>.Zero);
                var packed = Avx512F.Compress(Vector512<float>.Zero, keep.AsSingle(), Vector512.LoadUnsafe(ref sf, (nuint)i));
                packed.StoreUnsafe(ref df, (nuint)k);
                k += BitOperations.PopCount(keep.ExtractMostSignificantBits());
            }
        }
        // Branch-free tail (and the whole run without AVX-512): write every element at k, advance k by its mask bit;
        // the loop stops once the last selected element is written, so no write lands beyond the destination.
        for (; k < count && i < n; i++)
        {
            Unsafe.Add(ref d, k) = Unsafe.Add(ref s, i);
            k += Unsafe.Add(ref m, i) != 0 ? 1 : 0;
        }
        return k;
    }

    /// <summary>
    /// destination[i] = mask[i] ? x[i] : y[i] for a run of n elements, where a scalar operand (length 1 with
    /// <paramref name="xScalar"/> or <paramref name="yScalar"/>) stands for every i. <paramref name="destination"/> may be
    /// <paramref name="y"/> itself (an in-place masked assignment).
    /// </summary>
    public static void Blend<T>(ReadOnlySpan<bool> mask, ReadOnlySpan<T> x, bool xScalar, ReadOnlySpan<T> y, bool yScalar, Span<T> destination)
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == 8) Blend64(mask, SpanConvert.Retype<T, long>(x), xScalar, SpanConvert.Retype<T, long>(y), yScalar, SpanConvert.Retype<T, long>(destination));
        else if (Unsafe.SizeOf<T>() == 4) Blend32(mask, SpanConvert.Retype<T, int>(x), xScalar, SpanConvert.Retype<T, int>(y), yScalar, SpanConvert.Retype<T, int>(destination));
        else BlendScalar(mask, x, xScalar, y, yScalar, destination, 0);
    }

    private static void Blend64(ReadOnlySpan<bool> mask, ReadOnlySpan<long> x, bool xScalar, ReadOnlySpan<long> y, bool yScalar, Span<long> destination)
    {
        ref byte m = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(mask));
        int i = 0, n = destination.Length;
        if (Avx512F.IsSupported)
        {
            var xv = xScalar ? Vector512.Create(x[0]) : default;
            var yv = yScalar ? Vector512.Create(y[0]) : default;
            ref long xs = ref MemoryMarshal.GetReference(x);
            ref long ys = ref MemoryMarshal.GetReference(y);
            ref long ds = ref MemoryMarshal.GetReference(destination);
            for (; i <= n - 8; i += 8)
            {
                var lanes = Avx512F.ConvertToVector512Int64(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref m, i))).AsByte());
                var keep = ~Vector512.Equals(lanes, Vector512<long>.Zero);
                var a = xScalar ? xv : Vector512.LoadUnsafe(ref xs, (nuint)i);
                var b = yScalar ? yv : Vector512.LoadUnsafe(ref ys, (nuint)i);
                Vector512.ConditionalSelect(keep, a, b).StoreUnsafe(ref ds, (nuint)i);
            }
        }
        BlendScalar(mask, x, xScalar, y, yScalar, destination, i);
    }

    private static void Blend32(ReadOnlySpan<bool> mask, ReadOnlySpan<int> x, bool xScalar, ReadOnlySpan<int> y, bool yScalar, Span<int> destination)
    {
        ref byte m = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(mask));
        int i = 0, n = destination.Length;
        if (Avx512F.IsSupported)
        {
            var xv = xScalar ? Vector512.Create(x[0]) : default;
            var yv = yScalar ? Vector512.Create(y[0]) : default;
            ref int xs = ref MemoryMarshal.GetReference(x);
            ref int ys = ref MemoryMarshal.GetReference(y);
            ref int ds = ref MemoryMarshal.GetReference(destination);
            for (; i <= n - 16; i += 16)
            {
                var lanes = Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref m, (nuint)i));
                var keep = ~Vector512.Equals(lanes, Vector512<int>.Zero);
                var a = xScalar ? xv : Vector512.LoadUnsafe(ref xs, (nuint)i);
                var b = yScalar ? yv : Vector512.LoadUnsafe(ref ys, (nuint)i);
                Vector512.ConditionalSelect(keep, a, b).StoreUnsafe(ref ds, (nuint)i);
            }
        }
        BlendScalar(mask, x, xScalar, y, yScalar, destination, i);
    }

    /// <summary>The blend from element <paramref name="start"/> on, one element at a time, through a conditional move.</summary>
    private static void BlendScalar<T>(ReadOnlySpan<bool> mask, ReadOnlySpan<T> x, bool xScalar, ReadOnlySpan<T> y, bool yScalar, Span<T> destination, int start)
        where T : unmanaged
    {
        for (int i = start; i < destination.Length; i++)
        {
            T a = x[xScalar ? 0 : i], b = y[yScalar ? 0 : i];
            destination[i] = mask[i] ? a : b;
        }
    }
}
