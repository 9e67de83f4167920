using System.Numerics;
using static Linea.Tests.Sparse.SparseTestProblems;

namespace Linea.Tests.Sparse;

public class LeastSquaresSolverTests
{
    private static LeastSquaresResult<T> Run<T>(string name, ILinearOperator<T> a, T[] b, double tol, double damp = 0, int? limit = null,
        T[]? x0 = null, IterationCallback<T>? callback = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        name == "lsqr"
            ? SparseLinalg.Lsqr(a, b, damp, tol, tol, 1e12, limit, x0, callback)
            : SparseLinalg.Lsmr(a, b, damp, tol, tol, 1e12, limit ?? 10 * Math.Min(a.Rows, a.Columns), x0, callback);

    private static double[] Dense(SparseMatrix<double> a, double[] b) =>
        Linea.Linalg.Lstsq(a.ToDense(), NDArray.FromArray(b)).Solution.ToArray();

    private static double Distance(double[] x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += (x[i] - y[i]) * (x[i] - y[i]);
        return Math.Sqrt(s);
    }

    [Theory]
    [InlineData("lsqr")]
    [InlineData("lsmr")]
    public void Overdetermined_least_squares_matches_the_dense_lstsq_solution(string name)
    {
        var a = Random<double>(80, 25, 4, 21, diagonal: 2);
        var b = Rhs<double>(80, 22);
        var expected = Dense(a, b);
        var r = Run(name, a, b, 1e-12);
        Assert.True(r.Converged, r.Message);
        Assert.True(r.IStop is 1 or 2 or 4 or 5, r.Message);
        // The normal-equations residual test stops at ||A^T r|| <= atol ||A|| ||r||; with cond(A) modest, ||x - x*|| is
        // within a small multiple of cond(A)^2 atol ||x*||; cond ~ 10 here.
        Assert.True(Distance(expected, r.X.AsReadOnlySpan()) <= 1e-8 * Norm<double>(expected), $"{r.Message}");
        Assert.True(double.CreateChecked(r.ACond) > 1 && double.CreateChecked(r.ANorm) > 0);
        Assert.Equal(Residual(a, b, expected), double.CreateChecked(r.R1Norm), 1e-8);
    }

    [Theory]
    [InlineData("lsqr")]
    [InlineData("lsmr")]
    public void Underdetermined_compatible_system_gives_the_minimum_norm_solution(string name)
    {
        var a = Random<double>(20, 60, 6, 23, diagonal: 1);
        var b = Rhs<double>(20, 24);
        var expected = Dense(a, b);   // lstsq: the minimum-norm solution
        var r = Run(name, a, b, 1e-12);
        Assert.True(r.Converged, r.Message);
        Assert.Equal(1, r.IStop);
        Assert.True(Residual(a, b, r.X.AsReadOnlySpan()) <= 1e-10 * Norm<double>(b));
        Assert.True(Distance(expected, r.X.AsReadOnlySpan()) <= 1e-9 * Norm<double>(expected));
    }

    [Theory]
    [InlineData("lsqr")]
    [InlineData("lsmr")]
    public void Damping_solves_the_regularised_normal_equations(string name)
    {
        const double damp = 0.7;
        var a = Random<double>(40, 15, 3, 25);
        var b = Rhs<double>(40, 26);
        var ad = a.ToDense();
        var normal = ad.T.MatMul(ad) + NDArray.Eye<double>(15) * (damp * damp);
        var expected = Linea.Linalg.Solve(normal, ad.T.MatMul(NDArray.FromArray(b))).ToArray();
        var r = Run(name, a, b, 1e-12, damp);
        Assert.True(r.Converged, r.Message);
        Assert.True(Distance(expected, r.X.AsReadOnlySpan()) <= 1e-8 * Norm<double>(expected), r.Message);
    }

    [Theory]
    [InlineData("lsqr")]
    [InlineData("lsmr")]
    public void Float_dense_and_function_operators_agree(string name)
    {
        var a = Random<double>(50, 20, 4, 27, diagonal: 2);
        var b = Rhs<double>(50, 28);
        var expected = Dense(a, b);
        var dense = Run(name, a.ToDense().AsLinearOperator(), b, 1e-12);
        var function = Run(name, LinearOperator.FromFunction<double>(50, 20, a.Matvec, a.Rmatvec), b, 1e-12);
        foreach (var r in new[] { dense, function })
        {
            Assert.True(r.Converged, r.Message);
            Assert.True(Distance(expected, r.X.AsReadOnlySpan()) <= 1e-8 * Norm<double>(expected));
        }
        var af = Random<float>(50, 20, 4, 27, diagonal: 2);
        var rf = Run(name, af, b.Select(v => (float)v).ToArray(), 1e-5);
        Assert.True(rf.Converged, rf.Message);
        var xf = rf.X.ToArray().Select(v => (double)v).ToArray();
        Assert.True(Distance(expected, xf) <= 1e-3 * Norm<double>(expected), rf.Message);
    }

    [Theory]
    [InlineData("lsqr")]
    [InlineData("lsmr")]
    public void Iteration_limit_callback_and_x0(string name)
    {
        var a = Random<double>(60, 30, 4, 29, diagonal: 1);
        var b = Rhs<double>(60, 30);
        int calls = 0;
        var limited = Run(name, a, b, 1e-14, limit: 3, callback: (it, _, _) => Assert.Equal(++calls, it));
        Assert.False(limited.Converged);
        Assert.Equal(7, limited.IStop);
        Assert.Equal(3, limited.Iterations);
        Assert.Equal(3, calls);
        Assert.Equal(3, limited.Info);
        Assert.Throws<NoConvergenceException>(() => limited.ThrowIfNotConverged());
        var full = Run(name, a, b, 1e-12);
        var restarted = Run(name, a, b, 1e-12, x0: full.X.ToArray());
        Assert.True(restarted.Iterations <= 1, restarted.Message);
        var tensor = name == "lsqr" ? SparseLinalg.Lsqr(a, NDArray.FromArray(b), atol: 1e-12, btol: 1e-12) : SparseLinalg.Lsmr(a, NDArray.FromArray(b), atol: 1e-12, btol: 1e-12, maxiter: 300);
        Assert.True(Distance(full.X.ToArray(), tensor.X.AsReadOnlySpan()) <= 1e-9 * Norm(full.X.AsReadOnlySpan()));
    }

    [Fact]
    public void Bad_input_gets_specific_errors()
    {
        var a = Random<double>(6, 4, 2, 31);
        var noTranspose = LinearOperator.FromFunction<double>(6, 4, a.Matvec);
        Assert.Contains("rmatvec", Assert.Throws<ArgumentException>(() => SparseLinalg.Lsqr(noTranspose, new double[6])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SparseLinalg.Lsmr(noTranspose, new double[6]));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Lsqr(a, new double[4]));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Lsmr(a, new double[6], x0: new double[6]));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Lsqr(a, new double[6], damp: -1));
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Lsmr(a, [1.0, 2, 3, double.PositiveInfinity, 5, 6]));
        var zero = SparseLinalg.Lsqr(a, new double[6]);
        Assert.True(zero.Converged);
        Assert.Equal(0, zero.IStop);
    }
}
