using System.Buffers;
using System.Numerics;
using Linea.Ops;

namespace Linea;

/// <summary>Which end of a run of equal elements <see cref="NDArray.SearchSorted{T}(NDArray{T}, NDArray{T}, SearchSide)"/> returns (NumPy's <c>side</c>).</summary>
public enum SearchSide
{
    /// <summary>The first suitable position: before any equal elements (a[i-1] &lt; v &lt;= a[i]).</summary>
    Left,
    /// <summary>The last suitable position: after any equal elements (a[i-1] &lt;= v &lt; a[i]).</summary>
    Right,
}

/// <summary>The result of <see cref="NDArray.UniqueAll{T}(NDArray{T})"/> (NumPy's <c>unique_all</c>).</summary>
/// <param name="Values">The distinct values, sorted (NaNs collapse into one, last).</param>
/// <param name="Indices">For each value, the flat index of its first occurrence in the input.</param>
/// <param name="InverseIndices">For each input element (input's shape), the index of its value in <paramref name="Values"/>: <c>Values.Take(InverseIndices)</c> rebuilds the input.</param>
/// <param name="Counts">How often each value occurs.</param>
public sealed record UniqueResult<T>(NDArray<T> Values, NDArray<long> Indices, NDArray<long> InverseIndices, NDArray<long> Counts) where T : unmanaged;

public static partial class NDArray
{
    /// <summary>
    /// A sorted copy along <paramref name="axis"/> (NumPy's <c>sort</c>, default the last axis): ascending, NaN last.
    /// O(n log n) per line; one copy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis does not exist.</exception>
    public static NDArray<T> Sort<T>(NDArray<T> a, int axis = -1) where T : unmanaged, INumber<T>
    {
        var rows = new AxisRows<T>("sort", a, axis);
        var result = rows.NewRows<T>(rows.Length, "sort");
        for (long r = 0; r < rows.Count; r++)
        {
            var dst = result.Store.Span(r * rows.Length, rows.Length);
            rows.Row(r).CopyTo(dst);
            SortNanLast(dst);
        }
        GC.KeepAlive(rows.Data.Store);
        return rows.Restore(result);
    }

    /// <summary>
    /// The indices that sort <paramref name="a"/> along <paramref name="axis"/> (NumPy's <c>argsort(kind='stable')</c>):
    /// stable, so equal elements keep their order; NaN last. O(n log n) per line (a merge sort), long indices.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis does not exist.</exception>
    public static NDArray<long> Argsort<T>(NDArray<T> a, int axis = -1) where T : unmanaged, INumber<T>
    {
        var rows = new AxisRows<T>("argsort", a, axis);
        var result = rows.NewRows<long>(rows.Length, "argsort");
        int n = rows.Length;
        int[] index = ArrayPool<int>.Shared.Rent(n), scratch = ArrayPool<int>.Shared.Rent(n);
        for (long r = 0; r < rows.Count; r++)
        {
            var ix = index.AsSpan(0, n);
            for (int i = 0; i < n; i++) ix[i] = i;
            NanLastOrder.StableArgsort(rows.Row(r), ix, scratch.AsSpan(0, n));
            var dst = result.Store.Span(r * n, n);
            for (int i = 0; i < n; i++) dst[i] = ix[i];
        }
        ArrayPool<int>.Shared.Return(index);
        ArrayPool<int>.Shared.Return(scratch);
        GC.KeepAlive(rows.Data.Store);
        return rows.Restore(result);
    }

    /// <summary>The sorted distinct values of the flattened <paramref name="a"/> (NumPy's <c>unique</c>); NaNs collapse into one. O(n log n).</summary>
    public static NDArray<T> Unique<T>(NDArray<T> a) where T : unmanaged, INumber<T> => UniqueAll(a).Values;

    /// <summary>The distinct values and how often each occurs (NumPy's <c>unique_counts</c>). O(n log n).</summary>
    public static (NDArray<T> Values, NDArray<long> Counts) UniqueCounts<T>(NDArray<T> a) where T : unmanaged, INumber<T>
    {
        var u = UniqueAll(a);
        return (u.Values, u.Counts);
    }

    /// <summary>The distinct values and, for each input element, its value's index (NumPy's <c>unique_inverse</c>). O(n log n).</summary>
    public static (NDArray<T> Values, NDArray<long> InverseIndices) UniqueInverse<T>(NDArray<T> a) where T : unmanaged, INumber<T>
    {
        var u = UniqueAll(a);
        return (u.Values, u.InverseIndices);
    }

    /// <summary>
    /// The distinct values of <paramref name="a"/> (sorted, NaNs collapsed into one, last) with the first index, the
    /// inverse indices (in the input's shape) and the count of each (NumPy's <c>unique_all</c>). O(n log n) time
    /// (a stable argsort), O(n) memory.
    /// </summary>
    public static UniqueResult<T> UniqueAll<T>(NDArray<T> a) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        var flat = a.Ravel().Contiguous();
        if (flat.Size > Array.MaxLength) ThrowHelper.TooLarge("unique", a.Shape, $"unique works on at most {Array.MaxLength} elements");
        var x = flat.ContiguousSpan;
        int n = x.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        NanLastOrder.StableArgsort(x, order, new int[n]);
        int groups = 0;
        for (int k = 0; k < n; k++) if (k == 0 || !NanLastOrder.Same(x[order[k]], x[order[k - 1]])) groups++;
        var values = NDArray<T>.Uninitialized([groups], "unique");
        var first = NDArray<long>.Uninitialized([groups], "unique");
        var counts = new NDArray<long>([groups], "unique");
        var inverse = NDArray<long>.Uninitialized((long[])a.Dims.Clone(), "unique");
        Span<T> vs = values.WritableSpan;
        Span<long> fs = first.WritableSpan, cs = counts.WritableSpan, inv = inverse.WritableSpan;
        int g = -1;
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            if (k == 0 || !NanLastOrder.Same(x[i], x[order[k - 1]]))
            {
                g++;
                vs[g] = x[i];
                fs[g] = i; // the stable order puts the first occurrence first
            }
            cs[g]++;
            inv[i] = g;
        }
        return new UniqueResult<T>(values, first, inverse, counts);
    }

    /// <summary>
    /// Where each of <paramref name="v"/> would be inserted into the sorted 1-d <paramref name="a"/> to keep it sorted
    /// (NumPy's <c>searchsorted</c>): long indices in <paramref name="v"/>'s shape; NaN sorts last. O(m log n).
    /// <paramref name="a"/> must be sorted ascending (NaN last); that is not checked, as in NumPy.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not 1-d.</exception>
    public static NDArray<long> SearchSorted<T>(NDArray<T> a, NDArray<T> v, SearchSide side = SearchSide.Left) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(v);
        if (a.Rank != 1) ThrowHelper.Argument("searchsorted", nameof(a), $"needs a 1-d sorted tensor, got shape {a.Shape}");
        var sorted = a.Contiguous().ContiguousSpan;
        var values = v.Contiguous();
        var result = NDArray<long>.Uninitialized((long[])v.Dims.Clone(), "searchsorted");
        var vs = values.ContiguousSpan;
        var rs = result.WritableSpan;
        bool right = side == SearchSide.Right;
        for (int i = 0; i < vs.Length; i++) rs[i] = NanLastOrder.Search(sorted, vs[i], right);
        return result;
    }

    /// <summary>Where the scalar <paramref name="v"/> would be inserted into the sorted 1-d <paramref name="a"/>; see <see cref="SearchSorted{T}(NDArray{T}, NDArray{T}, SearchSide)"/>.</summary>
    public static long SearchSorted<T>(NDArray<T> a, T v, SearchSide side = SearchSide.Left) where T : unmanaged, INumber<T> =>
        SearchSorted(a, (NDArray<T>)v, side).Item();

    /// <summary>Sorts a span ascending with NaNs last (the NaNs moved to the end first, the rest sorted).</summary>
    private static void SortNanLast<T>(Span<T> s) where T : INumber<T>
    {
        int k = 0;
        for (int i = 0; i < s.Length; i++)
            if (!T.IsNaN(s[i])) { (s[k], s[i]) = (s[i], s[k]); k++; }
        s[..k].Sort();
    }
}
