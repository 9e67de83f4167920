using System.Globalization;

namespace Linea.Examples.Recommender;

/// <summary>
/// dotnet run --project examples/Recommender                      the small film table (dense, LowRankCompletion)
/// dotnet run -c Release --project examples/Recommender -- --sparse [--users 100000] [--items 10000] [--seed 1]
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            RecommenderExample.Run(Path.Combine(AppContext.BaseDirectory, "ExampleData", "Recommender", "ratings.csv"), Console.Out);
            return 0;
        }
        int users = SparseRecommenderExample.DefaultUsers, items = SparseRecommenderExample.DefaultItems;
        ulong seed = 1;
        bool sparse = false;
        for (int a = 0; a < args.Length; a++)
        {
            switch (args[a])
            {
                case "--sparse": sparse = true; break;
                case "--users" when a + 1 < args.Length: users = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
                case "--items" when a + 1 < args.Length: items = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
                case "--seed" when a + 1 < args.Length: seed = ulong.Parse(args[++a], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[a]}'; usage: [--sparse [--users N] [--items M] [--seed S]]");
                    return 2;
            }
        }
        if (!sparse)
        {
            Console.Error.WriteLine("--users, --items and --seed apply to --sparse");
            return 2;
        }
        SparseRecommenderExample.Run(users, items, seed, Console.Out);
        return 0;
    }
}
