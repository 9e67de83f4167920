using System.Numerics;
using static Linea.Tests.Sparse.SparseTestProblems;

namespace Linea.Tests.Sparse.Direct;

public class LuTests
{
    internal static double Eps<T>() where T : unmanaged, IFloatingPointIeee754<T> => double.CreateChecked(T.BitIncrement(T.One) - T.One);

    /// <summary>||A||_inf computed in double from the stored values.</summary>
    internal static double NormInf<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var csr = a.ToCsr();
        double best = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            double s = 0;
            foreach (var v in csr.ValuesOf(i)) s += Math.Abs(double.CreateChecked(v));
            best = Math.Max(best, s);
        }
        return best;
    }

    /// <summary>The backward error ||A x - b|| / (||A|| ||x|| + ||b||) is at most c n eps (c = 4).</summary>
    internal static void AssertBackwardStable<T>(SparseMatrix<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> x, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double rel = Residual(a, b, x) / (NormInf(a) * Norm(x) + Norm(b));
        double bound = 4 * a.Rows * Eps<T>();
        Assert.True(rel <= bound, $"{what}: relative residual {rel:e3} > {bound:e3}");
    }

    private static SparseLu<T> AssertSolves<T>(SparseMatrix<T> a, SparseOrdering ordering = SparseOrdering.Natural, double tol = 0.1, string what = "")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu = Linea.Sparse.Lu(a, ordering, tol);
        var b = Rhs<T>(a.Rows, 7);
        var x = new T[a.Rows];
        lu.Solve(b, x);
        AssertBackwardStable(a, b, x, what);
        return lu;
    }

    /// <summary>Modified nodal analysis of a resistor ladder with voltage sources: [G B; B^T 0], zero diagonal block.</summary>
    internal static SparseMatrix<double> Circuit(int nodes, int sources, int seed)
    {
        var rng = new Random(seed);
        var (r, c, v) = (new List<int>(), new List<int>(), new List<double>());
        void Add(int i, int j, double x) { r.Add(i); c.Add(j); v.Add(x); }
        void Conductance(int i, int j, double g)
        {
            Add(i, i, g);
            if (j < 0) return;
            Add(j, j, g); Add(i, j, -g); Add(j, i, -g);
        }
        for (int i = 0; i < nodes; i++)
        {
            if (i + 1 < nodes) Conductance(i, i + 1, 0.5 + rng.NextDouble());
            if (i + 7 < nodes && i % 3 == 0) Conductance(i, i + 7, 1e-3 + rng.NextDouble());
            if (i % 5 == 0) Conductance(i, -1, 1e-2 * (1 + rng.NextDouble()));
        }
        for (int s = 0; s < sources; s++)
        {
            int node = s * (nodes / sources), row = nodes + s;
            Add(node, row, 1); Add(row, node, 1);
        }
        // A voltage-controlled current source makes G unsymmetric.
        Add(3, nodes / 2, 0.25);
        return Linea.Sparse.Coo<double>(nodes + sources, nodes + sources, r.ToArray(), c.ToArray(), v.ToArray());
    }

    /// <summary>A random sparse matrix with an exactly zero diagonal that a cyclic shift makes nonsingular.</summary>
    private static SparseMatrix<double> ZeroDiagonal(int n, int seed)
    {
        var rng = new Random(seed);
        var (r, c, v) = (new List<int>(), new List<int>(), new List<double>());
        for (int i = 0; i < n; i++)
        {
            r.Add(i); c.Add((i + 1) % n); v.Add(3 + rng.NextDouble());
            for (int t = 0; t < 2; t++)
            {
                int j = rng.Next(n);
                if (j == i) continue;
                r.Add(i); c.Add(j); v.Add(rng.NextDouble() - 0.5);
            }
        }
        return Linea.Sparse.Coo<double>(n, n, r.ToArray(), c.ToArray(), v.ToArray());
    }

    [Fact]
    public void Random_unsymmetric_matrices_are_solved_backward_stably_in_double_and_float()
    {
        Assert.True(AssertSolves(Random<double>(400, 400, 3, 11, diagonal: 2), what: "random double").DenseTailOrder > 0);
        AssertSolves(Random<float>(400, 400, 3, 12, diagonal: 2), what: "random float");
        // Weak diagonal: the threshold test rejects many diagonal pivots.
        AssertSolves(Random<double>(300, 300, 4, 13, diagonal: 0.05), what: "weak diagonal");
        AssertSolves(Random<double>(300, 300, 4, 13, diagonal: 0.05), tol: 1, what: "strict partial pivoting");
    }

    [Fact]
    public void Convection_diffusion_and_a_circuit_are_solved_backward_stably()
    {
        AssertSolves(Poisson2D<double>(30, convection: 3), what: "convection-diffusion 30^2");
        AssertSolves(Poisson2D<float>(20, convection: 0.5), what: "convection-diffusion float");
        AssertSolves(Circuit(200, 4, 5), what: "circuit");
    }

    [Fact]
    public void A_zero_diagonal_is_pivoted_around_and_PAQ_equals_LU()
    {
        var a = ZeroDiagonal(60, 3);
        var q = Enumerable.Range(0, 60).Reverse().ToArray();
        var lu = Linea.Sparse.Lu(a, columnPermutation: q);
        Assert.Equal(q, lu.ColumnPermutation);
        var p = lu.RowPermutation;
        var dense = a.ToDense();
        var product = lu.L.ToDense().MatMul(lu.U.ToDense());
        double scale = NormInf(a);
        for (int i = 0; i < 60; i++)
            for (int j = 0; j < 60; j++)
                Assert.True(Math.Abs(product[i, j] - dense[p[i], q[j]]) <= 60 * Eps<double>() * scale, $"(P A Q - L U)[{i}, {j}]");
        // L unit lower, U upper, |L| <= 1 / tol.
        var l = lu.L.ToDense();
        var u = lu.U.ToDense();
        for (int i = 0; i < 60; i++)
        {
            Assert.Equal(1.0, l[i, i]);
            for (int j = i + 1; j < 60; j++) { Assert.Equal(0.0, l[i, j]); Assert.Equal(0.0, u[j, i]); }
            for (int j = 0; j < i; j++) Assert.True(Math.Abs(l[i, j]) <= 1 / lu.PivotThreshold * (1 + 1e-12));
        }
        Assert.Equal(lu.NnzL, lu.L.Nnz);
        Assert.Equal(lu.NnzU, lu.U.Nnz);
        var rebuilt = lu.Reconstruct();
        for (int i = 0; i < 60; i++)
            for (int j = 0; j < 60; j++) Assert.True(Math.Abs(rebuilt[i, j] - dense[i, j]) <= 60 * Eps<double>() * scale);
        AssertSolves(a, what: "zero diagonal");
    }

    [Fact]
    public void Auto_orders_symmetric_patterns_by_amd_and_others_by_colamd_and_every_ordering_solves()
    {
        var cd = Poisson2D<double>(30, convection: 3);
        var natural = Linea.Sparse.Lu(cd, SparseOrdering.Natural);
        var auto = AssertSolves(cd, SparseOrdering.Auto, what: "convection-diffusion, auto");
        Assert.Equal(SparseOrdering.Amd, auto.Ordering);
        Assert.True(auto.NnzL + auto.NnzU < 0.6 * (natural.NnzL + natural.NnzU), $"auto {auto.NnzL + auto.NnzU} vs natural {natural.NnzL + natural.NnzU}");
        var random = Random<double>(300, 300, 3, 17, diagonal: 2);
        Assert.Equal(SparseOrdering.Colamd, AssertSolves(random, SparseOrdering.Auto, what: "random, auto").Ordering);
        foreach (var ordering in new[] { SparseOrdering.Colamd, SparseOrdering.Amd, SparseOrdering.NestedDissection })
        {
            Assert.Equal(ordering, AssertSolves(cd, ordering, what: $"convection-diffusion, {ordering}").Ordering);
            AssertSolves(Circuit(200, 4, 5), ordering, what: $"circuit, {ordering}");
            AssertSolves(random, ordering, what: $"random, {ordering}");
            // Off-diagonal pivots: the factors may outgrow the Cholesky fill of A + A^T that sizes their arrays.
            AssertSolves(ZeroDiagonal(150, 6), ordering, what: $"zero diagonal, {ordering}");
        }
    }

    [Fact]
    public void Pattern_statistics_count_mirrored_entries_and_the_nonzero_diagonal()
    {
        // Off-diagonal entries (0,1), (1,0), (2,0), (0,3); only the first two are mirrored. Diagonal: a00 = 2, a11 = 0 stored, a22 = 5.
        var a = Linea.Sparse.Coo<double>(4, 4, [0, 1, 2, 0, 0, 1, 2], [1, 0, 0, 3, 0, 1, 2], [1.0, 1, 1, 1, 2, 0, 5], SparseFormat.Csc);
        var (symmetry, diagonal) = LuOrdering.PatternStatistics(a);
        Assert.Equal(0.5, symmetry);
        Assert.Equal(2, diagonal);
    }

    [Fact]
    public void Transposed_solve_solves_A_transpose()
    {
        foreach (var a in new[] { Circuit(120, 3, 9), ZeroDiagonal(150, 4), Poisson2D<double>(15, convection: 2) })
        {
            var lu = Linea.Sparse.Lu(a, SparseOrdering.Natural);
            var b = Rhs<double>(a.Rows, 3);
            var x = lu.SolveTransposed(NDArray.FromArray(b)).ToArray();
            AssertBackwardStable(a.T, b, x, "transposed");
        }
    }

    [Fact]
    public void Many_right_hand_sides_equal_single_solves()
    {
        var a = Circuit(100, 2, 1);
        int n = a.Rows, k = 3;
        var lu = Linea.Sparse.Lu(a, SparseOrdering.Natural);
        var bData = new double[n * k];
        for (int c = 0; c < k; c++)
        {
            var bc = Rhs<double>(n, (ulong)(20 + c));
            for (int i = 0; i < n; i++) bData[i * k + c] = bc[i];
        }
        var bt = NDArray.FromArray(bData, n, k);
        foreach (bool transposed in new[] { false, true })
        {
            var x = transposed ? lu.SolveTransposed(bt) : lu.Solve(bt);
            Assert.Equal(bt.Shape, x.Shape);
            for (int c = 0; c < k; c++)
            {
                var bc = new double[n];
                for (int i = 0; i < n; i++) bc[i] = bData[i * k + c];
                var single = new double[n];
                if (transposed) lu.SolveTransposed(bc, single); else lu.Solve(bc, single);
                for (int i = 0; i < n; i++) Assert.Equal(single[i], x[i, c]);
            }
        }
    }

    [Fact]
    public void RCond_is_within_the_estimators_factor_of_the_dense_condition_number_and_the_determinant_matches()
    {
        foreach (var a in new[] { Circuit(80, 2, 2), ZeroDiagonal(70, 8), Random<double>(90, 90, 3, 5, diagonal: 0.5) })
        {
            var lu = Linea.Sparse.Lu(a, SparseOrdering.Natural);
            var dense = a.ToDense();
            double trueRCond = 1 / (OneNorm(dense) * OneNorm(Linea.Linalg.Inv(dense)));
            double est = lu.RCond;
            // The estimate of ||A^-1||_1 is a lower bound (so RCond an upper bound), within a factor 3 in practice.
            Assert.True(est >= trueRCond * (1 - 1e-8), $"rcond estimate {est:e3} below the truth {trueRCond:e3}");
            Assert.True(est <= 3 * trueRCond, $"rcond estimate {est:e3} more than 3x the truth {trueRCond:e3}");
            var (sign, logAbs) = Linea.Linalg.Slogdet(dense);
            Assert.Equal(double.CreateChecked(logAbs), lu.LogAbsDeterminant, 1e-9 * Math.Max(1, Math.Abs(logAbs)));
            Assert.Equal(sign, Math.Sign(lu.Determinant));
        }
    }

    internal static double OneNorm(NDArray<double> m)
    {
        int n = (int)m.Shape[0];
        double best = 0;
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.Abs(m[i, j]);
            best = Math.Max(best, s);
        }
        return best;
    }

    /// <summary>Same pattern, values scaled entry by entry (the Jacobian of the next Newton step).</summary>
    private static SparseMatrix<double> Revalued(SparseMatrix<double> a, int seed, double spread)
    {
        var rng = new Random(seed);
        var b = a.ToCsc().Copy();
        var data = b.Data;
        for (int i = 0; i < data.Length; i++) data[i] *= 1 + spread * (rng.NextDouble() - 0.5);
        return b;
    }

    [Fact]
    public void Refactor_with_new_values_equals_a_fresh_factorization()
    {
        // Diagonally dominant columns: the old (diagonal) pivots pass the check, and the factors are those of a fresh factorization.
        var a = Poisson2D<double>(12, convection: 2);
        var lu = Linea.Sparse.Lu(a, SparseOrdering.Natural);
        var a2 = Revalued(a, 1, 0.2);
        var re = lu.Refactor(a2);
        var fresh = Linea.Sparse.Lu(a2, SparseOrdering.Natural);
        Assert.True(re.ReusedPivotOrder);
        AssertSameFactors(fresh, re);
        var b = Rhs<double>(a.Rows, 2);
        AssertBackwardStable(a2, b, re.Solve(NDArray.FromArray(b)).ToArray(), "refactored");
        // The old factorization is unchanged and still solves the old matrix.
        AssertBackwardStable(a, b, lu.Solve(NDArray.FromArray(b)).ToArray(), "original after refactor");

        // A circuit: 20% changes may fail an old pivot's threshold test (cancellation in the fill); either the old row
        // order passes the check and solves, or the refactorization pivots afresh and equals a fresh factorization.
        // A random matrix whose trailing columns are factored dense: the refactorization starts its dense block at the same column.
        var d = Random<double>(200, 200, 5, 21, diagonal: 3);
        var dl = Linea.Sparse.Lu(d, SparseOrdering.Natural);
        Assert.True(dl.DenseTailOrder > 0);
        var d2 = Revalued(d, 3, 0.01);
        var dre = dl.Refactor(d2);
        Assert.True(dre.ReusedPivotOrder);
        Assert.Equal(dl.DenseTailOrder, dre.DenseTailOrder);
        var bd = Rhs<double>(200, 5);
        AssertBackwardStable(d2, bd, dre.Solve(NDArray.FromArray(bd)).ToArray(), "refactored with a dense tail");

        foreach (double spread in new[] { 0.01, 0.2 })
        {
            var c = Circuit(150, 3, 6);
            var c2 = Revalued(c, 2, spread);
            var rc = Linea.Sparse.Lu(c, SparseOrdering.Natural).Refactor(c2);
            var fc = Linea.Sparse.Lu(c2, SparseOrdering.Natural);
            if (!rc.ReusedPivotOrder) AssertSameFactors(fc, rc);
            var bc = Rhs<double>(c.Rows, 4);
            AssertBackwardStable(c2, bc, rc.Solve(NDArray.FromArray(bc)).ToArray(), $"refactored circuit, spread {spread}");
        }
    }

    private static void AssertSameFactors(SparseLu<double> expected, SparseLu<double> actual)
    {
        Assert.Equal(expected.RowPermutation, actual.RowPermutation);
        Assert.Equal(expected.ColumnPermutation, actual.ColumnPermutation);
        Assert.Equal(expected.L.Data.ToArray(), actual.L.Data.ToArray());
        Assert.Equal(expected.U.Data.ToArray(), actual.U.Data.ToArray());
    }

    [Fact]
    public void Refactor_pivots_afresh_when_an_old_pivot_fails_the_threshold()
    {
        // [[1, 2], [3, 1]]: natural order with tol 0.5 pivots on row 1 (|1| < 0.5 * 3); new values make row 1's entry tiny.
        var a = Linea.Sparse.Csc<double>(2, 2, new long[] { 0, 2, 4 }, new[] { 0, 1, 0, 1 }, new[] { 1.0, 3.0, 2.0, 1.0 });
        var lu = Linea.Sparse.Lu(a, SparseOrdering.Natural, pivotThreshold: 0.5);
        Assert.Equal(new[] { 1, 0 }, lu.RowPermutation);
        var a2 = Linea.Sparse.Csc<double>(2, 2, new long[] { 0, 2, 4 }, new[] { 0, 1, 0, 1 }, new[] { 5.0, 1e-3, 2.0, 1.0 });
        var re = lu.Refactor(a2);
        Assert.False(re.ReusedPivotOrder);
        Assert.Equal(new[] { 0, 1 }, re.RowPermutation);
        Assert.Equal(5.0 * 1.0 - 2.0 * 1e-3, re.Determinant, 1e-14);
        var other = Linea.Sparse.Csc<double>(2, 2, new long[] { 0, 1, 3 }, new[] { 0, 0, 1 }, new[] { 1.0, 2.0, 1.0 });
        Assert.Throws<ArgumentException>(() => lu.Refactor(other));
    }

    [Fact]
    public void Singular_matrices_name_the_column()
    {
        // Column 2 = column 0 + column 1: numerically singular at column 2.
        var dense = NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 9 }, { 7, 8, 15 } });
        var ex = Assert.Throws<SingularMatrixException>(() => Linea.Sparse.Lu(Linea.Sparse.FromDense(dense, SparseFormat.Csc), SparseOrdering.Natural));
        Assert.Equal(2, ex.PivotIndex);
        Assert.Contains("column 2", ex.Message, StringComparison.Ordinal);
        // An empty column 1, reported in A's numbering even under a column permutation.
        var empty = Linea.Sparse.Csc<double>(3, 3, new long[] { 0, 1, 1, 2 }, new[] { 0, 2 }, new[] { 1.0, 1.0 });
        var ex2 = Assert.Throws<SingularMatrixException>(() => Linea.Sparse.Lu(empty, columnPermutation: [2, 1, 0]));
        Assert.Equal(1, ex2.PivotIndex);
        Assert.Contains("structurally singular", ex2.Message, StringComparison.Ordinal);
        // Columns 0 and 1 both live only in row 0: structurally singular at the second of them.
        var shared = Linea.Sparse.Csc<double>(3, 3, new long[] { 0, 1, 2, 4 }, new[] { 0, 0, 1, 2 }, new[] { 1.0, 1.0, 1.0, 1.0 });
        var ex3 = Assert.Throws<SingularMatrixException>(() => Linea.Sparse.Lu(shared, SparseOrdering.Natural));
        Assert.Equal(1, ex3.PivotIndex);
        Assert.Contains("structurally singular", ex3.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_column_in_the_dense_tail_is_named()
    {
        // Random fill makes the trailing columns dense, so they are factored as one dense block; column 150 holds only
        // explicit zeros, so its pivot is exactly zero there.
        var a = Random<double>(200, 200, 5, 21, diagonal: 1).ToCsc().Copy();
        var data = a.Data;
        for (long p = a.IndPtr[150]; p < a.IndPtr[151]; p++) data[(int)p] = 0;
        var full = Random<double>(200, 200, 5, 21, diagonal: 1);
        var lu = Linea.Sparse.Lu(full, SparseOrdering.Natural);
        Assert.True(lu.DenseTailOrder > 50, $"dense tail of order {lu.DenseTailOrder}");
        // P A Q = L U holds across the sparse and dense parts.
        var dense = full.ToDense();
        var rebuilt = lu.Reconstruct();
        double scale = NormInf(full);
        for (int i = 0; i < 200; i++)
            for (int j = 0; j < 200; j++) Assert.True(Math.Abs(rebuilt[i, j] - dense[i, j]) <= 200 * Eps<double>() * scale, $"({i}, {j})");
        var ex = Assert.Throws<SingularMatrixException>(() => Linea.Sparse.Lu(a, SparseOrdering.Natural));
        Assert.Equal(150, ex.PivotIndex);
        Assert.Contains("column 150", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_rejected_with_specific_errors()
    {
        var rect = Linea.Sparse.Eye<double>(3, 4);
        Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Lu(rect));
        var nan = Linea.Sparse.Csc<double>(2, 2, new long[] { 0, 1, 2 }, new[] { 0, 1 }, new[] { 1.0, double.NaN });
        var ex = Assert.Throws<NonFiniteException>(() => Linea.Sparse.Lu(nan, SparseOrdering.Natural));
        Assert.Contains("(1, 1)", ex.Message, StringComparison.Ordinal);
        var eye = Linea.Sparse.Eye<double>(3);
        Assert.Throws<ArgumentException>(() => Linea.Sparse.Lu(eye, SparseOrdering.Natural, pivotThreshold: 0));
        Assert.Throws<ArgumentException>(() => Linea.Sparse.Lu(eye, columnPermutation: [0, 0, 1]));
        var lu = Linea.Sparse.Lu(eye, SparseOrdering.Natural);
        Assert.Throws<ShapeMismatchException>(() => lu.Solve(NDArray.FromArray(new double[4])));
        Assert.Throws<ArgumentException>(() => lu.Solve(new double[3], new double[2]));
    }

    [Fact]
    public void Empty_and_one_by_one_matrices()
    {
        var empty = Linea.Sparse.Lu(Linea.Sparse.Csc<double>(0, 0, new long[] { 0 }, Array.Empty<int>(), Array.Empty<double>()), SparseOrdering.Natural);
        Assert.Equal(1.0, empty.Determinant);
        Assert.Equal(1.0, empty.RCond);
        var one = Linea.Sparse.Lu(Linea.Sparse.Csc<double>(1, 1, new long[] { 0, 1 }, new[] { 0 }, new[] { -4.0 }), SparseOrdering.Natural);
        var x = new double[1];
        one.Solve([2.0], x);
        Assert.Equal(-0.5, x[0]);
        Assert.Equal(-4.0, one.Determinant);
    }
}
