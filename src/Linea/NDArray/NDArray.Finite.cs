using System.Numerics;
using System.Runtime.InteropServices;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// The position, in C (row-major) order, of the first element of <paramref name="t"/> that is NaN or infinite, or
    /// -1 when every element is finite (so <c>np.isfinite(t).all()</c> is <c>IndexOfNonFinite(t) &lt; 0</c>). The
    /// one input check that the linear-algebra front door, the ML models and the calculator share: each words its own
    /// error from the position (<see cref="UnravelIndex"/> turns it into a multi-index). One vectorised pass for float32 and
    /// float64 (<see cref="FiniteScan"/>, which a composite ReadyToRun image precompiles), element by element for other
    /// types. A strided view is copied to C order first. O(size).
    /// </summary>
    public static long IndexOfNonFinite<T>(NDArray<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(t);
        var c = t.Contiguous();
        if (c.Size <= Array.MaxLength) return IndexOfNonFinite(c.ContiguousSpan);
        var flat = c.Reshape(-1);
        const long Chunk = 1L << 24;
        for (long start = 0; start < flat.Size; start += Chunk)
        {
            long i = IndexOfNonFinite(flat[Slice.Range(start, Math.Min(flat.Size, start + Chunk))].ContiguousSpan);
            if (i >= 0) return start + i;
        }
        return -1;
    }

    /// <summary>True when no element of <paramref name="t"/> is NaN or infinite (NumPy's <c>np.isfinite(t).all()</c>). O(size).</summary>
    public static bool AllFinite<T>(NDArray<T> t) where T : unmanaged, IFloatingPointIeee754<T> => IndexOfNonFinite(t) < 0;

    /// <summary>
    /// The multi-index of the element at C-order position <paramref name="flatIndex"/> in a tensor of shape
    /// <paramref name="shape"/> (NumPy's <c>np.unravel_index</c> for one index).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flatIndex"/> is negative or not below the size of the shape.</exception>
    public static long[] UnravelIndex(long flatIndex, Shape shape)
    {
        if (flatIndex < 0 || flatIndex >= shape.Size)
            throw new ArgumentOutOfRangeException(nameof(flatIndex), flatIndex, $"unravel_index: index {flatIndex} is out of range for shape {shape}");
        var idx = new long[shape.Rank];
        long rest = flatIndex;
        for (int ax = shape.Rank - 1; ax >= 0; ax--) { idx[ax] = rest % shape[ax]; rest /= shape[ax]; }
        return idx;
    }

    private static int IndexOfNonFinite<T>(ReadOnlySpan<T> span) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double)) return FiniteScan.IndexOfNonFinite(MemoryMarshal.Cast<T, double>(span));
        if (typeof(T) == typeof(float)) return FiniteScan.IndexOfNonFinite(MemoryMarshal.Cast<T, float>(span));
        for (int i = 0; i < span.Length; i++)
            if (!T.IsFinite(span[i])) return i;
        return -1;
    }
}
