using System.Text.Json;

namespace Linea.Tests.DTypes;

/// <summary>The NumPy reference values in Data/dtypes/numpy_dtypes.json (made once by make_fixtures.py beside it).</summary>
internal static class DTypeFixture
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "dtypes", "numpy_dtypes.json"))).RootElement);

    public static JsonElement Get(string path)
    {
        var e = Root.Value;
        foreach (var part in path.Split('.')) e = e.GetProperty(part);
        return e;
    }

    /// <summary>A float list (null is NaN, "inf"/"-inf" the infinities).</summary>
    public static double[] Doubles(string path) => [.. Get(path).EnumerateArray().Select(v => v.ValueKind switch
    {
        JsonValueKind.Null => double.NaN,
        JsonValueKind.String => v.GetString() == "inf" ? double.PositiveInfinity : double.NegativeInfinity,
        _ => v.GetDouble(),
    })];

    public static long[] Longs(string path) => [.. Get(path).EnumerateArray().Select(v => v.GetInt64())];

    public static int[] Ints(string path) => [.. Get(path).EnumerateArray().Select(v => v.GetInt32())];
}
