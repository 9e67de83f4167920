namespace Linea.Distributed.Worker;

/// <summary>The named scenarios the tests run.</summary>
internal static class Scenarios
{
    private static readonly Dictionary<string, Action<Communicator, Checks, string[]>> All = new(StringComparer.Ordinal)
    {
        ["training"] = TrainingScenarios.Run, ["training-errors"] = TrainingErrorScenarios.Run, ["pagerank"] = PageRankScenarios.Run,
        ["collectives"] = CollectiveScenarios.Run,
        ["tensors"] = TensorScenarios.Run,
        ["mismatch"] = MismatchScenarios.Run,
        ["throw"] = ThrowScenario.Run,
        ["algorithms"] = AlgorithmScenarios.Run,
        ["scalapack-redistribute"] = ScaLapackScenarios.Redistribute, ["scalapack-solve"] = ScaLapackScenarios.Solve, ["scalapack-errors"] = ScaLapackScenarios.Errors,
    };

    public static IEnumerable<string> Names => All.Keys;

    public static bool TryGet(string name, out Action<Communicator, Checks, string[]> scenario) =>
        All.TryGetValue(name, out scenario!);
}
