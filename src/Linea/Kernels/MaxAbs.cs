using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Linea;

/// <summary>
/// max_i |x_i| of a span (NaN when some element is NaN; zero for an empty span), the scale that the divide-and-conquer
/// merges divide out before a norm. Float32 and float64 run one Vector512 or Vector256 pass with a scalar tail in
/// non-generic methods, which a composite ReadyToRun image precompiles (the generic TensorPrimitives.MaxMagnitude it
/// replaces was left to the JIT at the first SVD; README "Fast start"); other types run element by element.
/// O(n) reads, no allocation.
/// </summary>
internal static class MaxAbs
{
    /// <summary>max_i |x_i|; NaN when an element is NaN, zero when <paramref name="x"/> is empty.</summary>
    public static T Of<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double)) { double m = Of(MemoryMarshal.Cast<T, double>(x)); return Unsafe.As<double, T>(ref m); }
        if (typeof(T) == typeof(float)) { float m = Of(MemoryMarshal.Cast<T, float>(x)); return Unsafe.As<float, T>(ref m); }
        T r = T.Zero;
        foreach (var v in x)
        {
            if (T.IsNaN(v)) return v;
            r = T.Max(r, T.Abs(v));
        }
        return r;
    }

    /// <summary>max_i |x_i| of float64 values; NaN when one is NaN.</summary>
    public static double Of(ReadOnlySpan<double> x)
    {
        ref double x0 = ref MemoryMarshal.GetReference(x);
        double r = 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<double>.Count)
        {
            var acc = Vector512<double>.Zero;
            for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
                acc = Vector512.Max(acc, Vector512.Abs(Vector512.LoadUnsafe(ref x0, (nuint)i)));
            for (int k = 0; k < Vector512<double>.Count; k++) r = Math.Max(r, acc[k]);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= Vector256<double>.Count)
        {
            var acc = Vector256<double>.Zero;
            for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
                acc = Vector256.Max(acc, Vector256.Abs(Vector256.LoadUnsafe(ref x0, (nuint)i)));
            for (int k = 0; k < Vector256<double>.Count; k++) r = Math.Max(r, acc[k]);
        }
        for (; i < x.Length; i++) r = Math.Max(r, Math.Abs(Unsafe.Add(ref x0, i)));
        return r;
    }

    /// <summary>max_i |x_i| of float32 values; NaN when one is NaN.</summary>
    public static float Of(ReadOnlySpan<float> x)
    {
        ref float x0 = ref MemoryMarshal.GetReference(x);
        float r = 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<float>.Count)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                acc = Vector512.Max(acc, Vector512.Abs(Vector512.LoadUnsafe(ref x0, (nuint)i)));
            for (int k = 0; k < Vector512<float>.Count; k++) r = MathF.Max(r, acc[k]);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= Vector256<float>.Count)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                acc = Vector256.Max(acc, Vector256.Abs(Vector256.LoadUnsafe(ref x0, (nuint)i)));
            for (int k = 0; k < Vector256<float>.Count; k++) r = MathF.Max(r, acc[k]);
        }
        for (; i < x.Length; i++) r = MathF.Max(r, MathF.Abs(Unsafe.Add(ref x0, i)));
        return r;
    }
}
