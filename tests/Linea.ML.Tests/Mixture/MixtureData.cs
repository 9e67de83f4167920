using System.Globalization;
using System.Text.Json;

namespace Linea.ML.Tests.Mixture;

/// <summary>Test data files: Iris (features and species index) and the scikit-learn fixture.</summary>
internal static class MixtureData
{
    public static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);

    /// <summary>Iris: the four measurements (150, 4) and the species as 0, 1, 2 (the 'target' column).</summary>
    public static (NDArray<double> X, int[] Species) Iris()
    {
        var lines = File.ReadAllLines(DataPath("iris.csv")).Skip(1).Where(l => l.Length > 0).ToArray();
        var x = new double[lines.Length, 4];
        var species = new int[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            for (int j = 0; j < 4; j++) x[i, j] = double.Parse(f[j], CultureInfo.InvariantCulture);
            species[i] = int.Parse(f[4], CultureInfo.InvariantCulture);
        }
        return (NDArray.FromArray(x), species);
    }

    public static JsonElement Fixture() => JsonDocument.Parse(File.ReadAllText(DataPath("gmm_fixture.json"))).RootElement;

    /// <summary>A nested JSON array of numbers as a tensor of its natural shape.</summary>
    public static NDArray<double> ToTensor(JsonElement e)
    {
        var shape = new List<int>();
        var probe = e;
        while (probe.ValueKind == JsonValueKind.Array)
        {
            shape.Add(probe.GetArrayLength());
            probe = probe.GetArrayLength() > 0 ? probe[0] : default;
        }
        var values = new List<double>();
        void Walk(JsonElement el)
        {
            if (el.ValueKind == JsonValueKind.Array) foreach (var c in el.EnumerateArray()) Walk(c);
            else values.Add(el.GetDouble());
        }
        Walk(e);
        return NDArray.FromArray(values.ToArray(), shape.ToArray());
    }
}
