using System.Numerics;

namespace Linea;

public static partial class SparseLinalg
{
    /// <summary>
    /// Solves min ||A x - b||^2 + damp^2 ||x||^2 for any m x n A (over- or underdetermined, possibly rank deficient) by
    /// Paige and Saunders' LSQR (SciPy's <c>lsqr</c>, the same arguments and stopping rules): Golub-Kahan
    /// bidiagonalisation with a QR of the bidiagonal. For a compatible system it converges to the minimum-norm solution
    /// when started from zero. Stops (<see cref="LeastSquaresResult{T}.IStop"/>) when ||r|| &lt;= btol ||b|| + atol ||A|| ||x||
    /// (1), ||A^T r|| &lt;= atol ||A|| ||r|| (2), the condition estimate exceeds <paramref name="conlim"/> (3), the same
    /// tests at machine precision (4 to 6), or at <paramref name="iterLim"/> (7). Per iteration: one product with A and
    /// one with A^T, three norms and four AXPYs; memory: u (m) and v, w, x (n).
    /// </summary>
    /// <param name="A">The m x n operator; it must have Rmatvec.</param>
    /// <param name="b">The right-hand side, length m.</param>
    /// <param name="damp">The damping (Tikhonov) factor, default 0.</param>
    /// <param name="atol">Stopping tolerance on the relative error in A (default 1e-6).</param>
    /// <param name="btol">Stopping tolerance on the relative error in b (default 1e-6).</param>
    /// <param name="conlim">Stop when the condition estimate exceeds this (default 1e8; infinity for never).</param>
    /// <param name="iterLim">The iteration limit; default 2 n, as SciPy.</param>
    /// <param name="x0">The starting guess (length n), or empty for zero.</param>
    /// <param name="callback">Called after every iteration with the estimate of ||b - A x|| and x.</param>
    /// <returns>The result with SciPy's istop, norms and condition estimate; Converged for istop 0, 1, 2, 4, 5.</returns>
    /// <exception cref="ShapeMismatchException">b or x0 of the wrong length.</exception>
    /// <exception cref="ArgumentException">A without rmatvec, or a negative tolerance, damp, conlim or limit.</exception>
    /// <exception cref="NonFiniteException">b or x0 holds NaN or infinity, or A's products do.</exception>
    /// <exception cref="OperationCanceledException">The token of a <see cref="Parallelism.CancelWith"/> scope around the call was cancelled (polled once per iteration).</exception>
    public static LeastSquaresResult<T> Lsqr<T>(ILinearOperator<T> A, ReadOnlySpan<T> b, double damp = 0, double atol = 1e-6, double btol = 1e-6,
        double conlim = 1e8, int? iterLim = null, ReadOnlySpan<T> x0 = default, IterationCallback<T>? callback = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(A);
        var pr = new LeastSquaresProblem<T>("lsqr", A, b, damp, atol, btol, conlim, iterLim, (int)Math.Min(int.MaxValue, 2L * A.Columns), x0, callback);
        return PaigeSaundersLsqr.Solve(pr);
    }

    /// <summary>
    /// <see cref="Lsqr{T}(ILinearOperator{T}, ReadOnlySpan{T}, double, double, double, double, int?, ReadOnlySpan{T}, IterationCallback{T}?)"/>
    /// with vector tensors (b of length m; x0 of length n, or null for zero).
    /// </summary>
    public static LeastSquaresResult<T> Lsqr<T>(ILinearOperator<T> A, NDArray<T> b, double damp = 0, double atol = 1e-6, double btol = 1e-6,
        double conlim = 1e8, int? iterLim = null, NDArray<T>? x0 = null, IterationCallback<T>? callback = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Lsqr(A, TensorArgs.Vector("lsqr", "b", b ?? throw new ArgumentNullException(nameof(b))), damp, atol, btol, conlim, iterLim, TensorArgs.Vector("lsqr", "x0", x0), callback);
}

/// <summary>LSQR (Paige and Saunders 1982), following SciPy's recurrences and stopping tests.</summary>
internal static class PaigeSaundersLsqr
{
    public static LeastSquaresResult<T> Solve<T>(LeastSquaresProblem<T> pr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = pr.Rows, n = pr.Columns;
        var a = pr.A;
        T eps = VectorOps.MachineEpsilon<T>();
        T damp = pr.Damp, dampsq = damp * damp;
        var u = new T[m];
        var v = new T[n];
        var w = new T[n];
        var x = pr.X0 ?? new T[n];
        var tu = new T[m];
        var tv = new T[n];
        T bnorm = VectorOps.Norm<T>(pr.B);
        pr.B.CopyTo(u, 0);
        if (pr.X0 is not null)
        {
            a.Matvec(x, tu);
            VectorOps.Axpy(-T.One, tu, u);
        }
        T beta = VectorOps.Norm<T>(u);
        pr.CheckScalar(beta, "||b - A x0||", 0);
        T alfa = T.Zero;
        if (beta > T.Zero)
        {
            VectorOps.Scale(T.One / beta, u);
            a.Rmatvec(u, v);
            alfa = VectorOps.Norm<T>(v);
            pr.CheckScalar(alfa, "||A^T u||", 0);
        }
        if (alfa > T.Zero) VectorOps.Scale(T.One / alfa, v);
        v.CopyTo(w, 0);
        T anorm = T.Zero, acond = T.Zero, ddnorm = T.Zero, res2 = T.Zero, xxnorm = T.Zero, z = T.Zero;
        T cs2 = -T.One, sn2 = T.Zero;
        T rhobar = alfa, phibar = beta, rnorm = beta, r1norm = beta, r2norm = beta, arnorm = alfa * beta;
        if (arnorm == T.Zero) return pr.Result(x, 0, 0, r1norm, r2norm, anorm, acond, arnorm, bnorm);
        int itn = 0, istop = 0;
        while (itn < pr.MaxIter)
        {
            itn++;
            // Bidiagonalisation: beta u = A v - alfa u, alfa v = A^T u - beta v.
            a.Matvec(v, tu);
            VectorOps.Xpby<T>(tu, -alfa, u);
            beta = VectorOps.Norm<T>(u);
            pr.CheckScalar(beta, "||A v - alpha u||", itn);
            if (beta > T.Zero)
            {
                VectorOps.Scale(T.One / beta, u);
                anorm = T.Sqrt(anorm * anorm + alfa * alfa + beta * beta + dampsq);
                a.Rmatvec(u, tv);
                VectorOps.Xpby<T>(tv, -beta, v);
                alfa = VectorOps.Norm<T>(v);
                pr.CheckScalar(alfa, "||A^T u - beta v||", itn);
                if (alfa > T.Zero) VectorOps.Scale(T.One / alfa, v);
            }

            // Eliminate the damping, then the subdiagonal beta, by plane rotations.
            T rhobar1 = rhobar, psi = T.Zero;
            if (damp > T.Zero)
            {
                rhobar1 = T.Sqrt(rhobar * rhobar + dampsq);
                T cs1 = rhobar / rhobar1, sn1 = damp / rhobar1;
                psi = sn1 * phibar;
                phibar = cs1 * phibar;
            }
            var (cs, sn, rho) = LeastSquaresProblem<T>.SymOrtho(rhobar1, beta);
            T theta = sn * alfa;
            rhobar = -cs * alfa;
            T phi = cs * phibar;
            phibar = sn * phibar;
            T tau = sn * phi;

            // x and w.
            T t1 = phi / rho, t2 = -theta / rho;
            T wn = VectorOps.Norm<T>(w) / rho;
            ddnorm += wn * wn;
            VectorOps.Axpy(t1, w, x);
            VectorOps.Xpby<T>(v, t2, w);

            // ||x|| by the rotation of Paige and Saunders' section 5.2.
            T delta = sn2 * rho, gambar = -cs2 * rho;
            T rhs = phi - delta * z;
            T zbar = rhs / gambar;
            T xnorm = T.Sqrt(xxnorm + zbar * zbar);
            T gamma = T.Sqrt(gambar * gambar + theta * theta);
            cs2 = gambar / gamma;
            sn2 = theta / gamma;
            z = rhs / gamma;
            xxnorm += z * z;

            acond = anorm * T.Sqrt(ddnorm);
            res2 += psi * psi;
            rnorm = T.Sqrt(phibar * phibar + res2);
            arnorm = alfa * T.Abs(tau);
            if (damp > T.Zero)
            {
                T r1sq = rnorm * rnorm - dampsq * xxnorm;
                r1norm = T.Sqrt(T.Abs(r1sq));
                if (r1sq < T.Zero) r1norm = -r1norm;
            }
            else r1norm = rnorm;
            r2norm = rnorm;
            pr.Report(itn, T.Abs(r1norm), x);

            T test1 = rnorm / bnorm;
            T test2 = arnorm / (anorm * rnorm + eps);
            T test3 = T.One / (acond + eps);
            T tt1 = test1 / (T.One + anorm * xnorm / bnorm);
            T rtol = pr.BTol + pr.ATol * anorm * xnorm / bnorm;
            if (itn >= pr.MaxIter) istop = 7;
            if (T.One + test3 <= T.One) istop = 6;
            if (T.One + test2 <= T.One) istop = 5;
            if (T.One + tt1 <= T.One) istop = 4;
            if (test3 <= pr.CTol) istop = 3;
            if (test2 <= pr.ATol) istop = 2;
            if (test1 <= rtol) istop = 1;
            if (istop != 0) break;
        }
        if (istop == 0 && itn >= pr.MaxIter) istop = 7;
        return pr.Result(x, istop, itn, r1norm, r2norm, anorm, acond, arnorm, bnorm);
    }
}
