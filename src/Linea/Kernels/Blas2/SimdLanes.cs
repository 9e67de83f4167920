using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Linea.Kernels.Blas2;

/// <summary>
/// A SIMD register of T lanes, abstracted so one generic kernel body serves Vector512 and Vector256 (the JIT
/// specialises each struct instantiation and inlines the static members, so the abstraction costs nothing).
/// </summary>
internal interface ISimdLanes<TSelf, T> where TSelf : struct, ISimdLanes<TSelf, T> where T : unmanaged
{
    /// <summary>Lanes per register.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>All lanes x.</summary>
    static abstract TSelf Splat(T x);

    /// <summary>Count elements from src (unaligned).</summary>
    static abstract TSelf Load(ref T src);

    /// <summary>Writes the lanes to dst (unaligned).</summary>
    static abstract void Store(TSelf v, ref T dst);

    /// <summary>a * b + c, fused where the hardware has FMA.</summary>
    static abstract TSelf Fma(TSelf a, TSelf b, TSelf c);

    /// <summary>a + b.</summary>
    static abstract TSelf Add(TSelf a, TSelf b);

    /// <summary>a - b.</summary>
    static abstract TSelf Subtract(TSelf a, TSelf b);

    /// <summary>a * b.</summary>
    static abstract TSelf Multiply(TSelf a, TSelf b);

    /// <summary>a / b.</summary>
    static abstract TSelf Divide(TSelf a, TSelf b);

    /// <summary>|a|.</summary>
    static abstract TSelf Abs(TSelf a);

    /// <summary>The sum of the lanes.</summary>
    static abstract T Sum(TSelf v);
}

/// <summary>Vector512 lanes (AVX-512).</summary>
internal readonly struct Lanes512<T> : ISimdLanes<Lanes512<T>, T> where T : unmanaged
{
    private readonly Vector512<T> _v;

    private Lanes512(Vector512<T> v) => _v = v;

    public static int Count => Vector512<T>.Count;

    public static Lanes512<T> Zero => new(Vector512<T>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Splat(T x) => new(Vector512.Create(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Load(ref T src) => new(Vector512.LoadUnsafe(ref src));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes512<T> v, ref T dst) => v._v.StoreUnsafe(ref dst);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Fma(Lanes512<T> a, Lanes512<T> b, Lanes512<T> c)
    {
        if (typeof(T) == typeof(double))
            return new(Vector512.FusedMultiplyAdd(a._v.AsDouble(), b._v.AsDouble(), c._v.AsDouble()).As<double, T>());
        if (typeof(T) == typeof(float))
            return new(Vector512.FusedMultiplyAdd(a._v.AsSingle(), b._v.AsSingle(), c._v.AsSingle()).As<float, T>());
        return new(a._v * b._v + c._v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Add(Lanes512<T> a, Lanes512<T> b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Subtract(Lanes512<T> a, Lanes512<T> b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Multiply(Lanes512<T> a, Lanes512<T> b) => new(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Divide(Lanes512<T> a, Lanes512<T> b) => new(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Abs(Lanes512<T> a) => new(Vector512.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Lanes512<T> v) => Vector512.Sum(v._v);
}

/// <summary>Vector256 lanes (AVX2).</summary>
internal readonly struct Lanes256<T> : ISimdLanes<Lanes256<T>, T> where T : unmanaged
{
    private readonly Vector256<T> _v;

    private Lanes256(Vector256<T> v) => _v = v;

    public static int Count => Vector256<T>.Count;

    public static Lanes256<T> Zero => new(Vector256<T>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Splat(T x) => new(Vector256.Create(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Load(ref T src) => new(Vector256.LoadUnsafe(ref src));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes256<T> v, ref T dst) => v._v.StoreUnsafe(ref dst);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Fma(Lanes256<T> a, Lanes256<T> b, Lanes256<T> c)
    {
        if (typeof(T) == typeof(double))
            return new(Vector256.FusedMultiplyAdd(a._v.AsDouble(), b._v.AsDouble(), c._v.AsDouble()).As<double, T>());
        if (typeof(T) == typeof(float))
            return new(Vector256.FusedMultiplyAdd(a._v.AsSingle(), b._v.AsSingle(), c._v.AsSingle()).As<float, T>());
        return new(a._v * b._v + c._v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Add(Lanes256<T> a, Lanes256<T> b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Subtract(Lanes256<T> a, Lanes256<T> b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Multiply(Lanes256<T> a, Lanes256<T> b) => new(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Divide(Lanes256<T> a, Lanes256<T> b) => new(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Abs(Lanes256<T> a) => new(Vector256.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Lanes256<T> v) => Vector256.Sum(v._v);
}
