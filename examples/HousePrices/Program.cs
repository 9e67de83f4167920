namespace Linea.Examples.HousePrices;

/// <summary>dotnet run --project examples/HousePrices</summary>
internal static class Program
{
    private static void Main() =>
        HousePricesExample.Run(Path.Combine(AppContext.BaseDirectory, "ExampleData", "HousePrices", "houses.csv"), Console.Out);
}
