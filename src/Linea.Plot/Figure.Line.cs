namespace Linea.Plot;

public sealed partial class Figure
{
    /// <summary>The width of lines, in pixels.</summary>
    public const float LineWidth = 2;

    /// <summary>
    /// Adds <paramref name="y"/> against its index 0, 1, ..., n-1 as a line (training curves, spectra, singular values;
    /// matplotlib's <c>plot(y)</c>). <paramref name="y"/> is 1-d, non-empty, finite. O(n). Throws <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public Figure Line<T>(NDArray<T> y, string? label = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ys = PlotData.Vector("line", nameof(y), y);
        AddLine(Enumerable.Range(0, ys.Length).Select(i => (double)i).ToArray(), ys, label);
        return this;
    }

    /// <summary>
    /// Adds the line through (<paramref name="x"/>[i], <paramref name="y"/>[i]) in the given order (matplotlib's
    /// <c>plot(x, y)</c>). Both 1-d of equal length n &gt; 0, finite. O(n). Throws <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public Figure Line<T>(NDArray<T> x, NDArray<T> y, string? label = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = PlotData.Vector("line", nameof(x), x);
        var ys = PlotData.Vector("line", nameof(y), y);
        PlotData.SameLength("line", xs, ys);
        AddLine(xs, ys, label);
        return this;
    }

    private void AddLine(double[] xs, double[] ys, string? label)
    {
        var line = _plot.Add.ScatterLine(xs, ys, NextColor());
        line.LineWidth = LineWidth;
        // a single point has no segment to draw: mark it
        if (xs.Length == 1) line.MarkerSize = ScatterMarkerSize;
        if (!string.IsNullOrEmpty(label)) line.LegendText = label;
        Added(label);
    }
}
