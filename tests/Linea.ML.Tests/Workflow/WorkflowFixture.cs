using System.Text.Json;

namespace Linea.ML.Tests.Workflow;

/// <summary>Reads Data/sklearn_workflow/fixtures.json (made by Data/make_sklearn_workflow_fixtures.py with scikit-learn 1.2).</summary>
internal static class WorkflowFixture
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Fixtures.Path("sklearn_workflow", "fixtures.json"))).RootElement);

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static double[] Vector(JsonElement e) => e.EnumerateArray().Select(static v => v.GetDouble()).ToArray();

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(static v => v.GetInt32()).ToArray();

    public static NDArray<double> Matrix(JsonElement e) => NDArray.FromArray(e.EnumerateArray().Select(Vector).ToArray());

    /// <summary>Iris X (150 x 4) and the species as float labels (150,).</summary>
    public static (NDArray<double> X, NDArray<double> Y) Iris()
    {
        var (x, species) = Fixtures.Iris();
        return (x, NDArray.FromArray(Array.ConvertAll(species, static s => (double)s)));
    }
}
