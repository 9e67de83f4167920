namespace Linea.Plot;

public sealed partial class Figure
{
    /// <summary>
    /// Adds a histogram of <paramref name="values"/> (1-d, non-empty, finite) in <paramref name="bins"/> equal bins from
    /// the minimum to the maximum, counted as <see cref="HistogramBins.Compute{T}(NDArray{T}, int)"/> (numpy.histogram)
    /// does; one bar per bin. O(n + bins). Throws <see cref="ArgumentException"/> for bad data and
    /// <see cref="ArgumentOutOfRangeException"/> for bins outside 1 to <see cref="HistogramBins.MaxBins"/>.
    /// </summary>
    /// <returns>This figure; the counts are in <see cref="LastHistogram"/>.</returns>
    public Figure Histogram<T>(NDArray<T> values, int bins = 10, string? label = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        HistogramBins.RequireBins(bins);
        var data = PlotData.Vector("histogram", nameof(values), values);
        var h = HistogramBins.Compute(data, bins);
        double width = h.Edges[1] - h.Edges[0];
        var color = NextColor();
        var bars = new List<ScottPlot.Bar>(bins);
        for (int i = 0; i < bins; i++)
            bars.Add(new ScottPlot.Bar
            {
                Position = (h.Edges[i] + h.Edges[i + 1]) / 2,
                Value = h.Counts[i],
                Size = width,
                FillColor = color,
                LineWidth = 0,
            });
        var plot = _plot.Add.Bars(bars);
        if (!string.IsNullOrEmpty(label)) plot.LegendText = label;
        // bars stand on the axis: no margin below zero
        _plot.Axes.Margins(bottom: 0);
        LastHistogram = h;
        Added(label);
        return this;
    }

    /// <summary>The bins of the last histogram added, or null.</summary>
    public HistogramBins? LastHistogram { get; private set; }
}
