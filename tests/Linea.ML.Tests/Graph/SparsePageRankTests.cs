namespace Linea.ML.Tests.Graph;

public class SparsePageRankTests
{
    /// <summary>The truth by a direct linear solve of (I - d M^) r = (1 - d) / n 1, M^ column-stochastic with dangling
    /// columns 1/n (as in <see cref="PageRankTests"/>), from the dense form of the graph.</summary>
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
        return Linalg.Solve(NDArray.Eye<double>(n) - m * d, NDArray.Full([n], (1 - d) / n)).ToArray();
    }

    /// <summary>
    /// A random weighted graph as triplets: the first <paramref name="dangling"/> nodes have no out-edges, every other
    /// node links to ~10% of the nodes (self-loops included), some edges twice (duplicates add up), and the last node's
    /// only stored entry is an explicit zero (so it is dangling too).
    /// </summary>
    private static (int[] Src, int[] Dst, double[] W) RandomEdges(int n, ulong seed, int dangling)
    {
        var rng = new Rng(seed);
        List<int> src = [], dst = [];
        List<double> w = [];
        for (int i = dangling; i < n - 1; i++)
        {
            src.Add(i); dst.Add(i); w.Add(1 + rng.NextInt(3));   // a self-loop on every linking node
            for (int j = 0; j < n; j++)
                if (rng.NextDouble() < 0.1)
                {
                    int copies = 1 + rng.NextInt(2);
                    for (int c = 0; c < copies; c++) { src.Add(i); dst.Add(j); w.Add(1 + rng.NextInt(3)); }
                }
        }
        src.Add(n - 1); dst.Add(0); w.Add(0);
        return ([.. src], [.. dst], [.. w]);
    }

    private static NDArray<double> Dense(int n, int[] src, int[] dst, double[] w)
    {
        var a = NDArray.Zeros<double>(n, n);
        for (int k = 0; k < src.Length; k++) a[src[k], dst[k]] += w[k];
        return a;
    }

    private static double L1(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Sum();

    [Fact]
    public void Three_node_graph_matches_the_hand_solution()
    {
        // Edges A->B, A->C, B->C, C->A; with t = (1 - d) / 3: rA = t + d rC, rB = t + d rA / 2, rC = t + d (rA / 2 + rB),
        // so rA (1 - d^2 (1 + d) / 2) = t (1 + d + d^2) (derivation in PageRankTests).
        var a = Sparse.Coo(3, 3, [0, 0, 1, 2], [1, 2, 2, 0], [1.0, 1, 1, 1]);
        double d = 0.85, t = 0.05;
        double rA = t * (1 + d + d * d) / (1 - d * d * (1 + d) / 2);
        double rB = t + d * rA / 2;
        double rC = t * (1 + d) + (d / 2 + d * d / 2) * rA;
        var result = PageRank.Compute(a);
        double bound = d / (1 - d) * result.LastChange + 1e-15;
        Assert.Equal(rA, result.Scores[0], bound);
        Assert.Equal(rB, result.Scores[1], bound);
        Assert.Equal(rC, result.Scores[2], bound);
        Assert.Equal([2, 0, 1], result.Ranking());
        Assert.InRange(result.Iterations, 1, 147);
    }

    [Theory]
    [InlineData(0.85, 0, SparseFormat.Csr)]
    [InlineData(0.85, 5, SparseFormat.Csr)]
    [InlineData(0.85, 5, SparseFormat.Csc)]
    [InlineData(0.5, 3, SparseFormat.Csc)]
    [InlineData(0.99, 2, SparseFormat.Csr)]
    public void Random_graphs_agree_with_the_dense_pagerank_and_the_linear_solve(double d, int dangling, SparseFormat format)
    {
        const int n = 60;
        var (src, dst, w) = RandomEdges(n, 23, dangling);
        var dense = Dense(n, src, dst, w);
        var sparse = Sparse.Coo(n, n, src, dst, w, format);
        var truth = LinearSolveTruth(dense, d);
        var rs = PageRank.Compute(sparse, d, tol: 1e-12, maxIter: 5000);
        var rd = PageRank.Compute(dense, d, tol: 1e-12, maxIter: 5000);
        var s = rs.Scores.ToArray();
        // After stopping, ||r - r*||_1 <= d / (1 - d) * last change; plus rounding of n-term sums over n iterations' worth.
        double roundoff = 100 * n * Fixtures.Eps;
        double boundSparse = d / (1 - d) * rs.LastChange + roundoff;
        double boundDense = d / (1 - d) * rd.LastChange + roundoff;
        Assert.True(L1(s, truth) <= boundSparse, $"||r - r*||_1 = {L1(s, truth):E2} > {boundSparse:E2}");
        Assert.True(L1(s, rd.Scores.ToArray()) <= boundSparse + boundDense, $"sparse vs dense {L1(s, rd.Scores.ToArray()):E2}");
        // The same iteration in exact arithmetic: the counts differ at most where rounding moves a change across tol.
        Assert.InRange(rs.Iterations, rd.Iterations - 1, rd.Iterations + 1);
        Assert.Equal(1.0, s.Sum(), 1e-14);
        Assert.All(s, v => Assert.True(v > 0));
    }

    [Fact]
    public void The_input_matrix_is_not_changed_and_csr_agrees_with_csc()
    {
        var (src, dst, w) = RandomEdges(40, 5, 4);
        var csr = Sparse.Coo(40, 40, src, dst, w);
        var csc = Sparse.Coo(40, 40, src, dst, w, SparseFormat.Csc);
        var before = csc.Data.ToArray();
        var ra = PageRank.Compute(csr);
        var rb = PageRank.Compute(csc);
        Assert.Equal(before, csc.Data.ToArray());
        // CSR iterates by scatters, CSC by gathers: the same iteration with sums in another order, so both lie within
        // d / (1 - d) * (last change) of the fixed point.
        double bound = 0.85 / 0.15 * (ra.LastChange + rb.LastChange) + 100 * 40 * Fixtures.Eps;
        Assert.True(L1(ra.Scores.ToArray(), rb.Scores.ToArray()) <= bound);
    }

    [Fact]
    public void Cycle_zero_damping_and_an_edgeless_graph_give_uniform_scores()
    {
        var cycle = Sparse.Coo(5, 5, [0, 1, 2, 3, 4], [1, 2, 3, 4, 0], [1.0, 1, 1, 1, 1]);
        Assert.All(PageRank.Compute(cycle).Scores.ToArray(), v => Assert.Equal(0.2, v, 1e-15));
        var (src, dst, w) = RandomEdges(10, 3, 2);
        Assert.All(PageRank.Compute(Sparse.Coo(10, 10, src, dst, w), damping: 0).Scores.ToArray(), v => Assert.Equal(0.1, v, 1e-15));
        var empty = Sparse.Coo(4, 4, [], [], ReadOnlySpan<double>.Empty);
        Assert.All(PageRank.Compute(empty).Scores.ToArray(), v => Assert.Equal(0.25, v, 1e-15));
    }

    [Fact]
    public void Float_scores_match_double()
    {
        var (src, dst, w) = RandomEdges(30, 9, 3);
        var rd = PageRank.Compute(Sparse.Coo(30, 30, src, dst, w)).Scores.ToArray();
        var rf = PageRank.Compute(Sparse.Coo(30, 30, src, dst, w.Select(v => (float)v).ToArray()), tol: 1e-6).Scores.ToArray();
        for (int i = 0; i < 30; i++) Assert.Equal(rd[i], rf[i], 1e-5);
    }

    [Fact]
    public void Errors()
    {
        var (src, dst, w) = RandomEdges(6, 1, 0);
        var a = Sparse.Coo(6, 6, src, dst, w);
        Assert.Throws<NoConvergenceException>(() => PageRank.Compute(a, maxIter: 2));
        Assert.Throws<ShapeMismatchException>(() => PageRank.Compute(Sparse.Coo(3, 4, [0], [3], [1.0])));
        var negative = Sparse.Coo(3, 3, [0, 1], [1, 2], [1.0, -1]);
        Assert.Contains("(1, 2)", Assert.Throws<ArgumentException>(() => PageRank.Compute(negative)).Message);
        var nan = Sparse.Coo(3, 3, [2], [0], [double.NaN]);
        Assert.Contains("(2, 0)", Assert.Throws<NonFiniteException>(() => PageRank.Compute(nan)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PageRank.Compute(a, damping: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageRank.Compute(a, tol: 0));
        Assert.Throws<ArgumentException>(() => PageRank.Compute(Sparse.Coo(0, 0, [], [], ReadOnlySpan<double>.Empty)));
        Assert.Throws<ArgumentNullException>(() => PageRank.Compute((SparseMatrix<double>)null!));
    }
}
