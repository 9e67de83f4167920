namespace Linea.ML.Tests.Linear;

/// <summary>
/// The pieces of the logistic Newton solver against slow references on the blocked fixture's data
/// (<see cref="LogisticRegressionBlockedTests.Data"/>): the objective and gradient by GEMM against a per-sample loop, the
/// Hessian-vector product against the formed Hessian, the Hessian at theta = 0 (a Kronecker product) against the general
/// pass, and fits whose steps solve by preconditioned CG against fits that form the Hessian every step.
/// </summary>
public class LogisticNewtonTests
{
    private const double Eps = 2.220446049250313e-16; // double's machine epsilon

    public static TheoryData<int, bool> Shapes => new() { { 2, true }, { 2, false }, { 4, true }, { 4, false } };

    private static (NDArray<double> X, int[] Y) Data(int k, int n = 400, int p = 13)
    {
        var (x, y) = LogisticRegressionBlockedTests.Data(k, n, p);
        return (x, y.ToArray().Select(v => (int)v).ToArray());
    }

    /// <summary>A point with moderate scores (|s| up to about 3), seeded.</summary>
    private static double[] Theta(int dim, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, dim).Select(_ => 0.2 * (2 * rng.NextDouble() - 1)).ToArray();
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Objective_and_gradient_match_a_per_sample_loop(int k, bool intercept)
    {
        var (x, y) = Data(k);
        int n = (int)x.Shape[0], p = (int)x.Shape[1], m = k > 2 ? k : 1, d = p + (intercept ? 1 : 0);
        const double c = 0.7;
        var solver = new LogisticNewton(x, y, k, intercept, c);
        var theta = Theta(solver.Dimension, 1);
        var probs = new double[n * m];
        var grad = new double[solver.Dimension];
        double f = solver.Loss.Evaluate(theta, probs, grad);

        // Reference: scores, CE and residual (P - onehot) times x1 summed row by row, in the textbook form.
        double fRef = 0, sumAbs = 0;
        var gRef = new double[solver.Dimension];
        var xs = x.ToArray();
        var s = new double[m];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < m; a++)
            {
                s[a] = intercept ? theta[a * d + p] : 0;
                for (int j = 0; j < p; j++) s[a] += xs[i * p + j] * theta[a * d + j];
            }
            var r = new double[m];
            if (m > 1)
            {
                double z = s.Sum(Math.Exp);
                fRef += Math.Log(z) - s[y[i]];
                for (int a = 0; a < m; a++) r[a] = Math.Exp(s[a]) / z - (y[i] == a ? 1 : 0);
            }
            else
            {
                fRef += Math.Log(1 + Math.Exp(s[0])) - y[i] * s[0];
                r[0] = 1 / (1 + Math.Exp(-s[0])) - y[i];
                Assert.Equal(1 / (1 + Math.Exp(-s[0])), probs[i], 14);
            }
            for (int a = 0; a < m; a++)
            {
                for (int j = 0; j < p; j++) { gRef[a * d + j] += r[a] * xs[i * p + j]; sumAbs += Math.Abs(xs[i * p + j]); }
                if (intercept) gRef[a * d + p] += r[a];
            }
            if (m > 1) Assert.Equal(1.0, Enumerable.Range(0, m).Sum(a => probs[i * m + a]), 14);
        }
        for (int a = 0; a < m; a++)
            for (int j = 0; j < p; j++)
            {
                fRef += 0.5 / c * theta[a * d + j] * theta[a * d + j];
                gRef[a * d + j] += theta[a * d + j] / c;
            }
        // Sums of n terms: rounding of order n eps times the terms' magnitudes (|CE_i| <= a few, |r x| <= |x|); 10x that.
        Assert.True(Math.Abs(f - fRef) <= 10 * n * Eps * Math.Max(1, Math.Abs(fRef)), $"f {f} vs {fRef}");
        double gTol = 10 * n * Eps * Math.Max(1, sumAbs / n) * m;
        for (int i = 0; i < gRef.Length; i++)
            Assert.True(Math.Abs(grad[i] - gRef[i]) <= gTol, $"grad[{i}] {grad[i]} vs {gRef[i]} (tol {gTol:g3})");
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Hessian_vector_product_matches_the_formed_Hessian(int k, bool intercept)
    {
        var (x, y) = Data(k);
        int n = (int)x.Shape[0], p = (int)x.Shape[1], m = k > 2 ? k : 1, d = p + (intercept ? 1 : 0);
        const double c = 0.7;
        var solver = new LogisticNewton(x, y, k, intercept, c);
        int dim = solver.Dimension;
        var probs = new double[n * m];
        solver.Loss.Evaluate(Theta(dim, 2), probs, new double[dim]);
        var h = new double[dim * dim];
        new LogisticHessian(n, p, m, intercept).Form(x, probs, h);
        for (int a = 0; a < m; a++)
            for (int j = 0; j < p; j++) h[(a * d + j) * dim + a * d + j] += 1 / c;
        if (m > 1 && intercept)
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++) h[(a * d + p) * dim + b * d + p] += 1.0 / m;
        var v = Theta(dim, 3);
        var hv = new double[dim];
        solver.Loss.HessianVector(probs, v, hv, new double[n * m]);
        // Both sum n products of |weight| <= 1/4 and two entries of x1 (|x1| <= 2): n eps 4 ||v||_1 bounds the rounding; 10x.
        double tol = 10 * n * Eps * 4 * v.Sum(Math.Abs);
        for (int i = 0; i < dim; i++)
        {
            double want = 0;
            for (int j = 0; j < dim; j++) want += h[i * dim + j] * v[j];
            Assert.True(Math.Abs(hv[i] - want) <= tol, $"(Hv)[{i}] {hv[i]} vs {want} (tol {tol:g3})");
        }
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Hessian_at_zero_is_the_Kronecker_product_of_the_general_pass(int k, bool intercept)
    {
        var (x, y) = Data(k);
        int n = (int)x.Shape[0], p = (int)x.Shape[1], m = k > 2 ? k : 1;
        var solver = new LogisticNewton(x, y, k, intercept, 1.0);
        int dim = solver.Dimension;
        var probs = new double[n * m];
        solver.Loss.Evaluate(new double[dim], probs, new double[dim]); // theta = 0: P = 1/m (1/2 for one column)
        var general = new double[dim * dim];
        new LogisticHessian(n, p, m, intercept).Form(x, probs, general);
        var kron = new double[dim * dim];
        solver.FormAtZero(kron);
        // Entries are sums of n terms x_r x_c / 4 at most (|x| <= 2): rounding n eps; 10x.
        double tol = 10 * n * Eps;
        for (int i = 0; i < dim * dim; i++)
            Assert.True(Math.Abs(kron[i] - general[i]) <= tol * Math.Max(1, Math.Abs(general[i])), $"H[{i / dim},{i % dim}] {kron[i]} vs {general[i]}");
    }

    /// <summary>Steps solved by CG preconditioned with an earlier Hessian reach the optimum that exact Newton reaches
    /// (the same convergence test, max |gradient| &lt;= tol), while forming the Hessian fewer times.</summary>
    [Theory, MemberData(nameof(Shapes))]
    public void Conjugate_gradient_steps_reach_the_exact_Newton_optimum(int k, bool intercept)
    {
        var (x, y) = Data(k, 3000, 40);
        int m = k > 2 ? k : 1;
        const double c = 1.0, tol = 1e-9;
        var exact = new LogisticNewton(x, y, k, intercept, c, cgBudget: 0);
        var (thetaExact, _, convergedExact, _) = exact.Solve(tol, 100);
        var cg = new LogisticNewton(x, y, k, intercept, c);
        var (theta, steps, converged, _) = cg.Solve(tol, 100);
        Assert.True(convergedExact && converged);
        Assert.True(cg.HessiansFormed < exact.HessiansFormed, $"{cg.HessiansFormed} Hessians with CG, {exact.HessiansFormed} without");
        Assert.True(steps <= 12, $"{steps} steps");
        // The Hessian is at least I / C on the weights: two points with gradients <= tol lie within C sqrt(dim) tol of the
        // optimum (the intercepts, unpenalised, within the data Hessian's smallest eigenvalue; 10x more room); 100x that.
        double bound = 100 * c * Math.Sqrt(theta.Length) * tol;
        int d = theta.Length / m;
        for (int i = 0; i < theta.Length; i++)
        {
            bool isIntercept = intercept && i % d == d - 1;
            double diff = Math.Abs(theta[i] - thetaExact[i]);
            Assert.True(diff <= (isIntercept ? 10 * bound : bound), $"theta[{i}] differs by {diff:g3}");
        }
    }
}
