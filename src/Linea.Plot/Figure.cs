using ScottPlot;

namespace Linea.Plot;

/// <summary>
/// One figure with matplotlib's vocabulary: add series (<see cref="Scatter{T}(NDArray{T}, NDArray{T}, string?)"/>,
/// <see cref="Line{T}(NDArray{T}, string?)"/>, <see cref="Heatmap{T}(NDArray{T}, bool, string?)"/>,
/// <see cref="Histogram{T}(NDArray{T}, int, string?)"/>), set <see cref="Title"/>, <see cref="XLabel"/> and
/// <see cref="YLabel"/>, then write it with <see cref="SavePng"/>, <see cref="SaveSvg"/> or <see cref="ToPngBytes"/>.
/// Drawn by ScottPlot 5 on SkiaSharp; axis limits are chosen to contain every series. Each add copies its data
/// (O(n) memory) and checks it first: empty data, mismatched lengths and NaN or infinite values (naming the element)
/// throw <see cref="ArgumentException"/>. Not thread-safe; render a figure from one thread at a time. Dispose it to
/// release the native drawing resources at once (the finalizers release them otherwise).
/// </summary>
/// <example>
/// <code>
/// using var fig = new Figure { Title = "training loss", XLabel = "epoch", YLabel = "loss" };
/// fig.Line(losses, label: "train").Line(validationLosses, label: "validation");
/// fig.SavePng("loss.png");
/// </code>
/// </example>
public sealed partial class Figure : IDisposable
{
    /// <summary>The default width of a rendered figure, in pixels.</summary>
    public const int DefaultWidth = 800;

    /// <summary>The default height of a rendered figure, in pixels.</summary>
    public const int DefaultHeight = 600;

    private readonly ScottPlot.Plot _plot = new();
    private bool _hasLegendItems;
    private bool _rendered;
    private int _colorIndex;

    /// <summary>The title above the axes, or null for none.</summary>
    public string? Title { get; set; }

    /// <summary>The label under the horizontal axis, or null for none.</summary>
    public string? XLabel { get; set; }

    /// <summary>The label beside the vertical axis, or null for none.</summary>
    public string? YLabel { get; set; }

    /// <summary>Whether the legend is drawn (default: when some series has a label).</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>How many series (scatter groups, lines, heatmaps, histograms) the figure holds.</summary>
    public int SeriesCount { get; private set; }

    /// <summary>
    /// The figure as PNG bytes of <paramref name="width"/> x <paramref name="height"/> pixels. O(width * height) memory
    /// plus the series' drawing time. Throws <see cref="ArgumentOutOfRangeException"/> for a side outside 1 to 16384
    /// and <see cref="InvalidOperationException"/> for a figure without series.
    /// </summary>
    public byte[] ToPngBytes(int width = DefaultWidth, int height = DefaultHeight)
    {
        Prepare(width, height);
        var bytes = _plot.GetImageBytes(width, height, ImageFormat.Png);
        _rendered = true;
        return bytes;
    }

    /// <summary>Writes the figure as a PNG file (see <see cref="ToPngBytes"/>); returns the full path written.</summary>
    public string SavePng(string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = ToPngBytes(width, height);
        string full = Path.GetFullPath(path);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>
    /// The figure as an SVG document of <paramref name="width"/> x <paramref name="height"/> units. Same errors as
    /// <see cref="ToPngBytes"/>.
    /// </summary>
    public string ToSvg(int width = DefaultWidth, int height = DefaultHeight)
    {
        Prepare(width, height);
        var svg = _plot.GetSvgXml(width, height);
        _rendered = true;
        return svg;
    }

    /// <summary>Writes the figure as an SVG file (see <see cref="ToSvg"/>); returns the full path written.</summary>
    public string SaveSvg(string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        File.WriteAllText(full, ToSvg(width, height));
        return full;
    }

    /// <summary>
    /// The axis limits of the last rendering (rendering once at the default size when the figure has not been drawn):
    /// the data ranges ScottPlot chose, with its margins.
    /// </summary>
    public AxisRange Limits
    {
        get
        {
            if (!_rendered) ToPngBytes();
            var l = _plot.Axes.GetLimits();
            return new AxisRange(l.Left, l.Right, l.Bottom, l.Top);
        }
    }

    /// <summary>The pixel of data coordinates (<paramref name="x"/>, <paramref name="y"/>) in the last rendering.</summary>
    internal (float X, float Y) PixelOf(double x, double y)
    {
        if (!_rendered) ToPngBytes();
        var p = _plot.GetPixel(new Coordinates(x, y));
        return (p.X, p.Y);
    }

    /// <summary>Releases ScottPlot's native drawing resources.</summary>
    public void Dispose() => _plot.Dispose();

    private void Prepare(int width, int height)
    {
        PlotData.RequireImageSize(width, height);
        if (SeriesCount == 0)
            throw new InvalidOperationException("figure: nothing to draw; add a series with Scatter, Line, Heatmap or Histogram first");
        _plot.Title(Title ?? "");
        _plot.XLabel(XLabel ?? "");
        _plot.YLabel(YLabel ?? "");
        if (ShowLegend ?? _hasLegendItems) _plot.ShowLegend(Alignment.UpperRight);
        else _plot.HideLegend();
    }

    private void Added(string? label)
    {
        SeriesCount++;
        if (!string.IsNullOrEmpty(label)) _hasLegendItems = true;
    }

    private Color NextColor() => s_palette.GetColor(_colorIndex++);

    private static readonly ScottPlot.Palettes.Category10 s_palette = new();
}

/// <summary>The visible data range of a figure's axes.</summary>
/// <param name="XMin">Left edge, in data units.</param>
/// <param name="XMax">Right edge.</param>
/// <param name="YMin">Bottom edge.</param>
/// <param name="YMax">Top edge.</param>
public readonly record struct AxisRange(double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>Whether the point lies inside the range (edges included).</summary>
    public bool Contains(double x, double y) => x >= XMin && x <= XMax && y >= YMin && y <= YMax;
}
