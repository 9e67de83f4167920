using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Linea.Kernels;

namespace Linea.Ops;

/// <summary>Applies a comparison over one inner run of two operands of type T into a run of bools.</summary>
internal ref struct CompareKernel<T, TCmp> : IStridedKernel
    where T : unmanaged where TCmp : IComparison<T>
{
    private readonly ref T _a, _b;
    private readonly ref bool _c;

    public CompareKernel(ref T a, ref T b, ref bool c) { _a = ref a; _b = ref b; _c = ref c; }

    public void Run(int n, long oa, long sa, long ob, long sb, long oc, long sc)
    {
        if (sc == 1)
        {
            var d = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref _c, (nint)oc), n);
            if (sa == 1 && (sb == 1 || sb == 0))
            {
                var x = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _a, (nint)oa), n);
                ref T y0 = ref Unsafe.Add(ref _b, (nint)ob);
                int i = 0;
                if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= Vector256<T>.Count)
                    i = Simd(x, ref y0, sb == 0, d);
                if (sb == 1) for (; i < d.Length; i++) d[i] = TCmp.Test(x[i], Unsafe.Add(ref y0, i));
                else for (; i < d.Length; i++) d[i] = TCmp.Test(x[i], y0);
                return;
            }
        }
        for (long i = 0; i < n; i++)
            Unsafe.Add(ref _c, (nint)(oc + i * sc)) = TCmp.Test(Unsafe.Add(ref _a, (nint)(oa + i * sa)), Unsafe.Add(ref _b, (nint)(ob + i * sb)));
    }

    /// <summary>
    /// The whole vectors of a contiguous run: each comparison's lane mask as bits, the bits spread to bytes 0/1 through
    /// a 256-entry table and stored 4 or 8 at a time. Returns how many elements were done.
    /// </summary>
    private static int Simd(ReadOnlySpan<T> x, ref T y0, bool scalarY, Span<bool> d)
    {
        int count = Vector256<T>.Count, i = 0;
        ref byte dst = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(d));
        ref T xs = ref MemoryMarshal.GetReference(x);
        var yv = Vector256.Create(y0);
        var spread = SpreadBits.Table;
        for (; i <= x.Length - count; i += count)
        {
            var xv = Vector256.LoadUnsafe(ref xs, (nuint)i);
            if (!scalarY) yv = Vector256.LoadUnsafe(ref y0, (nuint)i);
            uint bits = TCmp.Test(xv, yv).ExtractMostSignificantBits();
            if (count == 8) Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, i), spread[bits]);
            else if (count == 4) Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, i), (uint)spread[bits]);
            else for (int j = 0; j < count; j++) Unsafe.Add(ref dst, i + j) = (byte)((bits >> j) & 1);
        }
        return i;
    }
}

/// <summary>For each 8-bit mask, the 8 bytes 0 or 1 of its bits (bit j in byte j), little-endian.</summary>
internal static class SpreadBits
{
    public static readonly ulong[] Table = Build();

    private static ulong[] Build()
    {
        var t = new ulong[256];
        for (int m = 0; m < 256; m++)
            for (int j = 0; j < 8; j++)
                if ((m >> j & 1) != 0) t[m] |= 1UL << (8 * j);
        return t;
    }
}

/// <summary>Bools seen as bytes 0 and 1: and, or, xor through the SIMD bitwise primitives.</summary>
internal struct AndBytes : IBinaryOp<byte>
{
    public static byte Apply(byte x, byte y) => (byte)(x & y);
    public static void Apply(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, Span<byte> d) => TensorPrimitives.BitwiseAnd(x, y, d);
    public static void Apply(ReadOnlySpan<byte> x, byte y, Span<byte> d) => TensorPrimitives.BitwiseAnd(x, y, d);
    public static void Apply(byte x, ReadOnlySpan<byte> y, Span<byte> d) => TensorPrimitives.BitwiseAnd(y, x, d);
}

/// <inheritdoc cref="AndBytes"/>
internal struct OrBytes : IBinaryOp<byte>
{
    public static byte Apply(byte x, byte y) => (byte)(x | y);
    public static void Apply(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, Span<byte> d) => TensorPrimitives.BitwiseOr(x, y, d);
    public static void Apply(ReadOnlySpan<byte> x, byte y, Span<byte> d) => TensorPrimitives.BitwiseOr(x, y, d);
    public static void Apply(byte x, ReadOnlySpan<byte> y, Span<byte> d) => TensorPrimitives.BitwiseOr(y, x, d);
}

/// <inheritdoc cref="AndBytes"/>
internal struct XorBytes : IBinaryOp<byte>
{
    public static byte Apply(byte x, byte y) => (byte)(x ^ y);
    public static void Apply(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, Span<byte> d) => TensorPrimitives.Xor(x, y, d);
    public static void Apply(ReadOnlySpan<byte> x, byte y, Span<byte> d) => TensorPrimitives.Xor(x, y, d);
    public static void Apply(byte x, ReadOnlySpan<byte> y, Span<byte> d) => TensorPrimitives.Xor(y, x, d);
}

/// <summary>Logical not of bools seen as bytes: x ^ 1.</summary>
internal struct NotBytes : IUnaryOp<byte>
{
    public static byte Apply(byte x) => (byte)(x ^ 1);
    public static void Apply(ReadOnlySpan<byte> x, Span<byte> d) => TensorPrimitives.Xor(x, (byte)1, d);
}

/// <summary>Bool equality as a comparison (bool has no generic equality operator interface).</summary>
internal struct BoolEqualTest : IComparison<bool>
{
    public static bool Test(bool x, bool y) => x == y;
    public static Vector256<bool> Test(Vector256<bool> x, Vector256<bool> y) => throw new NotSupportedException(); // never called: Vector256<bool> is not supported
}

/// <inheritdoc cref="BoolEqualTest"/>
internal struct BoolNotEqualTest : IComparison<bool>
{
    public static bool Test(bool x, bool y) => x != y;
    public static Vector256<bool> Test(Vector256<bool> x, Vector256<bool> y) => throw new NotSupportedException(); // never called
}
