using static Linea.Tests.Sparse.Direct.OrderingTestGraphs;

namespace Linea.Tests.Sparse.Direct;

public class ColamdOrderingTests
{
    /// <summary>The m x n pattern with the given (row, column) entries, values 1.</summary>
    private static SparseMatrix<double> Pattern(int m, int n, List<(int R, int C)> entries) =>
        Linea.Sparse.Coo(m, n, entries.Select(e => e.R).ToArray(), entries.Select(e => e.C).ToArray(),
            Enumerable.Repeat(1.0, entries.Count).ToArray());

    /// <summary>nnz of the Cholesky factor of (A P)^T (A P): the pattern of R in QR, built row by row as cliques.</summary>
    private static long ColumnFill(SparseMatrix<double> a, int[] perm)
    {
        var csr = a.ToCsr();
        var edges = new List<(int, int)>();
        for (int i = 0; i < a.Rows; i++)
        {
            var cols = csr.IndicesOf(i).ToArray();
            foreach (int u in cols) foreach (int v in cols) if (u < v) edges.Add((u, v));
        }
        return CholeskyFill(FromEdges(a.Columns, edges), perm);
    }

    /// <summary>A 2-D grid operator (rows: the 5-point stencil) with its columns shuffled, plus extra rows.</summary>
    private static List<(int, int)> ShuffledStencil(int g, int extraRows, int seed, out int m, out int n)
    {
        n = g * g;
        var shuffle = RandomPermutation(n, seed);
        var rng = new Random(seed);
        var e = new List<(int, int)>();
        for (int y = 0; y < g; y++)
            for (int x = 0; x < g; x++)
            {
                int i = y * g + x;
                e.Add((i, shuffle[i]));
                if (x > 0) e.Add((i, shuffle[i - 1]));
                if (x + 1 < g) e.Add((i, shuffle[i + 1]));
                if (y > 0) e.Add((i, shuffle[i - g]));
                if (y + 1 < g) e.Add((i, shuffle[i + g]));
            }
        for (int r = 0; r < extraRows; r++)
        {
            int i = n + r, c = rng.Next(n - 1);
            e.Add((i, shuffle[c])); e.Add((i, shuffle[c + 1]));
        }
        m = n + extraRows;
        return e;
    }

    [Fact]
    public void OrdersRectangularMatricesWithLittleFill()
    {
        var entries = ShuffledStencil(25, 100, 3, out int m, out int n);
        var a = Pattern(m, n, entries);
        var perm = Linea.Sparse.Colamd(a);
        Assert.True(IsPermutation(perm, n));
        long fill = ColumnFill(a, perm);
        long shuffled = ColumnFill(a, Enumerable.Range(0, n).ToArray());
        Assert.True(fill < 0.5 * shuffled, $"colamd {fill} vs the shuffled natural order {shuffled}");
        // Wide (fewer rows than columns).
        var wide = Linea.Sparse.Random<double>(30, 200, 0.05, seed: 2);
        Assert.True(IsPermutation(Linea.Sparse.Colamd(wide), 200));
    }

    [Fact]
    public void FillIsWithinTenPercentOfSuiteSparseColamd()
    {
        // colamd (SuiteSparse COLAMD 2.9.6, default knobs) on this very pattern: nnz(R) = 62,302.
        var entries = ShuffledStencil(40, 0, 1, out int m, out int n);
        var a = Pattern(m, n, entries);
        var perm = Linea.Sparse.Colamd(a);
        Assert.InRange(ColumnFill(a, perm), n, (long)(1.1 * 62302));
    }

    [Fact]
    public void IgnoresADenseRowAndOrdersDenseAndEmptyColumnsLast()
    {
        var entries = ShuffledStencil(20, 0, 5, out int m, out int n);
        var baseline = Linea.Sparse.Colamd(Pattern(m, n, entries));
        // A full row (400 > 10 sqrt(400) = 200 entries) would make A^T A dense; it is ignored.
        var withDenseRow = new List<(int, int)>(entries);
        for (int j = 0; j < n; j++) withDenseRow.Add((m, j));
        Assert.Equal(baseline, Linea.Sparse.Colamd(Pattern(m + 1, n, withDenseRow)));
        // A dense column (every row) and an empty column go last.
        var withColumns = new List<(int, int)>(entries);
        for (int i = 0; i < m; i++) withColumns.Add((i, n));
        var perm = Linea.Sparse.Colamd(Pattern(m, n + 2, withColumns));
        Assert.True(IsPermutation(perm, n + 2));
        Assert.Equal(new HashSet<int> { n, n + 1 }, new HashSet<int>(perm[^2..]));
    }

    [Fact]
    public void EdgeCasesAndAuto()
    {
        Assert.Empty(Linea.Sparse.Colamd(Linea.Sparse.Csr(4, 0, new long[5], Array.Empty<int>(), Array.Empty<double>())));
        Assert.Equal([0, 1, 2], Linea.Sparse.Colamd(Linea.Sparse.Csr(0, 3, new long[1], Array.Empty<int>(), Array.Empty<double>())));
        Assert.Equal([0], Linea.Sparse.Colamd(Linea.Sparse.Eye<float>(1)));
        Assert.True(IsPermutation(Linea.Sparse.Colamd(Linea.Sparse.Eye<double>(9)), 9));
        var a = Linea.Sparse.Random<double>(80, 60, 0.05, seed: 8);
        Assert.Equal(Linea.Sparse.Colamd(a), Linea.Sparse.Colamd(a));
        Assert.Equal(Linea.Sparse.Colamd(a), Linea.Sparse.Colamd(a.ToCsc()));
        var sq = Linea.Sparse.Random<double>(70, 70, 0.05, seed: 9);
        var (perm, used) = FillReducingOrder.Compute("test", sq, SparseOrdering.Auto, symmetric: false);
        Assert.Equal(SparseOrdering.Colamd, used);
        Assert.Equal(Linea.Sparse.Colamd(sq), perm);
    }
}
