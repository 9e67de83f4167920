using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
            if (sa == 1 && sb == 1)
            {
                var x = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _a, (nint)oa), n);
                var y = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _b, (nint)ob), n);
                for (int i = 0; i < d.Length; i++) d[i] = TCmp.Test(x[i], y[i]);
                return;
            }
            if (sa == 1 && sb == 0)
            {
                var x = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _a, (nint)oa), n);
                T y = Unsafe.Add(ref _b, (nint)ob);
                for (int i = 0; i < d.Length; i++) d[i] = TCmp.Test(x[i], y);
                return;
            }
        }
        for (long i = 0; i < n; i++)
            Unsafe.Add(ref _c, (nint)(oc + i * sc)) = TCmp.Test(Unsafe.Add(ref _a, (nint)(oa + i * sa)), Unsafe.Add(ref _b, (nint)(ob + i * sb)));
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
internal struct BoolEqualTest : IComparison<bool> { public static bool Test(bool x, bool y) => x == y; }

/// <inheritdoc cref="BoolEqualTest"/>
internal struct BoolNotEqualTest : IComparison<bool> { public static bool Test(bool x, bool y) => x != y; }
