namespace Linea.Examples.Recommender;

/// <summary>dotnet run --project examples/Recommender</summary>
internal static class Program
{
    private static void Main() =>
        RecommenderExample.Run(Path.Combine(AppContext.BaseDirectory, "ExampleData", "Recommender", "ratings.csv"), Console.Out);
}
