using static Linea.Tests.Sparse.SparseTestProblems;

namespace Linea.Tests.Sparse.Direct;

/// <summary>
/// The block triangular form (maximum transversal + strongly connected components) and the LU through it: the form of a
/// scrambled reducible matrix with known blocks, checked entry by entry, and solves against known solutions.
/// </summary>
public class BtfTests
{
    private const double Eps = 2.220446049250313e-16;

    // P A Q = [[B1, X, X], [0, B2, X], [0, 0, B3]] with B1 = [[2, 1], [1, 3]], B2 = [4], B3 = [[5, 1, 0], [0, 6, 1], [1, 0, 7]]
    // (B3 is one cycle 0 -> 2 -> 1 -> 0, so irreducible), then rows and columns scrambled by fixed permutations.
    private static readonly double[,] Blocked =
    {
        { 2, 1, 1, 0, 2, 0 },
        { 1, 3, 0, 1, 0, 0 },
        { 0, 0, 4, 0, 0, 3 },
        { 0, 0, 0, 5, 1, 0 },
        { 0, 0, 0, 0, 6, 1 },
        { 0, 0, 0, 1, 0, 7 },
    };
    private static readonly int[] RowScramble = [4, 0, 5, 2, 1, 3];
    private static readonly int[] ColumnScramble = [3, 5, 0, 4, 2, 1];

    /// <summary>A[RowScramble[i], ColumnScramble[j]] = Blocked[i, j].</summary>
    private static SparseMatrix<double> Scrambled()
    {
        var d = new double[6, 6];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) d[RowScramble[i], ColumnScramble[j]] = Blocked[i, j];
        return Linea.Sparse.FromDense(NDArray.FromArray(d));
    }

    [Fact]
    public void Reducible_matrix_is_permuted_to_block_upper_triangular_form_with_its_three_blocks()
    {
        var a = Scrambled();
        var f = Linea.Sparse.Btf(a);
        Assert.Equal(3, f.BlockCount);
        var starts = f.BlockStarts;
        var sizes = Enumerable.Range(0, 3).Select(b => starts[b + 1] - starts[b]).ToArray();
        // the three irreducible blocks in triangular order: B1 (2), B2 (1), B3 (3)
        Assert.Equal([2, 1, 3], sizes);
        Assert.Equal(3, f.LargestBlock);
        var dense = a.ToDense();
        var p = f.RowPermutation;
        var q = f.ColumnPermutation;
        Assert.Equal(Enumerable.Range(0, 6), p.Order());
        Assert.Equal(Enumerable.Range(0, 6), q.Order());
        int BlockOf(int k) => Array.FindLastIndex(starts, s => s <= k);
        for (int i = 0; i < 6; i++)
        {
            Assert.True(dense[p[i], q[i]] != 0, $"zero on the diagonal at {i}");
            for (int j = 0; j < 6; j++)
                if (BlockOf(i) > BlockOf(j)) Assert.True(dense[p[i], q[j]] == 0, $"({i}, {j}) below the diagonal blocks is {dense[p[i], q[j]]}");
        }
    }

    [Fact]
    public void Irreducible_matrix_is_one_block_and_a_triangular_one_is_n_blocks()
    {
        Assert.Equal(1, Linea.Sparse.Btf(Poisson2D<double>(6)).BlockCount);
        var lower = Linea.Sparse.FromDense(NDArray.FromArray(new double[,] { { 1, 0, 0 }, { 2, 3, 0 }, { 4, 5, 6 } }));
        var f = Linea.Sparse.Btf(lower);
        Assert.Equal(3, f.BlockCount);
        Assert.Equal(1, f.LargestBlock);
    }

    [Fact]
    public void Lu_through_the_form_solves_the_scrambled_system_exactly_enough()
    {
        var a = Scrambled();
        double[] want = [1, -2, 3, 0.5, -1, 2];
        var b = new double[6];
        a.Matvec(want, b);
        var lu = Linea.Sparse.LuBtf(a);
        Assert.Equal(3, lu.Form.BlockCount);
        var x = new double[6];
        lu.Solve(b, x);
        // cond(A) is about 10 and ||x|| about 3: a backward stable solve is within a small multiple of n eps cond ||x||
        for (int i = 0; i < 6; i++) Assert.True(Math.Abs(x[i] - want[i]) <= 100 * 6 * Eps * 10 * 3, $"x[{i}] = {x[i]}, want {want[i]}");
    }

    [Fact]
    public void Lu_through_the_form_solves_a_circuit_backward_stably()
    {
        var a = LuTests.Circuit(300, 5, 9);
        var lu = Linea.Sparse.LuBtf(a);
        var b = Rhs<double>(a.Rows, 4);
        var x = new double[a.Rows];
        lu.Solve(b, x);
        // backward error: the residual within c n times the rounding allowance eps (|A| ||x|| + ||b||), c = 4
        Assert.True(Residual(a, b, x) <= RoundingAllowance(a, b, x) * 4 * a.Rows, $"residual {Residual(a, b, x):e3}");
    }

    [Fact]
    public void Structurally_singular_matrix_names_a_column_and_the_structural_rank()
    {
        // rows 0, 1 and 3 hold entries in columns 0 and 1 only, so at most two of them get a column: structural rank 3 of 4
        var a = Linea.Sparse.FromDense(NDArray.FromArray(new double[,] { { 1, 1, 0, 0 }, { 1, 1, 0, 0 }, { 1, 0, 1, 1 }, { 1, 1, 0, 0 } }));
        var e = Assert.Throws<SingularMatrixException>(() => Linea.Sparse.Btf(a));
        Assert.Contains("structural rank 3 of 4", e.Message, StringComparison.Ordinal);
        Assert.Throws<SingularMatrixException>(() => Linea.Sparse.LuBtf(a));
        Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Btf(Linea.Sparse.FromDense(NDArray.FromArray(new double[,] { { 1, 2, 3 } }))));
    }
}
