using System.Globalization;
using Linea.ML;
using Linea.Plot;

namespace Linea.Examples.IrisPca;

/// <summary>The figures the example prints, for the test that runs it.</summary>
public sealed record IrisPcaResult(double[] ExplainedVarianceRatio, double[,] Components, double[,] Scores, int[] Species, string PlotPath);

/// <summary>PCA of Fisher's Iris measurements: explained variance, the components, and a scatter plot of the first two
/// components coloured by species (Linea.Plot).</summary>
public static class IrisPcaExample
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Species names by label 0, 1, 2.</summary>
    public static readonly string[] SpeciesNames = ["setosa", "versicolor", "virginica"];

    /// <summary>Reads iris.csv (sepal length, sepal width, petal length, petal width in cm, label, species name).</summary>
    public static (NDArray<double> X, int[] Species, string[] Features) Read(string csvPath)
    {
        var lines = File.ReadAllLines(csvPath).Where(l => l.Trim().Length > 0).ToArray();
        var features = lines[0].Split(',')[..4];
        var rows = lines[1..];
        var x = NDArray.Zeros<double>(rows.Length, 4);
        var species = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            var f = rows[i].Split(',');
            for (int j = 0; j < 4; j++) x[i, j] = double.Parse(f[j], Inv);
            species[i] = int.Parse(f[4], Inv);
        }
        return (x, species, features);
    }

    /// <summary>Fits PCA, prints `name: value` lines and writes iris_pca.png into <paramref name="outputDir"/>.</summary>
    public static IrisPcaResult Run(string csvPath, string outputDir, TextWriter output)
    {
        var (x, species, features) = Read(csvPath);
        var pca = new Pca<double>();
        var scores = pca.FitTransform(x);
        var ratio = pca.ExplainedVarianceRatio.ToArray();
        Line(output, "samples", x.Shape[0].ToString(Inv));
        Line(output, "features", string.Join(" ", features));
        Line(output, "explained_variance_ratio", string.Join(" ", ratio.Select(r => r.ToString("F4", Inv))));
        Line(output, "explained_variance", string.Join(" ", pca.ExplainedVariance.ToArray().Select(v => v.ToString("F4", Inv))));
        Line(output, "singular_values", string.Join(" ", pca.SingularValues.ToArray().Select(v => v.ToString("F4", Inv))));
        double cumulative = 0;
        Line(output, "cumulative_ratio", string.Join(" ", ratio.Select(r => (cumulative += r).ToString("F4", Inv))));
        for (int k = 0; k < 2; k++)
            Line(output, $"component_{k + 1}", string.Join(" ", pca.Components[k, ..].ToArray().Select(v => v.ToString("F4", Inv))));
        Line(output, "components_for_95_percent", new Pca<double>(0.95).Fit(x).NComponents.ToString(Inv));

        Directory.CreateDirectory(outputDir);
        string plotPath = Path.Combine(outputDir, "iris_pca.png");
        Plot(scores, species, ratio, plotPath);
        Line(output, "plot", plotPath);
        return new IrisPcaResult(ratio, pca.Components.ToArray2D(), scores.ToArray2D(), species, plotPath);
    }

    private static void Plot(NDArray<double> scores, int[] species, double[] ratio, string path)
    {
        using var figure = new Figure
        {
            Title = "PCA of Iris (Linea.ML)",
            XLabel = $"PC1 ({ratio[0] * 100:F1}% of variance)",
            YLabel = $"PC2 ({ratio[1] * 100:F1}% of variance)",
        };
        figure.Scatter(scores[.., 0], scores[.., 1], species, SpeciesNames);
        figure.SavePng(path, 800, 600);
    }

    private static void Line(TextWriter output, string name, string value) => output.WriteLine($"{name}: {value}");
}
