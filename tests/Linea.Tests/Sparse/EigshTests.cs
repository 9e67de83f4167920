using static Linea.Tests.Sparse.EigenTestMatrices;

namespace Linea.Tests.Sparse;

public class EigshTests
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>The k eigenvalues each Which selects from the ascending dense spectrum, ascending.</summary>
    private static double[] Expected(double[] all, int k, Which which, double? sigma = null)
    {
        IEnumerable<double> pick = which switch
        {
            Which.LargestAlgebraic => all.Skip(all.Length - k),
            Which.SmallestAlgebraic => all.Take(k),
            Which.LargestMagnitude when sigma is double s => all.OrderBy(x => Math.Abs(x - s)).Take(k),
            Which.LargestMagnitude => all.OrderByDescending(Math.Abs).Take(k),
            Which.SmallestMagnitude => all.OrderBy(Math.Abs).Take(k),
            _ => all.Take(k / 2).Concat(all.Skip(all.Length - (k - k / 2))),
        };
        return pick.OrderBy(x => x).ToArray();
    }

    private static void AssertEigenpairs(SparseMatrix<double> a, EigshResult<double> r, double[] expected)
    {
        int n = a.Rows;
        double norm = expected.Length == 0 ? 1 : Math.Max(1, DenseEigenvalues(a).Select(Math.Abs).Max());
        var w = r.Eigenvalues.ToArray();
        Assert.Equal(expected.Length, w.Length);
        for (int i = 0; i < w.Length; i++)
        {
            Assert.True(Math.Abs(w[i] - expected[i]) <= 100 * n * Eps * norm, $"eigenvalue {i}: {w[i]} vs {expected[i]}");
            if (i > 0) Assert.True(w[i - 1] <= w[i]);
        }
        Assert.NotNull(r.Eigenvectors);
        Assert.Equal(new Shape(n, w.Length), r.Eigenvectors!.Shape);
        Assert.True(MaxResidual(a, r.Eigenvalues, r.Eigenvectors) <= 100 * n * Eps * norm, "residual");
        Assert.True(OrthogonalityError(r.Eigenvectors) <= 10 * n * Eps, "orthogonality");
    }

    [Theory]
    [InlineData(Which.LargestMagnitude)]
    [InlineData(Which.SmallestMagnitude)]
    [InlineData(Which.LargestAlgebraic)]
    [InlineData(Which.SmallestAlgebraic)]
    [InlineData(Which.BothEnds)]
    public void Each_which_on_a_random_sparse_symmetric_matrix_matches_dense_eigh(Which which)
    {
        var a = RandomSymmetric(150, 3, 7);
        foreach (int k in new[] { 1, 5 })
        {
            var r = SparseLinalg.Eigsh(a, k, which, ncv: 40, seed: 3);
            AssertEigenpairs(a, r, Expected(DenseEigenvalues(a), k, which));
        }
    }

    [Fact]
    public void Poisson_2d_largest_with_repeated_eigenvalues_are_all_found()
    {
        // On a 12 x 12 grid the eigenvalues 4 - 2cos(i pi/13) - 2cos(j pi/13) are double for i != j.
        var a = EigenTestMatrices.Poisson2D<double>(12);
        var r = SparseLinalg.Eigsh(a, 8, Which.LargestAlgebraic, seed: 1);
        var expected = new List<double>();
        for (int i = 1; i <= 12; i++)
            for (int j = 1; j <= 12; j++) expected.Add(4 - 2 * Math.Cos(i * Math.PI / 13) - 2 * Math.Cos(j * Math.PI / 13));
        AssertEigenpairs(a, r, expected.OrderBy(x => x).Skip(144 - 8).ToArray());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Block_lanczos_finds_a_triple_eigenvalue_and_matches_dense(int block)
    {
        int n = 150;
        var d = new double[n];
        for (int i = 0; i < n; i++) d[i] = 1 + i * 0.01;
        d[n - 1] = 5; d[n - 2] = 5; d[n - 3] = 5; d[n - 4] = 4.5;
        var a = Diagonal(d);
        var r = SparseLinalg.EigshBlock(a, 4, Which.LargestAlgebraic, null, null, 30, null, 0, true, null, 7, null, block, int.MaxValue, null);
        AssertEigenpairs(a, r, [4.5, 5, 5, 5]);
        var p = EigenTestMatrices.Poisson2D<double>(12);
        var rp = SparseLinalg.EigshBlock(p, 6, Which.SmallestAlgebraic, null, null, 30, null, 0, true, null, 7, null, block, int.MaxValue, null);
        AssertEigenpairs(p, rp, DenseEigenvalues(p).Take(6).ToArray());
    }

    [Theory]
    [InlineData(Which.LargestAlgebraic)]
    [InlineData(Which.SmallestAlgebraic)]
    [InlineData(Which.LargestMagnitude)]
    public void Chebyshev_filtered_lanczos_matches_dense(Which which)
    {
        // Forced on (order 0, degree 8): the public door turns it on for large n when reorthogonalization dominates.
        var a = EigenTestMatrices.Poisson2D<double>(24);
        var r = SparseLinalg.EigshBlock(a, 6, which, null, null, 30, null, 0, true, null, 3, null, 1, 0, 8);
        AssertEigenpairs(a, r, Expected(DenseEigenvalues(a), 6, which));
        Assert.True(r.Matvecs > 8 * r.Restarts, "the filter ran");
        var shifted = RandomSymmetric(300, 3, 21);
        var rs = SparseLinalg.EigshBlock(shifted, 4, which, null, null, 30, null, 0, true, null, 3, null, 1, 0, 6);
        AssertEigenpairs(shifted, rs, Expected(DenseEigenvalues(shifted), 4, which));
    }

    [Fact]
    public void Public_door_filters_a_large_poisson_matrix_and_matches_the_closed_form()
    {
        int g = 142, n = g * g;   // n = 20,164: above the filter's threshold
        var a = EigenTestMatrices.Poisson2D<double>(g);
        var r = SparseLinalg.Eigsh(a, 3, Which.LargestMagnitude, seed: 2);
        var exact = new List<double>();
        for (int i = 1; i <= 4; i++)
            for (int j = 1; j <= 4; j++) exact.Add(4 - 2 * Math.Cos((g + 1 - i) * Math.PI / (g + 1)) - 2 * Math.Cos((g + 1 - j) * Math.PI / (g + 1)));
        var expected = exact.OrderBy(x => x).Skip(exact.Count - 3).ToArray();
        var w = r.Eigenvalues.ToArray();
        for (int i = 0; i < 3; i++) Assert.True(Math.Abs(w[i] - expected[i]) <= 1000 * Eps * 8, $"{w[i]} vs {expected[i]}");
        Assert.True(MaxResidual(a, r.Eigenvalues, r.Eigenvectors!) <= 100 * n * Eps * 8);
        Assert.True(OrthogonalityError(r.Eigenvectors!) <= 10 * n * Eps);
        Assert.True(r.Matvecs > 4 * (r.Restarts + 1) * 24, "the filter ran (several products per Lanczos step)");
        var again = SparseLinalg.Eigsh(a, 3, Which.LargestMagnitude, seed: 2);
        Assert.Equal(w, again.Eigenvalues.ToArray());
    }

    [Fact]
    public void The_smallest_basis_scipy_allows_ncv_k_plus_1_still_converges()
    {
        var d = Enumerable.Range(1, 60).Select(i => (double)i * i).ToArray();
        var a = Diagonal(d);
        var r = SparseLinalg.Eigsh(a, 2, Which.LargestAlgebraic, ncv: 3, maxiter: 5000);
        AssertEigenpairs(a, r, [59.0 * 59, 60.0 * 60]);
    }

    [Fact]
    public void Poisson_1d_smallest_against_the_closed_form()
    {
        int n = 100;
        var a = Poisson1D(n);
        var r = SparseLinalg.Eigsh(a, 4, Which.SmallestAlgebraic, ncv: 60, maxiter: 2000);
        var expected = Enumerable.Range(1, 4).Select(j => 2 - 2 * Math.Cos(j * Math.PI / (n + 1))).ToArray();
        AssertEigenpairs(a, r, expected);
    }

    [Fact]
    public void Clustered_and_repeated_diagonal_eigenvalues()
    {
        int n = 120;
        var d = new double[n];
        for (int i = 0; i < n; i++) d[i] = 1 + i * 0.01;
        d[n - 1] = 10; d[n - 2] = 10; d[n - 3] = 10; d[n - 4] = 10 - 1e-9; d[n - 5] = 9.5;
        var a = Diagonal(d);
        var r = SparseLinalg.Eigsh(a, 5, Which.LargestAlgebraic, seed: 5);
        AssertEigenpairs(a, r, d.OrderBy(x => x).Skip(n - 5).ToArray());
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(2.05)]
    public void Shift_invert_finds_the_eigenvalues_nearest_sigma(double sigma)
    {
        var a = RandomSymmetric(200, 3, 11);
        var r = SparseLinalg.Eigsh(a, 4, sigma: sigma);
        AssertEigenpairs(a, r, Expected(DenseEigenvalues(a), 4, Which.LargestMagnitude, sigma));
    }

    [Fact]
    public void Shift_invert_takes_a_user_inverse()
    {
        var a = Poisson1D(80);
        var lu = Linea.Linalg.Lu(a.ToDense() - NDArray.Eye<double>(80) * 0.5);
        var inv = new FunctionOperator(80, (x, y) => lu.Solve(NDArray.FromArray(x.ToArray())).AsReadOnlySpan().CopyTo(y));
        var r = SparseLinalg.Eigsh(a, 3, sigma: 0.5, opInv: inv);
        AssertEigenpairs(a, r, Expected(DenseEigenvalues(a), 3, Which.LargestMagnitude, 0.5));
    }

    [Fact]
    public void Same_seed_gives_the_same_result_bit_for_bit_and_values_only_agrees()
    {
        var a = RandomSymmetric(120, 2, 4);
        var r1 = SparseLinalg.Eigsh(a, 3, seed: 42);
        var r2 = SparseLinalg.Eigsh(a, 3, seed: 42);
        Assert.Equal(r1.Eigenvalues.ToArray(), r2.Eigenvalues.ToArray());
        Assert.Equal(r1.Eigenvectors!.ToArray(), r2.Eigenvectors!.ToArray());
        var w = SparseLinalg.Eigsh(a, 3, seed: 42, returnEigenvectors: false);
        Assert.Null(w.Eigenvectors);
        Assert.Equal(r1.Eigenvalues.ToArray(), w.Eigenvalues.ToArray());
    }

    [Fact]
    public void Float_runs_to_float_precision()
    {
        var a = EigenTestMatrices.Poisson2D<float>(10);
        var r = SparseLinalg.Eigsh(a, 3, Which.LargestAlgebraic);
        var ad = EigenTestMatrices.Poisson2D<double>(10);
        var expected = DenseEigenvalues(ad).Skip(97).ToArray();
        var w = r.Eigenvalues.ToArray();
        for (int i = 0; i < 3; i++) Assert.True(Math.Abs(w[i] - expected[i]) <= 100 * 100 * 1.2e-7 * 8);
    }

    [Fact]
    public void Bad_input_gets_specific_errors()
    {
        var a = Poisson1D(10);
        Assert.Throws<ArgumentException>(() => SparseLinalg.Eigsh(a, 10));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Eigsh(a, 0));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Eigsh(a, 3, ncv: 3));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Eigsh(a, 3, tol: -1));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Eigsh(a, 3, sigma: double.NaN));
        var rect = Linea.Sparse.Coo<double>(4, 5, [0], [0], [1.0]);
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Eigsh(rect, 1));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Eigsh(a, 2, v0: NDArray.Zeros<double>(9)));
        var nan = Linea.Sparse.Coo<double>(10, 10, [0, 3], [0, 3], [1.0, double.NaN]);
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Eigsh(nan, 2));
        var ex = Assert.Throws<NoConvergenceException>(() => SparseLinalg.Eigsh(Poisson1D(300), 6, Which.SmallestAlgebraic, ncv: 13, maxiter: 2));
        Assert.Contains("of k = 6", ex.Message);
        // Above the dense default's order, A - sigma I = 0 here: the MINRES inverse cannot converge and says so.
        var big = new FunctionOperator(5000, (x, y) => x.CopyTo(y));
        var singular = Assert.Throws<NoConvergenceException>(() => SparseLinalg.Eigsh(big, 1, sigma: 1.0));
        Assert.Contains("pass opInv", singular.Message);
    }

    [Fact]
    public void Shift_invert_above_the_dense_limit_uses_sparse_LU_or_MINRES_and_matches_the_closed_form()
    {
        // 2-D Poisson on a 70 x 70 grid (n = 4900 > 4096): eigenvalues 4 - 2 cos(pi i / 71) - 2 cos(pi j / 71).
        const int g = 70;
        var a = Poisson2D<double>(g);
        var all = new List<double>();
        for (int i = 1; i <= g; i++)
            for (int j = 1; j <= g; j++) all.Add(4 - 2 * Math.Cos(Math.PI * i / (g + 1)) - 2 * Math.Cos(Math.PI * j / (g + 1)));
        const double sigma = 0.05;
        var expected = all.OrderBy(x => Math.Abs(x - sigma)).Take(3).OrderBy(x => x).ToArray();

        // A sparse matrix: the sparse LU of A - sigma I, so eigenvalues and residuals are at the n eps ||A|| level
        // (||A|| <= 8; the closed form replaces a dense eigensolve of order 4900).
        var exact = SparseLinalg.Eigsh(a, 3, sigma: sigma, seed: 1);
        var we = exact.Eigenvalues.ToArray();
        for (int i = 0; i < 3; i++) Assert.True(Math.Abs(we[i] - expected[i]) <= 100 * a.Rows * Eps * 8, $"eigenvalue {i}: {we[i]} vs {expected[i]}");
        Assert.True(MaxResidual(a, exact.Eigenvalues, exact.Eigenvectors!) <= 100 * a.Rows * Eps * 8, "residual");
        Assert.True(OrthogonalityError(exact.Eigenvectors!) <= 10 * a.Rows * Eps, "orthogonality");

        // The same matrix behind a function: MINRES solves to eps^(3/4), the outer tolerance ten times that, and errors
        // scale with ||A|| = 8.
        var r = SparseLinalg.Eigsh(new FunctionOperator(a.Rows, a.Matvec), 3, sigma: sigma, seed: 1);
        double bound = 100 * 10 * Math.Pow(Eps, 0.75) * 8;
        var w = r.Eigenvalues.ToArray();
        for (int i = 0; i < 3; i++) Assert.True(Math.Abs(w[i] - expected[i]) <= bound, $"eigenvalue {i}: {w[i]} vs {expected[i]}");
        Assert.True(MaxResidual(a, r.Eigenvalues, r.Eigenvectors!) <= bound, "residual");
    }
}

/// <summary>A symmetric operator from a function, for the tests.</summary>
internal sealed class FunctionOperator(int n, FunctionOperator.Apply apply) : ILinearOperator<double>
{
    public delegate void Apply(ReadOnlySpan<double> x, Span<double> y);
    public int Rows => n;
    public int Columns => n;
    public void Matvec(ReadOnlySpan<double> x, Span<double> y) => apply(x, y);
    public void Rmatvec(ReadOnlySpan<double> x, Span<double> y) => apply(x, y);
}
