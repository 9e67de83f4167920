namespace Linea.Tests.Sparse.Direct;

/// <summary>
/// The direct solvers on the committed Matrix Market fixtures in Data/sparse/direct (made by make_direct_fixtures.py
/// there): meshes, a circuit, a KKT system, an arrow matrix and a rank-deficient tall matrix.
/// <para>Tolerance: a backward-stable factorization (Cholesky; LU with threshold pivoting and modest growth; LDL^T of
/// a quasi-definite matrix with moderate delta) solves (A + dA) x = b with ||dA|| &lt;= c(n) eps ||A||, where c(n)
/// is a small multiple of the longest inner product in the factors (at most n) times the growth, which is 1 for
/// SPD and small for these well-conditioned, well-scaled fixtures (cond &lt;= 110, printed by the generator). The
/// normwise backward error ||Ax - b||_inf / (||A||_inf ||x||_inf + ||b||_inf) is then at most about c n eps; we take
/// c = 4 (the first-order constant of the factorization and the two triangular solves together, as in
/// SparseSolveTests; measured: 5e-17 to 2e-16, about 1 eps, far inside). The KKT matrix through LDL^T is the exception:
/// LDL^T without pivoting is stable on a quasi-definite matrix only up to a growth that increases with ||B||^2 / delta
/// (Gill, Saunders and Shinnerl 1996), here delta = 1e-3; measured 5.2e-14 (about 2 n eps), so c = 10 there, a
/// factor 4.7 of headroom for that rounding-dependent growth, while LU with pivoting on the same matrix gets 1.6e-16.</para>
/// </summary>
public class FixtureSolveTests
{
    private const double Eps = 2.220446049250313e-16;

    private static SparseMatrix<double> Load(string name) =>
        Linea.Sparse.MmRead<double>(Path.Combine(AppContext.BaseDirectory, "Data", "sparse", "direct", name + ".mtx"));

    /// <summary>x from a seeded standard normal draw and b = A x.</summary>
    private static (double[] X, double[] B) Problem(SparseMatrix<double> a, ulong seed)
    {
        var x = NDArray.Normal([a.Columns], 0.0, 1.0, seed: seed).ToArray();
        var b = new double[a.Rows];
        a.Matvec(x, b);
        return (x, b);
    }

    /// <summary>||A x - b||_inf / (||A||_inf ||x||_inf + ||b||_inf), with ||A||_inf the largest absolute row sum.</summary>
    private static double BackwardError(SparseMatrix<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> b)
    {
        var ax = new double[a.Rows];
        a.Matvec(x, ax);
        var csr = a.ToCsr();
        double r = 0, an = 0, xn = 0, bn = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            double row = 0;
            foreach (double v in csr.RunValues(i)) row += Math.Abs(v);
            an = Math.Max(an, row);
            r = Math.Max(r, Math.Abs(ax[i] - b[i]));
            bn = Math.Max(bn, Math.Abs(b[i]));
        }
        foreach (double v in x) xn = Math.Max(xn, Math.Abs(v));
        return r / (an * xn + bn);
    }

    private static void AssertBackwardStable(SparseMatrix<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> b, double c, string what)
    {
        double eta = BackwardError(a, x, b), bound = c * a.Rows * Eps;
        Assert.True(eta <= bound, $"{what}: backward error {eta:e3} > {c} n eps = {bound:e3}");
    }

    [Theory]
    [InlineData("mesh2d_dirichlet", 144, true)]
    [InlineData("mesh3d", 216, true)]
    [InlineData("circuit_mna", 63, false)]
    [InlineData("kkt", 110, false)]
    [InlineData("arrow", 200, true)]
    public void Solve_is_backward_stable_on_the_square_fixtures(string name, int n, bool choleskyExpected)
    {
        var a = Load(name);
        Assert.Equal(new Shape(n, n), a.Shape);
        var (_, b) = Problem(a, seed: 18);
        // SPD input goes to Cholesky; the circuit (unsymmetric) and the KKT matrix (negative diagonal) to LU.
        if (choleskyExpected) Assert.IsType<SparseCholesky<double>>(Linea.Sparse.Factorized(a));
        else Assert.IsType<SparseLu<double>>(Linea.Sparse.Factorized(a));
        var x = Linea.Sparse.Solve(a, NDArray.FromArray(b)).ToArray();
        AssertBackwardStable(a, x, b, 4, $"spsolve on {name}");
    }

    [Theory]
    [InlineData("mesh2d_dirichlet")]
    [InlineData("mesh3d")]
    [InlineData("arrow")]
    public void Cholesky_is_backward_stable_on_the_SPD_fixtures(string name)
    {
        var a = Load(name);
        var (_, b) = Problem(a, seed: 19);
        var x = new double[a.Rows];
        Linea.Sparse.Cholesky(a).Solve(b, x);
        AssertBackwardStable(a, x, b, 4, $"cholesky on {name}");
    }

    [Fact]
    public void Ldl_solves_the_quasi_definite_KKT_system_with_the_right_inertia()
    {
        var a = Load("kkt");
        Assert.Throws<NotPositiveDefiniteException>(() => Linea.Sparse.Cholesky(a));
        var ldl = Linea.Sparse.Ldl(a);
        // Sylvester's law of inertia: [[H, B^T], [B, -delta I]] with H SPD (80 x 80) and B (30 x 80) has 80 positive
        // and 30 negative eigenvalues, and so has D.
        var d = ldl.D.ToArray();
        Assert.Equal(80, d.Count(v => v > 0));
        Assert.Equal(30, d.Count(v => v < 0));
        var (_, b) = Problem(a, seed: 20);
        var x = new double[a.Rows];
        ldl.Solve(b, x);
        AssertBackwardStable(a, x, b, 10, "ldl on kkt");
    }

    [Fact]
    public void Lu_factors_the_circuit_despite_its_zero_diagonal()
    {
        var a = Load("circuit_mna");
        var diagonal = a.Diagonal().ToArray();
        // The last four unknowns are voltage-source currents: their equations (v_p - v_q = E) have no diagonal entry.
        Assert.All(diagonal[^4..], v => Assert.Equal(0.0, v));
        Assert.False(Linea.Sparse.IsSymmetricWithPositiveDiagonal(a));
        var lu = Linea.Sparse.Lu(a);
        var (_, b) = Problem(a, seed: 21);
        var x = new double[a.Rows];
        lu.Solve(b, x);
        AssertBackwardStable(a, x, b, 4, "lu on circuit_mna");
        var xt = new double[a.Rows];
        lu.SolveTransposed(b, xt);
        AssertBackwardStable(a.T.ToCsr(), xt, b, 4, "lu transposed solve on circuit_mna");
    }

    [Fact]
    public void Amd_orders_the_arrow_hub_last_so_Cholesky_has_no_fill()
    {
        var a = Load("arrow");
        int n = a.Rows;
        long lowerNnz = 2L * n - 1; // diagonal plus the hub's n - 1 spokes
        var amd = Linea.Sparse.Cholesky(a, SparseOrdering.Amd);
        Assert.Equal(0, amd.Permutation[^1]); // the hub is row/column 0 in the file
        Assert.Equal(lowerNnz, amd.Nnz);
        // Contrast: eliminating the hub first fills L completely.
        Assert.Equal((long)n * (n + 1) / 2, Linea.Sparse.Cholesky(a, SparseOrdering.Natural).Nnz);
        var (_, b) = Problem(a, seed: 22);
        var x = new double[n];
        amd.Solve(b, x);
        AssertBackwardStable(a, x, b, 4, "cholesky (AMD) on arrow");
    }

    [Fact]
    public void Qr_finds_the_duplicated_column_of_the_tall_fixture()
    {
        var a = Load("tall_rank_deficient");
        Assert.Equal(new Shape(300, 40), a.Shape);
        Assert.Equal(39, Linea.Sparse.Qr(a).Rank);
        // Consistent b: the basic solution (one of the two copies' unknowns zero) reproduces b to rounding.
        var (_, b) = Problem(a, seed: 23);
        var result = Linea.Sparse.Lstsq(a, b);
        Assert.Equal(39, result.Rank);
        Assert.True(result.RankDeficient);
        AssertBackwardStable(a, result.Solution, b, 4, "lstsq on tall_rank_deficient");
    }
}
