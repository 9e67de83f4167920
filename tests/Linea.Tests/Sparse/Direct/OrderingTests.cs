using static Linea.Tests.Sparse.Direct.OrderingTestGraphs;

namespace Linea.Tests.Sparse.Direct;

/// <summary>What the orderings share: the fill estimate they are judged by, Auto, and reverse Cuthill-McKee.</summary>
public class OrderingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void FillEstimateMatchesTheRowSubtreeCount(int seed)
    {
        foreach (var a in new[] { RandomSymmetric(700, 3, seed), Grid(25, 25), Grid(9, 9, 9), Linea.Sparse.Eye<double>(5) })
        {
            var g = AdjacencyGraph.SymmetricPattern("test", a);
            foreach (var perm in new[] { RandomPermutation(a.Rows, seed), Linea.Sparse.Amd(a), Linea.Sparse.NestedDissection(a) })
            {
                var (nnz, flops) = FillEstimate.Cholesky(g, perm);
                Assert.Equal(CholeskyFill(a, perm), nnz);
                Assert.InRange(flops, nnz, (double)nnz * a.Rows);
            }
        }
    }

    [Fact]
    public void AutoTakesNestedDissectionOnlyWhereItMeasuresBetter()
    {
        // A 25^3 mesh (above the trial size): nested dissection's factor is much cheaper.
        var mesh = Grid(25, 25, 25);
        var (perm, used) = FillReducingOrder.Compute("test", mesh, SparseOrdering.Auto, symmetric: true);
        Assert.Equal(SparseOrdering.NestedDissection, used);
        Assert.Equal(Linea.Sparse.NestedDissection(mesh), perm);
        // A random pattern of the same size: AMD.
        var random = RandomSymmetric(15_625, 2, 3);
        Assert.Equal(SparseOrdering.Amd, FillReducingOrder.Compute("test", random, SparseOrdering.Auto, symmetric: true).Used);
        // A long path: too little work to try.
        var path = FromEdges(20_000, Enumerable.Range(0, 19_999).Select(i => (i, i + 1)));
        Assert.Equal(SparseOrdering.Amd, FillReducingOrder.Compute("test", path, SparseOrdering.Auto, symmetric: true).Used);

        // The trial on two threads (nested dissection beside AMD) chooses the same, with the same permutations.
        var two = new Parallelism(2);
        var (perm2, used2) = FillReducingOrder.Compute("test", mesh, SparseOrdering.Auto, symmetric: true, parallelism: two);
        Assert.Equal(used, used2);
        Assert.Equal(perm, perm2);
        Assert.Equal(SparseOrdering.Amd, FillReducingOrder.Compute("test", random, SparseOrdering.Auto, symmetric: true, parallelism: two).Used);
        Assert.Equal(SparseCholeskyAnalysis.Analyze(mesh, parallelism: Parallelism.None).Permutation, SparseCholeskyAnalysis.Analyze(mesh, parallelism: two).Permutation);
    }

    [Fact]
    public void ExplicitOrderingsAndErrors()
    {
        var a = Linea.Sparse.Random<double>(30, 20, 0.1, seed: 1);
        var ex = Assert.Throws<ShapeMismatchException>(() => FillReducingOrder.Compute("Lu", a, SparseOrdering.Amd, symmetric: false));
        Assert.Contains("Lu", ex.Message, StringComparison.Ordinal);
        Assert.True(IsPermutation(FillReducingOrder.Compute("Qr", a, SparseOrdering.Colamd, symmetric: false).Perm, 20));
        var user = RandomPermutation(20, 2);
        Assert.Equal(user, FillReducingOrder.Compute("Qr", a, SparseOrdering.Amd, symmetric: false, user).Perm);
    }

    [Fact]
    public void EveryOrderingReturnsAPermutationOnRandomShapes()
    {
        // Random sizes, densities, full rows and columns, empty ones: each ordering must return a permutation.
        var rng = new Random(42);
        for (int t = 0; t < 300; t++)
        {
            int n = rng.Next(0, 120), m = t % 2 == 0 ? n : rng.Next(0, 120);
            double density = rng.NextDouble() * (t % 4 == 0 ? 0.3 : 0.04);
            var (r, c) = (new List<int>(), new List<int>());
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    if (rng.NextDouble() < density) { r.Add(i); c.Add(j); }
            if (t % 3 == 0 && m > 0 && n > 0)
            {
                int fullRow = rng.Next(m), fullColumn = rng.Next(n);
                for (int j = 0; j < n; j++) { r.Add(fullRow); c.Add(j); }
                for (int i = 0; i < m; i++) { r.Add(i); c.Add(fullColumn); }
            }
            var a = Linea.Sparse.Coo(m, n, r.ToArray(), c.ToArray(), Enumerable.Repeat(1.0, r.Count).ToArray());
            Assert.True(IsPermutation(Linea.Sparse.Colamd(a), n), $"colamd, case {t}");
            if (m != n) continue;
            Assert.True(IsPermutation(Linea.Sparse.Amd(a), n), $"amd, case {t}");
            Assert.True(IsPermutation(Linea.Sparse.NestedDissection(a), n), $"nested dissection, case {t}");
            Assert.True(IsPermutation(Linea.Sparse.ReverseCuthillMcKee(a), n), $"rcm, case {t}");
        }
    }

    private static int Bandwidth(SparseMatrix<double> a, int[] perm)
    {
        var pinv = new int[perm.Length];
        for (int k = 0; k < perm.Length; k++) pinv[perm[k]] = k;
        var csc = a.ToCsc();
        int bw = 0;
        for (int j = 0; j < a.Columns; j++)
            foreach (int i in csc.IndicesOf(j)) bw = Math.Max(bw, Math.Abs(pinv[i] - pinv[j]));
        return bw;
    }

    [Fact]
    public void ReverseCuthillMcKeeRecoversSmallBandwidth()
    {
        // A shuffled path has bandwidth ~n; RCM from an end restores 1. A shuffled g x g grid: RCM gives about g
        // (diagonal level sets hold at most g vertices, so the band is at most 2g - 1).
        const int n = 500;
        var path = Relabel(FromEdges(n, Enumerable.Range(0, n - 1).Select(i => (i, i + 1))), RandomPermutation(n, 1));
        var p = Linea.Sparse.ReverseCuthillMcKee(path);
        Assert.True(IsPermutation(p, n));
        Assert.Equal(1, Bandwidth(path, p));
        const int g = 30;
        var grid = Relabel(Grid(g, g), RandomPermutation(g * g, 2));
        var q = Linea.Sparse.ReverseCuthillMcKee(grid);
        Assert.True(IsPermutation(q, g * g));
        Assert.InRange(Bandwidth(grid, q), g - 1, 2 * g - 1);
        Assert.True(Bandwidth(grid, Enumerable.Range(0, g * g).ToArray()) > 10 * g);
        // Components, isolated vertices, edge cases.
        var parts = FromEdges(7, [(0, 3), (3, 5), (1, 6)]);
        var r = Linea.Sparse.ReverseCuthillMcKee(parts);
        Assert.True(IsPermutation(r, 7));
        Assert.Equal(1, Bandwidth(parts, r));
        Assert.Empty(Linea.Sparse.ReverseCuthillMcKee(Linea.Sparse.Csr(0, 0, new long[] { 0 }, Array.Empty<int>(), Array.Empty<double>())));
        Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.ReverseCuthillMcKee(Linea.Sparse.Csr(2, 3, new long[3], Array.Empty<int>(), Array.Empty<double>())));
    }
}
