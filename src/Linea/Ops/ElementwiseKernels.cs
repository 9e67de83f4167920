using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Linea.Kernels;

namespace Linea.Ops;

/// <summary>A binary element-wise operation with a scalar form and span forms for contiguous runs.</summary>
internal interface IBinaryOp<T>
{
    static abstract T Apply(T x, T y);
    static abstract void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d);
    static abstract void Apply(ReadOnlySpan<T> x, T y, Span<T> d);
    static abstract void Apply(T x, ReadOnlySpan<T> y, Span<T> d);
}

/// <summary>A unary element-wise operation with a scalar form and a span form.</summary>
internal interface IUnaryOp<T>
{
    static abstract T Apply(T x);
    static abstract void Apply(ReadOnlySpan<T> x, Span<T> d);
}

/// <summary>Applies a binary op over one inner run, taking the TensorPrimitives path when the run is contiguous.</summary>
internal ref struct BinaryKernel<T, TOp> : IStridedKernel
    where T : unmanaged where TOp : IBinaryOp<T>
{
    private readonly ref T _a, _b, _c;

    public BinaryKernel(ref T a, ref T b, ref T c) { _a = ref a; _b = ref b; _c = ref c; }

    public void Run(int n, long oa, long sa, long ob, long sb, long oc, long sc)
    {
        if (sc == 1)
        {
            var d = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref _c, (nint)oc), n);
            if (sa == 1 && sb == 1) { TOp.Apply(Elements(ref _a, oa, n), Elements(ref _b, ob, n), d); return; }
            if (sa == 1 && sb == 0) { TOp.Apply(Elements(ref _a, oa, n), Unsafe.Add(ref _b, (nint)ob), d); return; }
            if (sa == 0 && sb == 1) { TOp.Apply(Unsafe.Add(ref _a, (nint)oa), Elements(ref _b, ob, n), d); return; }
        }
        for (long i = 0; i < n; i++)
            Unsafe.Add(ref _c, (nint)(oc + i * sc)) = TOp.Apply(Unsafe.Add(ref _a, (nint)(oa + i * sa)), Unsafe.Add(ref _b, (nint)(ob + i * sb)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<T> Elements(ref T origin, long offset, int n) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref origin, (nint)offset), n);
}

/// <summary>Applies a unary op over one inner run.</summary>
internal ref struct UnaryKernel<T, TOp> : IStridedKernel
    where T : unmanaged where TOp : IUnaryOp<T>
{
    private readonly ref T _a, _c;

    public UnaryKernel(ref T a, ref T c) { _a = ref a; _c = ref c; }

    public void Run(int n, long oa, long sa, long ob, long sb, long oc, long sc)
    {
        if (sa == 1 && sc == 1)
        {
            TOp.Apply(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _a, (nint)oa), n), MemoryMarshal.CreateSpan(ref Unsafe.Add(ref _c, (nint)oc), n));
            return;
        }
        for (long i = 0; i < n; i++)
            Unsafe.Add(ref _c, (nint)(oc + i * sc)) = TOp.Apply(Unsafe.Add(ref _a, (nint)(oa + i * sa)));
    }
}

/// <summary>Copies a strided run into another (used by Copy, Contiguous and assignment).</summary>
internal ref struct CopyKernel<T> : IStridedKernel where T : unmanaged
{
    private readonly ref T _a, _c;

    public CopyKernel(ref T a, ref T c) { _a = ref a; _c = ref c; }

    public void Run(int n, long oa, long sa, long ob, long sb, long oc, long sc)
    {
        if (sc == 1)
        {
            var d = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref _c, (nint)oc), n);
            if (sa == 1) { MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _a, (nint)oa), n).CopyTo(d); return; }
            if (sa == 0) { d.Fill(Unsafe.Add(ref _a, (nint)oa)); return; }
        }
        for (long i = 0; i < n; i++) Unsafe.Add(ref _c, (nint)(oc + i * sc)) = Unsafe.Add(ref _a, (nint)(oa + i * sa));
    }
}

internal struct AddOp<T> : IBinaryOp<T> where T : unmanaged, INumberBase<T>
{
    public static T Apply(T x, T y) => x + y;
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(y, x, d);
}

internal struct SubtractOp<T> : IBinaryOp<T> where T : unmanaged, INumberBase<T>
{
    public static T Apply(T x, T y) => x - y;
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
}

internal struct MultiplyOp<T> : IBinaryOp<T> where T : unmanaged, INumberBase<T>
{
    public static T Apply(T x, T y) => x * y;
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(y, x, d);
}

internal struct DivideOp<T> : IBinaryOp<T> where T : unmanaged, INumberBase<T>
{
    public static T Apply(T x, T y) => x / y;
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
}

internal struct MaximumOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => T.Max(x, y);
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Max(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Max(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Max(y, x, d);
}

internal struct MinimumOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => T.Min(x, y);
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Min(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Min(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Min(y, x, d);
}

internal struct PowOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x, T y) => T.Pow(x, y);
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Pow(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d)
    {
        if (y == T.CreateTruncating(2)) TensorPrimitives.Multiply(x, x, d);
        else TensorPrimitives.Pow(x, y, d);
    }
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Pow(x, y, d);
}

/// <summary>
/// A comparison predicate, lifted to an element-wise op by <see cref="CompareKernel{T, TCmp}"/>: a scalar form and a
/// SIMD form giving all-ones lanes where true (used where <see cref="System.Runtime.Intrinsics.Vector256{T}.IsSupported"/>).
/// </summary>
internal interface IComparison<T>
{
    static abstract bool Test(T x, T y);
    static abstract System.Runtime.Intrinsics.Vector256<T> Test(System.Runtime.Intrinsics.Vector256<T> x, System.Runtime.Intrinsics.Vector256<T> y);
}

internal struct LessTest<T> : IComparison<T> where T : INumber<T>
{
    public static bool Test(T x, T y) => x < y;
    public static System.Runtime.Intrinsics.Vector256<T> Test(System.Runtime.Intrinsics.Vector256<T> x, System.Runtime.Intrinsics.Vector256<T> y) => System.Runtime.Intrinsics.Vector256.LessThan(x, y);
}
internal struct LessEqualTest<T> : IComparison<T> where T : INumber<T>
{
    public static bool Test(T x, T y) => x <= y;
    public static System.Runtime.Intrinsics.Vector256<T> Test(System.Runtime.Intrinsics.Vector256<T> x, System.Runtime.Intrinsics.Vector256<T> y) => System.Runtime.Intrinsics.Vector256.LessThanOrEqual(x, y);
}
internal struct GreaterTest<T> : IComparison<T> where T : INumber<T>
{
    public static bool Test(T x, T y) => x > y;
    public static System.Runtime.Intrinsics.Vector256<T> Test(System.Runtime.Intrinsics.Vector256<T> x, System.Runtime.Intrinsics.Vector256<T> y) => System.Runtime.Intrinsics.Vector256.GreaterThan(x, y);
}
internal struct GreaterEqualTest<T> : IComparison<T> where T : INumber<T>
{
    public static bool Test(T x, T y) => x >= y;
    public static System.Runtime.Intrinsics.Vector256<T> Test(System.Runtime.Intrinsics.Vector256<T> x, System.Runtime.Intrinsics.Vector256<T> y) => System.Runtime.Intrinsics.Vector256.GreaterThanOrEqual(x, y);
}
internal struct EqualTest<T> : IComparison<T> where T : INumber<T>
{
    public static bool Test(T x, T y) => x == y;
    public static System.Runtime.Intrinsics.Vector256<T> Test(System.Runtime.Intrinsics.Vector256<T> x, System.Runtime.Intrinsics.Vector256<T> y) => System.Runtime.Intrinsics.Vector256.Equals(x, y);
}
internal struct NotEqualTest<T> : IComparison<T> where T : INumber<T>
{
    public static bool Test(T x, T y) => x != y;
    public static System.Runtime.Intrinsics.Vector256<T> Test(System.Runtime.Intrinsics.Vector256<T> x, System.Runtime.Intrinsics.Vector256<T> y) => ~System.Runtime.Intrinsics.Vector256.Equals(x, y);
}
