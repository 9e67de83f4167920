using System.Numerics;
using static Linea.Tests.Sparse.SparseTestProblems;

namespace Linea.Tests.Sparse;

public class IterativeSolverTests
{
    private delegate IterativeResult<T> SquareSolver<T>(ILinearOperator<T> a, T[] b, double rtol, int? maxiter, ILinearOperator<T>? m,
        IterationCallback<T>? callback) where T : unmanaged, IFloatingPointIeee754<T>;

    private static SquareSolver<T> Solver<T>(string name) where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        "cg" => (a, b, rtol, maxiter, m, cb) => SparseLinalg.Cg(a, b, rtol: rtol, maxiter: maxiter, M: m, callback: cb),
        "minres" => (a, b, rtol, maxiter, m, cb) => SparseLinalg.Minres(a, b, rtol: rtol, maxiter: maxiter, M: m, callback: cb),
        "gmres" => (a, b, rtol, maxiter, m, cb) => SparseLinalg.Gmres(a, b, rtol: rtol, maxiter: maxiter, M: m, callback: cb),
        "bicgstab" => (a, b, rtol, maxiter, m, cb) => SparseLinalg.Bicgstab(a, b, rtol: rtol, maxiter: maxiter, M: m, callback: cb),
        _ => throw new ArgumentException(name),
    };

    /// <summary>The solver's x meets ||b - A x|| &lt;= max(rtol ||b||, atol), recomputed in double, up to rounding in T.</summary>
    private static void AssertSolved<T>(SparseMatrix<T> a, T[] b, IterativeResult<T> result, double rtol, double atol = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(result.Converged, result.Message);
        Assert.Equal(0, result.Info);
        var x = result.X.AsReadOnlySpan();
        double tol = Math.Max(rtol * Norm<T>(b), atol);
        double residual = Residual(a, b, x);
        Assert.True(residual <= tol + RoundingAllowance(a, b, x), $"{result.Message}: recomputed residual {residual} > {tol}");
        Assert.True(double.CreateChecked(result.ResidualNorm) <= tol * (1 + 1e-12) + RoundingAllowance(a, b, x));
    }

    [Theory]
    [InlineData("cg")]
    [InlineData("minres")]
    [InlineData("gmres")]
    [InlineData("bicgstab")]
    public void Every_solver_solves_1d_and_2d_poisson_to_the_requested_tolerance(string name)
    {
        foreach (var a in new[] { Poisson1D<double>(50), Poisson2D<double>(12) })
        {
            var b = Rhs<double>(a.Rows, 3);
            foreach (double rtol in new[] { 1e-5, 1e-10 })
                AssertSolved(a, b, Solver<double>(name)(a, b, rtol, null, null, null), rtol);
        }
    }

    [Theory]
    [InlineData("cg")]
    [InlineData("minres")]
    [InlineData("gmres")]
    [InlineData("bicgstab")]
    public void Every_solver_works_in_float(string name)
    {
        var a = Poisson2D<float>(10);
        var b = Rhs<float>(a.Rows, 4);
        AssertSolved(a, b, Solver<float>(name)(a, b, 1e-4, null, null, null), 1e-4);
    }

    [Theory]
    [InlineData("gmres")]
    [InlineData("bicgstab")]
    public void Nonsymmetric_convection_diffusion_is_solved_and_ilu0_cuts_the_iterations(string name)
    {
        var a = Poisson2D<double>(20, convection: 2.5);
        var b = Rhs<double>(a.Rows, 5);
        var plain = Solver<double>(name)(a, b, 1e-8, null, null, null);
        AssertSolved(a, b, plain, 1e-8);
        var ilu = IncompleteLu.Ilu0(a);
        var preconditioned = Solver<double>(name)(a, b, 1e-8, null, ilu, null);
        AssertSolved(a, b, preconditioned, 1e-8);
        Assert.True(preconditioned.Iterations < plain.Iterations, $"ILU(0): {preconditioned.Iterations}, none: {plain.Iterations}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(60)]
    public void Gmres_converges_for_every_restart_length(int restart)
    {
        var a = Poisson2D<double>(8, convection: 1);
        var b = Rhs<double>(a.Rows, 6);
        var r = SparseLinalg.Gmres(a, b, rtol: 1e-9, restart: restart);
        AssertSolved(a, b, r, 1e-9);
    }

    [Fact]
    public void Cg_on_2d_poisson_32x32_stays_within_the_chebyshev_bound_and_ic0_needs_fewer_iterations()
    {
        const int g = 32;
        const double rtol = 1e-8;
        var a = Poisson2D<double>(g);
        var b = Rhs<double>(a.Rows, 7);
        var plain = SparseLinalg.Cg(a, b, rtol: rtol);
        AssertSolved(a, b, plain, rtol);
        // ||e||_A reduces by 2 ((sqrt k - 1)/(sqrt k + 1))^j; the residual norm by at most sqrt(k) times that.
        double kappa = Poisson2DCondition(g), s = Math.Sqrt(kappa);
        int bound = (int)Math.Ceiling(Math.Log(2 * s / rtol) / Math.Log((s + 1) / (s - 1)));
        Assert.InRange(plain.Iterations, 1, bound);
        var ic = SparseLinalg.Cg(a, b, rtol: rtol, M: new IncompleteCholesky<double>(a));
        AssertSolved(a, b, ic, rtol);
        Assert.True(ic.Iterations < 0.75 * plain.Iterations, $"IC(0): {ic.Iterations}, none: {plain.Iterations}");
        var ssor = SparseLinalg.Cg(a, b, rtol: rtol, M: new SsorPreconditioner<double>(a, 1.5));
        AssertSolved(a, b, ssor, rtol);
        Assert.True(ssor.Iterations < plain.Iterations);
        AssertSolved(a, b, SparseLinalg.Cg(a, b, rtol: rtol, M: new JacobiPreconditioner<double>(a)), rtol);
    }

    [Fact]
    public void Minres_solves_a_symmetric_indefinite_system_with_and_without_a_preconditioner()
    {
        // Shifted Laplacian: eigenvalues on both sides of zero (shift 1.3 lies between them, away from every eigenvalue).
        var a = Poisson2D<double>(12, shift: 1.3);
        var b = Rhs<double>(a.Rows, 8);
        AssertSolved(a, b, SparseLinalg.Minres(a, b, rtol: 1e-9), 1e-9);
        var m = LinearOperator.Identity<double>(a.Rows);
        AssertSolved(a, b, SparseLinalg.Minres(a, b, rtol: 1e-9, M: m), 1e-9);
        // An SPD diagonal preconditioner with a varying scale (MINRES needs M SPD, not A).
        var d = new double[a.Rows];
        for (int i = 0; i < d.Length; i++) d[i] = 0.5 + (i % 7) * 0.1;
        var diag = LinearOperator.FromFunction<double>(a.Rows, a.Rows, (x, y) => { for (int i = 0; i < x.Length; i++) y[i] = d[i] * x[i]; });
        AssertSolved(a, b, SparseLinalg.Minres(a, b, rtol: 1e-9, M: diag), 1e-9);
    }

    [Fact]
    public void Cg_reports_an_indefinite_matrix_as_a_breakdown_not_a_hang()
    {
        var a = Linea.Sparse.Coo<double>(2, 2, [0, 1], [0, 1], [1.0, -2.0]);
        var r = SparseLinalg.Cg(a, [1.0, 1.0]);
        Assert.False(r.Converged);
        Assert.Equal(-11, r.Info);
        Assert.Contains("not positive definite", r.Message, StringComparison.Ordinal);
        Assert.Equal(0, r.Iterations);
        Assert.Throws<NoConvergenceException>(() => r.ThrowIfNotConverged());
    }

    [Fact]
    public void Bicgstab_reports_a_breakdown_and_gmres_solves_the_same_system()
    {
        // r0 = b = e1, A e1 = e2: r~^T A p = 0 at the first step.
        var a = Linea.Sparse.Coo<double>(2, 2, [0, 1], [1, 0], [1.0, 1.0]);
        double[] b = [1, 0];
        var r = SparseLinalg.Bicgstab(a, b);
        Assert.False(r.Converged);
        Assert.Equal(-10, r.Info);
        Assert.Contains("breakdown", r.Message, StringComparison.Ordinal);
        AssertSolved(a, b, SparseLinalg.Gmres(a, b, rtol: 1e-12), 1e-12);
    }

    [Theory]
    [InlineData("cg")]
    [InlineData("minres")]
    [InlineData("gmres")]
    [InlineData("bicgstab")]
    public void The_callback_runs_once_per_iteration_with_the_current_residual_and_x(string name)
    {
        var a = Poisson2D<double>(10, convection: name is "gmres" or "bicgstab" ? 1 : 0);
        var b = Rhs<double>(a.Rows, 9);
        var seen = new List<(int it, double res, double xres)>();
        var r = Solver<double>(name)(a, b, 1e-8, null, null, (it, res, x) => seen.Add((it, res, Residual(a, b, x))));
        Assert.True(r.Converged, r.Message);
        Assert.Equal(r.Iterations, seen.Count);
        for (int k = 0; k < seen.Count; k++) Assert.Equal(k + 1, seen[k].it);
        // The reported residual is that of the x handed over (exact for CG, BiCGSTAB and GMRES; MINRES's Lanczos estimate agrees to rounding).
        foreach (var (_, res, xres) in seen) Assert.True(Math.Abs(res - xres) <= 1e-6 * Norm<double>(b) + 1e-3 * xres, $"{res} vs {xres}");
        Assert.True(seen[^1].res <= 1e-8 * Norm<double>(b));
    }

    [Theory]
    [InlineData("cg")]
    [InlineData("minres")]
    [InlineData("gmres")]
    [InlineData("bicgstab")]
    public void Non_convergence_is_reported_with_the_iteration_count_and_throws_on_request(string name)
    {
        var a = Poisson2D<double>(16, convection: name is "gmres" or "bicgstab" ? 1 : 0);
        var b = Rhs<double>(a.Rows, 10);
        var r = Solver<double>(name)(a, b, 1e-10, 3, null, null);
        Assert.False(r.Converged);
        Assert.True(r.Info > 0, r.Message);
        Assert.Contains("did not converge", r.Message, StringComparison.Ordinal);
        Assert.Equal(Residual(a, b, r.X.AsReadOnlySpan()), double.CreateChecked(r.ResidualNorm), 1e-10);
        var e = Assert.Throws<NoConvergenceException>(() => r.ThrowIfNotConverged());
        Assert.Equal(r.Message, e.Message);
    }

    [Theory]
    [InlineData("cg")]
    [InlineData("minres")]
    [InlineData("gmres")]
    [InlineData("bicgstab")]
    public void X0_is_honoured(string name)
    {
        var a = Poisson2D<double>(10);
        var b = Rhs<double>(a.Rows, 11);
        var exact = Solver<double>(name)(a, b, 1e-13, null, null, null).X.ToArray();
        var fromExact = name switch
        {
            "cg" => SparseLinalg.Cg(a, b, exact, rtol: 1e-8),
            "minres" => SparseLinalg.Minres(a, b, exact, rtol: 1e-8),
            "gmres" => SparseLinalg.Gmres(a, b, exact, rtol: 1e-8),
            _ => SparseLinalg.Bicgstab(a, b, exact, rtol: 1e-8),
        };
        Assert.Equal(0, fromExact.Iterations);
        Assert.Equal(exact, fromExact.X.ToArray());
        // A start near the solution needs fewer iterations than zero, and the NDArray overload agrees with the span one.
        var near = exact.Select((v, i) => v + 1e-4 * Math.Sin(i)).ToArray();
        var cold = Solver<double>(name)(a, b, 1e-8, null, null, null);
        var warm = name switch
        {
            "cg" => SparseLinalg.Cg(a, NDArray.FromArray(b), NDArray.FromArray(near), rtol: 1e-8),
            "minres" => SparseLinalg.Minres(a, NDArray.FromArray(b), NDArray.FromArray(near), rtol: 1e-8),
            "gmres" => SparseLinalg.Gmres(a, NDArray.FromArray(b), NDArray.FromArray(near), rtol: 1e-8),
            _ => SparseLinalg.Bicgstab(a, NDArray.FromArray(b), NDArray.FromArray(near), rtol: 1e-8),
        };
        AssertSolved(a, b, warm, 1e-8);
        Assert.True(warm.Iterations < cold.Iterations, $"warm {warm.Iterations}, cold {cold.Iterations}");
    }

    [Theory]
    [InlineData("cg")]
    [InlineData("minres")]
    [InlineData("gmres")]
    [InlineData("bicgstab")]
    public void Dense_and_function_operators_give_the_sparse_answer(string name)
    {
        var a = Poisson2D<double>(9, convection: name is "gmres" or "bicgstab" ? 0.5 : 0);
        var b = Rhs<double>(a.Rows, 12);
        var sparse = Solver<double>(name)(a, b, 1e-10, null, null, null);
        var dense = Solver<double>(name)(a.ToDense().AsLinearOperator(), b, 1e-10, null, null, null);
        var function = Solver<double>(name)(LinearOperator.FromFunction<double>(a.Rows, a.Columns, a.Matvec), b, 1e-10, null, null, null);
        foreach (var r in new[] { dense, function })
        {
            AssertSolved(a, b, r, 1e-10);
            Assert.Equal(sparse.Iterations, r.Iterations);
            var xs = sparse.X.ToArray();
            var xr = r.X.ToArray();
            double scale = Norm<double>(xs);
            for (int i = 0; i < xs.Length; i++) Assert.True(Math.Abs(xs[i] - xr[i]) <= 1e-8 * scale);
        }
    }

    [Fact]
    public void A_zero_right_hand_side_gives_zero_at_once()
    {
        var a = Poisson1D<double>(5);
        var r = SparseLinalg.Cg(a, new double[5]);
        Assert.True(r.Converged);
        Assert.Equal(0, r.Iterations);
        Assert.All(r.X.ToArray(), v => Assert.Equal(0, v));
        var empty = Linea.Sparse.Coo<double>(0, 0, [], [], []);
        foreach (var name in new[] { "cg", "minres", "gmres", "bicgstab" })
        {
            var e = Solver<double>(name)(empty, [], 1e-5, null, null, null);
            Assert.True(e.Converged, e.Message);
            Assert.Equal(0, e.X.Shape[0]);
        }
        Assert.True(SparseLinalg.Lsmr(Linea.Sparse.Coo<double>(0, 3, [], [], []), []).Converged);
    }

    [Fact]
    public void Bad_input_gets_specific_errors()
    {
        var a = Poisson1D<double>(4);
        var rect = Linea.Sparse.Coo<double>(3, 4, [0], [0], [1.0]);
        Assert.Contains("square", Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Cg(rect, new double[3])).Message, StringComparison.Ordinal);
        Assert.Contains("b of length 4", Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Gmres(a, new double[3])).Message, StringComparison.Ordinal);
        Assert.Contains("x0 of length 4", Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Minres(a, new double[4], new double[2])).Message, StringComparison.Ordinal);
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Bicgstab(a, new double[4], M: LinearOperator.Identity<double>(3)));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Cg(a, NDArray.Zeros<double>(2, 2)));
        Assert.Contains("b[2]", Assert.Throws<NonFiniteException>(() => SparseLinalg.Cg(a, [1.0, 1, double.NaN, 1])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SparseLinalg.Cg(a, new double[4], rtol: -1));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Cg(a, new double[4], atol: double.NaN));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Cg(a, new double[4], maxiter: -1));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Gmres(a, new double[4], restart: 0));
        // An operator whose product turns non-finite is caught, with the method and iteration named.
        var poisoned = LinearOperator.FromFunction<double>(4, 4, (x, y) => { a.Matvec(x, y); y[1] = double.PositiveInfinity; });
        foreach (var name in new[] { "cg", "minres", "gmres", "bicgstab" })
        {
            var e = Assert.Throws<NonFiniteException>(() => Solver<double>(name)(poisoned, [1.0, 2, 3, 4], 1e-8, null, null, null));
            Assert.StartsWith(name, e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cg")]
    [InlineData("minres")]
    [InlineData("gmres")]
    [InlineData("bicgstab")]
    public void A_cancelled_scope_stops_the_iteration(string name)
    {
        var a = Poisson2D<double>(10);
        var b = Rhs<double>(a.Rows, 13);
        using var cts = new CancellationTokenSource();
        int calls = 0;
        using (Parallelism.CancelWith(cts.Token))
        {
            Assert.ThrowsAny<OperationCanceledException>(() => Solver<double>(name)(a, b, 1e-12, null, null, (it, _, _) =>
            {
                calls++;
                if (it == 3) cts.Cancel();
            }));
            Assert.ThrowsAny<OperationCanceledException>(() => SparseLinalg.Lsqr(a, b));
        }
        Assert.Equal(3, calls);
    }

    [Fact]
    public void Minres_reports_an_inconsistent_singular_system_and_an_indefinite_preconditioner()
    {
        // diag(1, 2, 0) x = (1, 1, 1): no solution; MINRES stops at the least-squares solution (1, 0.5, 0).
        var a = Linea.Sparse.Coo<double>(3, 3, [0, 1], [0, 1], [1.0, 2.0]);
        var r = SparseLinalg.Minres(a, [1.0, 1, 1], rtol: 1e-10);
        Assert.False(r.Converged);
        Assert.Equal(-10, r.Info);
        Assert.Contains("least-squares", r.Message, StringComparison.Ordinal);
        var x = r.X.ToArray();
        Assert.Equal(1, x[0], 1e-12);
        Assert.Equal(0.5, x[1], 1e-12);
        Assert.Equal(1, double.CreateChecked(r.ResidualNorm), 1e-12);
        var spd = Poisson1D<double>(6);
        var negative = LinearOperator.Scaled(LinearOperator.Identity<double>(6), -1.0);
        var m = SparseLinalg.Minres(spd, Rhs<double>(6, 14), M: negative);
        Assert.Equal(-11, m.Info);
        Assert.Contains("not positive definite", m.Message, StringComparison.Ordinal);
        Assert.Equal(-11, SparseLinalg.Cg(spd, Rhs<double>(6, 14), M: negative).Info);
    }
}
