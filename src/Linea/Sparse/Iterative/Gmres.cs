using System.Numerics;

namespace Linea;

public static partial class SparseLinalg
{
    /// <summary>
    /// Solves A x = b for a general square A by restarted GMRES(m) (SciPy's <c>gmres</c>; m = <paramref name="restart"/>,
    /// default 20): Arnoldi by modified Gram-Schmidt, repeated once for a column that lost more than 30% of its norm
    /// (Kahan's "twice is enough"), and Givens rotations for the small least-squares problem. Right preconditioned by
    /// <paramref name="M"/> (A M^-1 u = b, x = M^-1 u), so the residual monitored is the true ||b - A x||; it is
    /// recomputed at every restart. Stops when ||b - A x|| &lt;= max(<paramref name="rtol"/> ||b||, <paramref name="atol"/>).
    /// Per inner iteration j: one product with A and with M, 2j to 4j dot products and AXPYs; memory: (m + 1) n for the
    /// Krylov basis plus four vectors of n. With a <paramref name="callback"/>, the current x is formed at every inner
    /// iteration (O(j n) more work).
    /// </summary>
    /// <param name="A">The n x n operator.</param>
    /// <param name="b">The right-hand side, length n.</param>
    /// <param name="x0">The starting guess (length n), or empty for zero.</param>
    /// <param name="rtol">Relative tolerance (default 1e-5).</param>
    /// <param name="atol">Absolute tolerance (default 0).</param>
    /// <param name="restart">The Krylov dimension m between restarts (default 20, as SciPy); capped at n.</param>
    /// <param name="maxiter">The limit on restart cycles, as SciPy (default 10 n); <see cref="IterativeResult{T}.Iterations"/> counts inner iterations.</param>
    /// <param name="M">The preconditioner, applying M^-1; null for none.</param>
    /// <param name="callback">Called after every inner iteration with the Arnoldi residual estimate and the current x.</param>
    /// <returns>The result; not converged at the limit, or when a whole cycle made no progress (stagnation, Info -10).</returns>
    /// <exception cref="ShapeMismatchException">A not square, or b, x0 or M of the wrong size.</exception>
    /// <exception cref="NonFiniteException">b or x0 holds NaN or infinity, or A's or M's products do.</exception>
    /// <exception cref="OperationCanceledException">The token of a <see cref="Parallelism.CancelWith"/> scope around the call was cancelled (polled once per iteration).</exception>
    /// <exception cref="ArgumentException">A negative or non-finite tolerance, a negative maxiter or a restart below 1.</exception>
    public static IterativeResult<T> Gmres<T>(ILinearOperator<T> A, ReadOnlySpan<T> b, ReadOnlySpan<T> x0 = default, double rtol = 1e-5, double atol = 0,
        int restart = 20, int? maxiter = null, ILinearOperator<T>? M = null, IterationCallback<T>? callback = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (restart < 1) ThrowHelper.Argument("gmres", nameof(restart), $"restart must be at least 1, got {restart}");
        return RestartedGmres.Solve(new KrylovProblem<T>("gmres", A, b, x0, rtol, atol, maxiter, 10, M, callback), restart);
    }

    /// <summary>
    /// <see cref="Gmres{T}(ILinearOperator{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, double, double, int, int?, ILinearOperator{T}?, IterationCallback{T}?)"/>
    /// with vector tensors (1-d, length n; x0 null for zero).
    /// </summary>
    public static IterativeResult<T> Gmres<T>(ILinearOperator<T> A, NDArray<T> b, NDArray<T>? x0 = null, double rtol = 1e-5, double atol = 0,
        int restart = 20, int? maxiter = null, ILinearOperator<T>? M = null, IterationCallback<T>? callback = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Gmres(A, TensorArgs.Vector("gmres", "b", b ?? throw new ArgumentNullException(nameof(b))), TensorArgs.Vector("gmres", "x0", x0), rtol, atol, restart, maxiter, M, callback);
}

/// <summary>GMRES(m): Arnoldi with MGS and selective reorthogonalisation, Givens QR of the Hessenberg matrix.</summary>
internal static class RestartedGmres
{
    public static IterativeResult<T> Solve<T>(KrylovProblem<T> pr, int restart) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = pr.N;
        int m = Math.Max(1, Math.Min(restart, n));
        var x = pr.X;
        var r = new T[n];
        var w = new T[n];
        var z = pr.M is null ? null : new T[n];
        var basis = new T[(long)(m + 1) * n];
        var h = new T[(m + 1) * m];           // column-major, leading dimension m + 1
        var cs = new T[m];
        var sn = new T[m];
        var g = new T[m + 1];
        var y = new T[m];
        var xNow = pr.Callback is null ? null : new T[n];
        var correction = pr.Callback is null ? null : new T[n];   // w still holds the next Arnoldi vector then
        var reorthogonalise = T.CreateChecked(0.7);
        int total = 0;
        T beta = pr.TrueResidual(r);
        for (int cycle = 0; ; cycle++)
        {
            if (beta <= pr.Tol) return pr.Converged(total, beta);
            if (cycle >= pr.MaxIter) return pr.LimitReached(total, beta);
            var v0 = basis.AsSpan(0, n);
            r.CopyTo(v0);
            VectorOps.Scale(T.One / beta, v0);
            Array.Clear(g);
            g[0] = beta;
            int k = 0;
            for (int j = 0; j < m; j++)
            {
                var vj = basis.AsSpan(j * n, n);
                if (z is null) pr.A.Matvec(vj, w);
                else { pr.M!.Matvec(vj, z); pr.A.Matvec(z, w); }
                T before = VectorOps.Norm<T>(w);
                pr.CheckScalar(before, "||A v||", total + 1);
                int col = j * (m + 1);
                for (int i = 0; i <= j; i++)
                {
                    var vi = basis.AsSpan(i * n, n);
                    T hij = VectorOps.Dot<T>(w, vi);
                    h[col + i] = hij;
                    VectorOps.Axpy(-hij, vi, w);
                }
                T after = VectorOps.Norm<T>(w);
                if (after < reorthogonalise * before)
                {
                    for (int i = 0; i <= j; i++)
                    {
                        var vi = basis.AsSpan(i * n, n);
                        T hij = VectorOps.Dot<T>(w, vi);
                        h[col + i] += hij;
                        VectorOps.Axpy(-hij, vi, w);
                    }
                    after = VectorOps.Norm<T>(w);
                }
                h[col + j + 1] = after;
                for (int i = 0; i < j; i++)
                {
                    T a = h[col + i], bb = h[col + i + 1];
                    h[col + i] = cs[i] * a + sn[i] * bb;
                    h[col + i + 1] = -sn[i] * a + cs[i] * bb;
                }
                T diag = h[col + j], sub = h[col + j + 1];
                if (sub == T.Zero) { cs[j] = T.One; sn[j] = T.Zero; }
                else
                {
                    T rr = T.Hypot(diag, sub);
                    cs[j] = diag / rr;
                    sn[j] = sub / rr;
                    h[col + j] = rr;
                }
                h[col + j + 1] = T.Zero;
                g[j + 1] = -sn[j] * g[j];
                g[j] = cs[j] * g[j];
                total++;
                k = j + 1;
                T estimate = T.Abs(g[j + 1]);
                pr.Cancellation.ThrowIfCancellationRequested();
                if (xNow is not null)
                {
                    x.CopyTo(xNow, 0);
                    if (BackSubstitute(h, m + 1, g, y, k)) AddCorrection(pr, basis, y, k, correction!, z, xNow);
                    pr.Callback!(total, estimate, xNow);
                }
                if (after == T.Zero || estimate <= pr.Tol) break;   // happy breakdown or converged
                var next = basis.AsSpan((j + 1) * n, n);
                w.CopyTo(next);
                VectorOps.Scale(T.One / after, next);
            }
            if (!BackSubstitute(h, m + 1, g, y, k))
                return pr.Breakdown(total - 1, beta, -10, "the Hessenberg matrix is singular (A or A M^-1 is singular on the Krylov space)");
            AddCorrection(pr, basis, y, k, w, z, x);
            T previous = beta;
            beta = pr.TrueResidual(r);
            if (beta <= pr.Tol) return pr.Converged(total, beta);
            if (beta >= previous)
                return pr.Breakdown(total - 1, beta, -10, $"GMRES({m}) stagnated: a whole restart cycle did not reduce ||b - A x|| = {KrylovProblem<T>.Fmt(beta)}; try a larger restart or a preconditioner");
        }
    }

    /// <summary>Solves the leading k x k upper triangle of H for y = R^-1 g; false when a diagonal entry is zero.</summary>
    private static bool BackSubstitute<T>(T[] h, int ld, T[] g, T[] y, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = k - 1; i >= 0; i--)
        {
            T s = g[i];
            for (int j = i + 1; j < k; j++) s -= h[i + j * ld] * y[j];
            T d = h[i + i * ld];
            if (d == T.Zero) return false;
            y[i] = s / d;
        }
        return true;
    }

    /// <summary>x += M^-1 (V y) for the first k basis vectors; w and z are scratch.</summary>
    private static void AddCorrection<T>(KrylovProblem<T> pr, T[] basis, T[] y, int k, T[] w, T[]? z, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = pr.N;
        Array.Clear(w);
        for (int i = 0; i < k; i++) VectorOps.Axpy(y[i], basis.AsSpan(i * n, n), w);
        if (z is null) VectorOps.Axpy(T.One, w, x);
        else { pr.M!.Matvec(w, z); VectorOps.Axpy(T.One, z, x); }
    }
}
