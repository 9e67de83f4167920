using System.Globalization;

namespace Linea.Examples.OutOfCoreRegression;

/// <summary>
/// dotnet run -c Release --project examples/OutOfCoreRegression [-- [X_PATH] [--rows N] [--block-rows B] [--no-in-memory]]
/// (default 20,000,000 rows, an 8 GB file under the temp folder, generated if absent); see <see cref="OutOfCoreRegressionExample"/>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        long rows = OutOfCoreRegressionExample.DefaultRows;
        int blockRows = 0;
        bool inMemory = true;
        string? path = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--block-rows": blockRows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--no-in-memory": inMemory = false; break;
                default: path = args[i]; break;
            }
        }
        OutOfCoreRegressionExample.Run(path ?? OutOfCoreRegressionExample.DefaultPath(rows), rows, blockRows, inMemory, Console.Out);
        return 0;
    }
}
