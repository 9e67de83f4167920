namespace Linea.Plot;

public sealed partial class Figure
{
    /// <summary>The width of lines, in pixels.</summary>
    public const float LineWidth = 2;

    /// <summary>
    /// Adds <paramref name="y"/> against its index 0, 1, ..., n-1 as a line (training curves, spectra, singular values;
    /// matplotlib's <c>plot(y)</c>). <paramref name="y"/> is 1-d, non-empty, finite. O(n) to add and to draw (long lines are
    /// decimated, see <see cref="DecimateLinesAbove"/>). Throws <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public Figure Line<T>(NDArray<T> y, string? label = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ys = PlotData.Vector("line", nameof(y), y);
        AddLine(Enumerable.Range(0, ys.Length).Select(i => (double)i).ToArray(), ys, label);
        return this;
    }

    /// <summary>
    /// Adds the line through (<paramref name="x"/>[i], <paramref name="y"/>[i]) in the given order (matplotlib's
    /// <c>plot(x, y)</c>). Both 1-d of equal length n &gt; 0, finite. O(n); drawing is linear in n (long lines with ascending
    /// x are decimated; others are stroked segment by segment in pieces, about 10 s per million segments). Throws <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public Figure Line<T>(NDArray<T> x, NDArray<T> y, string? label = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = PlotData.Vector("line", nameof(x), x);
        var ys = PlotData.Vector("line", nameof(y), y);
        PlotData.SameLength("line", xs, ys);
        AddLine(xs, ys, label);
        return this;
    }

    /// <summary>Lines longer than this with ascending x are drawn decimated to the pixel columns (ScottPlot's SignalXY: per
    /// column the first, last, lowest and highest point, which looks the same and draws in time linear in n).</summary>
    public const int DecimateLinesAbove = 10_000;

    private void AddLine(double[] xs, double[] ys, string? label)
    {
        var color = NextColor();
        if (xs.Length > DecimateLinesAbove && Ascending(xs))
        {
            var signal = _plot.Add.SignalXY(xs, ys, color);
            signal.LineWidth = LineWidth;
            if (!string.IsNullOrEmpty(label)) signal.LegendText = label;
        }
        else
        {
            // Skia strokes one long self-crossing path in time that grows faster than n: draw pieces of StrokeChunk
            // points (each sharing its first point with the last of the one before), which look the same.
            for (int start = 0; start == 0 || start < xs.Length - 1; start += StrokeChunk - 1)
            {
                int end = Math.Min(xs.Length, start + StrokeChunk);
                var line = _plot.Add.ScatterLine(xs[start..end], ys[start..end], color);
                line.LineWidth = LineWidth;
                // a single point has no segment to draw: mark it
                if (xs.Length == 1) line.MarkerSize = ScatterMarkerSize;
                if (start == 0 && !string.IsNullOrEmpty(label)) line.LegendText = label;
            }
        }
        Added(label);
    }

    /// <summary>Points per stroked piece of a line that is not decimated.</summary>
    private const int StrokeChunk = 1000;

    private static bool Ascending(double[] xs)
    {
        for (int i = 1; i < xs.Length; i++)
            if (xs[i] < xs[i - 1]) return false;
        return true;
    }
}
