using System.Buffers.Binary;
using System.Text.Json;
using SkiaSharp;

namespace Linea.Cli.Tests;

/// <summary>Displayed plots are written as PNG files (plot-1.png, ...) and their paths printed.</summary>
public sealed class PlotCommandLineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "linea-cli-plots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static void AssertDecodablePng(string path, int width, int height)
    {
        var png = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal((width, height), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void Each_displayed_plot_is_written_and_its_path_printed()
    {
        var (exit, output, error) = Cli.Run(["--plot-dir", _dir, "-e", "p = hist([1, 2, 2, 3], 3)\nplot(arange(1, 11))\nheatmap([[1, 2], [3, 4]], title='A')\np"]);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        string one = Path.Combine(_dir, "plot-1.png"), two = Path.Combine(_dir, "plot-2.png"), three = Path.Combine(_dir, "plot-3.png");
        Assert.Equal($"""
            a line plot of 10 points, saved to {one}
            a heatmap of a (2, 2) matrix "A", saved to {two}
            a histogram of 4 values in 3 bins, saved to {three}

            """.ReplaceLineEndings("\n"), output);
        foreach (var f in new[] { one, two, three }) AssertDecodablePng(f, 800, 600);
        // the assignment drew nothing
        Assert.Equal(3, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public void Json_output_names_the_file()
    {
        var (exit, output, _) = Cli.Run(["--json", "--plot-dir", _dir, "-e", "scatter([1, 2, 3], [3, 1, 2], [0, 1, 1])"]);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("scatter", json.RootElement.GetProperty("kind").GetString());
        string file = json.RootElement.GetProperty("file").GetString()!;
        Assert.Equal(Path.Combine(_dir, "plot-1.png"), file);
        AssertDecodablePng(file, 800, 600);
        Assert.False(json.RootElement.TryGetProperty("image", out _), "the command line writes a file, not a data URI");
    }

    [Fact]
    public void A_plot_that_cannot_be_written_is_a_warning_not_a_lost_result()
    {
        Directory.CreateDirectory(_dir);
        string blocker = Path.Combine(_dir, "not-a-directory");
        File.WriteAllText(blocker, "x");
        var (exit, output, _) = Cli.Run(["--plot-dir", blocker, "-e", "plot([1, 2])\n1 + 1"]);
        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        Assert.Equal("a line plot of 2 points", lines[0]);
        Assert.StartsWith($"warning: the plot could not be written to {Path.Combine(blocker, "plot-1.png")}", lines[1]);
        Assert.Equal("2", lines[2]);
    }

    [Fact]
    public void Bad_plot_data_is_an_evaluation_error()
    {
        var (exit, _, error) = Cli.Run(["--plot-dir", _dir, "-e", "plot([1, nan])"]);
        Assert.Equal(1, exit);
        Assert.Contains("plot: x holds NaN at element 1", error);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void Help_lists_the_plot_functions_and_the_option()
    {
        var (_, help, _) = Cli.Run(["--help"]);
        Assert.Contains("--plot-dir", help);
        Assert.Contains("plots: plot scatter heatmap hist", Repl.Help.Overview());
    }
}
