using Linea.Calc.Evaluation;
using Linea.Calc.Rendering;

namespace Linea.Calc.Tests.Evaluation;

/// <summary>plot, scatter, heatmap and hist return a plot value holding the checked data; the hosts draw it.</summary>
public class PlotFunctionTests
{
    private static PlotValue Plot(string program) => Assert.IsType<PlotValue>(CalcRun.Value(program));

    [Fact]
    public void Plot_of_y_holds_y_and_no_x()
    {
        var p = Plot("plot(arange(1, 11))");
        Assert.Equal(PlotKind.Line, p.Kind);
        Assert.Null(p.X);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (double)i).ToArray(), p.Data.ToArray());
        Assert.Equal("plot", p.DType);
        Assert.Equal("a line plot of 10 points", CalcRun.Text("plot(arange(1, 11))"));
    }

    [Fact]
    public void Plot_of_x_and_y_and_of_a_matrix()
    {
        var p = Plot("x = [0, 0.5, 1]; plot(x, x ** 2, title=\"square\")");
        Assert.Equal(new[] { 0, 0.5, 1 }, p.X!.ToArray());
        Assert.Equal(new[] { 0, 0.25, 1 }, p.Data.ToArray());
        Assert.Equal("square", p.Title);
        var m = Plot("plot([[1, 2], [3, 4], [5, 6]])");
        Assert.Equal([3, 2], m.Data.Shape.ToIntArray());
        Assert.Equal("a line plot of 2 lines of 3 points", m.Describe());
        // a column vector is a vector
        Assert.Equal(1, Plot("plot([[1], [2], [3]])").Data.Rank);
    }

    [Fact]
    public void Scatter_holds_points_and_labels()
    {
        var p = Plot("scatter([1, 2, 3, 4], [4, 3, 2, 1], [0, 1, 1, 2])");
        Assert.Equal(PlotKind.Scatter, p.Kind);
        Assert.Equal(new[] { 1.0, 2, 3, 4 }, p.X!.ToArray());
        Assert.Equal(new[] { 0, 1, 1, 2 }, p.Labels);
        Assert.Equal("a scatter plot of 4 points in 3 classes", p.Describe());
    }

    [Fact]
    public void Heatmap_annotates_small_matrices_by_default()
    {
        var p = Plot("heatmap([[5, 1], [2, 7]])");
        Assert.Equal(PlotKind.Heatmap, p.Kind);
        Assert.True(p.Annotate);
        Assert.False(Plot("heatmap(ones(11, 10))").Annotate);
        Assert.False(Plot("heatmap([[5, 1], [2, 7]], 0)").Annotate);
        Assert.Equal("a heatmap of a (2, 2) matrix", p.Describe());
    }

    [Fact]
    public void Hist_holds_values_and_bins()
    {
        var p = Plot("hist([1, 2, 2, 3, 3, 3], 3)");
        Assert.Equal((PlotKind.Histogram, 3, 6L), (p.Kind, p.Bins, p.Data.Size));
        Assert.Equal(10, Plot("hist([1, 2])").Bins);
    }

    [Fact]
    public void Json_names_the_kind_and_shape()
    {
        var results = CalcRun.Ok("hist([1, 2, 2], 2, title='h')");
        Assert.Equal("{\"dtype\":\"plot\",\"kind\":\"histogram\",\"shape\":[3],\"bins\":2,\"title\":\"h\",\"text\":\"a histogram of 3 values in 2 bins\"}",
            JsonRenderer.Render(results[^1]));
        var drawn = Plot("plot(arange(3))") with { File = "/tmp/plot-1.png", Image = "data:image/png;base64,AAAA" };
        Assert.Contains("\"file\":\"/tmp/plot-1.png\",\"image\":\"data:image/png;base64,AAAA\"", JsonRenderer.Value(drawn));
        Assert.Equal("a line plot of 3 points, saved to /tmp/plot-1.png", TextRenderer.Value(drawn));
    }

    [Fact]
    public void Bad_data_gets_a_specific_error()
    {
        var e = CalcRun.Error("plot([1, 2, 3], [1, 2])");
        Assert.IsType<CalcShapeException>(e);
        Assert.Equal("plot: x has 3 elements and y has 2 elements; they must agree", e.Message);
        Assert.Equal("scatter: x has 2 elements and y has 3; they must have the same length", CalcRun.Error("scatter([1, 2], [1, 2, 3])").Message);
        Assert.Equal("scatter: labels has 1 elements and x has 2; give one label per point", CalcRun.Error("scatter([1, 2], [1, 2], [0])").Message);
        Assert.Contains("got 0.5 at element 1", CalcRun.Error("scatter([1, 2], [1, 2], [0, 0.5])").Message);
        var nan = CalcRun.Error("plot([1, nan, 3])");
        Assert.IsType<CalcMathException>(nan);
        Assert.Equal("plot: x holds NaN at element 1; plots need finite numbers", nan.Message);
        Assert.Equal("heatmap: A holds inf at row 1, column 0; plots need finite numbers", CalcRun.Error("heatmap([[1, 2], [inf, 3]])").Message);
        Assert.Equal("heatmap: needs a matrix (2-d), got shape (3,)", CalcRun.Error("heatmap([1, 2, 3])").Message);
        Assert.Equal("hist: bins must be 1 to 10000, got 0", CalcRun.Error("hist([1, 2], 0)").Message);
        Assert.Contains("is empty", CalcRun.Error("plot(zeros(0))").Message);
        Assert.Contains("must be a vector or a matrix", CalcRun.Error("plot(zeros(2, 2, 2))").Message);
        Assert.Contains("too many cells to annotate", CalcRun.Error("heatmap(ones(31, 31), 1)").Message);
        // drawing time bounds the points: every scatter point and every segment of a line over unsorted x is drawn
        Assert.IsType<CalcLimitException>(CalcRun.Error("scatter(zeros(100001), zeros(100001))"));
        var unsorted = CalcRun.Error("plot(-arange(100001), zeros(100001))");
        Assert.IsType<CalcLimitException>(unsorted);
        Assert.Contains("x is not ascending", unsorted.Message);
        Assert.Equal(PlotKind.Line, Plot("plot(arange(100001), zeros(100001))").Kind);
    }

    [Fact]
    public void The_plot_functions_are_listed_under_plots()
    {
        var names = FunctionLibrary.All.Where(f => f.Category == "plots").Select(f => f.Name).ToArray();
        Assert.Equal(["plot", "scatter", "heatmap", "hist"], names);
        // every example in the help runs
        foreach (var f in FunctionLibrary.All.Where(f => f.Category == "plots"))
            Assert.IsType<PlotValue>(CalcRun.Value(f.Example));
    }
}
