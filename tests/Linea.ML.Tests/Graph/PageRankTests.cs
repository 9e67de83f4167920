namespace Linea.ML.Tests.Graph;

public class PageRankTests
{
    /// <summary>The truth by a direct linear solve: with the column-stochastic M^ (dangling columns 1/n), the scores solve
    /// (I - d M^) r = (1 - d) / n 1, a nonsingular system (d &lt; 1), by LU instead of iteration.</summary>
    private static double[] LinearSolveTruth(NDArray<double> adjacency, double d)
    {
        int n = (int)adjacency.Shape[0];
        var m = NDArray.Zeros<double>(n, n);
        for (int i = 0; i < n; i++)
        {
            double w = 0;
            for (int j = 0; j < n; j++) w += adjacency[i, j];
            for (int j = 0; j < n; j++) m[j, i] = w == 0 ? 1.0 / n : adjacency[i, j] / w;
        }
        var system = NDArray.Eye<double>(n) - m * d;
        return Linalg.Solve(system, NDArray.Full([n], (1 - d) / n)).ToArray();
    }

    private static NDArray<double> RandomGraph(int n, ulong seed, int dangling)
    {
        var rng = new Rng(seed);
        var a = NDArray.Zeros<double>(n, n);
        for (int i = dangling; i < n; i++)
            for (int j = 0; j < n; j++)
                if (rng.NextDouble() < 0.1) a[i, j] = 1 + rng.NextInt(3);
        return a;
    }

    [Fact]
    public void Three_node_graph_matches_the_hand_solution()
    {
        // Edges A->B, A->C, B->C, C->A. With t = (1 - d) / 3 = 0.05:
        //   rA = t + d rC,  rB = t + d rA / 2,  rC = t + d (rA / 2 + rB).
        // Substituting: rC = t (1 + d) + (d / 2 + d^2 / 2) rA, then rA (1 - d^2 (1 + d) / 2) = t (1 + d + d^2).
        var a = NDArray.FromArray(new double[,] { { 0, 1, 1 }, { 0, 0, 1 }, { 1, 0, 0 } });
        double d = 0.85, t = 0.05;
        double rA = t * (1 + d + d * d) / (1 - d * d * (1 + d) / 2);
        double rB = t + d * rA / 2;
        double rC = t * (1 + d) + (d / 2 + d * d / 2) * rA;
        Assert.Equal(1.0, rA + rB + rC, 1e-15);
        var result = PageRank.Compute(a);
        // Error after stopping: ||r - r*||_1 <= d / (1 - d) * last change.
        double bound = d / (1 - d) * result.LastChange + 1e-15;
        Assert.Equal(rA, result.Scores[0], bound);
        Assert.Equal(rB, result.Scores[1], bound);
        Assert.Equal(rC, result.Scores[2], bound);
        Assert.Equal([2, 0, 1], result.Ranking());
        // The change contracts at least by d per step from at most 2: no more than log(tol / 2) / log(d) + 1 = 147 steps.
        Assert.InRange(result.Iterations, 1, 147);
    }

    [Theory]
    [InlineData(0.85, 0)]
    [InlineData(0.85, 5)]
    [InlineData(0.5, 3)]
    [InlineData(0.99, 2)]
    public void Random_graphs_with_dangling_nodes_agree_with_the_linear_solve(double d, int dangling)
    {
        var a = RandomGraph(60, 17, dangling);
        var truth = LinearSolveTruth(a, d);
        var result = PageRank.Compute(a, d, tol: 1e-12, maxIter: 5000);
        var r = result.Scores.ToArray();
        double l1 = r.Zip(truth, (x, y) => Math.Abs(x - y)).Sum();
        double bound = d / (1 - d) * result.LastChange + 100 * 60 * Fixtures.Eps;
        Assert.True(l1 <= bound, $"||r - r*||_1 = {l1:E2} > {bound:E2}");
        Assert.Equal(1.0, r.Sum(), 1e-14);
        Assert.All(r, v => Assert.True(v > 0));
    }

    /// <summary>
    /// n = 1000 with dangling rows (12 iterations: a random graph of density 0.1 mixes fast): the adjacency matrix is
    /// read in place and the iteration's vectors are allocated once, so a call allocates the out-weights (n), four more
    /// n-vectors (1 / out-weight, x, r, next r; the flags n bytes) and 16 KiB of small objects: 57 KB. The old form
    /// copied A (8 MB) and made about six n-vectors per iteration. The scores still solve the linear system (as above).
    /// </summary>
    [Fact]
    public void Dense_iteration_reads_A_in_place_and_reuses_its_vectors()
    {
        const int n = 1000;
        var a = RandomGraph(n, 5, 20);
        PageRank.Compute(a, tol: 1e-12);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = PageRank.Compute(a, tol: 1e-12);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        long bound = 5L * 8 * n + n + (16 << 10);
        Assert.True(result.Iterations >= 10, $"{result.Iterations} iterations: too few to show that they reuse their vectors");
        Assert.True(bytes <= bound, $"PageRank.Compute allocated {bytes} bytes > {bound}");
        var truth = LinearSolveTruth(a, 0.85);
        double l1 = result.Scores.ToArray().Zip(truth, (x, y) => Math.Abs(x - y)).Sum();
        double tol = 0.85 / 0.15 * result.LastChange + 100 * n * Fixtures.Eps;
        Assert.True(l1 <= tol, $"||r - r*||_1 = {l1:E2} > {tol:E2}");
    }

    [Fact]
    public void Symmetric_cycle_and_zero_damping_give_uniform_scores()
    {
        var cycle = NDArray.Zeros<double>(5, 5);
        for (int i = 0; i < 5; i++) cycle[i, (i + 1) % 5] = 1;
        Assert.All(PageRank.Compute(cycle).Scores.ToArray(), v => Assert.Equal(0.2, v, 1e-15));
        var a = RandomGraph(10, 3, 2);
        Assert.All(PageRank.Compute(a, damping: 0).Scores.ToArray(), v => Assert.Equal(0.1, v, 1e-15));
        var allDangling = NDArray.Zeros<double>(4, 4);
        Assert.All(PageRank.Compute(allDangling).Scores.ToArray(), v => Assert.Equal(0.25, v, 1e-15));
    }

    [Fact]
    public void Float_scores_match_double()
    {
        var a = RandomGraph(30, 9, 3);
        var rd = PageRank.Compute(a).Scores.ToArray();
        var af = NDArray.FromArray(a.ToArray().Select(v => (float)v).ToArray(), 30, 30);
        var rf = PageRank.Compute(af, tol: 1e-6).Scores.ToArray();
        for (int i = 0; i < 30; i++) Assert.Equal(rd[i], rf[i], 1e-5);
    }

    [Fact]
    public void Errors()
    {
        var a = RandomGraph(6, 1, 0);
        Assert.Throws<NoConvergenceException>(() => PageRank.Compute(a, maxIter: 2));
        Assert.Throws<ShapeMismatchException>(() => PageRank.Compute(NDArray.Zeros<double>(3, 4)));
        Assert.Throws<ShapeMismatchException>(() => PageRank.Compute(NDArray.Zeros<double>(3)));
        var negative = a.Copy(); negative[1, 2] = -1;
        Assert.Throws<ArgumentException>(() => PageRank.Compute(negative));
        var nan = a.Copy(); nan[0, 0] = double.NaN;
        Assert.Throws<NonFiniteException>(() => PageRank.Compute(nan));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageRank.Compute(a, damping: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageRank.Compute(a, tol: 0));
        Assert.Throws<ArgumentException>(() => PageRank.Compute(NDArray.Zeros<double>(0, 0)));
    }
}
