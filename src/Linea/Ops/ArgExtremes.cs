using System.Numerics;
using Linea.Ops;

namespace Linea;

public static partial class NDArrayExtensions
{
    /// <summary>Positions of the extremes of number tensors (NumPy's <c>argmax</c> and <c>argmin</c>), as long indices.</summary>
    /// <param name="a">The tensor searched.</param>
    extension<T>(NDArray<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>The flat (C-order) index of the first largest element; the first NaN wins, as in NumPy. O(n).</summary>
        /// <exception cref="InvalidOperationException">The tensor is empty.</exception>
        public long ArgMax() => ArgExtremes.Along(a.Ravel(), "argmax", 0, false, max: true).Item();

        /// <summary>
        /// Indices (long) of the first maxima along <paramref name="axis"/>, a tensor without that axis (kept with length 1
        /// when <paramref name="keepDims"/>); the first NaN wins. O(n).
        /// </summary>
        /// <exception cref="InvalidOperationException">The axis is empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The axis does not exist.</exception>
        public NDArray<long> ArgMax(int axis, bool keepDims = false) => ArgExtremes.Along(a, "argmax", axis, keepDims, max: true);

        /// <summary>The flat (C-order) index of the first smallest element; the first NaN wins, as in NumPy. O(n).</summary>
        /// <exception cref="InvalidOperationException">The tensor is empty.</exception>
        public long ArgMin() => ArgExtremes.Along(a.Ravel(), "argmin", 0, false, max: false).Item();

        /// <summary>Indices (long) of the first minima along <paramref name="axis"/>; the first NaN wins. O(n).</summary>
        /// <exception cref="InvalidOperationException">The axis is empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The axis does not exist.</exception>
        public NDArray<long> ArgMin(int axis, bool keepDims = false) => ArgExtremes.Along(a, "argmin", axis, keepDims, max: false);
    }
}

/// <summary>The row scans behind ArgMax and ArgMin.</summary>
internal static class ArgExtremes
{
    public static NDArray<long> Along<T>(NDArray<T> a, string op, int axis, bool keepDims, bool max) where T : unmanaged, INumber<T>
    {
        var rows = new AxisRows<T>(op, a, axis);
        if (rows.Length == 0)
            throw new InvalidOperationException($"{op}: attempt to get {op} of an empty sequence (axis {axis} of shape {a.Shape} has length 0)");
        var result = NDArray<long>.Uninitialized(rows.ReducedDims(keepDims), op);
        var rs = result.WritableSpan;
        for (long r = 0; r < rows.Count; r++) rs[(int)r] = max ? IndexOfMax(rows.Row(r)) : IndexOfMin(rows.Row(r));
        GC.KeepAlive(rows.Data.Store);
        return result;
    }

    private static int IndexOfMax<T>(ReadOnlySpan<T> x) where T : INumber<T>
    {
        int best = 0;
        T bv = x[0];
        if (T.IsNaN(bv)) return 0;
        for (int j = 1; j < x.Length; j++)
        {
            T v = x[j];
            if (v > bv) { bv = v; best = j; }
            else if (T.IsNaN(v)) return j;
        }
        return best;
    }

    private static int IndexOfMin<T>(ReadOnlySpan<T> x) where T : INumber<T>
    {
        int best = 0;
        T bv = x[0];
        if (T.IsNaN(bv)) return 0;
        for (int j = 1; j < x.Length; j++)
        {
            T v = x[j];
            if (v < bv) { bv = v; best = j; }
            else if (T.IsNaN(v)) return j;
        }
        return best;
    }
}
