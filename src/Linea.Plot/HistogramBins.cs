namespace Linea.Plot;

/// <summary>
/// Equal-width histogram bins as <c>numpy.histogram(a, bins)</c> makes them: <c>bins</c> intervals from the minimum to
/// the maximum of the data (half-open <c>[e_i, e_{i+1})</c>, the last one closed); when every value is equal the range
/// is widened to value +- 0.5.
/// </summary>
/// <param name="Counts">How many values fall in each bin (length <c>bins</c>).</param>
/// <param name="Edges">The bin edges (length <c>bins + 1</c>), ascending.</param>
public sealed record HistogramBins(long[] Counts, double[] Edges)
{
    /// <summary>The largest number of bins accepted (a histogram with more bars than pixels says nothing more).</summary>
    public const int MaxBins = 10_000;

    /// <summary>
    /// Bins <paramref name="values"/> (a 1-d array) into <paramref name="bins"/> equal intervals. O(n) time, O(bins)
    /// memory besides a copy of the data. Throws <see cref="ArgumentException"/> for empty data or a NaN or infinity
    /// (naming the element), <see cref="ArgumentOutOfRangeException"/> for bins outside 1 to <see cref="MaxBins"/>.
    /// </summary>
    public static HistogramBins Compute<T>(NDArray<T> values, int bins = 10) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireBins(bins);
        return Compute(PlotData.Vector("histogram", nameof(values), values), bins);
    }

    internal static void RequireBins(int bins)
    {
        if (bins is < 1 or > MaxBins)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, $"histogram: bins must be 1 to {MaxBins}, got {bins}");
    }

    internal static HistogramBins Compute(double[] data, int bins)
    {
        double lo = data.Min(), hi = data.Max();
        if (lo == hi) { lo -= 0.5; hi += 0.5; }
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) edges[i] = lo + (hi - lo) * i / bins;
        edges[bins] = hi;
        var counts = new long[bins];
        double scale = bins / (hi - lo);
        foreach (double v in data)
        {
            int k = Math.Clamp((int)((v - lo) * scale), 0, bins - 1);
            // the scaled index can be one off next to an edge; the edges decide, as numpy's do
            if (v < edges[k]) k--;
            else if (k < bins - 1 && v >= edges[k + 1]) k++;
            counts[k]++;
        }
        return new HistogramBins(counts, edges);
    }
}
