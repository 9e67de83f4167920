namespace Linea.Tests.Sparse.Direct;

public class SparseSolveTests
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>||A x - b|| / (||A|| ||x|| + ||b||) in the infinity norms, from the dense A.</summary>
    private static double BackwardError(NDArray<double> a, NDArray<double> x, NDArray<double> b)
    {
        int n = (int)a.Shape[0];
        double r = 0, an = 0, xn = 0, bn = 0;
        for (int i = 0; i < n; i++)
        {
            double s = 0, row = 0;
            for (int j = 0; j < n; j++) { s += a[i, j] * x[j]; row += Math.Abs(a[i, j]); }
            r = Math.Max(r, Math.Abs(s - b[i]));
            an = Math.Max(an, row);
            xn = Math.Max(xn, Math.Abs(x[i]));
            bn = Math.Max(bn, Math.Abs(b[i]));
        }
        return r / (an * xn + bn);
    }

    /// <summary>tridiag(-1, diagonal, -1) of order n.</summary>
    private static SparseMatrix<double> Poisson1D(int n, double diagonal = 2) =>
        SparseTestProblems.Poisson1D<double>(n) + Linea.Sparse.Eye<double>(n) * (diagonal - 2);

    [Fact]
    public void Solve_uses_Cholesky_for_SPD_and_LU_for_indefinite_and_unsymmetric_input()
    {
        var b = NDArray.Normal([60], 0.0, 1.0, seed: 3);
        var spd = Poisson1D(60);
        Assert.IsType<SparseCholesky<double>>(Linea.Sparse.Factorized(spd));
        Assert.True(BackwardError(spd.ToDense(), Linea.Sparse.Solve(spd, b), b) <= 4 * 60 * Eps);

        // Symmetric with a positive diagonal but indefinite (diagonal 1 < 2 cos(pi / 61) bound): Cholesky fails, LU solves.
        var indefinite = Poisson1D(60, diagonal: 1);
        Assert.IsType<SparseLu<double>>(Linea.Sparse.Factorized(indefinite));
        Assert.True(BackwardError(indefinite.ToDense(), Linea.Sparse.Solve(indefinite, b), b) <= 4 * 60 * Eps);

        var unsymmetric = Poisson1D(60) + Linea.Sparse.Coo<double>(60, 60, [0], [5], [0.5]);
        Assert.IsType<SparseLu<double>>(Linea.Sparse.Factorized(unsymmetric));
        Assert.True(BackwardError(unsymmetric.ToDense(), Linea.Sparse.Solve(unsymmetric, b), b) <= 4 * 60 * Eps);
    }

    [Fact]
    public void Solve_takes_several_right_hand_sides_and_checks_shapes()
    {
        var a = Poisson1D(20);
        var b = NDArray.Normal([20, 3], 0.0, 1.0, seed: 5);
        var x = Linea.Sparse.Solve(a, b);
        Assert.Equal(new Shape(20, 3), x.Shape);
        for (int j = 0; j < 3; j++)
        {
            var bj = b[.., j].Contiguous();
            Assert.True(BackwardError(a.ToDense(), x[.., j].Contiguous(), bj) <= 4 * 20 * Eps);
        }
        Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Solve(a, NDArray.Zeros<double>(19)));
        Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Solve(Linea.Sparse.Eye<double>(3, 4), NDArray.Zeros<double>(3)));
        var singular = Linea.Sparse.Coo<double>(3, 3, [0, 1], [0, 1], [1.0, 1.0]);
        Assert.Throws<SingularMatrixException>(() => Linea.Sparse.Solve(singular, NDArray.Ones<double>(3)));
    }
}
