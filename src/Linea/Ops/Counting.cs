using System.Numerics;
using Linea.Ops;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// How often each value 0, 1, ..., max occurs in the non-negative 1-d <paramref name="x"/> (NumPy's <c>bincount</c>):
    /// a long tensor of length max(max(x) + 1, <paramref name="minlength"/>). O(n + max).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not 1-d, holds a negative value (named with its position),
    /// or <paramref name="minlength"/> is negative.</exception>
    public static NDArray<long> Bincount(NDArray<long> x, int minlength = 0) => Counts(x, minlength);

    /// <summary>Counts of the values of an int tensor; see <see cref="Bincount(NDArray{long}, int)"/>.</summary>
    public static NDArray<long> Bincount(NDArray<int> x, int minlength = 0) => Counts(x, minlength);

    /// <summary>
    /// Sums of <paramref name="weights"/> per value of the non-negative 1-d <paramref name="x"/> (NumPy's
    /// <c>bincount(x, weights)</c>): result[v] is the sum of weights[i] where x[i] == v, as doubles. O(n + max).
    /// </summary>
    /// <exception cref="ArgumentException">As the unweighted form, or the weights' shape differs from x's.</exception>
    public static NDArray<double> Bincount(NDArray<long> x, NDArray<double> weights, int minlength = 0) => WeightedCounts(x, weights, minlength);

    /// <summary>Weighted counts of the values of an int tensor; see <see cref="Bincount(NDArray{long}, NDArray{double}, int)"/>.</summary>
    public static NDArray<double> Bincount(NDArray<int> x, NDArray<double> weights, int minlength = 0) => WeightedCounts(x, weights, minlength);

    private static NDArray<long> Counts<TIndex>(NDArray<TIndex> x, int minlength) where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        var xs = BincountInput(x, null, minlength, out int length, out var keep);
        var result = new NDArray<long>([length], "bincount");
        var rs = result.WritableSpan;
        // Two interleaved tables, so that runs of one value do not chain every increment through one memory slot.
        if (xs.Length >= 4 * length)
        {
            var second = new long[length];
            int i = 0;
            for (; i + 1 < xs.Length; i += 2)
            {
                rs[int.CreateTruncating(xs[i])]++;
                second[int.CreateTruncating(xs[i + 1])]++;
            }
            if (i < xs.Length) rs[int.CreateTruncating(xs[i])]++;
            for (int v = 0; v < length; v++) rs[v] += second[v];
        }
        else foreach (var v in xs) rs[int.CreateTruncating(v)]++;
        GC.KeepAlive(keep);
        return result;
    }

    private static NDArray<double> WeightedCounts<TIndex>(NDArray<TIndex> x, NDArray<double> weights, int minlength) where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        ArgumentNullException.ThrowIfNull(weights);
        var xs = BincountInput(x, weights, minlength, out int length, out var keep);
        var ws = weights.Contiguous().ContiguousSpan;
        var result = new NDArray<double>([length], "bincount");
        var rs = result.WritableSpan;
        for (int i = 0; i < xs.Length; i++) rs[int.CreateTruncating(xs[i])] += ws[i];
        GC.KeepAlive(keep);
        return result;
    }

    /// <summary>Checks x (1-d, non-negative; one vectorised min/max pass) and gives its values and the result's length.</summary>
    private static ReadOnlySpan<TIndex> BincountInput<TIndex>(NDArray<TIndex> x, NDArray<double>? weights, int minlength, out int length, out NDArray<TIndex> keep)
        where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 1) ThrowHelper.Argument("bincount", nameof(x), $"needs a 1-d tensor of non-negative integers, got shape {x.Shape}");
        if (minlength < 0) ThrowHelper.Argument("bincount", nameof(minlength), $"minlength must be non-negative, got {minlength}");
        if (weights is not null && weights.Shape != x.Shape)
            ThrowHelper.Argument("bincount", nameof(weights), $"the weights' shape {weights.Shape} differs from x's {x.Shape}");
        keep = x.Contiguous();
        var xs = keep.ContiguousSpan;
        long max = -1;
        if (!xs.IsEmpty)
        {
            long min = long.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.Min(xs));
            if (min < 0)
            {
                int at = 0;
                while (xs[at] >= TIndex.Zero) at++;
                ThrowHelper.Argument("bincount", nameof(x), $"x[{at}] = {xs[at]} is negative; bincount counts the values 0, 1, 2, ...");
            }
            max = long.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.Max(xs));
        }
        if (max >= Array.MaxLength) ThrowHelper.Argument("bincount", nameof(x), $"the largest value {max} would need more bins than one array holds");
        length = (int)Math.Max(max + 1, minlength);
        return xs;
    }

    /// <summary>
    /// NumPy's <c>histogram</c> with <paramref name="bins"/> equal-width bins over <paramref name="range"/> (by default
    /// [min, max] of the data; a degenerate one widens by 0.5 on each side). Every bin is half-open [e_i, e_i+1) except the
    /// last, which includes its right edge; values outside the range are not counted. Returns the counts (long) and the
    /// bins + 1 edges (NumPy's linspace). O(n) after one min/max pass.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="bins"/> is not positive, the range is not finite or has
    /// low &gt; high, or (no range) the data holds NaN or infinity.</exception>
    public static (NDArray<long> Counts, NDArray<T> Edges) Histogram<T>(NDArray<T> a, int bins = 10, (T Low, T High)? range = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (bins <= 0) ThrowHelper.Argument("histogram", nameof(bins), $"the number of bins must be positive, got {bins}");
        var x = a.Ravel().Contiguous().ContiguousSpan;
        T first, last;
        if (range is { } r) (first, last) = r;
        else if (x.IsEmpty) (first, last) = (T.Zero, T.One);
        else
        {
            first = System.Numerics.Tensors.TensorPrimitives.Min(x);
            last = System.Numerics.Tensors.TensorPrimitives.Max(x);
            if (!T.IsFinite(first) || !T.IsFinite(last))
                ThrowHelper.Argument("histogram", nameof(a), $"autodetected range of [{first}, {last}] is not finite; pass a range or remove NaN and infinity");
        }
        if (!T.IsFinite(first) || !T.IsFinite(last)) ThrowHelper.Argument("histogram", nameof(range), $"the range [{first}, {last}] is not finite");
        if (first > last) ThrowHelper.Argument("histogram", nameof(range), $"max must be larger than min in range parameter, got [{first}, {last}]");
        if (first == last) { first -= T.CreateTruncating(0.5); last += T.CreateTruncating(0.5); }
        var edges = Linspace(first, last, bins + 1);
        var e = edges.ContiguousSpan;
        var counts = new NDArray<long>([bins], "histogram");
        var cs = counts.WritableSpan;
        T norm = last - first, n = T.CreateTruncating(bins);
        foreach (T v in x)
        {
            if (!(v >= first && v <= last)) continue; // NaN and out-of-range values are not counted
            // NumPy's index computation, then its corrections against the edges themselves.
            int i = int.CreateTruncating((v - first) / norm * n);
            if (i == bins) i--;
            if (v < e[i]) i--;
            else if (i != bins - 1 && v >= e[i + 1]) i++;
            cs[i]++;
        }
        return (counts, edges);
    }

    /// <summary>
    /// NumPy's <c>histogram</c> with explicit, increasing bin <paramref name="edges"/>: counts of values in
    /// [e_i, e_i+1), the last bin closed [e_n-1, e_n]. O(n log bins).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 edges, edges not 1-d, or not monotonically increasing.</exception>
    public static NDArray<long> Histogram<T>(NDArray<T> a, NDArray<T> edges) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Rank != 1 || edges.Size < 2) ThrowHelper.Argument("histogram", nameof(edges), $"needs a 1-d tensor of at least 2 edges, got shape {edges.Shape}");
        var e = edges.Contiguous().ContiguousSpan;
        for (int i = 1; i < e.Length; i++)
            if (!(e[i] >= e[i - 1])) ThrowHelper.Argument("histogram", nameof(edges), $"bins must increase monotonically: edge {i} ({e[i]}) is below edge {i - 1} ({e[i - 1]})");
        int bins = e.Length - 1;
        var counts = new NDArray<long>([bins], "histogram");
        var cs = counts.WritableSpan;
        T lo = e[0], hi = e[^1];
        foreach (T v in a.Ravel().Contiguous().ContiguousSpan)
        {
            if (!(v >= lo && v <= hi)) continue;
            int i = v == hi ? bins - 1 : NanLastOrder.Search(e, v, right: true) - 1;
            cs[i]++;
        }
        return counts;
    }

    /// <summary>A histogram of an int tensor, with double edges as NumPy gives; see <see cref="Histogram{T}(NDArray{T}, int, ValueTuple{T, T}?)"/>.</summary>
    public static (NDArray<long> Counts, NDArray<double> Edges) Histogram(NDArray<int> a, int bins = 10, (double Low, double High)? range = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Histogram(a.AsType<double>(), bins, range);
    }

    /// <summary>A histogram of a long tensor, with double edges as NumPy gives; see <see cref="Histogram{T}(NDArray{T}, int, ValueTuple{T, T}?)"/>.</summary>
    public static (NDArray<long> Counts, NDArray<double> Edges) Histogram(NDArray<long> a, int bins = 10, (double Low, double High)? range = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Histogram(a.AsType<double>(), bins, range);
    }
}
