using System.Numerics;
using static Linea.Tests.Sparse.SparseTestProblems;
using static Linea.Tests.Sparse.Direct.LuTests;

namespace Linea.Tests.Sparse.Direct;

/// <summary>
/// The multifrontal LU (UMFPACK's symmetric strategy): chosen for mostly symmetric patterns, checked by backward errors,
/// P A Q = L U, the determinant, refactorization, and the fallback to the left-looking LU when a front has no acceptable
/// pivot. Small supernode leaves and aggressive amalgamation force the blocked front code at small n.
/// </summary>
public class MultifrontalLuTests
{
    /// <summary>Multifrontal with 2-column panel leaves and supernodes merged up to 64 columns whatever their zeros.</summary>
    private static readonly SparseLuParams Blocked = new(SparseLuMethod.Multifrontal, PanelLeaf: 2,
        Amalgamation: new SparseCholeskyParams(Nrelax0: 64, Nrelax1: 64, Nrelax2: 64, Zrelax0: 1, Zrelax1: 1, Zrelax2: 1));

    private static void AssertSolvesBothWays<T>(SparseLu<T> lu, SparseMatrix<T> a, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var b = Rhs<T>(a.Rows, 7);
        var x = new T[a.Rows];
        lu.Solve(b, x);
        AssertBackwardStable(a, b, x, what);
        lu.SolveTransposed(b, x);
        AssertBackwardStable(a.T, b, x, what + ", transposed");
    }

    /// <summary>A random symmetric pattern (about perRow off-diagonal entries a row) with independent values for a_ij and a_ji and a diagonal of the given size.</summary>
    private static SparseMatrix<double> SymmetricPattern(int n, int perRow, int seed, double diagonal)
    {
        var rng = new Random(seed);
        var (r, c, v) = (new List<int>(), new List<int>(), new List<double>());
        for (int i = 0; i < n; i++)
        {
            r.Add(i); c.Add(i); v.Add(diagonal * (0.5 + rng.NextDouble()));
            for (int t = 0; t < perRow / 2; t++)
            {
                int j = rng.Next(n);
                if (j == i) continue;
                r.Add(i); c.Add(j); v.Add(rng.NextDouble() * 2 - 1);
                r.Add(j); c.Add(i); v.Add(rng.NextDouble() * 2 - 1);
            }
        }
        return Linea.Sparse.Coo<double>(n, n, r.ToArray(), c.ToArray(), v.ToArray(), SparseFormat.Csc);
    }

    [Fact]
    public void Convection_diffusion_grids_take_the_multifrontal_path_and_solve_backward_stably()
    {
        var a = Poisson2D<double>(40, convection: 3);
        var lu = Linea.Sparse.Lu(a);
        Assert.Equal(SparseLuMethod.Multifrontal, lu.Method);
        Assert.Equal(SparseOrdering.Amd, lu.Ordering);
        AssertSolvesBothWays(lu, a, "convection-diffusion 40^2, auto");
        var nd = Linea.Sparse.Lu(a, SparseOrdering.NestedDissection);
        Assert.Equal(SparseLuMethod.Multifrontal, nd.Method);
        AssertSolvesBothWays(nd, a, "convection-diffusion 40^2, nested dissection");
        var f = Poisson2D<float>(20, convection: 0.5);
        var lf = Linea.Sparse.Lu(f, parameters: Blocked);
        Assert.Equal(SparseLuMethod.Multifrontal, lf.Method);
        AssertSolvesBothWays(lf, f, "convection-diffusion float, blocked fronts");
        // the explicit choice of the left-looking LU still holds
        Assert.Equal(SparseLuMethod.GilbertPeierls, Linea.Sparse.Lu(a, parameters: new SparseLuParams(SparseLuMethod.GilbertPeierls)).Method);
        Assert.Equal(SparseLuMethod.GilbertPeierls, Linea.Sparse.Lu(a, SparseOrdering.Natural).Method);
    }

    [Fact]
    public void Threads_and_one_thread_both_solve_a_grid_large_enough_for_parallel_subtrees()
    {
        var a = Poisson2D<double>(70, convection: 1);
        var one = Linea.Sparse.Lu(a, parallelism: Parallelism.None);
        var two = Linea.Sparse.Lu(a, parallelism: new Parallelism(2));
        Assert.Equal(SparseLuMethod.Multifrontal, two.Method);
        AssertSolvesBothWays(one, a, "one thread");
        AssertSolvesBothWays(two, a, "two threads");
        Assert.Equal(one.NnzL + one.NnzU, two.NnzL + two.NnzU);
    }

    [Fact]
    public void Unsymmetric_values_on_a_symmetric_pattern_pivot_off_the_diagonal_inside_the_fronts()
    {
        // a weak diagonal: the threshold test rejects some diagonal entries, and the large fronts find other fully summed rows
        var a = SymmetricPattern(120, 6, 5, diagonal: 0.05);
        var lu = Linea.Sparse.Lu(a, SparseOrdering.Amd, parameters: Blocked);
        Assert.Equal(SparseLuMethod.Multifrontal, lu.Method);
        Assert.NotEqual(lu.ColumnPermutation, lu.RowPermutation);
        AssertSolvesBothWays(lu, a, "weak diagonal, blocked fronts");
        // P A Q = L U entry by entry, L unit lower with |l_ij| <= 1 / tol, and the stored counts
        var p = lu.RowPermutation;
        var q = lu.ColumnPermutation;
        var dense = a.ToDense();
        var l = lu.L.ToDense();
        var u = lu.U.ToDense();
        var product = l.MatMul(u);
        double scale = NormInf(a);
        for (int i = 0; i < 120; i++)
        {
            Assert.Equal(1.0, l[i, i]);
            for (int j = 0; j < 120; j++)
            {
                Assert.True(Math.Abs(product[i, j] - dense[p[i], q[j]]) <= 120 * Eps<double>() * scale * 11, $"(P A Q - L U)[{i}, {j}]");
                if (j > i) { Assert.Equal(0.0, l[i, j]); Assert.Equal(0.0, u[j, i]); }
                if (j < i) Assert.True(Math.Abs(l[i, j]) <= 1 / lu.PivotThreshold * (1 + 1e-12), $"|L[{i}, {j}]| = {Math.Abs(l[i, j])}");
            }
        }
        Assert.Equal(lu.NnzL, lu.L.Nnz);
        Assert.Equal(lu.NnzU, lu.U.Nnz);
        var rebuilt = lu.Reconstruct();
        for (int i = 0; i < 120; i++)
            for (int j = 0; j < 120; j++) Assert.True(Math.Abs(rebuilt[i, j] - dense[i, j]) <= 120 * Eps<double>() * scale * 11, $"reconstructed ({i}, {j})");
    }

    [Fact]
    public void Determinant_and_condition_estimate_match_the_dense_ones()
    {
        foreach (var a in new[] { Poisson2D<double>(9, convection: 2), SymmetricPattern(90, 4, 8, diagonal: 0.3) })
        {
            var lu = Linea.Sparse.Lu(a, SparseOrdering.Amd, parameters: Blocked);
            Assert.Equal(SparseLuMethod.Multifrontal, lu.Method);
            var dense = a.ToDense();
            var (sign, logAbs) = Linea.Linalg.Slogdet(dense);
            Assert.Equal(double.CreateChecked(logAbs), lu.LogAbsDeterminant, 1e-9 * Math.Max(1, Math.Abs(logAbs)));
            Assert.Equal(sign, Math.Sign(lu.Determinant));
            var inv = Linea.Linalg.Inv(dense);
            double trueRCond = 1 / (OneNorm(dense) * OneNorm(inv));
            Assert.True(lu.RCond >= trueRCond * (1 - 1e-8) && lu.RCond <= 3 * trueRCond, $"rcond {lu.RCond:e3} against {trueRCond:e3}");
        }
    }

    [Fact]
    public void Fronts_without_an_acceptable_pivot_fall_back_to_the_left_looking_LU()
    {
        // diagonal 0.05 against off-diagonal -1 (small diagonal): a front of fundamental supernodes has one fully summed
        // row per column, so the threshold test fails there and the whole matrix is factored left-looking
        var a = Poisson2D<double>(20, shift: 3.95);
        var lu = Linea.Sparse.Lu(a, parameters: new SparseLuParams(Amalgamation: SparseCholeskyParams.Fundamental));
        Assert.Equal(SparseLuMethod.GilbertPeierls, lu.Method);
        AssertSolvesBothWays(lu, a, "small diagonal, fallback");
        // exactly zero diagonal entries (a saddle point [[H, B^T], [B, 0]]) forced onto the multifrontal path: under AMD the
        // constraints come after their neighbours, whose fill makes their pivots nonzero; ordered first, they have none
        var kkt = Saddle(60, 20, 3);
        var forced = new SparseLuParams(SparseLuMethod.Multifrontal, Amalgamation: SparseCholeskyParams.Fundamental);
        AssertSolvesBothWays(Linea.Sparse.Lu(kkt, SparseOrdering.Amd, parameters: forced), kkt, "saddle point, AMD");
        var constraintsFirst = Enumerable.Range(60, 20).Concat(Enumerable.Range(0, 60)).ToArray();
        var lk = Linea.Sparse.Lu(kkt, columnPermutation: constraintsFirst, parameters: forced);
        Assert.Equal(SparseLuMethod.GilbertPeierls, lk.Method);
        AssertSolvesBothWays(lk, kkt, "saddle point, constraints first, fallback");
    }

    private static SparseMatrix<double> Saddle(int nh, int nb, int seed)
    {
        var rng = new Random(seed);
        var (r, c, v) = (new List<int>(), new List<int>(), new List<double>());
        for (int i = 0; i < nh; i++)
        {
            r.Add(i); c.Add(i); v.Add(4 + rng.NextDouble());
            if (i + 1 < nh) { r.Add(i); c.Add(i + 1); v.Add(-1); r.Add(i + 1); c.Add(i); v.Add(-1.5); }
        }
        for (int k = 0; k < nb; k++)
        {
            int row = nh + k;
            for (int t = 0; t < 3; t++)
            {
                int j = (k * 3 + t) % nh;
                double x = 1 + rng.NextDouble();
                r.Add(row); c.Add(j); v.Add(x);
                r.Add(j); c.Add(row); v.Add(x);
            }
        }
        return Linea.Sparse.Coo<double>(nh + nb, nh + nb, r.ToArray(), c.ToArray(), v.ToArray(), SparseFormat.Csc);
    }

    [Fact]
    public void Singular_matrices_name_the_column()
    {
        // column 37 holds only explicit zeros; the pattern stays symmetric, so the multifrontal path is chosen first
        var a = Poisson2D<double>(10, convection: 1).ToCsc().Copy();
        var data = a.Data;
        for (long p = a.IndPtr[37]; p < a.IndPtr[38]; p++) data[(int)p] = 0;
        foreach (var parameters in new[] { SparseLuParams.Default, Blocked })
        {
            var ex = Assert.Throws<SingularMatrixException>(() => Linea.Sparse.Lu(a, parameters: parameters));
            Assert.Equal(37, ex.PivotIndex);
            Assert.Contains("column 37", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refactor_with_new_values_equals_a_fresh_factorization()
    {
        var a = Poisson2D<double>(25, convection: 2);
        var rng = new Random(4);
        var a2 = a.ToCsc().Copy();
        var data = a2.Data;
        for (int i = 0; i < data.Length; i++) data[i] *= 1 + 0.2 * (rng.NextDouble() - 0.5);
        foreach (var parameters in new[] { SparseLuParams.Default, Blocked })
        {
            var lu = Linea.Sparse.Lu(a, parallelism: Parallelism.None, parameters: parameters);
            var re = lu.Refactor(a2);
            var fresh = Linea.Sparse.Lu(a2, parallelism: Parallelism.None, parameters: parameters);
            Assert.Equal(SparseLuMethod.Multifrontal, re.Method);
            Assert.True(re.ReusedPivotOrder);
            Assert.Equal(fresh.RowPermutation, re.RowPermutation);
            Assert.Equal(fresh.ColumnPermutation, re.ColumnPermutation);
            Assert.Equal(fresh.L.Data.ToArray(), re.L.Data.ToArray());
            Assert.Equal(fresh.U.Data.ToArray(), re.U.Data.ToArray());
            AssertSolvesBothWays(re, a2, "refactored");
            AssertSolvesBothWays(lu, a, "original after refactor");
        }
    }

    [Fact]
    public void Bad_parameters_are_named()
    {
        var a = Poisson2D<double>(5, convection: 0.5);
        var e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Lu(a, parameters: new SparseLuParams(PanelLeaf: 0)));
        Assert.Contains("PanelLeaf must be at least 1, got 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => Linea.Sparse.Lu(a, parameters: new SparseLuParams((SparseLuMethod)7)));
        Assert.Contains("Method 7 is not a SparseLuMethod", e.Message);
    }
}
