using System.Diagnostics;
using System.Globalization;
using Linea;
using Linea.Distributed;
using Linea.Examples.WebGraph;
using Linea.ML;

// PageRank of a seeded random graph with each rank holding the in-links of a block of nodes; rank 0 then ranks the
// whole graph in one process to show that the scores agree to rounding.
//   mpirun --allow-run-as-root --oversubscribe -np 2 dotnet run --project examples/DistributedPageRank [-- nodes edges seed]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int nodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
int edges = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000_000;
ulong seed = args.Length > 2 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : 17;

MpiEnvironment.Run(world =>
{
    // Every rank draws the same edge stream and keeps the edges into its own nodes: its rows of the in-link matrix.
    var part = RowPartition.Balanced(nodes, world.Size);
    int first = (int)part.Offset(world.Rank), count = (int)part.Count(world.Rank);
    var (sources, targets) = RandomGraph.Edges(nodes, edges, seed);
    var rows = new List<int>();
    var cols = new List<int>();
    for (int k = 0; k < edges; k++)
    {
        if (targets[k] < first || targets[k] >= first + count) continue;
        rows.Add(targets[k] - first);
        cols.Add(sources[k]);
    }
    var ones = Enumerable.Repeat(1.0, rows.Count).ToArray();
    var inLinks = Sparse.Coo(count, nodes, rows.ToArray(), cols.ToArray(), ones);

    world.Barrier();
    var clock = Stopwatch.StartNew();
    var result = DistributedPageRank.Compute(world, inLinks);
    world.Barrier();
    double seconds = clock.Elapsed.TotalSeconds;
    long storedLinks = world.Allreduce(inLinks.Nnz, ReductionOp.Sum);

    if (world.IsRoot)
    {
        var single = PageRank.Compute(RandomGraph.Adjacency(nodes, edges, seed));
        double[] a = result.Scores.ToArray(), b = single.Scores.ToArray();
        double maxDiff = a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
        Console.WriteLine($"ranks: {world.Size}");
        Console.WriteLine($"nodes: {nodes}");
        Console.WriteLine($"edges: {edges}");
        Console.WriteLine($"stored_links: {storedLinks}");
        Console.WriteLine($"nodes_per_rank: {string.Join(",", Enumerable.Range(0, world.Size).Select(part.Count))}");
        Console.WriteLine($"iterations: {result.Iterations}");
        Console.WriteLine($"seconds: {seconds:F3}");
        Console.WriteLine($"top_nodes: {string.Join(",", result.Ranking().Take(5))}");
        Console.WriteLine($"top_score: {a.Max():E4}");
        Console.WriteLine($"iterations_single: {single.Iterations}");
        Console.WriteLine($"max_diff_vs_single: {maxDiff:E3}");
    }
});
