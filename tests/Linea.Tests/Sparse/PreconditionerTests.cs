using static Linea.Tests.Sparse.SparseTestProblems;

namespace Linea.Tests.Sparse;

public class PreconditionerTests
{
    private static double[] Apply(ILinearOperator<double> m, double[] x)
    {
        var y = new double[m.Rows];
        m.Matvec(x, y);
        return y;
    }

    private static double[] ApplyT(ILinearOperator<double> m, double[] x)
    {
        var y = new double[m.Columns];
        m.Rmatvec(x, y);
        return y;
    }

    private static double Dot(double[] x, double[] y) => x.Zip(y, (a, b) => a * b).Sum();

    private static void AssertMatrixClose(NDArray<double> expected, NDArray<double> actual, double tol, Func<int, int, bool>? where = null)
    {
        for (int i = 0; i < expected.Shape[0]; i++)
            for (int j = 0; j < expected.Shape[1]; j++)
                if (where is null || where(i, j))
                    Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= tol, $"({i}, {j}): {expected[i, j]} vs {actual[i, j]}");
    }

    [Fact]
    public void Jacobi_applies_the_inverse_diagonal_and_names_a_zero_diagonal_row()
    {
        var a = Poisson2D<double>(4, convection: 1);   // diagonal 5
        var x = Rhs<double>(16, 1);
        var y = Apply(new JacobiPreconditioner<double>(a), x);
        for (int i = 0; i < 16; i++) Assert.Equal(x[i] / 5, y[i], 15);
        var holed = Linea.Sparse.Coo<double>(3, 3, [0, 1, 2, 1], [0, 2, 2, 1], [1.0, 1, 1, 0]);
        var e = Assert.Throws<SingularMatrixException>(() => new JacobiPreconditioner<double>(holed));
        Assert.Equal(1, e.PivotIndex);
        Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
        // CSC input reads the same diagonal.
        var yc = Apply(new JacobiPreconditioner<double>(a.ToCsc()), x);
        Assert.Equal(y, yc);
    }

    [Fact]
    public void Ic0_of_a_tridiagonal_matrix_is_its_exact_cholesky_factor()
    {
        var a = Poisson1D<double>(30);
        var ic = new IncompleteCholesky<double>(a);
        var l = ic.L().ToDense();
        AssertMatrixClose(a.ToDense(), l.MatMul(l.T), 1e-14 * 30);
        // M^-1 = (L L^T)^-1 = A^-1 exactly: M^-1 A x = x.
        var x = Rhs<double>(30, 2);
        var ax = new double[30];
        a.Matvec(x, ax);
        var back = Apply(ic, ax);
        for (int i = 0; i < 30; i++) Assert.Equal(x[i], back[i], 1e-11);
    }

    [Fact]
    public void Ic0_reproduces_a_on_its_pattern_for_2d_poisson()
    {
        var a = Poisson2D<double>(7);
        var ad = a.ToDense();
        var l = new IncompleteCholesky<double>(a).L().ToDense();
        AssertMatrixClose(ad, l.MatMul(l.T), 1e-13, (i, j) => ad[i, j] != 0);
    }

    [Fact]
    public void Ic0_names_the_row_where_a_pivot_is_not_positive()
    {
        // tridiag(-1, 2, -1) with A[2, 2] = -0.2: pivots 2, 1.5, then -0.2 - 1/1.5 < 0 at row 2.
        var shifted = Linea.Sparse.Coo<double>(5, 5, [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4], [0, 1, 0, 1, 2, 1, 2, 3, 2, 3, 4, 3, 4],
            [2.0, -1, -1, 2, -1, -1, -0.2, -1, -1, 2, -1, -1, 2]);
        var e = Assert.Throws<NotPositiveDefiniteException>(() => new IncompleteCholesky<double>(shifted));
        Assert.Equal(3, e.MinorOrder);
        Assert.Contains("row 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ilu0_reproduces_a_on_its_pattern_and_inverts_exactly_without_fill()
    {
        var a = Poisson2D<double>(6, convection: 2);
        var ad = a.ToDense();
        var ilu = IncompleteLu.Ilu0(a);
        var lu = ilu.L().ToDense().MatMul(ilu.U().ToDense());
        AssertMatrixClose(ad, lu, 1e-13, (i, j) => ad[i, j] != 0);
        // On a tridiagonal matrix ILU(0) is the exact LU.
        var t = Linea.Sparse.Coo<double>(4, 4, [0, 0, 1, 1, 1, 2, 2, 2, 3, 3], [0, 1, 0, 1, 2, 1, 2, 3, 2, 3], [4.0, 1, 2, 5, -1, 1, 3, 1, 2, 6]);
        var exact = IncompleteLu.Ilu0(t);
        AssertMatrixClose(t.ToDense(), exact.L().ToDense().MatMul(exact.U().ToDense()), 1e-14);
        double[] x = [1, -2, 3, 0.5];
        var tx = new double[4];
        t.Matvec(x, tx);
        var back = Apply(exact, tx);
        for (int i = 0; i < 4; i++) Assert.Equal(x[i], back[i], 1e-13);
        // Rmatvec is the transpose of Matvec: <M^-1 u, v> = <u, M^-T v>.
        var u = Rhs<double>(36, 3);
        var v = Rhs<double>(36, 4);
        Assert.Equal(Dot(Apply(ilu, u), v), Dot(u, ApplyT(ilu, v)), 1e-12);
    }

    [Fact]
    public void Ilu0_names_a_zero_or_missing_pivot()
    {
        var missing = Linea.Sparse.Coo<double>(3, 3, [0, 1, 2, 2], [0, 0, 2, 1], [1.0, 1, 1, 1]);
        var e = Assert.Throws<SingularMatrixException>(() => IncompleteLu.Ilu0(missing));
        Assert.Equal(1, e.PivotIndex);
        Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
        // [[1, 1], [1, 1]]: the second pivot is 1 - 1 = 0.
        var singular = Linea.Sparse.Coo<double>(2, 2, [0, 0, 1, 1], [0, 1, 0, 1], [1.0, 1, 1, 1]);
        Assert.Equal(1, Assert.Throws<SingularMatrixException>(() => IncompleteLu.Ilu0(singular)).PivotIndex);
        Assert.Equal(1, Assert.Throws<SingularMatrixException>(() => IncompleteLu.Ilut(singular, 0, 10)).PivotIndex);
    }

    [Fact]
    public void Ilut_without_dropping_is_the_complete_lu_and_dropping_trades_fill_for_iterations()
    {
        var a = Random<double>(40, 40, 4, 5, diagonal: 6);
        var full = IncompleteLu.Ilut(a, dropTol: 0, fillFactor: 100);
        AssertMatrixClose(a.ToDense(), full.L().ToDense().MatMul(full.U().ToDense()), 1e-12);
        var x = Rhs<double>(40, 6);
        var ax = new double[40];
        a.Matvec(x, ax);
        var back = Apply(full, ax);
        for (int i = 0; i < 40; i++) Assert.Equal(x[i], back[i], 1e-10);

        var cd = Poisson2D<double>(16, convection: 3);
        var b = Rhs<double>(cd.Rows, 7);
        var ilu0 = IncompleteLu.Ilu0(cd);
        var ilut = SparseLinalg.Spilu(cd, dropTol: 1e-3, fillFactor: 4);
        Assert.True(ilut.NnzL + ilut.NnzU <= 4 * cd.Nnz + cd.Rows);
        Assert.True(ilut.NnzL + ilut.NnzU > ilu0.NnzL + ilu0.NnzU);   // it kept some fill
        var with0 = SparseLinalg.Gmres(cd, b, rtol: 1e-10, M: ilu0);
        var withT = SparseLinalg.Gmres(cd, b, rtol: 1e-10, M: ilut);
        Assert.True(with0.Converged && withT.Converged);
        Assert.True(withT.Iterations < with0.Iterations, $"ILUT {withT.Iterations}, ILU(0) {with0.Iterations}");
        // Heavy dropping keeps only the diagonal-ish part, but still preconditions.
        var sparse = IncompleteLu.Ilut(cd, dropTol: 0.5, fillFactor: 1);
        Assert.True(sparse.NnzL + sparse.NnzU <= cd.Nnz);
        Assert.Throws<ArgumentOutOfRangeException>(() => IncompleteLu.Ilut(cd, dropTol: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IncompleteLu.Ilut(cd, fillFactor: 0.5));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.6)]
    public void Ssor_applies_the_inverse_of_its_defining_product(double omega)
    {
        var a = Poisson2D<double>(5, convection: 0.5);
        int n = a.Rows;
        var ad = a.ToDense();
        var dOverW = NDArray.Zeros<double>(n, n);
        var lower = NDArray.Zeros<double>(n, n);
        var upper = NDArray.Zeros<double>(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) dOverW[i, j] = ad[i, j] / omega;
                else if (j < i) lower[i, j] = ad[i, j];
                else upper[i, j] = ad[i, j];
            }
        var m = (dOverW + lower).MatMul(Linea.Linalg.Inv(dOverW)).MatMul(dOverW + upper) * (omega / (2 - omega));
        var ssor = new SsorPreconditioner<double>(a, omega);
        var x = Rhs<double>(n, 8);
        var mx = m.MatMul(NDArray.FromArray(x)).ToArray();
        var back = Apply(ssor, mx);
        for (int i = 0; i < n; i++) Assert.Equal(x[i], back[i], 1e-12);
        var mtx = m.T.MatMul(NDArray.FromArray(x)).ToArray();
        var backT = ApplyT(ssor, mtx);
        for (int i = 0; i < n; i++) Assert.Equal(x[i], backT[i], 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SsorPreconditioner<double>(a, 2.0));
        var noDiagonal = Linea.Sparse.Coo<double>(2, 2, [0, 1], [1, 0], [1.0, 1]);
        Assert.Equal(0, Assert.Throws<SingularMatrixException>(() => new SsorPreconditioner<double>(noDiagonal)).PivotIndex);
    }

    [Fact]
    public void Preconditioners_accept_duplicates_unsorted_indices_and_csc_and_work_in_float()
    {
        // The 1-D Laplacian assembled from element matrices: every interior diagonal entry is a sum of two duplicates.
        var (r, c, v) = (new List<int>(), new List<int>(), new List<float>());
        for (int e = 0; e + 1 < 12; e++)
        {
            r.AddRange([e + 1, e, e, e + 1]); c.AddRange([e, e + 1, e, e + 1]); v.AddRange([-1f, -1f, 1f, 1f]);
        }
        r.Add(0); c.Add(0); v.Add(1f);
        r.Add(11); c.Add(11); v.Add(1f);
        var a = Linea.Sparse.Coo<float>(12, 12, r.ToArray(), c.ToArray(), v.ToArray());
        var af = Poisson1D<float>(12);
        var ic = new IncompleteCholesky<float>(a.ToCsc());
        var reference = new IncompleteCholesky<float>(af);
        var x = Rhs<float>(12, 9);
        var y1 = new float[12];
        var y2 = new float[12];
        ic.Matvec(x, y1);
        reference.Matvec(x, y2);
        for (int i = 0; i < 12; i++) Assert.Equal(y2[i], y1[i], 1e-4f);
        var res = SparseLinalg.Cg(a, x, rtol: 1e-5f, M: ic);
        Assert.True(res.Converged, res.Message);
        Assert.True(res.Iterations <= 2, res.Message);   // IC(0) of a tridiagonal matrix is exact
    }
}
