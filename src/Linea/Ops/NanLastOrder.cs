using System.Numerics;
using System.Runtime.CompilerServices;

namespace Linea.Ops;

/// <summary>
/// NumPy's sort order: ascending, NaN after everything (including +inf), NaNs equal to each other; -0.0 equals 0.0.
/// The order of sort, argsort, unique and searchsorted. For integers it is the plain order (IsNaN folds away).
/// </summary>
internal static class NanLastOrder
{
    /// <summary>Whether <paramref name="x"/> sorts strictly before <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Less<T>(T x, T y) where T : INumber<T> => T.IsNaN(y) ? !T.IsNaN(x) : x < y;

    /// <summary>Whether the two are equal in this order (NaN equals NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Same<T>(T x, T y) where T : INumber<T> => x == y || (T.IsNaN(x) && T.IsNaN(y));

    /// <summary>
    /// Stable merge sort of <paramref name="index"/> (positions into <paramref name="keys"/>) by key in this order:
    /// insertion sort of runs of 16, then bottom-up merges through <paramref name="scratch"/> (same length). O(n log n)
    /// time, no allocation.
    /// </summary>
    public static void StableArgsort<T>(ReadOnlySpan<T> keys, Span<int> index, Span<int> scratch) where T : INumber<T>
    {
        int n = index.Length;
        const int Run = 16;
        for (int lo = 0; lo < n; lo += Run)
        {
            int hi = Math.Min(n, lo + Run);
            for (int i = lo + 1; i < hi; i++)
            {
                int v = index[i];
                T kv = keys[v];
                int j = i - 1;
                while (j >= lo && Less(kv, keys[index[j]])) { index[j + 1] = index[j]; j--; }
                index[j + 1] = v;
            }
        }
        Span<int> src = index, dst = scratch;
        for (int width = Run; width < n; width *= 2)
        {
            for (int lo = 0; lo < n; lo += 2 * width)
            {
                int mid = Math.Min(n, lo + width), hi = Math.Min(n, lo + 2 * width);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) dst[k++] = Less(keys[src[j]], keys[src[i]]) ? src[j++] : src[i++]; // ties from the left: stable
                while (i < mid) dst[k++] = src[i++];
                while (j < hi) dst[k++] = src[j++];
            }
            var t = src; src = dst; dst = t;
        }
        if (src != index) src.CopyTo(index);
    }

    /// <summary>The first position in the sorted <paramref name="a"/> where <paramref name="v"/> could be inserted keeping order: before equal elements (left) or after them (right).</summary>
    public static int Search<T>(ReadOnlySpan<T> a, T v, bool right) where T : INumber<T>
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            bool goRight = right ? !Less(v, a[mid]) : Less(a[mid], v);
            if (goRight) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
