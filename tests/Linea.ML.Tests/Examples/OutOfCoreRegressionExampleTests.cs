using Linea.Examples.OutOfCoreRegression;

namespace Linea.ML.Tests.Examples;

/// <summary>Runs the OutOfCoreRegression example on a small generated file and checks its lines and its fit.</summary>
public sealed class OutOfCoreRegressionExampleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-ooc-example-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Small_file_is_generated_fitted_and_matches_the_in_memory_fit()
    {
        string path = Path.Combine(_dir, "x.npy");
        var writer = new StringWriter();
        var r = OutOfCoreRegressionExample.Run(path, 3000, blockRows: 256, inMemory: true, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("3000", lines["rows"]);
        Assert.Equal("50", lines["columns"]);
        Assert.True(File.Exists(OutOfCoreRegressionExample.TargetPath(path)));
        Assert.True(r.PeakRssMb > 0);
        Assert.Contains("seconds", lines.Keys);
        // The data are y = 3 + X w + uniform noise of width 0.5 with w_j = (j + 1) / 10: the fit recovers them to the
        // noise level, and agrees with the in-memory least squares to rounding (well-conditioned uniform features).
        for (int j = 0; j < 50; j++) Assert.Equal((j + 1) / 10.0, r.Model.Coefficients[j], 0.05);
        Assert.Equal(3.0, r.Model.Intercept, 0.5);
        Assert.True(r.CoefMaxDiffVsInMemory <= 1e-11, $"coef_max_diff_vs_in_memory {r.CoefMaxDiffVsInMemory:E2}");
        Assert.Equal(r.CoefMaxDiffVsInMemory.ToString("E2", System.Globalization.CultureInfo.InvariantCulture), lines["coef_max_diff_vs_in_memory"]);
    }
}
