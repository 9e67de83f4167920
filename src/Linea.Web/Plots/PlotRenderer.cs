using Linea.Calc.Evaluation;
using Linea.Plot;

namespace Linea.Web.Plots;

/// <summary>
/// Draws the calculator's <see cref="PlotValue"/> with Linea.Plot: the bridge both hosts use (the web server embeds
/// the PNG as a data URI, the <c>linea</c> command writes a file), so Linea.Calc itself stays free of drawing code.
/// Rendering takes time and memory proportional to the pixels plus the points (at most
/// <see cref="FunctionLibrary.MaxPlotPoints"/>, checked when the value was made).
/// </summary>
public static class PlotRenderer
{
    /// <summary>The width of a PNG the web page shows, in pixels.</summary>
    public const int WebWidth = 640;

    /// <summary>The height of a PNG the web page shows, in pixels.</summary>
    public const int WebHeight = 480;

    /// <summary>
    /// The figure of <paramref name="plot"/>: lines (one per column of a matrix y), scatter points (one colour per
    /// label), an annotated or plain heatmap with a colour bar, or a histogram; with the title and axis labels. The
    /// caller disposes it. Throws <see cref="ArgumentException"/> only for data the calculator would not have made.
    /// </summary>
    public static Figure ToFigure(PlotValue plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var fig = new Figure { Title = plot.Title };
        switch (plot.Kind)
        {
            case PlotKind.Line when plot.Data.Rank == 2:
                for (int j = 0; j < plot.Data.Shape[1]; j++)
                {
                    var column = plot.Data[.., j].Contiguous();
                    string label = $"column {j}";
                    if (plot.X is { } x) fig.Line(x, column, label);
                    else fig.Line(column, label);
                }
                fig.XLabel = plot.X is null ? "index" : "x";
                break;
            case PlotKind.Line:
                if (plot.X is { } lx) fig.Line(lx, plot.Data);
                else fig.Line(plot.Data);
                fig.XLabel = plot.X is null ? "index" : "x";
                fig.YLabel = "y";
                break;
            case PlotKind.Scatter:
                var sx = plot.X ?? throw new ArgumentException("scatter: the plot has no x", nameof(plot));
                if (plot.Labels is { } labels) fig.Scatter(sx, plot.Data, labels);
                else fig.Scatter(sx, plot.Data);
                fig.XLabel = "x";
                fig.YLabel = "y";
                break;
            case PlotKind.Heatmap:
                fig.Heatmap(plot.Data, plot.Annotate);
                fig.XLabel = "column";
                fig.YLabel = "row";
                break;
            default:
                fig.Histogram(plot.Data, plot.Bins);
                fig.XLabel = "value";
                fig.YLabel = "count";
                break;
        }
        return fig;
    }

    /// <summary>The plot as PNG bytes (see <see cref="ToFigure"/>).</summary>
    public static byte[] ToPng(PlotValue plot, int width = WebWidth, int height = WebHeight)
    {
        using var fig = ToFigure(plot);
        return fig.ToPngBytes(width, height);
    }

    /// <summary>The plot as a <c>data:image/png;base64,...</c> URI, about 4/3 of the PNG's size.</summary>
    public static string ToDataUri(PlotValue plot, int width = WebWidth, int height = WebHeight) =>
        "data:image/png;base64," + Convert.ToBase64String(ToPng(plot, width, height));
}
