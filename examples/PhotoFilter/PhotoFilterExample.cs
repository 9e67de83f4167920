using System.Globalization;
using Linea.Plot;

namespace Linea.Examples.PhotoFilter;

/// <summary>The figures the example prints, for the test that runs it.</summary>
public sealed record PhotoFilterResult(int Width, int Height, IReadOnlyList<string> FilteredFiles,
    IReadOnlyList<RankApproximation> Compression, IReadOnlyList<double> SingularValues);

/// <summary>Colour filters as 3 x 3 matrix products on the (pixels x 3) image, and SVD compression of the grayscale
/// image at several ranks, with a plot of its singular values (Linea.Plot).</summary>
public static class PhotoFilterExample
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The ranks the example compresses to.</summary>
    public static readonly int[] Ranks = [5, 20, 50];

    /// <summary>Filters <paramref name="imagePath"/> (PNG or JPEG), writes PNGs into <paramref name="outputDir"/> and
    /// prints `name: value` lines.</summary>
    public static PhotoFilterResult Run(string imagePath, string outputDir, TextWriter output)
    {
        var image = ImageFile.Read(imagePath);
        Directory.CreateDirectory(outputDir);
        Line(output, "image", $"{Path.GetFileName(imagePath)} {image.Width}x{image.Height}");
        Line(output, "pixel_matrix_shape", image.Pixels.Shape.ToString());
        var files = new List<string>();
        foreach (var filter in new[] { ColorFilter.Grayscale, ColorFilter.Sepia, ColorFilter.Warmth, ColorFilter.Contrast(1.4), ColorFilter.Vintage })
        {
            var filtered = filter.Apply(image.Pixels);   // one (pixels x 3) @ (3 x 3) product, plus bias and clamp
            string path = Path.Combine(outputDir, $"{filter.Name}.png");
            ImageFile.WritePng(path, image with { Pixels = filtered });
            files.Add(path);
            var mean = filtered.Mean(0).ToArray();
            Line(output, $"{filter.Name}_mean_rgb", string.Join(" ", mean.Select(v => v.ToString("F4", Inv))));
        }
        Line(output, "vintage_matrix", string.Join(" ", ColorFilter.Vintage.Matrix.ToArray().Select(v => v.ToString("F4", Inv))));

        // SVD compression of the grayscale image as an (height x width) matrix.
        var gray = ColorFilter.Grayscale.Apply(image.Pixels)[.., 0].Reshape(image.Height, image.Width).Contiguous();
        var sv = Linalg.Svdvals(gray).ToArray();
        Line(output, "singular_values_top5", string.Join(" ", sv.Take(5).Select(v => v.ToString("F3", Inv))));
        string spectrum = Path.Combine(outputDir, "singular_values.png");
        PlotSpectrum(sv, spectrum);
        files.Add(spectrum);
        Line(output, "spectrum_plot", spectrum);
        var approximations = SvdCompression.Compress(gray, Ranks);
        foreach (var a in approximations)
        {
            string path = Path.Combine(outputDir, $"gray_rank{a.Rank}.png");
            ImageFile.WriteGrayPng(path, a.Image);
            files.Add(path);
            Line(output, $"rank_{a.Rank}", $"compression_ratio {a.CompressionRatio.ToString("F2", Inv)} relative_error {a.RelativeError.ToString("F4", Inv)} " +
                $"predicted_error {a.PredictedError.ToString("F4", Inv)}");
        }
        Line(output, "output_dir", outputDir);
        return new PhotoFilterResult(image.Width, image.Height, files, approximations, sv);
    }

    /// <summary>The singular values on a log10 scale (zeros drawn at 1e-16 of the largest): how fast they fall is how well
    /// low ranks compress.</summary>
    private static void PlotSpectrum(double[] sv, string path)
    {
        double floor = sv[0] * 1e-16;
        using var figure = new Figure { Title = "singular values of the grayscale image", XLabel = "index i", YLabel = "log10 sigma_i" };
        figure.Line(NDArray.FromArray(sv.Select(s => Math.Log10(Math.Max(s, floor))).ToArray()));
        figure.SavePng(path, 800, 500);
    }

    private static void Line(TextWriter output, string name, string value) => output.WriteLine($"{name}: {value}");
}
