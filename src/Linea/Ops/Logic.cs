using System.Runtime.InteropServices;
using Linea.Ops;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// The number of elements that are not zero (NumPy's <c>count_nonzero</c>): true for bool, non-zero for numbers
    /// (NaN counts, -0.0 does not). O(n), SIMD for contiguous bool, int and long tensors.
    /// </summary>
    public static long CountNonzero<T>(NDArray<T> a) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        RequireSupported<T>("count_nonzero");
        var c = a.Contiguous();
        long count = 0;
        const int Chunk = 1 << 24;
        for (long start = 0; start < c.Size; start += Chunk)
            count += NonzeroIn(c.Store.Span(c.Offset + start, (int)Math.Min(Chunk, c.Size - start)));
        GC.KeepAlive(c.Store);
        return count;
    }

    /// <summary>Counts of non-zero elements along <paramref name="axis"/>, as a long tensor without that axis. O(n).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis does not exist.</exception>
    public static NDArray<long> CountNonzero<T>(NDArray<T> a, int axis, bool keepDims = false) where T : unmanaged
    {
        RequireSupported<T>("count_nonzero");
        var rows = new AxisRows<T>("count_nonzero", a, axis);
        var result = NDArray<long>.Uninitialized(rows.ReducedDims(keepDims), "count_nonzero");
        var rs = result.WritableSpan;
        for (long r = 0; r < rows.Count; r++) rs[(int)r] = NonzeroIn(rows.Row(r));
        return result;
    }

    /// <summary>Whether any element is non-zero (true) (NumPy's <c>any</c>); false for an empty tensor. O(n).</summary>
    public static bool Any<T>(NDArray<T> a) where T : unmanaged => CountNonzero(a) > 0;

    /// <summary>Whether every element is non-zero (true) (NumPy's <c>all</c>); true for an empty tensor. O(n).</summary>
    public static bool All<T>(NDArray<T> a) where T : unmanaged => CountNonzero(a) == a.Size;

    /// <summary>Whether any element along <paramref name="axis"/> is non-zero, as a bool tensor without that axis. O(n).</summary>
    public static NDArray<bool> Any<T>(NDArray<T> a, int axis, bool keepDims = false) where T : unmanaged =>
        Greater(CountNonzero(a, axis, keepDims), 0L);

    /// <summary>Whether every element along <paramref name="axis"/> is non-zero, as a bool tensor without that axis. O(n).</summary>
    public static NDArray<bool> All<T>(NDArray<T> a, int axis, bool keepDims = false) where T : unmanaged
    {
        var counts = CountNonzero(a, axis, keepDims);
        return Equal(counts, a.Rank == 0 ? 1L : a.Dims[Shape.NormalizeAxis("all", axis, a.Rank)]);
    }

    private static long NonzeroIn<T>(ReadOnlySpan<T> s) where T : unmanaged
    {
        if (typeof(T) == typeof(bool)) return s.Length - MemoryMarshal.Cast<T, byte>(s).Count((byte)0);
        if (typeof(T) == typeof(int)) return s.Length - MemoryMarshal.Cast<T, int>(s).Count(0);
        if (typeof(T) == typeof(long)) return s.Length - MemoryMarshal.Cast<T, long>(s).Count(0L);
        long n = 0;
        if (typeof(T) == typeof(double)) foreach (double v in MemoryMarshal.Cast<T, double>(s)) { if (v != 0) n++; }
        else if (typeof(T) == typeof(float)) foreach (float v in MemoryMarshal.Cast<T, float>(s)) { if (v != 0) n++; }
        return n;
    }

    /// <summary>
    /// <paramref name="x"/> where <paramref name="condition"/> is true and <paramref name="y"/> elsewhere, all three
    /// broadcast together (NumPy's <c>where</c>); a scalar converts to a 0-d tensor (<c>Where(x &gt; 0, x, 0.0)</c>).
    /// A new C-contiguous tensor; O(n) time and memory.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The three shapes do not broadcast together.</exception>
    public static NDArray<T> Where<T>(NDArray<bool> condition, NDArray<T> x, NDArray<T> y) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        long[] shape = Broadcast.Shapes("where", condition.Shape, x.Shape, y.Shape);
        var c = condition.BroadcastTo(shape).Contiguous();
        // A one-element operand (Where(x > 0, x, 0.0)) is read as a scalar, not broadcast into a full copy.
        bool xScalar = x.Size == 1, yScalar = y.Size == 1;
        var xx = xScalar ? x : x.BroadcastTo(shape).Contiguous();
        var yy = yScalar ? y : y.BroadcastTo(shape).Contiguous();
        var result = NDArray<T>.Uninitialized(shape, "where");
        long size = result.Size;
        const int Chunk = 1 << 24;
        for (long start = 0; start < size; start += Chunk)
        {
            int n = (int)Math.Min(Chunk, size - start);
            MaskKernels.Blend(c.Store.Span(c.Offset + start, n),
                xScalar ? xx.Store.Span(xx.Offset, 1) : xx.Store.Span(xx.Offset + start, n), xScalar,
                yScalar ? yy.Store.Span(yy.Offset, 1) : yy.Store.Span(yy.Offset + start, n), yScalar,
                result.Store.Span(start, n));
        }
        GC.KeepAlive(c.Store);
        GC.KeepAlive(xx.Store);
        GC.KeepAlive(yy.Store);
        return result;
    }

    /// <summary>The indices of the true (non-zero) elements of a 1-d tensor, ascending (NumPy's <c>flatnonzero</c>). O(n).</summary>
    public static NDArray<long> FlatNonzero<T>(NDArray<T> a) where T : unmanaged
    {
        var mask = NotZero(a.Ravel());
        var m = mask.ContiguousSpan;
        var result = NDArray<long>.Uninitialized([MaskKernels.CountTrue(m)], "flatnonzero");
        var rs = result.WritableSpan;
        // Branch-free: write i at k and advance k by the mask bit (a random mask would mispredict a branch half the time).
        for (int i = 0, k = 0; k < rs.Length; i++)
        {
            rs[k] = i;
            k += m[i] ? 1 : 0;
        }
        return result;
    }

    /// <summary>The tensor as bools (x != 0); a bool tensor itself is returned as it is.</summary>
    private static NDArray<bool> NotZero<T>(NDArray<T> a) where T : unmanaged =>
        a is NDArray<bool> b ? b.Contiguous() : a.AsType<bool>();
}
