using System.Globalization;
using ScottPlot;

namespace Linea.Plot;

public sealed partial class Figure
{
    /// <summary>The most cells a heatmap annotates with their values (30 x 30).</summary>
    public const int MaxAnnotatedCells = 900;

    /// <summary>
    /// Adds <paramref name="matrix"/> (2-d, non-empty, finite) as coloured cells (matplotlib's <c>imshow</c>; viridis,
    /// low dark, high yellow) with a colour bar, row 0 at the top and column 0 at the left; cell (i, j) is centred at
    /// x = j, y = rows - 1 - i, and the axes are labelled with row and column numbers. With <paramref name="annotate"/>
    /// each cell shows its value (for confusion matrices; at most <see cref="MaxAnnotatedCells"/> cells). O(rows * columns).
    /// Throws <see cref="ArgumentException"/> for a matrix that is not 2-d, is empty, holds NaN or infinity (naming the
    /// row and column) or is too large to annotate.
    /// </summary>
    public Figure Heatmap<T>(NDArray<T> matrix, bool annotate = false, string? colorbarLabel = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = PlotData.Matrix("heatmap", nameof(matrix), matrix);
        int rows = data.GetLength(0), columns = data.GetLength(1);
        if (annotate && (long)rows * columns > MaxAnnotatedCells)
            throw new ArgumentException($"heatmap: a {rows} x {columns} matrix has too many cells to annotate (at most {MaxAnnotatedCells}); pass annotate: false", nameof(annotate));
        var heatmap = _plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Rectangle = new CoordinateRect(-0.5, columns - 0.5, -0.5, rows - 0.5);
        var bar = _plot.Add.ColorBar(heatmap);
        if (!string.IsNullOrEmpty(colorbarLabel)) bar.Label = colorbarLabel;
        _plot.Axes.Bottom.TickGenerator = IndexTicks(columns, i => i);
        _plot.Axes.Left.TickGenerator = IndexTicks(rows, i => rows - 1 - i);
        _plot.Axes.Margins(0, 0);
        if (annotate) Annotate(data);
        Added(null);
        return this;
    }

    /// <summary>The data coordinates of the centre of heatmap cell (<paramref name="row"/>, <paramref name="column"/>) of a matrix with <paramref name="rows"/> rows.</summary>
    internal static (double X, double Y) CellCenter(int rows, int row, int column) => (column, rows - 1 - row);

    private void Annotate(double[,] data)
    {
        int rows = data.GetLength(0), columns = data.GetLength(1);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        bool integers = true;
        foreach (double v in data)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            integers &= v == Math.Round(v) && Math.Abs(v) < 1e15;
        }
        float fontSize = Math.Clamp(240f / Math.Max(rows, columns), 8, 18);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                double v = data[i, j];
                var (x, y) = CellCenter(rows, i, j);
                var text = _plot.Add.Text(integers ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("G3", CultureInfo.InvariantCulture), x, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = fontSize;
                // viridis is dark at the low end and light at the high end
                double t = max > min ? (v - min) / (max - min) : 0;
                text.LabelFontColor = t < 0.6 ? Colors.White : Colors.Black;
            }
    }

    private static ScottPlot.TickGenerators.NumericManual IndexTicks(int count, Func<int, int> positionOf)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        int step = Math.Max(1, (int)Math.Ceiling(count / 12.0));
        for (int i = 0; i < count; i += step)
            ticks.AddMajor(positionOf(i), i.ToString(CultureInfo.InvariantCulture));
        return ticks;
    }
}
