using Linea.Calc;
using Linea.Calc.Evaluation;
using Linea.Web.Plots;

namespace Linea.Cli.Output;

/// <summary>
/// Writes each displayed plot (the value of <c>plot</c>, <c>scatter</c>, <c>heatmap</c>, <c>hist</c> shown as a
/// statement's result) to <c>plot-1.png</c>, <c>plot-2.png</c>, ... in <see cref="Directory"/>, counting from 1 for
/// each run of a program and across the entries of one REPL session (a file of the same name is replaced). The
/// result then names the file, and the text and JSON output print its full path.
/// </summary>
internal sealed class PlotFiles(string directory)
{
    /// <summary>The size of the PNG files, in pixels.</summary>
    public const int Width = Linea.Plot.Figure.DefaultWidth, Height = Linea.Plot.Figure.DefaultHeight;

    private int _written;

    /// <summary>Where the files go (absolute).</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Files in the current directory.</summary>
    public static PlotFiles InCurrentDirectory() => new(System.IO.Directory.GetCurrentDirectory());

    /// <summary>
    /// <paramref name="result"/> with its plot written and <see cref="PlotValue.File"/> set; other results unchanged.
    /// A file that cannot be written (or a plot that cannot be drawn) becomes a warning on the result.
    /// </summary>
    public StatementResult Write(StatementResult result)
    {
        if (result.Kind != ResultKind.Value || result.Value is not PlotValue plot) return result;
        string path = Path.Combine(Directory, $"plot-{_written + 1}.png");
        try
        {
            var png = PlotRenderer.ToPng(plot, Width, Height);
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllBytes(path, png);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException
            or DllNotFoundException or TypeInitializationException)
        {
            return result with { Warnings = [.. result.Warnings, $"the plot could not be written to {path}: {e.Message}"] };
        }
        _written++;
        return result with { Value = plot with { File = path } };
    }

    /// <summary>Every result through <see cref="Write(StatementResult)"/>, in order.</summary>
    public IReadOnlyList<StatementResult> Write(IReadOnlyList<StatementResult> results) => results.Select(Write).ToList();
}
