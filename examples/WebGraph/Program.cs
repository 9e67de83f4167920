using System.Globalization;

namespace Linea.Examples.WebGraph;

/// <summary>dotnet run -c Release --project examples/WebGraph [-- nodes edges seed] (default 1000000 10000000 17)</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        int nodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : WebGraphExample.DefaultNodes;
        int edges = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : WebGraphExample.DefaultEdges;
        ulong seed = args.Length > 2 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : WebGraphExample.DefaultSeed;
        WebGraphExample.Run(nodes, edges, seed, Console.Out);
        return 0;
    }
}
