using System.Numerics;

namespace Linea;

/// <summary>
/// Sorts keys ascending and applies the same permutation to an index array (what <c>keys.Sort(items)</c> does), for
/// the divide-and-conquer spectral merges, which sort their poles once per merge. Written out here because the BCL's
/// keyed sort picks its helper through reflection at the first call, so a composite ReadyToRun image cannot
/// precompile it and the JIT compiled about ten methods inside the first SVD (README "Fast start").
/// Heap sort: O(n log n) comparisons in every case, no allocation, not stable (ties come out in an unspecified but
/// deterministic order). Keys must not be NaN.
/// </summary>
internal static class KeyedSort
{
    /// <summary>Sorts <paramref name="keys"/> ascending, permuting <paramref name="items"/> alike (same length).</summary>
    public static void Sort<T>(Span<T> keys, Span<int> items) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (items.Length != keys.Length) throw new ArgumentException("keyed sort: keys and items differ in length", nameof(items));
        int n = keys.Length;
        for (int root = n / 2 - 1; root >= 0; root--) SiftDown(keys, items, root, n);
        for (int end = n - 1; end > 0; end--)
        {
            (keys[0], keys[end]) = (keys[end], keys[0]);
            (items[0], items[end]) = (items[end], items[0]);
            SiftDown(keys, items, 0, end);
        }
    }

    /// <summary>Restores the max-heap property below <paramref name="root"/> in the first <paramref name="n"/> entries.</summary>
    private static void SiftDown<T>(Span<T> keys, Span<int> items, int root, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T key = keys[root];
        int item = items[root];
        while (true)
        {
            int child = 2 * root + 1;
            if (child >= n) break;
            if (child + 1 < n && keys[child + 1] > keys[child]) child++;
            if (!(keys[child] > key)) break;
            keys[root] = keys[child];
            items[root] = items[child];
            root = child;
        }
        keys[root] = key;
        items[root] = item;
    }
}
