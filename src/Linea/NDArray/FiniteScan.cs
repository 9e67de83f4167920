using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Linea;

/// <summary>
/// The vectorised pass behind <see cref="NDArray.IndexOfNonFinite{T}(NDArray{T})"/>: the position of the first NaN or
/// infinity in a span, or -1. Non-generic on purpose (one method per element type, Vector512 or Vector256 blocks and
/// a scalar tail): a composite ReadyToRun image precompiles it, whereas the generic TensorPrimitives reduction used
/// before (MaxMagnitude) was left to the JIT at the first call of every front-door function (README "Fast start").
/// An element is finite exactly when |x| &lt; +infinity (false for NaN); subnormals and signed zeros are finite.
/// O(n) reads, no allocation; stops at the first vector holding a non-finite element.
/// </summary>
internal static class FiniteScan
{
    /// <summary>The index of the first NaN or infinity in <paramref name="x"/>, or -1 when every element is finite.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<double> x)
    {
        ref double x0 = ref MemoryMarshal.GetReference(x);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var inf = Vector512.Create(double.PositiveInfinity);
            for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
                if (!Vector512.LessThanAll(Vector512.Abs(Vector512.LoadUnsafe(ref x0, (nuint)i)), inf)) break;
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var inf = Vector256.Create(double.PositiveInfinity);
            for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
                if (!Vector256.LessThanAll(Vector256.Abs(Vector256.LoadUnsafe(ref x0, (nuint)i)), inf)) break;
        }
        for (; i < x.Length; i++)
            if (!double.IsFinite(Unsafe.Add(ref x0, i))) return i;
        return -1;
    }

    /// <summary>The index of the first NaN or infinity in <paramref name="x"/>, or -1 when every element is finite.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> x)
    {
        ref float x0 = ref MemoryMarshal.GetReference(x);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var inf = Vector512.Create(float.PositiveInfinity);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                if (!Vector512.LessThanAll(Vector512.Abs(Vector512.LoadUnsafe(ref x0, (nuint)i)), inf)) break;
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var inf = Vector256.Create(float.PositiveInfinity);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                if (!Vector256.LessThanAll(Vector256.Abs(Vector256.LoadUnsafe(ref x0, (nuint)i)), inf)) break;
        }
        for (; i < x.Length; i++)
            if (!float.IsFinite(Unsafe.Add(ref x0, i))) return i;
        return -1;
    }
}
