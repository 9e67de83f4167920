using System.Globalization;
using Linea;
using Linea.ML;

namespace Linea.Distributed.Worker;

/// <summary>
/// Distributed PageRank against one-process PageRank.Compute on the same graph (drawn from a seed on every rank):
/// balanced and skewed node blocks (a rank with no nodes), CSR and CSC blocks, float and double, dangling nodes and
/// self-loops; then bad input failing on every rank.
/// <para>
/// Tolerance: both runs take the same iterations and differ only in the order of the sums (the dangling mass and the
/// change are summed per rank, then across ranks); each iteration adds a few ulps of the largest score and the
/// iteration contracts errors by d &lt; 1, so |Δr| ≤ 4 · iterations · eps · max r.
/// </para>
/// </summary>
internal static class PageRankScenarios
{
    public static void Run(Communicator world, Checks checks, string[] args)
    {
        int p = world.Size;
        var graph = Graph(41, seed: 3);
        Case(world, checks, "balanced", graph, RowPartition.Balanced(41, p), csc: false);
        Case(world, checks, "skewed_csc", graph, RowPartition.FromCounts(p == 2 ? [0L, 41] : [0L, 30, .. new long[p - 3], 11]), csc: true);
        var big = Graph(500, seed: 4);
        Case(world, checks, "big_uneven", big, RowPartition.FromCounts(Enumerable.Range(0, p).Select(r => r == p - 1 ? 500L - 100 * (p - 1) : 100L).ToArray()), csc: false);
        FloatCase(world, checks);
        Errors(world, checks, graph);
    }

    /// <summary>n nodes; every 7th node (3, 10, ...) dangling; the others 1..4 out-edges of weight in [0.5, 2), self-loops and repeats allowed.</summary>
    internal static SparseMatrix<double> Graph(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        for (int i = 0; i < n; i++)
        {
            if (i % 7 == 3) continue;
            int degree = 1 + rng.NextInt(4);
            for (int e = 0; e < degree; e++)
            {
                rows.Add(i);
                cols.Add(rng.NextInt(n));
                vals.Add(0.5 + 1.5 * rng.NextDouble());
            }
        }
        return Sparse.Coo<double>(n, n, rows.ToArray(), cols.ToArray(), vals.ToArray());
    }

    private static void Case(Communicator world, Checks checks, string name, SparseMatrix<double> graph, RowPartition part, bool csc)
    {
        var mine = DistributedPageRank.InLinkRows(graph, part, world.Rank);
        checks.Equal(name + ".block_shape", $"({part.Count(world.Rank)}, {graph.Rows})", mine.Shape.ToString());
        var dist = DistributedPageRank.Compute(world, csc ? mine.ToCsc() : mine);
        var single = PageRank.Compute(graph);
        Compare(world, checks, name, single.Scores.ToArray(), dist.Scores.ToArray(), single.Iterations, dist.Iterations, Eps(double.BitIncrement(1)));
        checks.True(name + ".converged", dist.LastChange < 1e-10, $"last change {dist.LastChange}");
    }

    private static void FloatCase(Communicator world, Checks checks)
    {
        var g = Graph(60, seed: 5);
        var gf = Sparse.Coo<float>(60, 60, ToCoo(g).Rows, ToCoo(g).Cols, ToCoo(g).Vals.Select(v => (float)v).ToArray());
        var part = RowPartition.Balanced(60, world.Size);
        var dist = DistributedPageRank.Compute(world, DistributedPageRank.InLinkRows(gf, part, world.Rank), tol: 1e-6);
        var single = PageRank.Compute(gf, tol: 1e-6);
        Compare(world, checks, "float", single.Scores.ToArray().Select(v => (double)v).ToArray(),
            dist.Scores.ToArray().Select(v => (double)v).ToArray(), single.Iterations, dist.Iterations, Eps(float.BitIncrement(1)));
    }

    private static (int[] Rows, int[] Cols, double[] Vals) ToCoo(SparseMatrix<double> a)
    {
        var csr = a.ToCsr();
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        for (int i = 0; i < csr.Rows; i++)
        {
            var idx = csr.IndicesOf(i);
            var v = csr.ValuesOf(i);
            for (int k = 0; k < idx.Length; k++)
            {
                rows.Add(i);
                cols.Add(idx[k]);
                vals.Add(v[k]);
            }
        }
        return (rows.ToArray(), cols.ToArray(), vals.ToArray());
    }

    private static void Compare(Communicator world, Checks checks, string name, double[] expected, double[] actual,
        int expectedIterations, int iterations, double eps)
    {
        checks.Equal(name + ".iterations", expectedIterations, iterations);
        double tol = 4 * expectedIterations * eps * expected.Max();
        double worst = expected.Length == actual.Length ? expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max() : double.NaN;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[rank {world.Rank}] INFO pagerank {name}: max |r_dist - r_single| = {worst:E3} over {iterations} iterations (tol {tol:E3})"));
        checks.Close(name + ".scores_vs_single", expected, actual, tol);
        checks.True(name + ".sums_to_one", Math.Abs(actual.Sum() - 1) <= 4 * actual.Length * eps, $"sum {actual.Sum()}");
    }

    private static double Eps(double nextAfterOne) => nextAfterOne - 1;

    private static void Errors(Communicator world, Checks checks, SparseMatrix<double> graph)
    {
        int p = world.Size, r = world.Rank, last = p - 1;
        var part = RowPartition.Balanced(41, p);
        var mine = DistributedPageRank.InLinkRows(graph, part, r);
        var negative = mine.Copy();
        if (r == last) negative.Data[0] = -1;
        if (r == last)
            checks.Throws<ArgumentException>("pagerank.negative.own_rank", () => DistributedPageRank.Compute(world, negative), "edge weights must be >= 0", "weight -1");
        else
            checks.Throws<ArgumentException>("pagerank.negative.other_ranks", () => DistributedPageRank.Compute(world, negative), $"rank {last} failed its checks");
        checks.Throws<MpiCountMismatchException>("pagerank.damping_differs",
            () => DistributedPageRank.Compute(world, mine, damping: r == 0 ? 0.5 : 0.85), "same damping", "rank 0: 0.5", $"rank {last}: 0.85");
        var missing = r == 0 ? mine.SliceRows(0, mine.Rows - 1) : mine;
        checks.Throws<MpiCountMismatchException>("pagerank.rows_do_not_add_up",
            () => DistributedPageRank.Compute(world, missing), "add up to 40, not the 41 columns");
        // Allgatherv with known counts: rank r sends r + 1 copies of r; checks that fail alike on every rank throw locally.
        var known = RowPartition.FromCounts(Enumerable.Range(1, p).Select(i => (long)i).ToArray());
        var gathered = new double[known.Rows];
        world.Allgatherv<double>(Enumerable.Repeat((double)r, r + 1).ToArray(), gathered, known);
        checks.Sequence<double>("allgatherv.partition", Enumerable.Range(0, p).SelectMany(i => Enumerable.Repeat((double)i, i + 1)).ToArray(), gathered);
        checks.Throws<ArgumentException>("allgatherv.partition_ranks",
            () => world.Allgatherv<double>(new double[1], new double[p + 1], RowPartition.Balanced(p + 1, p + 1)), $"over {p + 1} ranks, the communicator has {p}");
        checks.Throws<ArgumentException>("allgatherv.partition_lengths",
            () => world.Allgatherv<double>(new double[r + 2], gathered, known), $"send has length {r + 2}", $"needs {r + 1} and {known.Rows}");
        checks.Throws<NoConvergenceException>("pagerank.no_convergence",
            () => DistributedPageRank.Compute(world, mine, maxIter: 2), "no convergence in 2 iterations");
    }
}
