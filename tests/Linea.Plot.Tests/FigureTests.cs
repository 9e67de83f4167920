namespace Linea.Plot.Tests;

public sealed class FigureTests
{
    private static NDArray<double> V(params double[] values) => NDArray.FromArray(values);

    [Fact]
    public void Png_has_the_signature_and_the_requested_size()
    {
        using var fig = new Figure { Title = "singular values", XLabel = "index", YLabel = "sigma" };
        fig.Line(V(5, 3, 2, 1, 0.5));
        var png = fig.ToPngBytes(640, 480);
        Assert.Equal((640, 480), PngImage.Size(png));
        Assert.True(png.Length > 2000, $"a drawn figure, not a blank one ({png.Length} bytes)");
    }

    [Fact]
    public void SavePng_and_SaveSvg_write_decodable_files()
    {
        string dir = Path.Combine(Path.GetTempPath(), "linea-plot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            using var fig = new Figure();
            fig.Scatter(V(1, 2, 3), V(3, 1, 2), label: "points");
            string png = fig.SavePng(Path.Combine(dir, "a.png"), 300, 200);
            Assert.Equal((300, 200), PngImage.Size(File.ReadAllBytes(png)));
            using (var bitmap = SkiaSharp.SKBitmap.Decode(png)) Assert.Equal((300, 200), (bitmap.Width, bitmap.Height));
            string svg = File.ReadAllText(fig.SaveSvg(Path.Combine(dir, "a.svg"), 300, 200));
            Assert.Contains("<svg", svg);
            Assert.EndsWith("</svg>", svg.TrimEnd());
            Assert.Contains("width=\"300\"", svg);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Axis_limits_contain_every_point_with_modest_margins()
    {
        var x = V(-3.5, 0, 2, 7.25, 1);
        var y = V(10, -2, 4, 0.5, 30);
        using var fig = new Figure();
        fig.Scatter(x, y);
        fig.ToPngBytes(400, 300);
        var l = fig.Limits;
        for (int i = 0; i < 5; i++) Assert.True(l.Contains(x[i], y[i]), $"point {i} ({x[i]}, {y[i]}) outside {l}");
        // the autoscaled view is the data range plus margins, not an arbitrary wide window
        Assert.InRange(l.XMax - l.XMin, 10.75, 2 * 10.75);
        Assert.InRange(l.YMax - l.YMin, 32, 2 * 32);
    }

    [Fact]
    public void Line_of_y_alone_runs_over_the_indices()
    {
        using var fig = new Figure();
        fig.Line(NDArray.FromArray(new float[] { 1, 4, 9, 16 }));
        var l = fig.Limits;
        Assert.True(l.Contains(0, 1) && l.Contains(3, 16), $"{l}");
        Assert.True(l.XMax < 5, $"x runs over indices 0..3: {l}");
    }

    [Fact]
    public void Long_lines_decimated_or_in_pieces_still_span_their_data()
    {
        // 50,000 ascending points (decimated per pixel column) and 2,500 unsorted ones (stroked in pieces)
        var t = NDArray.FromArray(Enumerable.Range(0, 50_000).Select(i => i * 1e-3).ToArray());
        var wave = NDArray.FromArray(Enumerable.Range(0, 50_000).Select(i => Math.Sin(i * 1e-3)).ToArray());
        var rng = new Random(3);
        var xs = NDArray.FromArray(Enumerable.Range(0, 2_500).Select(_ => rng.NextDouble() * 200 - 100).ToArray());
        var ys = NDArray.FromArray(Enumerable.Range(0, 2_500).Select(_ => rng.NextDouble() * 10 + 5).ToArray());
        using var fig = new Figure();
        fig.Line(t, wave, label: "sin").Line(xs, ys, label: "noise");
        Assert.Equal(2, fig.SeriesCount);
        PngImage.Size(fig.ToPngBytes(500, 300));
        var l = fig.Limits;
        Assert.True(l.Contains(0, -1) && l.Contains(49.999, 1), $"{l}");
        for (int i = 0; i < 2_500; i++) Assert.True(l.Contains(xs[i], ys[i]), $"point {i} outside {l}");
    }

    [Fact]
    public void Histogram_counts_equal_a_hand_count()
    {
        // edges 0, 0.75, 1.5, 2.25, 3: {0}, {1, 1}, {2, 2, 2}, {3, 3, 3, 3}
        using var fig = new Figure();
        fig.Histogram(V(3, 0, 1, 2, 3, 1, 2, 3, 2, 3), bins: 4);
        var h = fig.LastHistogram!;
        Assert.Equal(new long[] { 1, 2, 3, 4 }, h.Counts);
        Assert.Equal(new[] { 0, 0.75, 1.5, 2.25, 3 }, h.Edges);
        // the bars stand inside the view: every count and both outer edges
        var l = fig.Limits;
        Assert.True(l.Contains(0, 4) && l.Contains(3, 0), $"{l}");
    }

    [Fact]
    public void Histogram_bins_are_half_open_with_the_last_closed_as_numpy_makes_them()
    {
        // numpy.histogram([0, 1, 2, 3, 4], 4) -> [1, 1, 1, 2]; ([5, 5, 5], 2) -> [0, 3] on edges 4.5, 5, 5.5
        Assert.Equal(new long[] { 1, 1, 1, 2 }, HistogramBins.Compute(V(0, 1, 2, 3, 4), 4).Counts);
        var same = HistogramBins.Compute(V(5, 5, 5), 2);
        Assert.Equal(new long[] { 0, 3 }, same.Counts);
        Assert.Equal(new[] { 4.5, 5, 5.5 }, same.Edges);
        // 0.1 * k sits on an edge up to rounding; the edges decide, and every value is counted once
        var tenths = HistogramBins.Compute(NDArray.FromArray(Enumerable.Range(0, 11).Select(k => 0.1 * k).ToArray()), 10);
        Assert.Equal(11, tenths.Counts.Sum());
        Assert.Equal(2, tenths.Counts[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => HistogramBins.Compute(V(1, 2), 0));
    }

    [Fact]
    public void Heatmap_paints_the_max_cell_light_and_the_min_cell_dark_with_row_0_on_top()
    {
        // max at (0, 2), min at (1, 0): viridis paints high values yellow (253, 231, 37), low ones purple (68, 1, 84)
        var m = NDArray.FromArray(new double[,] { { 5, 4, 9 }, { 0, 3, 6 } });
        using var fig = new Figure();
        fig.Heatmap(m);
        var png = fig.ToPngBytes(600, 400);
        var (mx, my) = Figure.CellCenter(2, 0, 2);
        var (nx, ny) = Figure.CellCenter(2, 1, 0);
        var (px, py) = fig.PixelOf(mx, my);
        var (qx, qy) = fig.PixelOf(nx, ny);
        var max = PngImage.Pixel(png, px, py);
        var min = PngImage.Pixel(png, qx, qy);
        Assert.NotEqual(max, min);
        Assert.True(max.Red > 200 && max.Green > 200 && max.Blue < 100, $"max cell {max}");
        Assert.True(min.Red < 100 && min.Green < 50 && min.Blue > 60, $"min cell {min}");
        Assert.True(py < qy, "row 0 is drawn above row 1");
        // the whole cell, not only its centre, has the cell's colour: the cells sit on their row and column numbers
        foreach (var (dx, dy) in new[] { (-0.4, -0.4), (-0.4, 0.4), (0.4, -0.4), (0.4, 0.4) })
        {
            var (cx, cy) = fig.PixelOf(mx + dx, my + dy);
            Assert.Equal(max, PngImage.Pixel(png, cx, cy));
            (cx, cy) = fig.PixelOf(nx + dx, ny + dy);
            Assert.Equal(min, PngImage.Pixel(png, cx, cy));
        }
    }

    [Fact]
    public void Annotated_heatmap_renders_and_limits_cover_every_cell()
    {
        var confusion = NDArray.FromArray(new double[,] { { 50, 2, 0 }, { 1, 45, 4 }, { 0, 3, 47 } });
        using var fig = new Figure { Title = "confusion matrix", XLabel = "predicted", YLabel = "true" };
        fig.Heatmap(confusion, annotate: true, colorbarLabel: "count");
        Assert.Equal((500, 500), PngImage.Size(fig.ToPngBytes(500, 500)));
        var l = fig.Limits;
        Assert.True(l.Contains(-0.5, -0.5) && l.Contains(2.5, 2.5), $"{l}");
    }

    [Fact]
    public void Scatter_with_labels_adds_one_series_per_class()
    {
        using var fig = new Figure();
        fig.Scatter(V(0, 1, 2, 3, 4), V(1, 0, 1, 0, 1), [2, 0, 2, 1, 0], ["a", "b", "c"]);
        Assert.Equal(3, fig.SeriesCount);
        PngImage.Size(fig.ToPngBytes(300, 300));
        var e = Assert.Throws<ArgumentException>(() => new Figure().Scatter(V(0, 1), V(1, 0), [0, 3], ["a", "b"]));
        Assert.Contains("label 3 (element 1) has no name", e.Message);
    }

    [Fact]
    public void Bad_input_gets_a_specific_message()
    {
        using var fig = new Figure();
        var e = Assert.Throws<ArgumentException>(() => fig.Scatter(V(1, 2, 3), V(1, 2, 3, 4)));
        Assert.Contains("'x' has 3 elements and 'y' has 4", e.Message);
        e = Assert.Throws<ArgumentException>(() => fig.Line(NDArray.Zeros<double>(0)));
        Assert.Contains("empty", e.Message);
        e = Assert.Throws<ArgumentException>(() => fig.Line(V(1, 2, double.NaN, 4)));
        Assert.Contains("NaN at element 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => fig.Histogram(V(1, double.NegativeInfinity)));
        Assert.Contains("-infinity at element 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => fig.Heatmap(V(1, 2, 3)));
        Assert.Contains("2-d matrix, got a 1-d array of shape (3,)", e.Message);
        e = Assert.Throws<ArgumentException>(() => fig.Heatmap(NDArray.Zeros<double>(2, 2, 2)));
        Assert.Contains("3-d", e.Message);
        e = Assert.Throws<ArgumentException>(() => fig.Heatmap(NDArray.FromArray(new double[,] { { 1, 2 }, { 3, double.NaN } })));
        Assert.Contains("NaN at row 1, column 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => fig.Heatmap(NDArray.Zeros<double>(31, 31), annotate: true));
        Assert.Contains("too many cells to annotate", e.Message);
        e = Assert.Throws<ArgumentException>(() => fig.Line(NDArray.Zeros<double>(2, 3)));
        Assert.Contains("1-d array, got shape (2, 3)", e.Message);
        Assert.Equal(0, fig.SeriesCount);
        Assert.Throws<InvalidOperationException>(() => fig.ToPngBytes());
        fig.Line(V(1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => fig.ToPngBytes(0, 100));
    }
}
