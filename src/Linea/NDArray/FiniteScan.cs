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
    public static int IndexOfNonFinite(ReadOnlySpan<double> x) =>
        Vector512.IsHardwareAccelerated ? Scan512(x) : Vector256.IsHardwareAccelerated ? Scan256(x) : ScanFrom(x, 0);

    /// <summary>The index of the first NaN or infinity in <paramref name="x"/>, or -1 when every element is finite.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> x) =>
        Vector512.IsHardwareAccelerated ? Scan512(x) : Vector256.IsHardwareAccelerated ? Scan256(x) : ScanFrom(x, 0);

    /// <summary>Vector512 blocks, then the scalar tail (internal so that tests run each width on any CPU).</summary>
    internal static int Scan512(ReadOnlySpan<double> x)
    {
        ref double x0 = ref MemoryMarshal.GetReference(x);
        var inf = Vector512.Create(double.PositiveInfinity);
        int i = 0;
        for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            if (!Vector512.LessThanAll(Vector512.Abs(Vector512.LoadUnsafe(ref x0, (nuint)i)), inf)) break;
        return ScanFrom(x, i);
    }

    /// <summary>Vector256 blocks, then the scalar tail.</summary>
    internal static int Scan256(ReadOnlySpan<double> x)
    {
        ref double x0 = ref MemoryMarshal.GetReference(x);
        var inf = Vector256.Create(double.PositiveInfinity);
        int i = 0;
        for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            if (!Vector256.LessThanAll(Vector256.Abs(Vector256.LoadUnsafe(ref x0, (nuint)i)), inf)) break;
        return ScanFrom(x, i);
    }

    /// <summary>Vector512 blocks, then the scalar tail.</summary>
    internal static int Scan512(ReadOnlySpan<float> x)
    {
        ref float x0 = ref MemoryMarshal.GetReference(x);
        var inf = Vector512.Create(float.PositiveInfinity);
        int i = 0;
        for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            if (!Vector512.LessThanAll(Vector512.Abs(Vector512.LoadUnsafe(ref x0, (nuint)i)), inf)) break;
        return ScanFrom(x, i);
    }

    /// <summary>Vector256 blocks, then the scalar tail.</summary>
    internal static int Scan256(ReadOnlySpan<float> x)
    {
        ref float x0 = ref MemoryMarshal.GetReference(x);
        var inf = Vector256.Create(float.PositiveInfinity);
        int i = 0;
        for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            if (!Vector256.LessThanAll(Vector256.Abs(Vector256.LoadUnsafe(ref x0, (nuint)i)), inf)) break;
        return ScanFrom(x, i);
    }

    /// <summary>Element by element from <paramref name="i"/> (the tail, or the block that held a non-finite element).</summary>
    internal static int ScanFrom(ReadOnlySpan<double> x, int i)
    {
        for (; i < x.Length; i++)
            if (!double.IsFinite(x[i])) return i;
        return -1;
    }

    /// <summary>Element by element from <paramref name="i"/>.</summary>
    internal static int ScanFrom(ReadOnlySpan<float> x, int i)
    {
        for (; i < x.Length; i++)
            if (!float.IsFinite(x[i])) return i;
        return -1;
    }
}
