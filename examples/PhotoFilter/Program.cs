namespace Linea.Examples.PhotoFilter;

/// <summary>dotnet run --project examples/PhotoFilter [-- IMAGE [OUTPUT_DIR]] | [-- --make-sample PATH]</summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "--make-sample")
        {
            ImageFile.WritePng(args[1], SampleImage.Generate());
            Console.WriteLine($"sample: {args[1]}");
            return;
        }
        string image = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "ExampleData", "PhotoFilter", "sample.png");
        string outputDir = args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "output");
        PhotoFilterExample.Run(image, outputDir, Console.Out);
    }
}
