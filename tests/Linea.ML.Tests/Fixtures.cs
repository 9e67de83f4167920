namespace Linea.ML.Tests;

/// <summary>Reads the committed fixture files under Data/ (made by Data/make_fixtures.py or copied from shared/data).</summary>
internal static class Fixtures
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Data", .. parts]);

    /// <summary>A numeric CSV with a header line.</summary>
    public static NDArray<double> Csv(params string[] parts) => Linea.Csv.ReadWithHeader<double>(Path(parts)).Data;

    /// <summary>Iris's four measurements (150 x 4) and species labels 0..2, from the named-header iris.csv.</summary>
    public static (NDArray<double> X, int[] Species) Iris()
    {
        var lines = File.ReadAllLines(Path("iris", "iris.csv")).Skip(1).Where(l => l.Length > 0).ToArray();
        var x = NDArray.Zeros<double>(lines.Length, 4);
        var species = new int[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            for (int j = 0; j < 4; j++) x[i, j] = double.Parse(f[j], System.Globalization.CultureInfo.InvariantCulture);
            species[i] = int.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture);
        }
        return (x, species);
    }

    /// <summary>scikit-learn's diabetes data: X (442 x 10, as scaled by scikit-learn) and y.</summary>
    public static (NDArray<double> X, NDArray<double> Y) Diabetes()
    {
        var d = Csv("diabetes", "diabetes.csv");
        return (d[.., ..10].Contiguous(), d[.., 10].Contiguous());
    }

    public const double Eps = 2.220446049250313e-16;

    /// <summary>Largest absolute entry.</summary>
    public static double MaxAbs(NDArray<double> a) => a.ToArray().Max(Math.Abs);

    /// <summary>Largest absolute entry of a - b (same shape).</summary>
    public static double MaxDiff(NDArray<double> a, NDArray<double> b)
    {
        Assert.Equal(a.Shape, b.Shape);
        return MaxAbs(a - b);
    }
}
