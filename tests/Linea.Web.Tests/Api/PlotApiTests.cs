using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using Linea;
using Linea.Calc.Evaluation;
using Linea.Web.Plots;
using Linea.Web.Tests.Support;

namespace Linea.Web.Tests.Api;

/// <summary>A plot evaluated on the server comes back with its PNG as a data URI; the renderer draws every kind.</summary>
public sealed class PlotApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public async Task Plot_comes_back_with_a_png_data_uri()
    {
        var response = await _server.EvalAsync("p = plot(arange(1, 11))\np");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await TestServer.JsonAsync(response);
        var plot = json.GetProperty("results")[1];
        Assert.Equal("plot", plot.GetProperty("dtype").GetString());
        Assert.Equal("line", plot.GetProperty("kind").GetString());
        Assert.Equal("a line plot of 10 points", plot.GetProperty("text").GetString());
        const string prefix = "data:image/png;base64,";
        string image = plot.GetProperty("image").GetString()!;
        Assert.StartsWith(prefix, image);
        Assert.Equal((PlotRenderer.WebWidth, PlotRenderer.WebHeight), PngSize(Convert.FromBase64String(image[prefix.Length..])));
        var variable = json.GetProperty("variables")[0];
        Assert.Equal(("p", "plot"), (variable.GetProperty("name").GetString(), variable.GetProperty("dtype").GetString()));
        Assert.Equal(JsonValueKind.Null, variable.GetProperty("shape").ValueKind);
    }

    [Theory]
    [InlineData(PlotKind.Line)]
    [InlineData(PlotKind.Scatter)]
    [InlineData(PlotKind.Heatmap)]
    [InlineData(PlotKind.Histogram)]
    public void Every_kind_renders_to_the_requested_size(PlotKind kind)
    {
        var data = kind == PlotKind.Heatmap ? NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }) : NDArray.FromArray(new double[] { 1, 4, 2, 8 });
        var plot = new PlotValue(kind, data)
        {
            X = kind == PlotKind.Scatter ? NDArray.FromArray(new double[] { 0, 1, 2, 3 }) : null,
            Labels = kind == PlotKind.Scatter ? [0, 1, 0, 1] : null,
            Annotate = kind == PlotKind.Heatmap,
            Bins = 3,
            Title = "t",
        };
        Assert.Equal((300, 200), PngSize(PlotRenderer.ToPng(plot, 300, 200)));
    }

    [Fact]
    public void A_matrix_y_draws_one_line_per_column()
    {
        using var fig = PlotRenderer.ToFigure(new PlotValue(PlotKind.Line, NDArray.FromArray(new double[,] { { 1, 10 }, { 2, 20 }, { 3, 30 } })));
        Assert.Equal(2, fig.SeriesCount);
        var limits = fig.Limits;
        Assert.True(limits.Contains(0, 1) && limits.Contains(2, 30), $"{limits}");
    }
}
