using System.Numerics;

namespace Linea;

public static partial class SparseLinalg
{
    /// <summary>
    /// Solves A x = b for a general square A by van der Vorst's BiCGSTAB (SciPy's <c>bicgstab</c>), optionally right
    /// preconditioned by <paramref name="M"/> (applying M^-1 ~ A^-1, e.g. <see cref="IncompleteLu{T}"/>). Stops when
    /// ||b - A x|| &lt;= max(<paramref name="rtol"/> ||b||, <paramref name="atol"/>), confirmed on the recomputed residual.
    /// Per iteration: two products with A and two with M, four or five dot products; memory: eight vectors of n.
    /// </summary>
    /// <param name="A">The n x n operator.</param>
    /// <param name="b">The right-hand side, length n.</param>
    /// <param name="x0">The starting guess (length n), or empty for zero.</param>
    /// <param name="rtol">Relative tolerance (default 1e-5).</param>
    /// <param name="atol">Absolute tolerance (default 0).</param>
    /// <param name="maxiter">The iteration limit; default 10 n.</param>
    /// <param name="M">The preconditioner, applying M^-1; null for none.</param>
    /// <param name="callback">Called after every iteration.</param>
    /// <returns>The result; not converged at the limit, or on a breakdown (rho = r~^T r or omega vanishing, Info -10).</returns>
    /// <exception cref="ShapeMismatchException">A not square, or b, x0 or M of the wrong size.</exception>
    /// <exception cref="NonFiniteException">b or x0 holds NaN or infinity, or A's or M's products do.</exception>
    /// <exception cref="OperationCanceledException">The token of a <see cref="Parallelism.CancelWith"/> scope around the call was cancelled (polled once per iteration).</exception>
    /// <exception cref="ArgumentException">A negative or non-finite tolerance, or a negative maxiter.</exception>
    public static IterativeResult<T> Bicgstab<T>(ILinearOperator<T> A, ReadOnlySpan<T> b, ReadOnlySpan<T> x0 = default, double rtol = 1e-5, double atol = 0,
        int? maxiter = null, ILinearOperator<T>? M = null, IterationCallback<T>? callback = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        BiCgStab.Solve(new KrylovProblem<T>("bicgstab", A, b, x0, rtol, atol, maxiter, 10, M, callback));

    /// <summary>
    /// <see cref="Bicgstab{T}(ILinearOperator{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, double, double, int?, ILinearOperator{T}?, IterationCallback{T}?)"/>
    /// with vector tensors (1-d, length n; x0 null for zero).
    /// </summary>
    public static IterativeResult<T> Bicgstab<T>(ILinearOperator<T> A, NDArray<T> b, NDArray<T>? x0 = null, double rtol = 1e-5, double atol = 0,
        int? maxiter = null, ILinearOperator<T>? M = null, IterationCallback<T>? callback = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Bicgstab(A, TensorArgs.Vector("bicgstab", "b", b ?? throw new ArgumentNullException(nameof(b))), TensorArgs.Vector("bicgstab", "x0", x0), rtol, atol, maxiter, M, callback);
}

/// <summary>BiCGSTAB with right preconditioning (x = x + alpha M^-1 p + omega M^-1 s), as SciPy's loop.</summary>
internal static class BiCgStab
{
    public static IterativeResult<T> Solve<T>(KrylovProblem<T> pr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = pr.N;
        var x = pr.X;
        var r = new T[n];
        var rt = new T[n];
        var p = new T[n];
        var v = new T[n];
        var t = new T[n];
        var scratch = new T[n];
        var ph = pr.M is null ? p : new T[n];
        var sh = pr.M is null ? r : new T[n];
        // |rho| below eps^2 ||r~|| ||r|| counts as a breakdown: SciPy's eps^2 threshold made scale-free.
        T rhoTol = VectorOps.MachineEpsilon<T>() * VectorOps.MachineEpsilon<T>();
        T rnorm = pr.TrueResidual(r);
        T rho = T.One, rhoPrev = T.One, alpha = T.One, omega = T.One;
        bool restart = true;
        for (int it = 0; ; it++)
        {
            if (rnorm <= pr.Tol)
            {
                T trueNorm = pr.TrueResidual(scratch);
                if (trueNorm <= pr.Tol) return pr.Converged(it, trueNorm);
                scratch.CopyTo(r);
                rnorm = trueNorm;
                restart = true;
            }
            if (it >= pr.MaxIter) return pr.LimitReached(it, pr.TrueResidual(scratch));
            if (restart) r.CopyTo(rt);
            T rtNorm = VectorOps.Norm<T>(rt);
            rho = VectorOps.Dot<T>(rt, r);
            pr.CheckScalar(rho, "rho = r~^T r", it + 1);
            if (T.Abs(rho) <= rhoTol * rtNorm * rnorm)
                return pr.Breakdown(it, pr.TrueResidual(scratch), -10, $"rho = r~^T r = {KrylovProblem<T>.Fmt(rho)} vanished (BiCG breakdown)");
            if (restart) { r.CopyTo(p); restart = false; }
            else
            {
                // p = r + beta (p - omega v)
                T beta = rho / rhoPrev * (alpha / omega);
                VectorOps.Axpy(-omega, v, p);
                VectorOps.Xpby<T>(r, beta, p);
            }
            if (pr.M is not null) pr.M.Matvec(p, ph);
            pr.A.Matvec(ph, v);
            T rv = VectorOps.Dot<T>(rt, v);
            pr.CheckScalar(rv, "r~^T A p", it + 1);
            if (rv == T.Zero)
                return pr.Breakdown(it, pr.TrueResidual(scratch), -10, "r~^T A p vanished (BiCG breakdown)");
            alpha = rho / rv;
            VectorOps.Axpy(-alpha, v, r); // r is now s
            T snorm = VectorOps.Norm<T>(r);
            pr.CheckScalar(snorm, "||s||", it + 1);
            if (snorm <= pr.Tol)
            {
                VectorOps.Axpy(alpha, ph, x);
                rnorm = snorm;
                rhoPrev = rho;
                pr.Report(it + 1, rnorm, x);
                omega = T.One;
                continue;
            }
            if (pr.M is not null) pr.M.Matvec(r, sh);
            pr.A.Matvec(sh, t);
            T tt = VectorOps.Dot<T>(t, t);
            pr.CheckScalar(tt, "t^T t", it + 1);
            omega = tt == T.Zero ? T.Zero : VectorOps.Dot<T>(t, r) / tt;
            VectorOps.Axpy(alpha, ph, x);
            if (omega == T.Zero)
                return pr.Breakdown(it + 1, pr.TrueResidual(scratch), -10, "omega = t^T s / t^T t vanished (stabilisation breakdown)");
            VectorOps.Axpy(omega, sh, x);
            VectorOps.Axpy(-omega, t, r);
            rhoPrev = rho;
            rnorm = VectorOps.Norm<T>(r);
            pr.CheckScalar(rnorm, "||r||", it + 1);
            pr.Report(it + 1, rnorm, x);
        }
    }
}
