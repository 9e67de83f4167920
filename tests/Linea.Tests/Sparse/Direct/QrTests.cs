namespace Linea.Tests.Sparse.Direct;

public class QrTests
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>
    /// A random m x n matrix with about <paramref name="perRow"/> entries a row (values in [-1, 1]), plus
    /// <paramref name="diagonal"/> on the leading diagonal so that it has full column rank when m &gt;= n.
    /// </summary>
    internal static SparseMatrix<double> RandomSparse(int m, int n, int perRow, int seed, double diagonal = 0, SparseFormat format = SparseFormat.Csc)
    {
        var rng = new Random(seed);
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int i = 0; i < m; i++)
            for (int k = 0; k < perRow; k++) { r.Add(i); c.Add(rng.Next(n)); v.Add(2 * rng.NextDouble() - 1); }
        if (diagonal != 0)
            for (int i = 0; i < Math.Min(m, n); i++) { r.Add(i); c.Add(i); v.Add(diagonal); }
        return Linea.Sparse.Coo<double>(m, n, r.ToArray(), c.ToArray(), v.ToArray(), format);
    }

    internal static double[] RandomVector(int n, int seed)
    {
        var rng = new Random(seed);
        var b = new double[n];
        for (int i = 0; i < n; i++) b[i] = 2 * rng.NextDouble() - 1;
        return b;
    }

    private static double Norm(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (double v in x) s += v * v;
        return Math.Sqrt(s);
    }

    private static double FrobeniusNorm(SparseMatrix<double> a)
    {
        double s = 0;
        var csc = a.ToCsc();
        for (int j = 0; j < csc.Columns; j++) foreach (double v in csc.ValuesOf(j)) s += v * v;
        return Math.Sqrt(s);
    }

    private static double[] Residual(SparseMatrix<double> a, double[] x, double[] b)
    {
        var ax = new double[a.Rows];
        a.Matvec(x, ax);
        for (int i = 0; i < ax.Length; i++) ax[i] = b[i] - ax[i];
        return ax;
    }

    /// <summary>A's columns in the order perm, dense, row-major m x n.</summary>
    private static double[,] DensePermuted(SparseMatrix<double> a, ReadOnlySpan<int> perm)
    {
        var d = a.ToDense().ToArray();
        var ap = new double[a.Rows, a.Columns];
        for (int i = 0; i < a.Rows; i++)
            for (int k = 0; k < a.Columns; k++) ap[i, k] = d[i * a.Columns + perm[k]];
        return ap;
    }

    private static double[,] DenseOf(SparseMatrix<double> s)
    {
        var d = s.ToDense().ToArray();
        var o = new double[s.Rows, s.Columns];
        for (int i = 0; i < s.Rows; i++) for (int j = 0; j < s.Columns; j++) o[i, j] = d[i * s.Columns + j];
        return o;
    }

    [Theory]
    [InlineData(60, 20, 3, 1)]
    [InlineData(200, 50, 4, 2)]
    [InlineData(300, 120, 2, 3)]
    [InlineData(41, 40, 3, 4)]
    [InlineData(600, 200, 6, 5)] // fronts of about a hundred columns: the contribution parts take the blocked (GEMM) path
    public void Tall_least_squares_matches_the_dense_lstsq_and_its_residual_is_orthogonal_to_the_columns(int m, int n, int perRow, int seed)
    {
        var a = RandomSparse(m, n, perRow, seed, diagonal: 2);
        var b = RandomVector(m, seed + 100);
        var result = Linea.Sparse.Lstsq(a, b);
        var x = result.Solution;
        Assert.Equal(n, result.Rank);
        Assert.False(result.RankDeficient);

        var r = Residual(a, x, b);
        var atr = new double[n];
        a.Rmatvec(r, atr);
        double normA = FrobeniusNorm(a);
        // Backward stability: A^T r is a rounding-level perturbation of the normal equations.
        Assert.True(Norm(atr) <= 10.0 * n * Eps * normA * (normA * Norm(x) + Norm(b)), $"||A^T r|| = {Norm(atr):E3}");
        Assert.Equal(Norm(r), result.ResidualNorm, 1e-12);

        var dense = Linea.Linalg.Lstsq(a.ToDense(), NDArray.FromArray(b)).Solution.ToArray();
        double diff = 0;
        for (int j = 0; j < n; j++) diff = Math.Max(diff, Math.Abs(dense[j] - x[j]));
        // cond(A) is modest (a 2 I block dominates): agreement to a small multiple of cond^2 eps.
        Assert.True(diff <= 1e-10 * Math.Max(1, Norm(dense)), $"max |x - x_dense| = {diff:E3}");
    }

    [Fact]
    public void Square_nonsingular_system_is_solved_to_a_backward_error_of_order_n_eps()
    {
        int n = 80;
        var a = RandomSparse(n, n, 4, 7, diagonal: 3);
        var b = RandomVector(n, 8);
        var qr = Linea.Sparse.Qr(a);
        Assert.Equal(n, qr.Rank);
        Assert.False(qr.FactorsTranspose);
        var x = qr.Solve(b);
        double backward = Norm(Residual(a, x, b)) / (FrobeniusNorm(a) * Norm(x) + Norm(b));
        Assert.True(backward <= 10.0 * n * Eps, $"backward error {backward:E3}");
    }

    [Theory]
    [InlineData(30, 12, 3, 11)]
    [InlineData(25, 25, 2, 12)]
    [InlineData(50, 9, 1, 13)]
    public void R_transpose_R_equals_the_Gram_matrix_of_A_P_and_its_diagonal_matches_the_dense_R(int m, int n, int perRow, int seed)
    {
        var a = RandomSparse(m, n, perRow, seed, diagonal: 1.5);
        var perm = Enumerable.Range(0, n).OrderBy(j => (j * 7919 + seed) % n).ToArray();
        var qr = Linea.Sparse.Qr(a, permutation: perm);
        Assert.Equal(perm, qr.ColumnPermutation.ToArray());
        Assert.Equal(SparseOrdering.Natural, qr.Ordering);
        Assert.Equal(n, qr.Rank);

        var ap = DensePermuted(a, perm);
        var rr = DenseOf(qr.R);
        double normA = FrobeniusNorm(a);
        double worst = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double g = 0, rtr = 0;
                for (int k = 0; k < m; k++) g += ap[k, i] * ap[k, j];
                for (int k = 0; k < n; k++) rtr += rr[k, i] * rr[k, j];
                worst = Math.Max(worst, Math.Abs(g - rtr));
                if (i > j) Assert.Equal(0.0, rr[i, j]); // upper triangular
            }
        Assert.True(worst <= 10.0 * m * Eps * normA * normA, $"max |R^T R - (AP)^T AP| = {worst:E3}");

        // R is unique up to the signs of its rows for full column rank.
        var denseR = NDArray.FromArray(ap).Qr().R.ToArray();
        for (int k = 0; k < n; k++)
            Assert.True(Math.Abs(Math.Abs(denseR[k * n + k]) - Math.Abs(rr[k, k])) <= 10.0 * m * Eps * normA,
                $"|R[{k},{k}]|: sparse {rr[k, k]}, dense {denseR[k * n + k]}");
        Assert.Equal(qr.R.Nnz, qr.NnzR);
        Assert.True(qr.R.HasCanonicalFormat);
    }

    [Fact]
    public void ApplyQT_preserves_the_norm_and_its_tail_is_the_least_squares_residual()
    {
        var a = RandomSparse(70, 20, 3, 21, diagonal: 1);
        var b = RandomVector(70, 22);
        var qr = Linea.Sparse.Qr(a);
        var c = qr.ApplyQT(b);
        Assert.Equal(Norm(b), Norm(c), 1e-13);
        var x = qr.Solve(b);
        Assert.Equal(Norm(Residual(a, x, b)), Norm(c.AsSpan(20)), 1e-13);
        // The head solves R z = c[..n] for z = x[P].
        var rr = DenseOf(qr.R);
        var perm = qr.ColumnPermutation;
        for (int k = 0; k < 20; k++)
        {
            double s = 0;
            for (int j = 0; j < 20; j++) s += rr[k, j] * x[perm[j]];
            Assert.Equal(c[k], s, 1e-12);
        }
        var rowOrder = qr.RowPermutation.ToArray();
        Assert.Equal(Enumerable.Range(0, 70), rowOrder.Order());
    }

    [Fact]
    public void Duplicate_zero_and_combined_columns_are_found_dependent_and_the_basic_solution_has_the_dense_minimum_residual()
    {
        int m = 40, n = 10;
        var basis = RandomSparse(m, n, 3, 31, diagonal: 1).ToDense().ToArray();
        var d = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++) d[i, j] = basis[i * n + j];
            d[i, 3] = d[i, 1];                // duplicate
            d[i, 7] = 0;                      // zero column
            d[i, 9] = d[i, 2] - 2 * d[i, 4];  // combination
        }
        var a = Linea.Sparse.FromDense(NDArray.FromArray(d), SparseFormat.Csc);
        var b = RandomVector(m, 32);
        var dense = Linea.Linalg.Lstsq(NDArray.FromArray(d), NDArray.FromArray(b));
        Assert.Equal(7, dense.Rank);
        double denseResidual = Norm(Residual(a, dense.Solution.ToArray(), b));
        double normA = FrobeniusNorm(a);
        foreach (var ordering in new[] { SparseOrdering.Natural, SparseOrdering.Colamd })
        {
            var result = Linea.Sparse.Lstsq(a, b, ordering);
            Assert.Equal(ordering, result.Factorization.Ordering);
            Assert.Equal(7, result.Rank);
            Assert.True(result.RankDeficient);
            var x = result.Solution;
            // One unknown of each dependent group is zero: the later one in the column order.
            Assert.Equal(0.0, x[7]);
            Assert.True(x[1] == 0 || x[3] == 0, "the duplicate pair 1, 3");
            Assert.True(x[2] == 0 || x[4] == 0 || x[9] == 0, "the combination 9 = 2 - 2 * 4");
            if (ordering == SparseOrdering.Natural) { Assert.Equal(0.0, x[3]); Assert.Equal(0.0, x[9]); }
            Assert.True(result.ResidualNorm <= denseResidual + 100.0 * m * Eps * normA * (Norm(x) + Norm(b)),
                $"{ordering}: sparse residual {result.ResidualNorm:R}, dense minimum {denseResidual:R}");
            // R's rows of the dependent positions are empty.
            var qr = result.Factorization;
            var rr = DenseOf(qr.R);
            int emptyRows = 0;
            for (int k = 0; k < n; k++)
            {
                bool empty = true;
                for (int j = 0; j < n; j++) empty &= rr[k, j] == 0;
                if (empty) { emptyRows++; Assert.Equal(0.0, x[qr.ColumnPermutation[k]]); }
            }
            Assert.Equal(3, emptyRows);
        }
    }

    [Fact]
    public void Rank_deficient_square_matrix_reports_its_rank_instead_of_throwing()
    {
        var d = new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } };
        var a = Linea.Sparse.FromDense(NDArray.FromArray(d));
        var qr = Linea.Sparse.Qr(a, SparseOrdering.Natural);
        Assert.Equal(2, qr.Rank);
        Assert.True(qr.IsRankDeficient);
        var b = new double[] { 1, 1, 1 }; // consistent: 1 = -1 * col0 + 1 * col1
        var x = qr.Solve(b);
        Assert.Equal(0.0, x[2]);
        Assert.True(Norm(Residual(a, x, b)) <= 100 * Eps * 20, $"residual {Norm(Residual(a, x, b))}");
        // A negative tolerance keeps every column that is not exactly zero.
        Assert.Equal(3, Linea.Sparse.Qr(a, SparseOrdering.Natural, tolerance: -1).Rank);
    }

    [Theory]
    [InlineData(15, 40, 3, 41)]
    [InlineData(30, 31, 2, 42)]
    public void Underdetermined_system_gets_the_minimum_norm_solution(int m, int n, int perRow, int seed)
    {
        var a = RandomSparse(m, n, perRow, seed, diagonal: 2, format: SparseFormat.Csr);
        var b = RandomVector(m, seed + 1);
        var qr = Linea.Sparse.Qr(a);
        Assert.True(qr.FactorsTranspose);
        Assert.Equal(m, qr.Rank);
        Assert.Equal((m, m), (qr.R.Rows, qr.R.Columns));
        var x = qr.Solve(b);
        Assert.Equal(n, x.Length);
        double backward = Norm(Residual(a, x, b)) / (FrobeniusNorm(a) * Norm(x) + Norm(b));
        Assert.True(backward <= 10.0 * n * Eps, $"backward error {backward:E3}");
        var dense = Linea.Linalg.Lstsq(a.ToDense(), NDArray.FromArray(b)).Solution.ToArray();
        double diff = 0;
        for (int j = 0; j < n; j++) diff = Math.Max(diff, Math.Abs(dense[j] - x[j]));
        Assert.True(diff <= 1e-11 * Norm(dense), $"max |x - x_dense| = {diff:E3}");
    }

    [Fact]
    public void Csr_and_csc_inputs_give_the_same_factorization()
    {
        var a = RandomSparse(50, 30, 3, 51, diagonal: 1);
        var b = RandomVector(50, 52);
        var x1 = Linea.Sparse.Qr(a.ToCsc()).Solve(b);
        var x2 = Linea.Sparse.Qr(a.ToCsr()).Solve(b);
        Assert.Equal(x1, x2);
    }

    [Fact]
    public void Float_solution_agrees_with_double_to_float_accuracy()
    {
        var a = RandomSparse(120, 40, 3, 61, diagonal: 2);
        var b = RandomVector(120, 62);
        var x = Linea.Sparse.Lstsq(a, b).Solution;
        var af = Linea.Sparse.Coo<float>(a.Rows, a.Columns, RowsOf(a), a.ToCsr().Indices.ToArray(),
            a.ToCsr().Data.ToArray().Select(v => (float)v).ToArray());
        var xf = Linea.Sparse.Lstsq(af, b.Select(v => (float)v).ToArray()).Solution;
        double diff = 0;
        for (int j = 0; j < x.Length; j++) diff = Math.Max(diff, Math.Abs(x[j] - xf[j]));
        Assert.True(diff <= 1000 * 1.2e-7 * Norm(x), $"max |x - x_float| = {diff:E3}");
    }

    private static int[] RowsOf(SparseMatrix<double> a)
    {
        var csr = a.ToCsr();
        var rows = new int[csr.Nnz];
        for (int i = 0; i < csr.Rows; i++) for (long p = csr.IndPtr[i]; p < csr.IndPtr[i + 1]; p++) rows[p] = i;
        return rows;
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 0)]
    [InlineData(0, 4)]
    public void Empty_shapes_factor_and_solve(int m, int n)
    {
        var a = Linea.Sparse.Coo<double>(m, n, [], [], []);
        var qr = Linea.Sparse.Qr(a);
        Assert.Equal(0, qr.Rank);
        Assert.Equal(0, qr.NnzR);
        var x = qr.Solve(new double[m]);
        Assert.Equal(n, x.Length);
        Assert.All(x, v => Assert.Equal(0.0, v));
        var result = Linea.Sparse.Lstsq(a, RandomVector(m, 1));
        Assert.Equal(n, result.Solution.Length);
    }

    [Fact]
    public void Bad_input_gets_specific_errors()
    {
        var a = RandomSparse(10, 4, 2, 71, diagonal: 1);
        Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Lstsq(a, new double[9]));
        Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Qr(a).Solve(new double[4]));
        Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Qr(a).ApplyQT(new double[11]));
        var bad = RandomVector(10, 72);
        bad[3] = double.NaN;
        Assert.Throws<NonFiniteException>(() => Linea.Sparse.Lstsq(a, bad));
        var withNaN = Linea.Sparse.Coo<double>(3, 2, [0, 2], [0, 1], [1.0, double.NaN]);
        var e = Assert.Throws<NonFiniteException>(() => Linea.Sparse.Qr(withNaN));
        Assert.Contains("A[2, 1]", e.Message, StringComparison.Ordinal);
        Assert.Throws<NonFiniteException>(() => Linea.Sparse.Qr(withNaN.T)); // wide: factored through A^T, still names A's entry
        Assert.Throws<ArgumentOutOfRangeException>(() => Linea.Sparse.Qr(a, tolerance: double.NaN));
        Assert.Throws<ArgumentException>(() => Linea.Sparse.Qr(a, permutation: [0, 1, 1, 3]));
        Assert.Throws<ArgumentException>(() => Linea.Sparse.Qr(a, permutation: [0, 1, 2]));
        Assert.Throws<ArgumentNullException>(() => Linea.Sparse.Qr<double>(null!));
    }
    /// <summary>The 2-D Poisson matrix on a g x g grid stacked over a random sparse block of g * g rows, CSC.</summary>
    internal static SparseMatrix<double> StackedPoisson(int g, int seed)
    {
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        int n = g * g;
        for (int i = 0; i < g; i++)
            for (int j = 0; j < g; j++)
            {
                int k = i * g + j;
                r.Add(k); c.Add(k); v.Add(4);
                if (i > 0) { r.Add(k); c.Add(k - g); v.Add(-1); }
                if (i < g - 1) { r.Add(k); c.Add(k + g); v.Add(-1); }
                if (j > 0) { r.Add(k); c.Add(k - 1); v.Add(-1); }
                if (j < g - 1) { r.Add(k); c.Add(k + 1); v.Add(-1); }
            }
        var rng = new Random(seed);
        for (int i = 0; i < n; i++)
            for (int t = 0; t < 2; t++) { r.Add(n + i); c.Add(rng.Next(n)); v.Add(2 * rng.NextDouble() - 1); }
        return Linea.Sparse.Coo<double>(2 * n, n, r.ToArray(), c.ToArray(), v.ToArray(), SparseFormat.Csc);
    }

    [Fact]
    public void Stacked_poisson_with_many_multi_column_fronts_matches_the_dense_R_and_least_squares()
    {
        var a = StackedPoisson(11, 81); // 242 x 121: chains of the column tree become fronts of several columns
        int m = a.Rows, n = a.Columns;
        var b = RandomVector(m, 82);
        var qr = Linea.Sparse.Qr(a, SparseOrdering.Natural);
        Assert.Equal(n, qr.Rank);
        Assert.InRange(qr.FrontCount, 1, n / 4);
        var x = qr.Solve(b);
        var dense = Linea.Linalg.Lstsq(a.ToDense(), NDArray.FromArray(b)).Solution.ToArray();
        double diff = 0;
        for (int j = 0; j < n; j++) diff = Math.Max(diff, Math.Abs(dense[j] - x[j]));
        Assert.True(diff <= 1e-10 * Norm(dense), $"max |x - x_dense| = {diff:E3}");

        var denseR = NDArray.FromArray(DenseOf(a)).Qr().R.ToArray();
        var rr = DenseOf(qr.R);
        double normA = FrobeniusNorm(a);
        for (int k = 0; k < n; k++)
            Assert.True(Math.Abs(Math.Abs(denseR[k * n + k]) - Math.Abs(rr[k, k])) <= 10.0 * m * Eps * normA, $"|R[{k},{k}]|");
        // Q^T keeps the norm and its tail is the residual.
        var c = qr.ApplyQT(b);
        Assert.Equal(Norm(b), Norm(c), 1e-12);
        Assert.Equal(Norm(Residual(a, x, b)), Norm(c.AsSpan(n)), 1e-12);
    }

    [Fact]
    public void Dependent_columns_inside_fronts_are_detected_and_the_residual_is_the_dense_minimum()
    {
        var s = StackedPoisson(9, 91);
        int m = s.Rows, n = s.Columns;
        var d = DenseOf(s);
        foreach (var (dst, src) in new[] { (40, 39), (41, 12), (60, 59) })
            for (int i = 0; i < m; i++) d[i, dst] = d[i, src]; // duplicates of earlier columns, mid-chain
        var a = Linea.Sparse.FromDense(NDArray.FromArray(d), SparseFormat.Csc);
        var b = RandomVector(m, 92);
        var result = Linea.Sparse.Lstsq(a, b, SparseOrdering.Natural);
        Assert.Equal(n - 3, result.Rank);
        foreach (int j in new[] { 40, 41, 60 }) Assert.Equal(0.0, result.Solution[j]);
        var dense = Linea.Linalg.Lstsq(NDArray.FromArray(d), NDArray.FromArray(b));
        Assert.Equal(n - 3, dense.Rank);
        double denseResidual = Norm(Residual(a, dense.Solution.ToArray(), b));
        double normA = FrobeniusNorm(a);
        Assert.True(result.ResidualNorm <= denseResidual + 100.0 * m * Eps * normA * (Norm(result.Solution) + Norm(b)),
            $"sparse residual {result.ResidualNorm:R}, dense minimum {denseResidual:R}");
        var atr = new double[n];
        a.Rmatvec(Residual(a, result.Solution, b), atr);
        Assert.True(Norm(atr) <= 100.0 * m * Eps * normA * (normA * Norm(result.Solution) + Norm(b)), $"||A^T r|| = {Norm(atr):E3}");
    }

    [Fact]
    public void Block_diagonal_matrix_has_a_forest_of_fronts_and_an_empty_row_is_left_over()
    {
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        var rng = new Random(101);
        // Three independent 12 x 5 blocks and one empty row at the end.
        for (int blk = 0; blk < 3; blk++)
            for (int i = 0; i < 12; i++)
                for (int t = 0; t < 2; t++) { r.Add(12 * blk + i); c.Add(5 * blk + (t == 0 ? i % 5 : rng.Next(5))); v.Add(1 + rng.NextDouble()); }
        var a = Linea.Sparse.Coo<double>(37, 15, r.ToArray(), c.ToArray(), v.ToArray(), SparseFormat.Csc);
        var b = RandomVector(37, 102);
        var result = Linea.Sparse.Lstsq(a, b);
        Assert.Equal(15, result.Rank);
        var dense = Linea.Linalg.Lstsq(a.ToDense(), NDArray.FromArray(b)).Solution.ToArray();
        for (int j = 0; j < 15; j++) Assert.Equal(dense[j], result.Solution[j], 1e-11);
        Assert.Equal(Norm(Residual(a, dense, b)), result.ResidualNorm, 1e-12);
    }

    [Fact]
    public void A_tolerance_above_every_column_norm_makes_every_column_dependent()
    {
        var a = RandomSparse(20, 6, 2, 111, diagonal: 1);
        var qr = Linea.Sparse.Qr(a, tolerance: 1e6);
        Assert.Equal(0, qr.Rank);
        Assert.Equal(1e6, qr.Tolerance);
        Assert.All(qr.Solve(RandomVector(20, 112)), x => Assert.Equal(0.0, x));
    }
    [Fact]
    public void Dependent_columns_in_wide_fronts_and_thread_counts_agree()
    {
        int m = 400, n = 150;
        var d = DenseOf(RandomSparse(m, n, 6, 121, diagonal: 1));
        for (int i = 0; i < m; i++) { d[i, 100] = d[i, 50]; d[i, 120] = 0; }
        var a = Linea.Sparse.FromDense(NDArray.FromArray(d), SparseFormat.Csc);
        var b = RandomVector(m, 122);
        var one = Linea.Sparse.Lstsq(a, b, parallelism: Parallelism.None);
        var many = Linea.Sparse.Lstsq(a, b, parallelism: Parallelism.Default);
        Assert.Equal(n - 2, one.Rank);
        Assert.Equal(n - 2, many.Rank);
        Assert.Equal(0.0, one.Solution[100]);
        Assert.Equal(0.0, one.Solution[120]);
        var dense = Linea.Linalg.Lstsq(NDArray.FromArray(d), NDArray.FromArray(b));
        double denseResidual = Norm(Residual(a, dense.Solution.ToArray(), b));
        double normA = FrobeniusNorm(a);
        double slack = 100.0 * m * Eps * normA * (Norm(one.Solution) + Norm(b));
        Assert.True(one.ResidualNorm <= denseResidual + slack, $"sparse residual {one.ResidualNorm:R}, dense minimum {denseResidual:R}");
        double diff = 0;
        for (int j = 0; j < n; j++) diff = Math.Max(diff, Math.Abs(one.Solution[j] - many.Solution[j]));
        Assert.True(diff <= 1e-10 * Norm(one.Solution), $"threads change x by {diff:E3}");
    }
    [Fact]
    public void Colamd_is_the_default_ordering_and_cuts_the_fill_of_R_on_a_stacked_grid()
    {
        var a = StackedPoisson(20, 131); // 800 x 400
        var b = RandomVector(a.Rows, 132);
        var natural = Linea.Sparse.Qr(a, SparseOrdering.Natural);
        var auto = Linea.Sparse.Qr(a);
        Assert.Equal(SparseOrdering.Colamd, auto.Ordering);
        Assert.Equal(a.Columns, auto.Rank);
        Assert.True(auto.NnzR < natural.NnzR, $"nnz(R): colamd {auto.NnzR}, natural {natural.NnzR}");
        Assert.Equal(Enumerable.Range(0, a.Columns), auto.ColumnPermutation.ToArray().Order());
        var x = auto.Solve(b);
        var xn = natural.Solve(b);
        foreach (var (name, sol) in new[] { ("colamd", x), ("natural", xn) })
        {
            var g = new double[a.Columns];
            a.Rmatvec(Residual(a, sol, b), g);
            double nA = FrobeniusNorm(a);
            Assert.True(Norm(g) <= 10.0 * a.Columns * Eps * nA * (nA * Norm(sol) + Norm(b)), $"{name}: ||A^T r|| = {Norm(g):E3}");
        }
        double diff = 0;
        for (int j = 0; j < x.Length; j++) diff = Math.Max(diff, Math.Abs(x[j] - xn[j]));
        Assert.True(diff <= 1e-10 * Norm(xn), $"orderings disagree by {diff:E3}");
        var atr = new double[a.Columns];
        a.Rmatvec(Residual(a, x, b), atr);
        double normA = FrobeniusNorm(a);
        Assert.True(Norm(atr) <= 10.0 * a.Columns * Eps * normA * (normA * Norm(x) + Norm(b)), $"||A^T r|| = {Norm(atr):E3}");
    }
    [Fact]
    public void Duplicate_and_unsorted_entries_are_summed_as_the_matrix_they_stand_for()
    {
        // Column 0 holds row 2 twice (1 + 2 = 3) and its rows out of order; the same matrix built canonically must factor the same.
        var dup = Linea.Sparse.Csc<double>(4, 2, new long[] { 0, 4, 6 }, [2, 0, 2, 3, 1, 3], [1.0, 4, 2, 1, 5, 2]);
        var canonical = Linea.Sparse.Coo<double>(4, 2, [0, 2, 3, 1, 3], [0, 0, 0, 1, 1], [4.0, 3, 1, 5, 2], SparseFormat.Csc);
        Assert.False(dup.HasCanonicalFormat);
        var b = new double[] { 1, 2, 3, 4 };
        var x1 = Linea.Sparse.Lstsq(dup, b, SparseOrdering.Natural).Solution;
        var x2 = Linea.Sparse.Lstsq(canonical, b, SparseOrdering.Natural).Solution;
        for (int j = 0; j < 2; j++) Assert.Equal(x2[j], x1[j], 1e-14);
        var dense = Linea.Linalg.Lstsq(canonical.ToDense(), NDArray.FromArray(b)).Solution.ToArray();
        for (int j = 0; j < 2; j++) Assert.Equal(dense[j], x1[j], 1e-13);
    }
}
