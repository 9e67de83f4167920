namespace Linea.Examples.IrisPca;

/// <summary>dotnet run --project examples/IrisPca [-- OUTPUT_DIR]</summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        string outputDir = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "output");
        IrisPcaExample.Run(Path.Combine(AppContext.BaseDirectory, "ExampleData", "IrisPca", "iris.csv"), outputDir, Console.Out);
    }
}
