using Linea.Tests.Sparse;
using static Linea.Tests.Sparse.Direct.CholeskyTestMatrices;

namespace Linea.Tests.Sparse.Direct;

public class SymbolicAnalysisTests
{
    /// <summary>
    /// The structure of L for the lower pattern of A[perm, perm] by dense boolean elimination: L(i, k) != 0 when
    /// A(i, k) != 0 or L(i, j) and L(k, j) for some j &lt; k. O(n^3), small n only.
    /// </summary>
    private static bool[,] BruteForceStructure(SparseMatrix<double> a, int[] perm)
    {
        int n = a.Rows;
        var inv = new int[n];
        for (int k = 0; k < n; k++) inv[perm[k]] = k;
        var l = new bool[n, n];
        var csc = a.ToCsc();
        for (int j = 0; j < n; j++)
            foreach (int i in csc.IndicesOf(j))
            {
                int pi = inv[i], pj = inv[j];
                l[Math.Max(pi, pj), Math.Min(pi, pj)] = true;
            }
        for (int k = 0; k < n; k++)
        {
            l[k, k] = true;
            for (int j = 0; j < k; j++)
                if (l[k, j])
                    for (int i = k + 1; i < n; i++)
                        if (l[i, j]) l[i, k] = true;
        }
        return l;
    }

    [Theory]
    [InlineData(30, 1, 1)]
    [InlineData(60, 2, 2)]
    [InlineData(80, 3, 3)]
    [InlineData(25, 5, 4)]
    public void Tree_postorder_and_counts_match_brute_force_elimination(int n, int perRow, int seed)
    {
        var a = RandomSpd<double>(n, perRow, seed);
        var analysis = SparseCholeskyAnalysis.Analyze(a, permutation: RandomPermutation(n, seed + 100));
        var perm = analysis.Permutation;
        var l = BruteForceStructure(a, perm);
        var parent = analysis.EliminationTreeParents;
        var counts = analysis.ColumnCounts;
        long total = 0;
        var descendants = new int[n];
        for (int k = 0; k < n; k++)
        {
            int expectedParent = -1, count = 0;
            for (int i = n - 1; i >= k; i--)
                if (l[i, k]) { count++; if (i > k) expectedParent = i; }
            Assert.Equal(expectedParent, parent[k]);
            Assert.Equal(count, counts[k]);
            total += count;
        }
        Assert.Equal(total, analysis.Nnz);

        // Postorder: each node's descendants are the contiguous run just before it.
        for (int k = 0; k < n; k++) { descendants[k]++; if (parent[k] != -1) descendants[parent[k]] += descendants[k]; }
        for (int k = 0; k < n; k++)
            for (int j = k - descendants[k] + 1; j < k; j++)
            {
                int q = j;
                while (q != -1 && q < k) q = parent[q];
                Assert.Equal(k, q);
            }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Supernodes_partition_the_columns_and_hold_their_structure(bool relaxed)
    {
        var a = RandomSpd<double>(70, 2, 7);
        var analysis = SparseCholeskyAnalysis.Analyze(a, permutation: RandomPermutation(70, 8),
            parameters: relaxed ? SparseCholeskyParams.Default : SparseCholeskyParams.Fundamental);
        var l = BruteForceStructure(a, analysis.Permutation);
        var starts = analysis.SupernodeStarts;
        Assert.Equal(0, starts[0]);
        Assert.Equal(70, starts[^1]);
        long stored = 0;
        for (int s = 0; s < analysis.SupernodeCount; s++)
        {
            int f = starts[s], e = starts[s + 1];
            Assert.True(e > f);
            var rows = analysis.SupernodeRows(s);
            for (int t = 0; t < e - f; t++) Assert.Equal(f + t, rows[t]);
            for (int t = e - f + 1; t < rows.Length; t++) Assert.True(rows[t] > rows[t - 1]);
            for (int j = f; j < e; j++)
            {
                // Every column's structure lies in the supernode's rows from j on; fundamental supernodes hold it exactly.
                var colRows = Enumerable.Range(j, 70 - j).Where(i => l[i, j]).ToArray();
                var block = rows.Skip(j - f).ToArray();
                Assert.Empty(colRows.Except(block));
                if (!relaxed) Assert.Equal(colRows, block);
                stored += block.Length;
            }
        }
        // The trapezoids hold nnz(L) exactly without relaxation; the allocated blocks add the diagonal blocks' upper halves.
        long upper = 0;
        for (int s = 0; s < analysis.SupernodeCount; s++) { long k = starts[s + 1] - starts[s]; upper += k * (k - 1) / 2; }
        Assert.Equal(stored + upper, analysis.StoredEntries);
        if (!relaxed) Assert.Equal(analysis.Nnz, stored);
    }

    [Fact]
    public void Relaxed_amalgamation_makes_fewer_larger_supernodes()
    {
        var a = SparseTestProblems.Poisson2D<double>(30);
        var fundamental = SparseCholeskyAnalysis.Analyze(a, permutation: RandomPermutation(900, 1), parameters: SparseCholeskyParams.Fundamental);
        var relaxed = SparseCholeskyAnalysis.Analyze(a, permutation: RandomPermutation(900, 1));
        Assert.True(relaxed.SupernodeCount < fundamental.SupernodeCount);
        Assert.Equal(fundamental.Nnz, relaxed.Nnz);
        Assert.True(relaxed.StoredEntries >= relaxed.Nnz);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(12)]
    public void Natural_order_grid_fill_is_the_full_band(int g)
    {
        // The 5-point Laplacian in natural order: row i of L is full from its first nonzero of A to the diagonal
        // (the envelope fills), i.e. from i - g for i >= g; the first grid row is a chain (row i < g: i - 1, i).
        // So column j has min(g + 1, n - j) rows, except j < g - 1, which has {j, j + 1} and g..j + g: j + 3 rows.
        var a = SparseTestProblems.Poisson2D<double>(g);
        int n = g * g;
        long expected = 0;
        for (int j = 0; j < n; j++) expected += j < g - 1 ? j + 3 : Math.Min(g + 1, n - j);
        Assert.Equal(expected, SparseCholeskyAnalysis.Analyze(a, SparseOrdering.Natural).Nnz);

        // Tridiagonal: no fill, 2n - 1 entries, one supernode chain merged by relaxation.
        Assert.Equal(2 * 50 - 1, SparseCholeskyAnalysis.Analyze(SparseTestProblems.Poisson1D<double>(50), SparseOrdering.Natural).Nnz);
    }

    [Fact]
    public void Analysis_rejects_bad_input()
    {
        var rect = SparseTestProblems.Random<double>(4, 5, 2, 1, 1.0);
        Assert.Throws<ShapeMismatchException>(() => SparseCholeskyAnalysis.Analyze(rect));
        var a = RandomSpd<double>(6, 2, 1);
        Assert.Throws<ArgumentException>(() => SparseCholeskyAnalysis.Analyze(a, permutation: [0, 1, 2, 3, 4, 4]));
    }
}
