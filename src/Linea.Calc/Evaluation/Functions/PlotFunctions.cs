namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string Plots = "plots";

    /// <summary>The most values one plot takes: the points of a line over ascending x (or over 0, 1, ...), heatmap cells, histogram values (each draws in well under a second).</summary>
    public const int MaxPlotPoints = 1_000_000;

    /// <summary>The most points of a scatter plot or of a line whose x is not ascending (every point is drawn: about 2 s at this size).</summary>
    public const int MaxDrawnPoints = 100_000;

    /// <summary>The most histogram bins.</summary>
    public const int MaxPlotBins = 10_000;

    /// <summary>Heatmaps with at most this many cells write their values in the cells unless told otherwise.</summary>
    public const int AnnotateCellsByDefault = 100;

    private static void AddPlotFunctions(List<FunctionInfo> list)
    {
        list.Add(F("plot", Plots, "plot(y) | plot(x, y, title=None)",
            "a line plot of y against 0, 1, ... or against x (a matrix y draws one line per column); the CLI writes it to a PNG, the web page shows it",
            "plot(arange(1, 11))", ["x", "y"], 1, PlotLine) with { KeywordOnly = ["title"] });
        list.Add(F("scatter", Plots, "scatter(x, y, labels=None, title=None)",
            "a scatter plot of the points (x[i], y[i]), coloured by integer class labels when given (PCA scores by species)",
            "scatter([1, 2, 3], [3, 1, 2])", ["x", "y", "labels"], 2, PlotScatter) with { KeywordOnly = ["title"] });
        list.Add(F("heatmap", Plots, "heatmap(A, annotate=None, title=None)",
            $"a matrix as coloured cells with a colour bar, row 0 on top; annotate=1 writes the values in the cells (the default for at most {AnnotateCellsByDefault} cells)",
            "heatmap([[5, 1], [2, 7]])", ["A", "annotate"], 1, PlotHeatmap) with { KeywordOnly = ["title"] });
        list.Add(F("hist", Plots, "hist(x, bins=10, title=None)",
            "a histogram of x in equal bins from min(x) to max(x), counted as numpy.histogram counts",
            "hist(randn(1000), 20)", ["x", "bins"], 1, PlotHistogram) with { KeywordOnly = ["title"] });
    }

    private static Value PlotLine(CallArgs a)
    {
        bool hasX = a.Has("y");
        var y = PlotArray(a, hasX ? "y" : "x", allowMatrix: true);
        NDArray<double>? x = null;
        if (hasX)
        {
            x = PlotArray(a, "x", allowMatrix: false);
            if (x.Size != y.Shape[0])
                throw new CalcShapeException($"plot: x has {x.Size} elements and y has {y.Shape[0]} {(y.Rank == 2 ? "rows" : "elements")}; they must agree")
                { Hint = a.Usage };
        }
        if (x is not null && x.Size > MaxDrawnPoints && !Ascending(x))
            throw new CalcLimitException($"plot: a line of {x.Size:#,0} points whose x is not ascending is too long to draw (at most {MaxDrawnPoints:#,0})")
            { Hint = "sort the points by x, or plot fewer of them" };
        return new PlotValue(PlotKind.Line, y) { X = x, Title = Title(a) };
    }

    private static Value PlotScatter(CallArgs a)
    {
        var x = PlotArray(a, "x", allowMatrix: false);
        var y = PlotArray(a, "y", allowMatrix: false);
        if (x.Size > MaxDrawnPoints)
            throw new CalcLimitException($"scatter: {x.Size:#,0} points are too many to draw (at most {MaxDrawnPoints:#,0})") { Hint = "plot a sample of the points" };
        if (x.Size != y.Size)
            throw new CalcShapeException($"scatter: x has {x.Size} elements and y has {y.Size}; they must have the same length") { Hint = a.Usage };
        int[]? labels = null;
        if (a.Has("labels"))
        {
            var l = PlotArray(a, "labels", allowMatrix: false);
            if (l.Size != x.Size)
                throw new CalcShapeException($"scatter: labels has {l.Size} elements and x has {x.Size}; give one label per point") { Hint = a.Usage };
            labels = new int[l.Size];
            for (int i = 0; i < labels.Length; i++)
            {
                double v = l[i];
                if (v < 0 || v != Math.Floor(v) || v > 1000)
                    throw new CalcTypeException($"scatter: labels must be class numbers 0, 1, 2, ... (at most 1000), got {v} at element {i}") { Hint = a.Usage };
                labels[i] = (int)v;
            }
        }
        return new PlotValue(PlotKind.Scatter, y) { X = x, Labels = labels, Title = Title(a) };
    }

    private static Value PlotHeatmap(CallArgs a)
    {
        var m = a.NDArray("A");
        if (m.Rank != 2)
            throw new CalcShapeException($"heatmap: needs a matrix (2-d), got {(m.Rank == 0 ? "a scalar" : $"shape {m.Shape}")}")
            { Hint = m.Rank == 1 ? "reshape a vector into a matrix, e.g. reshape(v, 1, -1)" : a.Usage };
        CheckPlotData(a, "A", m);
        bool annotate = a.Bool("annotate", m.Size <= AnnotateCellsByDefault);
        if (annotate && m.Size > 900)
            throw new CalcTypeException($"heatmap: a {m.Shape} matrix has too many cells to annotate (at most 900)") { Hint = "heatmap(A, 0)" };
        return new PlotValue(PlotKind.Heatmap, m) { Annotate = annotate, Title = Title(a) };
    }

    private static Value PlotHistogram(CallArgs a)
    {
        var x = PlotArray(a, "x", allowMatrix: false);
        int bins = a.Int("bins", 10);
        if (bins is < 1 or > MaxPlotBins)
            throw new CalcTypeException($"hist: bins must be 1 to {MaxPlotBins}, got {bins}") { Hint = a.Usage };
        return new PlotValue(PlotKind.Histogram, x) { Bins = bins, Title = Title(a) };
    }

    private static bool Ascending(NDArray<double> x)
    {
        for (long i = 1; i < x.Size; i++)
            if (x[i] < x[i - 1]) return false;
        return true;
    }

    private static string? Title(CallArgs a) => a.Has("title") ? a.String("title") : null;

    /// <summary>A plot's data as float64: 1-d (a row or column matrix is read as a vector), or 2-d when allowed; non-empty, finite, within the point limit.</summary>
    private static NDArray<double> PlotArray(CallArgs a, string name, bool allowMatrix)
    {
        var t = a.NDArray(name);
        if (t.Rank == 0) t = t.Reshape(1);
        else if (t.Rank == 2 && (t.Shape[0] == 1 || t.Shape[1] == 1)) t = t.Contiguous().Reshape(t.Size);
        else if (t.Rank != 1 && !(allowMatrix && t.Rank == 2))
            throw new CalcShapeException($"{a.Function.Name}: {name} must be a vector{(allowMatrix ? " or a matrix (one line per column)" : "")}, got shape {t.Shape}")
            { Hint = a.Usage };
        CheckPlotData(a, name, t);
        return t;
    }

    private static void CheckPlotData(CallArgs a, string name, NDArray<double> t)
    {
        string fn = a.Function.Name;
        if (t.Size == 0) throw new CalcShapeException($"{fn}: {name} is empty (shape {t.Shape}); there is nothing to plot");
        if (t.Size > MaxPlotPoints)
            throw new CalcLimitException($"{fn}: {name} has {t.Size:#,0} elements; a plot takes at most {MaxPlotPoints:#,0}");
        long i = NDArray.IndexOfNonFinite(t);
        if (i >= 0)
        {
            var index = NDArray.UnravelIndex(i, t.Shape);
            double v = t[index];
            string what = double.IsNaN(v) ? "NaN" : v > 0 ? "inf" : "-inf";
            string where = t.Rank == 2 ? $"row {index[0]}, column {index[1]}" : $"element {i}";
            throw new CalcMathException($"{fn}: {name} holds {what} at {where}; plots need finite numbers");
        }
    }
}
