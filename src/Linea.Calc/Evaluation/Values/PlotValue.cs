namespace Linea.Calc.Evaluation;

/// <summary>What a <see cref="PlotValue"/> draws.</summary>
public enum PlotKind
{
    /// <summary><c>plot(y)</c> / <c>plot(x, y)</c>: lines (one per column of a matrix y).</summary>
    Line,
    /// <summary><c>scatter(x, y)</c> / <c>scatter(x, y, labels)</c>: markers, one colour per label.</summary>
    Scatter,
    /// <summary><c>heatmap(A)</c>: a matrix as coloured cells with a colour bar.</summary>
    Heatmap,
    /// <summary><c>hist(x, bins)</c>: counts of x in equal bins.</summary>
    Histogram,
}

/// <summary>
/// A figure described by its data, as <c>plot</c>, <c>scatter</c>, <c>heatmap</c> and <c>hist</c> return it. The
/// calculator only checks and holds the data (so Linea.Calc does not depend on a drawing library); the host draws
/// it (Linea.Plot): the command line writes a PNG file and sets <see cref="File"/>, the web server embeds a PNG and
/// sets <see cref="Image"/>. The data is checked when the value is made: finite, non-empty, lengths that agree.
/// </summary>
/// <param name="Kind">What is drawn.</param>
/// <param name="Data">y for lines and scatter (1-d; for lines also 2-d, one line per column), the matrix of a heatmap, the values of a histogram.</param>
public sealed record PlotValue(PlotKind Kind, NDArray<double> Data) : Value
{
    /// <summary>x of lines and scatter (1-d, as long as <see cref="Data"/>'s first axis), or null for 0, 1, 2, ...</summary>
    public NDArray<double>? X { get; init; }

    /// <summary>Class labels of scatter points (non-negative integers, one per point), or null.</summary>
    public IReadOnlyList<int>? Labels { get; init; }

    /// <summary>Number of histogram bins.</summary>
    public int Bins { get; init; } = 10;

    /// <summary>Whether a heatmap writes each cell's value in it.</summary>
    public bool Annotate { get; init; }

    /// <summary>The title, or null.</summary>
    public string? Title { get; init; }

    /// <summary>The PNG file the host wrote it to (the command line), or null.</summary>
    public string? File { get; init; }

    /// <summary>The drawing as a <c>data:image/png;base64,...</c> URI (the web server), or null.</summary>
    public string? Image { get; init; }

    /// <summary>The dtype name, "plot".</summary>
    public const string DTypeName = "plot";

    /// <inheritdoc />
    public override string DType => DTypeName;

    /// <summary>"line", "scatter", "heatmap" or "histogram".</summary>
    public string KindName => Kind switch
    {
        PlotKind.Line => "line",
        PlotKind.Scatter => "scatter",
        PlotKind.Heatmap => "heatmap",
        _ => "histogram",
    };

    /// <summary>What is drawn, in words: "a line plot of 10 points", "a heatmap of a (3, 3) matrix".</summary>
    public override string Describe() => Kind switch
    {
        PlotKind.Line when Data.Rank == 2 => $"a line plot of {Data.Shape[1]} lines of {Data.Shape[0]} points",
        PlotKind.Line => $"a line plot of {Data.Size} points",
        PlotKind.Scatter => Labels is null ? $"a scatter plot of {Data.Size} points" : $"a scatter plot of {Data.Size} points in {Labels.Distinct().Count()} classes",
        PlotKind.Heatmap => $"a heatmap of a {Data.Shape} matrix",
        _ => $"a histogram of {Data.Size} values in {Bins} bins",
    };
}
