using System.Numerics;

namespace Linea;

public static partial class SparseLinalg
{
    /// <summary>
    /// Solves A x = b for symmetric positive definite A by the conjugate gradient method (SciPy's <c>cg</c>), optionally
    /// preconditioned by <paramref name="M"/> (an operator applying M^-1 ~ A^-1, itself SPD: see
    /// <see cref="JacobiPreconditioner{T}"/>, <see cref="IncompleteCholesky{T}"/>, <see cref="SsorPreconditioner{T}"/>).
    /// Stops when ||b - A x|| &lt;= max(<paramref name="rtol"/> ||b||, <paramref name="atol"/>), checked on the updated
    /// residual and confirmed on the recomputed one (if they disagree the iteration restarts from the recomputed residual).
    /// Per iteration: one product with A, one with M, two or three dot products and three AXPYs; memory: five vectors of n.
    /// </summary>
    /// <param name="A">The n x n SPD operator.</param>
    /// <param name="b">The right-hand side, length n.</param>
    /// <param name="x0">The starting guess (length n), or empty for zero.</param>
    /// <param name="rtol">Relative tolerance (SciPy's default 1e-5).</param>
    /// <param name="atol">Absolute tolerance (default 0).</param>
    /// <param name="maxiter">The iteration limit; default 10 n, as SciPy.</param>
    /// <param name="M">The preconditioner, applying M^-1; null for none.</param>
    /// <param name="callback">Called after every iteration with the iteration, the residual norm and x.</param>
    /// <returns>The result; <see cref="IterativeResult{T}.Converged"/> is false (with a message) at the limit, or on a breakdown: p^T A p &lt;= 0 (A not positive definite, Info -11) or r^T M^-1 r &lt;= 0 (M not positive definite).</returns>
    /// <exception cref="ShapeMismatchException">A not square, or b, x0 or M of the wrong size.</exception>
    /// <exception cref="NonFiniteException">b or x0 holds NaN or infinity, or A's or M's products do.</exception>
    /// <exception cref="OperationCanceledException">The token of a <see cref="Parallelism.CancelWith"/> scope around the call was cancelled (polled once per iteration).</exception>
    /// <exception cref="ArgumentException">A negative or non-finite tolerance, or a negative maxiter.</exception>
    public static IterativeResult<T> Cg<T>(ILinearOperator<T> A, ReadOnlySpan<T> b, ReadOnlySpan<T> x0 = default, double rtol = 1e-5, double atol = 0,
        int? maxiter = null, ILinearOperator<T>? M = null, IterationCallback<T>? callback = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = new KrylovProblem<T>("cg", A, b, x0, rtol, atol, maxiter, 10, M, callback);
        return ConjugateGradient.Solve(p);
    }

    /// <summary>
    /// <see cref="Cg{T}(ILinearOperator{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, double, double, int?, ILinearOperator{T}?, IterationCallback{T}?)"/>
    /// with vector tensors: <paramref name="b"/> and <paramref name="x0"/> (null for zero) are 1-d of length n.
    /// </summary>
    public static IterativeResult<T> Cg<T>(ILinearOperator<T> A, NDArray<T> b, NDArray<T>? x0 = null, double rtol = 1e-5, double atol = 0,
        int? maxiter = null, ILinearOperator<T>? M = null, IterationCallback<T>? callback = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Cg(A, TensorArgs.Vector("cg", "b", b ?? throw new ArgumentNullException(nameof(b))), TensorArgs.Vector("cg", "x0", x0), rtol, atol, maxiter, M, callback);
}

/// <summary>Hestenes-Stiefel conjugate gradients with a left preconditioner, as SciPy's <c>cg</c> loop.</summary>
internal static class ConjugateGradient
{
    public static IterativeResult<T> Solve<T>(KrylovProblem<T> pr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = pr.N;
        var x = pr.X;
        var r = new T[n];
        var q = new T[n];
        var p = new T[n];
        var z = pr.M is null ? r : new T[n];
        T rnorm = pr.TrueResidual(r);
        T rhoPrev = T.Zero;
        bool restart = true;
        for (int it = 0; ; it++)
        {
            if (rnorm <= pr.Tol)
            {
                T trueNorm = pr.TrueResidual(q);
                if (trueNorm <= pr.Tol) return pr.Converged(it, trueNorm);
                // The updated residual drifted from the true one: continue from the true residual.
                q.CopyTo(r);
                rnorm = trueNorm;
                restart = true;
            }
            if (it >= pr.MaxIter) return pr.LimitReached(it, pr.TrueResidual(q));
            T rho;
            if (pr.M is null) rho = rnorm * rnorm;
            else
            {
                pr.M.Matvec(r, z);
                rho = VectorOps.Dot<T>(r, z);
                pr.CheckScalar(rho, "r^T M^-1 r", it + 1);
                if (rho <= T.Zero)
                    return pr.Breakdown(it, pr.TrueResidual(q), -11, $"the preconditioner is not positive definite (r^T M^-1 r = {KrylovProblem<T>.Fmt(rho)})");
            }
            if (restart) { z.AsSpan().CopyTo(p); restart = false; }
            else VectorOps.Xpby<T>(z, rho / rhoPrev, p);
            pr.A.Matvec(p, q);
            T pq = VectorOps.Dot<T>(p, q);
            pr.CheckScalar(pq, "p^T A p", it + 1);
            if (pq <= T.Zero)
                return pr.Breakdown(it, pr.TrueResidual(q), -11, $"A is not positive definite (p^T A p = {KrylovProblem<T>.Fmt(pq)})");
            T alpha = rho / pq;
            VectorOps.Axpy(alpha, p, x);
            rhoPrev = rho;
            rnorm = T.Sqrt(VectorOps.AxpyNormSquared(-alpha, q, r));
            pr.CheckScalar(rnorm, "||r||", it + 1);
            pr.Report(it + 1, rnorm, x);
        }
    }
}
