using System.Diagnostics;
using System.Globalization;
using Linea.ML;

namespace Linea.Examples.WebGraph;

/// <summary>The figures the example prints, for the test that runs it.</summary>
public sealed record WebGraphResult(int Nodes, int Edges, long StoredEdges, int DanglingNodes, int Iterations,
    double BuildSeconds, double RankSeconds, int[] TopNodes, double[] TopScores, double LastChange, long PeakRssBytes);

/// <summary>
/// Ranks a random directed graph of a million pages and ten million links with sparse PageRank: the adjacency matrix
/// is built from coordinate arrays (Sparse.Coo, duplicates summed) and the power iteration touches only its nonzeros,
/// where the dense n x n matrix would need 8 TB.
/// </summary>
public static class WebGraphExample
{
    /// <summary>The default number of nodes (pages).</summary>
    public const int DefaultNodes = 1_000_000;

    /// <summary>The default number of edges (links).</summary>
    public const int DefaultEdges = 10_000_000;

    /// <summary>The default seed.</summary>
    public const ulong DefaultSeed = 17;

    /// <summary>How many of the best-ranked nodes are printed.</summary>
    public const int Top = 5;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Builds the graph, ranks it (damping 0.85, L1 tolerance 1e-10) and prints `name: value` lines.</summary>
    public static WebGraphResult Run(int nodes, int edges, ulong seed, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var clock = Stopwatch.StartNew();
        var adjacency = RandomGraph.Adjacency(nodes, edges, seed);
        double build = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var rank = PageRank.Compute(adjacency, damping: 0.85, tol: 1e-10);
        double seconds = clock.Elapsed.TotalSeconds;

        var scores = rank.Scores.ToArray();
        var top = TopNodes(scores, Top);
        int dangling = CountDangling(adjacency);
        long rss = PeakRss();

        Line(output, "nodes", nodes.ToString(Inv));
        Line(output, "edges", edges.ToString(Inv));
        Line(output, "stored_edges", adjacency.Nnz.ToString(Inv));
        Line(output, "dangling_nodes", dangling.ToString(Inv));
        Line(output, "iterations", rank.Iterations.ToString(Inv));
        Line(output, "last_l1_change", rank.LastChange.ToString("E2", Inv));
        Line(output, "build_seconds", build.ToString("F3", Inv));
        Line(output, "rank_seconds", seconds.ToString("F3", Inv));
        Line(output, "top_nodes", string.Join(' ', top));
        Line(output, "top_scores", string.Join(' ', top.Select(i => scores[i].ToString("E4", Inv))));
        Line(output, "peak_rss_mb", (rss / (1024.0 * 1024.0)).ToString("F0", Inv));
        return new WebGraphResult(nodes, edges, adjacency.Nnz, dangling, rank.Iterations, build, seconds, top,
            top.Select(i => scores[i]).ToArray(), rank.LastChange, rss);
    }

    /// <summary>The <paramref name="count"/> highest-scoring nodes, best first (ties by index): one O(n log count) pass.</summary>
    public static int[] TopNodes(double[] scores, int count)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var best = new PriorityQueue<int, (double Score, int Negated)>();
        for (int i = 0; i < scores.Length; i++)
        {
            var key = (scores[i], -i);
            if (best.Count < count) best.Enqueue(i, key);
            else if (best.TryPeek(out _, out var worst) && key.CompareTo(worst) > 0) best.EnqueueDequeue(i, key);
        }
        var result = new int[best.Count];
        for (int k = result.Length - 1; k >= 0; k--) result[k] = best.Dequeue();
        return result;
    }

    /// <summary>Nodes without out-links: no stored entry in their row of the CSC adjacency.</summary>
    private static int CountDangling(SparseMatrix<double> adjacency)
    {
        var hasOut = new bool[adjacency.Rows];
        for (int j = 0; j < adjacency.Columns; j++)
            foreach (int i in adjacency.IndicesOf(j)) hasOut[i] = true;
        return hasOut.Count(h => !h);
    }

    /// <summary>The process's peak resident set: VmHWM from /proc/self/status on Linux, else the peak working set.</summary>
    public static long PeakRss()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (string line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], Inv) * 1024;
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    private static void Line(TextWriter output, string name, string value) => output.WriteLine($"{name}: {value}");
}
