using static Linea.Tests.Sparse.Direct.OrderingTestGraphs;

namespace Linea.Tests.Sparse.Direct;

public class AmdOrderingTests
{
    [Fact]
    public void FillCounterAgreesWithExplicitElimination()
    {
        var a = RandomSymmetric(60, 2, 5);
        foreach (var perm in new[] { RandomPermutation(60, 1), Linea.Sparse.Amd(a), Enumerable.Range(0, 60).ToArray() })
            Assert.Equal(CholeskyFillByElimination(a, perm), CholeskyFill(a, perm));
    }

    [Fact]
    public void ArrowMatrixOrdersTheHubLastWithNoFill()
    {
        // Hub 0 joined to every other vertex: eliminating it first fills the whole matrix, last gives no fill.
        const int n = 50;
        var a = FromEdges(n, Enumerable.Range(1, n - 1).Select(i => (0, i)));
        var perm = Linea.Sparse.Amd(a);
        Assert.True(IsPermutation(perm, n));
        Assert.Equal(0, perm[^1]);
        Assert.Equal(2 * n - 1, CholeskyFill(a, perm));
        Assert.Equal((long)n * (n + 1) / 2, CholeskyFill(a, Enumerable.Range(0, n).ToArray()));
    }

    [Fact]
    public void DenseHubIsSetAsideAndOrderedLast()
    {
        // n = 400: the hub's 399 neighbours exceed the dense threshold 10 sqrt(n) = 200.
        const int n = 400;
        var edges = Enumerable.Range(1, n - 1).Select(i => (0, i)).Concat(Enumerable.Range(1, n - 2).Select(i => (i, i + 1)));
        var a = Relabel(FromEdges(n, edges), RandomPermutation(n, 3));
        var perm = Linea.Sparse.Amd(a);
        Assert.True(IsPermutation(perm, n));
        int hub = Enumerable.Range(0, n).Single(v => a.ToCsc().IndicesOf(v).Length == n);
        Assert.Equal(hub, perm[^1]);
        // Path plus hub: the path alone orders with no fill, the hub row is full: nnz(L) = n + (n - 2) + (n - 1).
        Assert.Equal(3L * n - 3, CholeskyFill(a, perm));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TreesGetNoFill(int seed)
    {
        // Paths, stars and random trees are chordal: a perfect elimination order exists and minimum degree finds it.
        const int n = 300;
        var rng = new Random(seed);
        var tree = Enumerable.Range(1, n - 1).Select(i => (rng.Next(i), i)).ToList();
        var path = Enumerable.Range(0, n - 1).Select(i => (i, i + 1)).ToList();
        var star = Enumerable.Range(1, n - 1).Select(i => (0, i)).ToList();
        foreach (var edges in new[] { tree, path, star })
        {
            var a = Relabel(FromEdges(n, edges), RandomPermutation(n, seed));
            var perm = Linea.Sparse.Amd(a);
            Assert.True(IsPermutation(perm, n));
            Assert.Equal(2L * n - 1, CholeskyFill(a, perm));
        }
    }

    [Theory]
    // nnz(L) under SuiteSparse AMD 2.4.6 (amd_order, default controls) on the same patterns, measured once.
    [InlineData(30, 30, 1, 10231)]
    [InlineData(100, 100, 1, 206332)]
    [InlineData(15, 15, 15, 206717)]
    public void GridFillIsWithinTenPercentOfSuiteSparseAmd(int gx, int gy, int gz, long suiteSparseFill)
    {
        var a = Grid(gx, gy, gz);
        var perm = Linea.Sparse.Amd(a);
        Assert.True(IsPermutation(perm, a.Rows));
        long fill = CholeskyFill(a, perm);
        Assert.InRange(fill, a.Rows, (long)(1.1 * suiteSparseFill));
        // Natural (banded) order: about n * g entries, several times more.
        Assert.True(CholeskyFill(a, Enumerable.Range(0, a.Rows).ToArray()) > 1.5 * fill);
    }

    [Fact]
    public void RandomPatternFillIsWithinTenPercentOfSuiteSparseAmd()
    {
        // amd_order (SuiteSparse AMD 2.4.6) on this very pattern gives nnz(L) = 313,148; a random order fills far more.
        var a = RandomSymmetric(2000, 3, 11);
        var perm = Linea.Sparse.Amd(a);
        long fill = CholeskyFill(a, perm);
        Assert.InRange(fill, 2000, (long)(1.1 * 313148));
        long randomFill = CholeskyFill(a, RandomPermutation(2000, 4));
        Assert.True(fill < 0.6 * randomFill, $"AMD {fill} vs random order {randomFill}");
    }

    [Fact]
    public void IsDeterministic()
    {
        var a = RandomSymmetric(1500, 3, 9);
        Assert.Equal(Linea.Sparse.Amd(a), Linea.Sparse.Amd(a));
    }

    [Fact]
    public void UnsymmetricPatternIsOrderedAsAPlusATranspose()
    {
        var sym = RandomSymmetric(400, 3, 2);
        var csc = sym.ToCsc();
        var (r, c) = (new List<int>(), new List<int>());
        for (int j = 0; j < sym.Columns; j++)
            foreach (int i in csc.IndicesOf(j))
                if (i <= j) { r.Add(i); c.Add(j); } // upper triangle only
        var upper = Linea.Sparse.Coo(400, 400, r.ToArray(), c.ToArray(), Enumerable.Repeat(1.0, r.Count).ToArray());
        Assert.Equal(Linea.Sparse.Amd(sym), Linea.Sparse.Amd(upper));
        Assert.Equal(Linea.Sparse.Amd(sym), Linea.Sparse.Amd(upper.T.ToCsr()));
    }

    [Fact]
    public void EdgeCases()
    {
        Assert.Empty(Linea.Sparse.Amd(Linea.Sparse.Csc(0, 0, new long[] { 0 }, Array.Empty<int>(), Array.Empty<double>())));
        Assert.Equal([0], Linea.Sparse.Amd(Linea.Sparse.Eye<double>(1)));
        var eye = Linea.Sparse.Eye<float>(7);
        Assert.True(IsPermutation(Linea.Sparse.Amd(eye), 7));
        // All-empty (no stored entries at all) and isolated vertices mixed with a path.
        Assert.True(IsPermutation(Linea.Sparse.Amd(Linea.Sparse.Csr(5, 5, new long[6], Array.Empty<int>(), Array.Empty<double>())), 5));
        var a = FromEdges(10, [(2, 3), (3, 4), (7, 8)], diagonal: false);
        var perm = Linea.Sparse.Amd(a);
        Assert.True(IsPermutation(perm, 10));
        Assert.Equal(10 + 3, CholeskyFill(a, perm));
        var ex = Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Amd(Linea.Sparse.Csr(3, 4, new long[4], Array.Empty<int>(), Array.Empty<double>())));
        Assert.Contains("Amd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FillReducingOrderUsesAmdForSymmetricAuto()
    {
        var a = Grid(12, 12);
        var (perm, used) = FillReducingOrder.Compute("test", a, SparseOrdering.Auto, symmetric: true);
        Assert.Equal(SparseOrdering.Amd, used);
        Assert.Equal(Linea.Sparse.Amd(a), perm);
        var (perm2, used2) = FillReducingOrder.Compute("test", a, SparseOrdering.Amd, symmetric: false);
        Assert.Equal(SparseOrdering.Amd, used2);
        Assert.Equal(perm, perm2);
    }
}
