using System.Buffers.Binary;
using Linea.Examples.HousePrices;
using Linea.Examples.IrisPca;
using Linea.Examples.PhotoFilter;
using Linea.Examples.Recommender;

namespace Linea.ML.Tests.Examples;

/// <summary>Runs each example's logic as `dotnet run` would and checks the figures it prints.</summary>
public sealed class ExampleTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "linea-ml-examples-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    private static string Data(string example, string file) => Path.Combine(AppContext.BaseDirectory, "ExampleData", example, file);

    private static Dictionary<string, string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(": ", 2))
            .ToDictionary(p => p[0], p => p[1].TrimEnd('\r'));

    [Fact]
    public void HousePrices_reproduces_the_course_house_and_shows_ridge_stability()
    {
        var writer = new StringWriter();
        var r = HousePricesExample.Run(Data("HousePrices", "houses.csv"), writer);
        var lines = Lines(writer.ToString());
        // The noise in houses.csv is orthogonal to the design (each specification sold at model +- e), so least squares
        // returns the generating weights; rounding in a well-conditioned 20 x 3 solve leaves ~1e-10 of them.
        NumAssert.WithinBounds([50000, 150, -3000], r.Weights, [1e-6, 1e-8, 1e-7], "weights");
        Assert.Equal(0, r.Intercept, 1e-5);
        Assert.Equal(375000, r.Prediction, 1e-6);
        Assert.Equal("375000.00", lines["prediction_3bed_1800sqft_15yr"]);
        Assert.Equal("50000.00 150.00 -3000.00", lines["weights"]);
        // Exactly redundant total: numerically singular; rank 3 found and the minimum-norm split returned, i.e. the
        // generating weights minus t on bedrooms, sqft, age and t on total, t minimising the norm: t = (50000 + 150 - 3000) / 4.
        Assert.True(r.ConditionWithTotal > 1e15, $"cond {r.ConditionWithTotal:E2}");
        Assert.True(r.NormalEquationsRCond < 1e-15, $"rcond {r.NormalEquationsRCond:E2}");
        Assert.Equal(3, r.LstsqRank);
        Assert.NotNull(r.LstsqWarning);
        double t = (50000 + 150 - 3000) / 4.0;
        NumAssert.WithinBounds([50000 - t, 150 - t, -3000 - t, t], r.LstsqWeights, [1e-6, 1e-6, 1e-6, 1e-6], "minimum-norm weights");
        Assert.Equal(375000, r.LstsqPrediction, 1e-6);
        Assert.InRange(r.RidgePrediction, 374000, 376000);
        // Nearly redundant total: plain least squares makes sqft's weight absurd and unstable; Ridge keeps it near half
        // of the 150 $/sqft (the other half goes to total, which moves with sqft) and stable.
        Assert.InRange(r.ConditionRecordedTotal, 1e3, 1e6);
        Assert.True(Math.Abs(r.OlsRecordedWeights[1]) > 1000, $"OLS sqft weight {r.OlsRecordedWeights[1]}");
        Assert.InRange(r.RidgeRecordedWeights[1], 50, 100);
        Assert.InRange(r.RidgeRecordedWeights[1] + r.RidgeRecordedWeights[3], 140, 160);
        Assert.True(r.RidgeRecordedSwing * 100 < r.OlsRecordedSwing, $"ridge {r.RidgeRecordedSwing} vs ols {r.OlsRecordedSwing}");
    }

    [Fact]
    public void IrisPca_prints_the_ratios_and_writes_the_scatter_plot()
    {
        var writer = new StringWriter();
        var r = IrisPcaExample.Run(Data("IrisPca", "iris.csv"), _out, writer);
        var lines = Lines(writer.ToString());
        Assert.Equal("0.9246 0.0531 0.0171 0.0052", lines["explained_variance_ratio"]);
        Assert.Equal("2", lines["components_for_95_percent"]);
        // The PNG: signature, then the IHDR chunk with width and height (big-endian) at bytes 16..23.
        var png = File.ReadAllBytes(r.PlotPath);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(800, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(600, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.True(png.Length > 10_000, "the plot has content");
        // Setosa separates from the other species along PC1 (what the plot shows).
        var pc1 = Enumerable.Range(0, 150).Select(i => (r.Scores[i, 0], r.Species[i])).ToArray();
        Assert.True(pc1.Where(p => p.Item2 == 0).Max(p => p.Item1) < pc1.Where(p => p.Item2 != 0).Min(p => p.Item1));
    }

    [Fact]
    public void PhotoFilter_compression_error_equals_the_discarded_singular_values()
    {
        var writer = new StringWriter();
        var r = PhotoFilterExample.Run(Data("PhotoFilter", "sample.png"), _out, writer);
        Assert.Equal((256, 256), (r.Width, r.Height));
        Assert.All(r.FilteredFiles, f => Assert.True(new FileInfo(f).Length > 1000, f));
        Assert.Contains(Path.Combine(_out, "singular_values.png"), r.FilteredFiles);
        var lines = Lines(writer.ToString());
        foreach (var a in r.Compression)
        {
            // ||A - A_k||_F = sqrt(sum_{i>k} s_i^2) exactly; computed, both sides carry the SVD's backward error
            // (about n eps ||A||) and the rounding of forming A_k, relative to ||A||_F: 100 n eps covers them.
            Assert.True(Math.Abs(a.RelativeError - a.PredictedError) <= 100 * 256 * Fixtures.Eps,
                $"rank {a.Rank}: measured {a.RelativeError:R} vs predicted {a.PredictedError:R}");
            Assert.Equal(256.0 * 256 / (a.Rank * 513.0), a.CompressionRatio, 1e-12);
            Assert.Contains($"relative_error {a.RelativeError:F4}", lines[$"rank_{a.Rank}"]);
        }
        Assert.True(r.Compression[0].RelativeError > r.Compression[1].RelativeError && r.Compression[1].RelativeError > r.Compression[2].RelativeError);
        var gray = lines["grayscale_mean_rgb"].Split(' ');
        Assert.True(gray.Distinct().Count() == 1, "grayscale makes the three channels equal");
    }

    [Fact]
    public void PhotoFilter_reads_jpeg_too()
    {
        Directory.CreateDirectory(_out);
        string jpeg = Path.Combine(_out, "sample.jpg");
        ImageFile.WriteJpeg(jpeg, SampleImage.Generate(64));
        var r = PhotoFilterExample.Run(jpeg, Path.Combine(_out, "jpeg"), new StringWriter());
        Assert.Equal((64, 64), (r.Width, r.Height));
        Assert.Throws<InvalidDataException>(() => ImageFile.Read(Data("HousePrices", "houses.csv")));
    }

    [Fact]
    public void Chained_filter_is_the_product_of_the_steps()
    {
        // Without clamping, vintage(p) = contrast(sepia(warmth(p))): one matrix (M1 M2 M3) and a carried bias.
        var p = NDArray.Uniform([50, 3], 0.0, 1.0, seed: 4);
        var steps = new[] { ColorFilter.Warmth, ColorFilter.Sepia, ColorFilter.Contrast(0.85) };
        var sequential = p;
        foreach (var f in steps) sequential = sequential.MatMul(f.Matrix) + f.Bias;
        var once = p.MatMul(ColorFilter.Vintage.Matrix) + ColorFilter.Vintage.Bias;
        Assert.True(Fixtures.MaxDiff(sequential, once) <= 20 * Fixtures.Eps);
        // Grayscale is BT.601 luma in every channel.
        var g = ColorFilter.Grayscale.Apply(NDArray.FromArray(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 0.2, 0.4, 0.6 } }));
        NumAssert.Close([0.299, 0.299, 0.299, 0.587, 0.587, 0.587, 0.114, 0.114, 0.114, 0.363, 0.363, 0.363], g.ToArray(), 8);
    }

    [Fact]
    public void Recommender_beats_film_means_on_held_out_ratings()
    {
        var writer = new StringWriter();
        var r = RecommenderExample.Run(Data("Recommender", "ratings.csv"), writer);
        var lines = Lines(writer.ToString());
        Assert.Equal(15, r.HeldOut.Length);
        Assert.Equal(160, r.Known + r.Missing);
        Assert.True(r.RmseLowRank < 0.8 * r.RmseFilmMean, $"rank-2 {r.RmseLowRank:F3} vs film means {r.RmseFilmMean:F3}");
        Assert.Equal(r.RmseLowRank.ToString("F3", System.Globalization.CultureInfo.InvariantCulture), lines["rmse_heldout_rank2"]);
        Assert.Equal("0.917", lines["rmse_heldout_rank2"]);
        Assert.Equal("1.283", lines["rmse_heldout_film_mean"]);
        Assert.All(r.Prediction.Cast<double>(), v => Assert.InRange(v, 1, 5));
    }

    [Fact]
    public void Low_rank_completion_recovers_an_exactly_rank_two_table()
    {
        // A rank-2 table whose column space holds the all-ones vector (ratings = 1 a^T + u b^T), a fifth of it hidden.
        // Completion subtracts each film's mean of its known cells, a constant per column, which keeps the rank at 2,
        // so iterative SVD imputation at rank 2 must recover the hidden cells.
        var rng = new Rng(31);
        var u = NDArray.ColumnStack(NDArray.Ones<double>(14), rng.Normal([14], 0.0, 1.0));
        var v = rng.Normal([2, 9], 0.0, 1.0);
        var truth = u.MatMul(v).ToArray2D();
        var known = new bool[14, 9];
        var r = new double[14, 9];
        for (int i = 0; i < 14; i++)
            for (int j = 0; j < 9; j++)
            {
                known[i, j] = rng.NextDouble() > 0.2;
                r[i, j] = known[i, j] ? truth[i, j] : double.NaN;
            }
        var (prediction, iterations) = LowRankCompletion.Complete(r, known, 2, maxIter: 5000, tol: 1e-12);
        double worst = 0;
        for (int i = 0; i < 14; i++)
            for (int j = 0; j < 9; j++)
                if (!known[i, j]) worst = Math.Max(worst, Math.Abs(prediction[i, j] - truth[i, j]));
        Assert.True(worst < 1e-6, $"hidden cells off by {worst:E2} after {iterations} iterations");
    }
}
