namespace Linea.Plot;

public sealed partial class Figure
{
    /// <summary>The marker size of scatter points, in pixels.</summary>
    public const float ScatterMarkerSize = 7;

    /// <summary>
    /// Adds points (<paramref name="x"/>[i], <paramref name="y"/>[i]) as markers (matplotlib's <c>scatter</c>), in one
    /// colour with an optional legend <paramref name="label"/>. Both are 1-d of equal length n &gt; 0, finite. O(n).
    /// Throws <see cref="ArgumentException"/> otherwise, naming the array and element.
    /// </summary>
    public Figure Scatter<T>(NDArray<T> x, NDArray<T> y, string? label = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = PlotData.Vector("scatter", nameof(x), x);
        var ys = PlotData.Vector("scatter", nameof(y), y);
        PlotData.SameLength("scatter", xs, ys);
        AddPoints(xs, ys, label);
        return this;
    }

    /// <summary>
    /// Adds points coloured by class (PCA scores by species, embeddings by cluster): one colour and one legend entry
    /// per distinct value of <paramref name="labels"/> (n integers), named by <paramref name="labelNames"/>[label] when
    /// given, else by the number. O(n log n). Throws <see cref="ArgumentException"/> for lengths that differ, a
    /// negative label, or a label without a name.
    /// </summary>
    public Figure Scatter<T>(NDArray<T> x, NDArray<T> y, IReadOnlyList<int> labels, IReadOnlyList<string>? labelNames = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(labels);
        var xs = PlotData.Vector("scatter", nameof(x), x);
        var ys = PlotData.Vector("scatter", nameof(y), y);
        PlotData.SameLength("scatter", xs, ys);
        if (labels.Count != xs.Length)
            throw new ArgumentException($"scatter: 'labels' has {labels.Count} elements and 'x' has {xs.Length}; they must have the same length", nameof(labels));
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0)
                throw new ArgumentException($"scatter: 'labels' holds {labels[i]} at element {i}; labels are class numbers 0, 1, 2, ...", nameof(labels));
            if (labelNames is not null && labels[i] >= labelNames.Count)
                throw new ArgumentException($"scatter: label {labels[i]} (element {i}) has no name; 'labelNames' has {labelNames.Count}", nameof(labelNames));
        }
        foreach (int k in labels.Distinct().Order())
        {
            var rows = Enumerable.Range(0, xs.Length).Where(i => labels[i] == k).ToArray();
            AddPoints(rows.Select(i => xs[i]).ToArray(), rows.Select(i => ys[i]).ToArray(),
                labelNames is null ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : labelNames[k]);
        }
        return this;
    }

    private void AddPoints(double[] xs, double[] ys, string? label)
    {
        var points = _plot.Add.ScatterPoints(xs, ys, NextColor());
        points.MarkerSize = ScatterMarkerSize;
        if (!string.IsNullOrEmpty(label)) points.LegendText = label;
        Added(label);
    }
}
