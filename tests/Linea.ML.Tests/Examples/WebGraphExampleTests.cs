using Linea.Examples.WebGraph;

namespace Linea.ML.Tests.Examples;

/// <summary>Runs the WebGraph example at a small size and checks what it prints against the dense PageRank.</summary>
public sealed class WebGraphExampleTests
{
    private static Dictionary<string, string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(": ", 2))
            .ToDictionary(p => p[0], p => p[1].TrimEnd('\r'));

    [Fact]
    public void Small_graph_ranks_as_the_dense_pagerank_does()
    {
        const int nodes = 800, edges = 4000;
        var writer = new StringWriter();
        var r = WebGraphExample.Run(nodes, edges, 5, writer);
        var lines = Lines(writer.ToString());
        Assert.Equal("800", lines["nodes"]);
        Assert.Equal("4000", lines["edges"]);
        Assert.Equal(r.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), lines["iterations"]);
        Assert.Equal(WebGraphExample.Top, lines["top_nodes"].Split(' ').Length);
        Assert.True(r.PeakRssBytes > 0);

        // The same graph, dense: repeats add up, as Sparse.Coo sums them.
        var (src, dst) = RandomGraph.Edges(nodes, edges, 5);
        var dense = NDArray.Zeros<double>(nodes, nodes);
        for (int k = 0; k < edges; k++) dense[src[k], dst[k]] += 1;
        long stored = 0, dangling = 0;
        for (int i = 0; i < nodes; i++)
        {
            int row = 0;
            for (int j = 0; j < nodes; j++) if (dense[i, j] != 0) row++;
            stored += row;
            if (row == 0) dangling++;
        }
        Assert.Equal(stored, r.StoredEdges);
        Assert.Equal(dangling, r.DanglingNodes);

        var truth = PageRank.Compute(dense).Scores.ToArray();
        // Both iterates lie within d / (1 - d) * (last change) of the fixed point in L1, so each score differs by less.
        double bound = 0.85 / 0.15 * 2e-10 + 100 * nodes * Fixtures.Eps;
        for (int k = 0; k < r.TopNodes.Length; k++)
        {
            Assert.Equal(truth[r.TopNodes[k]], r.TopScores[k], bound);
            // Every other node scores no more than the k-th best (up to the bound), and the list is in decreasing order.
            Assert.All(Enumerable.Range(0, nodes).Where(i => Array.IndexOf(r.TopNodes, i, 0, k + 1) < 0),
                i => Assert.True(truth[i] <= r.TopScores[k] + bound, $"node {i} {truth[i]} above top {k} {r.TopScores[k]}"));
            if (k > 0) Assert.True(r.TopScores[k] <= r.TopScores[k - 1]);
        }
    }

    [Fact]
    public void Top_nodes_break_ties_by_index()
    {
        Assert.Equal([3, 1, 2], WebGraphExample.TopNodes([0.1, 0.3, 0.3, 0.5, 0.0], 3));
        Assert.Equal([1, 0], WebGraphExample.TopNodes([1.0, 2.0], 5));
    }
}
