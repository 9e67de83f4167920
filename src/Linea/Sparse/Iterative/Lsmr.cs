using System.Numerics;

namespace Linea;

public static partial class SparseLinalg
{
    /// <summary>
    /// Solves min ||A x - b||^2 + damp^2 ||x||^2 for any m x n A by Fong and Saunders' LSMR (SciPy's <c>lsmr</c>, the same
    /// arguments and stopping rules as <see cref="Lsqr{T}(ILinearOperator{T}, ReadOnlySpan{T}, double, double, double, double, int?, ReadOnlySpan{T}, IterationCallback{T}?)"/>):
    /// MINRES on the normal equations through Golub-Kahan bidiagonalisation, so ||A^T r|| decreases monotonically and the
    /// iteration may stop earlier than LSQR on least-squares problems. Per iteration: one product with A and one with
    /// A^T, three norms and five AXPYs; memory: u (m) and v, h, hbar, x (n).
    /// </summary>
    /// <param name="A">The m x n operator; it must have Rmatvec.</param>
    /// <param name="b">The right-hand side, length m.</param>
    /// <param name="damp">The damping (Tikhonov) factor, default 0.</param>
    /// <param name="atol">Stopping tolerance on the relative error in A (default 1e-6).</param>
    /// <param name="btol">Stopping tolerance on the relative error in b (default 1e-6).</param>
    /// <param name="conlim">Stop when the condition estimate exceeds this (default 1e8; infinity for never).</param>
    /// <param name="maxiter">The iteration limit; default min(m, n), as SciPy.</param>
    /// <param name="x0">The starting guess (length n), or empty for zero.</param>
    /// <param name="callback">Called after every iteration with the estimate of ||b - A x|| and x.</param>
    /// <returns>The result with SciPy's istop, norms and condition estimate; Converged for istop 0, 1, 2, 4, 5.</returns>
    /// <exception cref="ShapeMismatchException">b or x0 of the wrong length.</exception>
    /// <exception cref="ArgumentException">A without rmatvec, or a negative tolerance, damp, conlim or limit.</exception>
    /// <exception cref="NonFiniteException">b or x0 holds NaN or infinity, or A's products do.</exception>
    /// <exception cref="OperationCanceledException">The token of a <see cref="Parallelism.CancelWith"/> scope around the call was cancelled (polled once per iteration).</exception>
    public static LeastSquaresResult<T> Lsmr<T>(ILinearOperator<T> A, ReadOnlySpan<T> b, double damp = 0, double atol = 1e-6, double btol = 1e-6,
        double conlim = 1e8, int? maxiter = null, ReadOnlySpan<T> x0 = default, IterationCallback<T>? callback = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(A);
        var pr = new LeastSquaresProblem<T>("lsmr", A, b, damp, atol, btol, conlim, maxiter, Math.Min(A.Rows, A.Columns), x0, callback);
        return FongSaundersLsmr.Solve(pr);
    }

    /// <summary>
    /// <see cref="Lsmr{T}(ILinearOperator{T}, ReadOnlySpan{T}, double, double, double, double, int?, ReadOnlySpan{T}, IterationCallback{T}?)"/>
    /// with vector tensors (b of length m; x0 of length n, or null for zero).
    /// </summary>
    public static LeastSquaresResult<T> Lsmr<T>(ILinearOperator<T> A, NDArray<T> b, double damp = 0, double atol = 1e-6, double btol = 1e-6,
        double conlim = 1e8, int? maxiter = null, NDArray<T>? x0 = null, IterationCallback<T>? callback = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Lsmr(A, TensorArgs.Vector("lsmr", "b", b ?? throw new ArgumentNullException(nameof(b))), damp, atol, btol, conlim, maxiter, TensorArgs.Vector("lsmr", "x0", x0), callback);
}

/// <summary>LSMR (Fong and Saunders 2011), following SciPy's recurrences and stopping tests.</summary>
internal static class FongSaundersLsmr
{
    public static LeastSquaresResult<T> Solve<T>(LeastSquaresProblem<T> pr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = pr.Rows, n = pr.Columns;
        var a = pr.A;
        T damp = pr.Damp;
        var u = new T[m];
        var v = new T[n];
        var x = pr.X0 ?? new T[n];
        var tu = new T[m];
        var tv = new T[n];
        T normb = VectorOps.Norm<T>(pr.B);
        pr.B.CopyTo(u, 0);
        if (pr.X0 is not null)
        {
            a.Matvec(x, tu);
            VectorOps.Axpy(-T.One, tu, u);
        }
        T beta = VectorOps.Norm<T>(u);
        pr.CheckScalar(beta, "||b - A x0||", 0);
        T alpha = T.Zero;
        if (beta > T.Zero)
        {
            VectorOps.Scale(T.One / beta, u);
            a.Rmatvec(u, v);
            alpha = VectorOps.Norm<T>(v);
            pr.CheckScalar(alpha, "||A^T u||", 0);
        }
        if (alpha > T.Zero) VectorOps.Scale(T.One / alpha, v);

        T zetabar = alpha * beta, alphabar = alpha, rho = T.One, rhobar = T.One, cbar = T.One, sbar = T.Zero;
        var h = (T[])v.Clone();
        var hbar = new T[n];
        T betadd = beta, betad = T.Zero, rhodold = T.One, tautildeold = T.Zero, thetatilde = T.Zero, zeta = T.Zero, d = T.Zero;
        T normA2 = alpha * alpha, maxrbar = T.Zero, minrbar = T.CreateChecked(1e100);
        if (typeof(T) == typeof(float)) minrbar = T.CreateChecked(1e30);
        T normA = T.Sqrt(normA2), condA = T.One;
        T normr = beta, normar = alpha * beta;
        if (normar == T.Zero || normb == T.Zero)
        {
            if (normb == T.Zero) Array.Clear(x);
            return pr.Result(x, 0, 0, normr, normr, normA, condA, normar, normb);
        }
        int itn = 0, istop = 0;
        while (itn < pr.MaxIter)
        {
            itn++;
            // Bidiagonalisation.
            a.Matvec(v, tu);
            VectorOps.Xpby<T>(tu, -alpha, u);
            beta = VectorOps.Norm<T>(u);
            pr.CheckScalar(beta, "||A v - alpha u||", itn);
            if (beta > T.Zero)
            {
                VectorOps.Scale(T.One / beta, u);
                a.Rmatvec(u, tv);
                VectorOps.Xpby<T>(tv, -beta, v);
                alpha = VectorOps.Norm<T>(v);
                pr.CheckScalar(alpha, "||A^T u - beta v||", itn);
                if (alpha > T.Zero) VectorOps.Scale(T.One / alpha, v);
            }

            // Rotations: damping, then the subdiagonal, then the second QR.
            var (chat, shat, alphahat) = LeastSquaresProblem<T>.SymOrtho(alphabar, damp);
            T rhoold = rho;
            (T c, T s, rho) = LeastSquaresProblem<T>.SymOrtho(alphahat, beta);
            T thetanew = s * alpha;
            alphabar = c * alpha;
            T rhobarold = rhobar, zetaold = zeta;
            T thetabar = sbar * rho;
            T rhotemp = cbar * rho;
            (cbar, sbar, rhobar) = LeastSquaresProblem<T>.SymOrtho(cbar * rho, thetanew);
            zeta = cbar * zetabar;
            zetabar = -sbar * zetabar;

            // hbar, x, h.
            VectorOps.Xpby<T>(h, -(thetabar * rho / (rhoold * rhobarold)), hbar);
            VectorOps.Axpy(zeta / (rho * rhobar), hbar, x);
            VectorOps.Xpby<T>(v, -(thetanew / rho), h);

            // ||r|| estimate.
            T betaacute = chat * betadd, betacheck = -shat * betadd;
            T betahat = c * betaacute;
            betadd = -s * betaacute;
            T thetatildeold = thetatilde;
            var (ctildeold, stildeold, rhotildeold) = LeastSquaresProblem<T>.SymOrtho(rhodold, thetabar);
            thetatilde = stildeold * rhobar;
            rhodold = ctildeold * rhobar;
            betad = -stildeold * betad + ctildeold * betahat;
            tautildeold = (zetaold - thetatildeold * tautildeold) / rhotildeold;
            T taud = (zeta - thetatilde * tautildeold) / rhodold;
            d += betacheck * betacheck;
            normr = T.Sqrt(d + (betad - taud) * (betad - taud) + betadd * betadd);

            // ||A||, cond(A), ||A^T r||, ||x||.
            normA2 += beta * beta;
            normA = T.Sqrt(normA2);
            normA2 += alpha * alpha;
            maxrbar = T.Max(maxrbar, rhobarold);
            if (itn > 1) minrbar = T.Min(minrbar, rhobarold);
            condA = T.Max(maxrbar, rhotemp) / T.Min(minrbar, rhotemp);
            normar = T.Abs(zetabar);
            T normx = VectorOps.Norm<T>(x);
            pr.CheckScalar(normx, "||x||", itn);
            pr.Report(itn, normr, x);

            T test1 = normr / normb;
            T test2 = normA * normr != T.Zero ? normar / (normA * normr) : T.PositiveInfinity;
            T test3 = T.One / condA;
            T t1 = test1 / (T.One + normA * normx / normb);
            T rtol = pr.BTol + pr.ATol * normA * normx / normb;
            if (itn >= pr.MaxIter) istop = 7;
            if (T.One + test3 <= T.One) istop = 6;
            if (T.One + test2 <= T.One) istop = 5;
            if (T.One + t1 <= T.One) istop = 4;
            if (test3 <= pr.CTol) istop = 3;
            if (test2 <= pr.ATol) istop = 2;
            if (test1 <= rtol) istop = 1;
            if (istop > 0) break;
        }
        if (istop == 0 && itn >= pr.MaxIter) istop = 7;
        return pr.Result(x, istop, itn, normr, normr, normA, condA, normar, normb);
    }
}
