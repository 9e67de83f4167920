using static Linea.Tests.Sparse.SparseTestProblems;

namespace Linea.Tests.Sparse.Direct;

/// <summary>
/// The sparse LU's memory plan: the dense-tail switch and the factors' capacities predicted from the Cholesky column
/// counts of A + A^T, checked against what the factorization then does (no growth, no slack), and the factors with a
/// dense block kept in place checked against A (P A Q = L U) and by solves.
/// </summary>
public class LuMemoryTests
{
    private const double Eps = 2.220446049250313e-16;

    [Fact]
    public void Plan_switches_where_the_counts_say_and_sizes_the_sparse_part_exactly()
    {
        // counts[k] = k + 1 (a growing front): the switch is the first step k whose rest n - k is at least 64, whose
        // last column's count k is at least a quarter of the rest, and whose rest^2 is at most max(2 * sum so far, 2^20):
        // k >= (200 - k) / 4 first holds at k = 40 (rest 160 >= 64, 160^2 <= 2^20)
        var counts = new long[200];
        for (int k = 0; k < 200; k++) counts[k] = k + 1;
        var plan = LuMemoryPlan.FromColumnCounts(counts, 200);
        Assert.Equal(160, plan.TailOrder);
        long prefix = 40L * 41 / 2;
        Assert.Equal(prefix, plan.CapacityL);
        Assert.Equal(prefix, plan.CapacityU);
        // no counts (COLAMD, a caller's permutation): no plan
        Assert.Equal(LuMemoryPlan.None, LuMemoryPlan.FromColumnCounts(null, 200));
        // counts that never reach the density: no tail, everything sparse
        var thin = new long[500];
        Array.Fill(thin, 3);
        Assert.Equal(new LuMemoryPlan(0, 1500, 1500), LuMemoryPlan.FromColumnCounts(thin, 500));
    }

    [Theory]
    [InlineData(SparseOrdering.Amd)]
    [InlineData(SparseOrdering.NestedDissection)]
    public void Convection_diffusion_fills_the_planned_arrays_exactly(SparseOrdering ordering)
    {
        // Poisson's pattern with unsymmetric values, diagonally dominant: the pivots stay on the diagonal, so L has the
        // Cholesky pattern of A + A^T and U its transpose
        var a = Poisson2D<double>(40, convection: 3);
        int n = a.Rows;
        var csc = SparseLuFactory.Prepare("test", a);
        var (q, _, counts) = LuOrdering.Compute("test", csc, ordering, null);
        Assert.NotNull(counts);
        var plan = LuMemoryPlan.FromColumnCounts(counts, n);
        Assert.True(plan.TailOrder > 0, "the 40 x 40 grid should end in a dense block");
        var f = GilbertPeierlsLu.Factor(csc, q, 0.1, null, plan.TailOrder, plan.CapacityL, plan.CapacityU, Parallelism.None, out var failure, out _);
        Assert.NotNull(f);
        Assert.Equal(GilbertPeierlsLu.Failure.None, failure);
        Assert.Equal(plan.TailOrder, f!.DenseTailOrder);
        // the sparse parts filled the planned arrays to the last entry: nothing grown, nothing to trim
        Assert.Equal(plan.CapacityL, f.Lp[n]);
        Assert.Equal(f.Lp[n], f.Li.Length);
        Assert.Equal(plan.CapacityU, f.Up[n]);
        Assert.Equal(f.Up[n], f.Ui.Length);
        // and in all, L's nonzeros are the Cholesky count (the dense block's structural zeros stay exactly zero)
        Assert.Equal(counts!.Sum(), f.NnzL);
        Assert.Equal(counts.Sum(), f.NnzU);
    }

    [Fact]
    public void Off_diagonal_pivots_outgrow_the_plan_and_still_solve()
    {
        // diagonal 0.05 against off-diagonal -1: the threshold test (0.1) rejects the diagonal, so rows move, the fill
        // leaves the Cholesky pattern and the arrays must grow past the planned capacities
        var a = Poisson2D<double>(30, shift: 3.95);
        int n = a.Rows;
        var csc = SparseLuFactory.Prepare("test", a);
        var (q, _, counts) = LuOrdering.Compute("test", csc, SparseOrdering.Amd, null);
        var plan = LuMemoryPlan.FromColumnCounts(counts, n);
        var f = GilbertPeierlsLu.Factor(csc, q, 0.1, null, plan.TailOrder, plan.CapacityL, plan.CapacityU, Parallelism.None, out var failure, out _);
        Assert.Equal(GilbertPeierlsLu.Failure.None, failure);
        Assert.True(f!.Lp[n] > plan.CapacityL || f.Up[n] > plan.CapacityU, $"L {f.Lp[n]} / {plan.CapacityL}, U {f.Up[n]} / {plan.CapacityU}: no growth");
        var b = Rhs<double>(n, 5);
        var x = new double[n];
        f.Solve(b, x, new double[n]);
        Assert.True(Residual(a, b, x) <= RoundingAllowance(a, b, x) * 4 * n, $"residual {Residual(a, b, x):e3}");
    }

    [Fact]
    public void Factors_with_a_dense_block_reconstruct_A_and_solve_both_ways()
    {
        var a = Poisson2D<double>(40, convection: 3);
        var lu = Linea.Sparse.Lu(a, SparseOrdering.Amd, parameters: new SparseLuParams(SparseLuMethod.GilbertPeierls));
        Assert.True(lu.DenseTailOrder > 0);
        var dense = a.ToDense();
        var r = lu.Reconstruct();
        double err = 0, norm = 0;
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Columns; j++)
            {
                err = Math.Max(err, Math.Abs(r[i, j] - dense[i, j]));
                norm = Math.Max(norm, Math.Abs(dense[i, j]));
            }
        // ||P^T L U Q^T - A||_max <= c n eps ||A||_max for a stable LU with bounded growth (c = 4)
        Assert.True(err <= 4 * a.Rows * Eps * norm, $"reconstruction error {err:e3}");
        // L and U as matrices carry the dense block: nnz agrees with the counts, and L U rebuilds A too
        Assert.Equal(lu.NnzL, lu.L.Nnz);
        Assert.Equal(lu.NnzU, lu.U.Nnz);

        // backward errors ||A x - b|| / (||A|| ||x|| + ||b||) <= c n eps, with ||A||_inf <= n ||A||_max as the scale
        var b = Rhs<double>(a.Rows, 3);
        var x = new double[a.Rows];
        double scale = 5 * norm; // at most 5 entries a row
        lu.Solve(b, x);
        Assert.True(Residual(a, b, x) <= 4 * a.Rows * Eps * (scale * Norm<double>(x) + Norm<double>(b)), "solve");
        lu.SolveTransposed(b, x);
        Assert.True(Residual(a.T.ToCsc(), b, x) <= 4 * a.Rows * Eps * (scale * Norm<double>(x) + Norm<double>(b)), "transposed solve");
    }
}

/// <summary>The automatic symmetric ordering with its counts: the same choice with or without the second thread, and counts that are the chosen ordering's.</summary>
public class AutoSymmetricCountedTests
{
    [Fact]
    public void Nested_dissection_beside_amd_chooses_as_the_sequential_trial_and_returns_its_counts()
    {
        // 120 x 120 grid: n = 14,400 is past the trial size, and AMD's count leaves enough work for the trial to run
        var a = Poisson2D<double>(120);
        var g = AdjacencyGraph.SymmetricPattern("test", a);
        var sequential = FillReducingOrder.AutoSymmetricCounted(g, Parallelism.None);
        var threaded = FillReducingOrder.AutoSymmetricCounted(g, new Parallelism(2));
        Assert.Equal(sequential.Used, threaded.Used);
        Assert.Equal(sequential.Perm, threaded.Perm);
        Assert.Equal(FillEstimate.ColumnCounts(g, sequential.Perm), sequential.Counts);
        Assert.Equal(FillEstimate.Cholesky(g, sequential.Perm).NnzL, sequential.Counts.Sum());
        // and the public path orders as before: what Compute's Auto picks for a symmetric factorization
        Assert.Equal(FillReducingOrder.Compute("test", a, SparseOrdering.Auto, symmetric: true).Perm, sequential.Perm);
    }
}
