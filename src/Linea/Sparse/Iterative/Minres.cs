using System.Numerics;

namespace Linea;

public static partial class SparseLinalg
{
    /// <summary>
    /// Solves A x = b for symmetric (possibly indefinite) A by Paige and Saunders' MINRES (SciPy's <c>minres</c>),
    /// optionally preconditioned by a symmetric positive definite <paramref name="M"/> (applying M^-1). Stops when
    /// ||b - A x|| &lt;= max(<paramref name="rtol"/> ||b||, <paramref name="atol"/>): the Lanczos estimate is tested
    /// (scaled to the preconditioner's norm when M is given) and confirmed on the recomputed residual; when they disagree
    /// MINRES restarts from the current x. Per iteration: one product with A and one with M, two dot products and five
    /// AXPYs; memory: nine vectors of n. A is assumed symmetric (not checked; a nonsymmetric A may stall).
    /// </summary>
    /// <param name="A">The n x n symmetric operator.</param>
    /// <param name="b">The right-hand side, length n.</param>
    /// <param name="x0">The starting guess (length n), or empty for zero.</param>
    /// <param name="rtol">Relative tolerance (default 1e-5).</param>
    /// <param name="atol">Absolute tolerance (default 0).</param>
    /// <param name="maxiter">The iteration limit; default 5 n, as SciPy.</param>
    /// <param name="M">The SPD preconditioner, applying M^-1; null for none.</param>
    /// <param name="callback">Called after every iteration with the Lanczos residual estimate and x.</param>
    /// <returns>The result; not converged at the limit, when A looks singular with b outside its range (x is then a
    /// least-squares solution, Info -10), when cond(A) exceeds 0.1/eps (-10), or when M is not positive definite (-11).</returns>
    /// <exception cref="ShapeMismatchException">A not square, or b, x0 or M of the wrong size.</exception>
    /// <exception cref="NonFiniteException">b or x0 holds NaN or infinity, or A's or M's products do.</exception>
    /// <exception cref="OperationCanceledException">The token of a <see cref="Parallelism.CancelWith"/> scope around the call was cancelled (polled once per iteration).</exception>
    /// <exception cref="ArgumentException">A negative or non-finite tolerance, or a negative maxiter.</exception>
    public static IterativeResult<T> Minres<T>(ILinearOperator<T> A, ReadOnlySpan<T> b, ReadOnlySpan<T> x0 = default, double rtol = 1e-5, double atol = 0,
        int? maxiter = null, ILinearOperator<T>? M = null, IterationCallback<T>? callback = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        MinimumResidual.Solve(new KrylovProblem<T>("minres", A, b, x0, rtol, atol, maxiter, 5, M, callback));

    /// <summary>
    /// <see cref="Minres{T}(ILinearOperator{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, double, double, int?, ILinearOperator{T}?, IterationCallback{T}?)"/>
    /// with vector tensors (1-d, length n; x0 null for zero).
    /// </summary>
    public static IterativeResult<T> Minres<T>(ILinearOperator<T> A, NDArray<T> b, NDArray<T>? x0 = null, double rtol = 1e-5, double atol = 0,
        int? maxiter = null, ILinearOperator<T>? M = null, IterationCallback<T>? callback = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Minres(A, TensorArgs.Vector("minres", "b", b ?? throw new ArgumentNullException(nameof(b))), TensorArgs.Vector("minres", "x0", x0), rtol, atol, maxiter, M, callback);
}

/// <summary>MINRES: Lanczos tridiagonalisation with a QR of the tridiagonal by Givens rotations (Paige-Saunders 1975).</summary>
internal static class MinimumResidual
{
    private enum Stop { Estimate, Limit, LeastSquares, IllConditioned, IndefiniteM }

    private sealed class Work<T>(int n, bool preconditioned) where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T[] R1 = new T[n], R2 = new T[n], Tmp = new T[n], V = new T[n];
        public T[] Y = preconditioned ? new T[n] : [];
        public T[] W = new T[n], W1 = new T[n], W2 = new T[n];
        public T[] Scratch = new T[n];
        public int Total;
    }

    public static IterativeResult<T> Solve<T>(KrylovProblem<T> pr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var wk = new Work<T>(pr.N, pr.M is not null);
        T rnorm = pr.TrueResidual(wk.R1);
        while (true)
        {
            if (rnorm <= pr.Tol) return pr.Converged(wk.Total, rnorm);
            if (wk.Total >= pr.MaxIter) return pr.LimitReached(wk.Total, rnorm);
            var stop = Run(pr, wk, rnorm);
            T previous = rnorm;
            rnorm = pr.TrueResidual(wk.R1);
            switch (stop)
            {
                case Stop.Estimate:
                    if (rnorm <= pr.Tol) return pr.Converged(wk.Total, rnorm);
                    if (!(rnorm < previous))
                        return pr.Breakdown(Math.Max(wk.Total - 1, 0), rnorm, -10, "the Lanczos estimate met the tolerance but the recomputed ||b - A x|| did not drop (the tolerance is below the accuracy this problem allows, or M is singular)");
                    continue;   // restart from the recomputed residual
                case Stop.Limit: return pr.LimitReached(wk.Total, rnorm);
                case Stop.LeastSquares:
                    return pr.Breakdown(wk.Total - 1, rnorm, -10, "A appears singular and b is not in its range: x is a least-squares solution (||A r|| ~ 0)");
                case Stop.IllConditioned:
                    return pr.Breakdown(wk.Total - 1, rnorm, -10, "the estimate of cond(A) exceeds 0.1/eps");
                default:
                    return pr.Breakdown(wk.Total - 1, rnorm, -11, "the preconditioner is not positive definite (r^T M^-1 r < 0)");
            }
        }
    }

    /// <summary>One MINRES run from the current x, whose residual is in wk.R1 with 2-norm <paramref name="rnorm0"/>.</summary>
    private static Stop Run<T>(KrylovProblem<T> pr, Work<T> wk, T rnorm0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = pr.X;
        T eps = VectorOps.MachineEpsilon<T>();
        T[] r1 = wk.R1, r2 = wk.R2, t = wk.Tmp, v = wk.V, w = wk.W, w1 = wk.W1, w2 = wk.W2;
        T[] y = pr.M is null ? r1 : wk.Y;
        pr.M?.Matvec(r1, y);
        T beta1 = VectorOps.Dot<T>(r1, y);
        pr.CheckScalar(beta1, "r^T M^-1 r", wk.Total + 1);
        if (beta1 < T.Zero) return Stop.IndefiniteM;
        if (beta1 == T.Zero) return Stop.Estimate;
        beta1 = T.Sqrt(beta1);
        // The Lanczos estimate phibar is in the norm of M^-1; stop at the same relative reduction the 2-norm needs.
        T target = pr.Tol / rnorm0 * beta1;
        T oldb = T.Zero, beta = beta1, dbar = T.Zero, epsln = T.Zero, phibar = beta1;
        T tnorm2 = T.Zero, gmax = T.Zero, gmin = T.PositiveInfinity, cs = -T.One, sn = T.Zero;
        Array.Clear(w);
        Array.Clear(w2);
        r1.CopyTo(r2, 0);
        if (pr.M is null) y = r2;
        for (int local = 1; ; local++)
        {
            wk.Total++;
            T s = T.One / beta;
            y.AsSpan().CopyTo(v);
            VectorOps.Scale(s, v);
            pr.A.Matvec(v, t);
            if (local >= 2) VectorOps.Axpy(-(beta / oldb), r1, t);
            T alfa = VectorOps.Dot<T>(v, t);
            pr.CheckScalar(alfa, "v^T A v", wk.Total);
            VectorOps.Axpy(-(alfa / beta), r2, t);
            (r1, r2, t) = (r2, t, r1);
            if (pr.M is null) y = r2;
            else pr.M.Matvec(r2, y);
            oldb = beta;
            beta = VectorOps.Dot<T>(r2, y);
            pr.CheckScalar(beta, "r^T M^-1 r", wk.Total);
            if (beta < T.Zero) { Keep(wk, r1, r2, t); return Stop.IndefiniteM; }
            beta = T.Sqrt(beta);
            tnorm2 += alfa * alfa + oldb * oldb + beta * beta;
            bool exact = local == 1 && beta / beta1 <= T.CreateChecked(10) * eps;

            // Apply the previous rotation, then compute and apply the next one.
            T oldeps = epsln;
            T delta = cs * dbar + sn * alfa;
            T gbar = sn * dbar - cs * alfa;
            epsln = sn * beta;
            dbar = -cs * beta;
            T root = T.Hypot(gbar, dbar);
            // SciPy's test2 on the previous iterate: ||A r|| / (||A|| ||r||) = root / ||A|| <= rtol means that x already
            // solves the least-squares problem (A singular, b outside its range); stop before the next, ill-posed step.
            T anormNow = T.Sqrt(tnorm2);
            if (anormNow > T.Zero && phibar > target && root / anormNow <= T.Max(T.CreateChecked(pr.RTol), eps))
            {
                wk.Total--;
                wk.W = w; wk.W1 = w1; wk.W2 = w2;
                Keep(wk, r1, r2, t);
                return Stop.LeastSquares;
            }
            T gamma = T.Max(T.Hypot(gbar, beta), eps);
            cs = gbar / gamma;
            sn = beta / gamma;
            T phi = cs * phibar;
            phibar = sn * phibar;

            // w_new = (v - oldeps w1 - delta w2) / gamma with (w1, w2) = (w2, w) of the previous step; x += phi w_new.
            T denom = T.One / gamma;
            var wNew = w1;
            v.CopyTo(wNew, 0);
            VectorOps.Axpy(-oldeps, w2, wNew);
            VectorOps.Axpy(-delta, w, wNew);
            VectorOps.Scale(denom, wNew);
            (w1, w2, w) = (w2, w, wNew);
            VectorOps.Axpy(phi, w, x);

            gmax = T.Max(gmax, gamma);
            gmin = T.Min(gmin, gamma);
            pr.Report(wk.Total, phibar, x);
            Stop? stop = null;
            if (wk.Total >= pr.MaxIter) stop = Stop.Limit;
            if (gmax / gmin >= T.CreateChecked(0.1) / eps) stop = Stop.IllConditioned;
            if (exact || phibar <= target) stop = Stop.Estimate;
            if (stop is { } st)
            {
                wk.W = w; wk.W1 = w1; wk.W2 = w2;
                Keep(wk, r1, r2, t);
                return st;
            }
        }
    }

    /// <summary>Hands the rotated buffers back to the work record, R1 first (the caller writes the true residual there).</summary>
    private static void Keep<T>(Work<T> wk, T[] a, T[] b, T[] c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        wk.R1 = a; wk.R2 = b; wk.Tmp = c;
    }
}
