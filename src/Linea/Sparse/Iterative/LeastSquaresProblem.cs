using System.Globalization;
using System.Numerics;

namespace Linea;

/// <summary>The shared front of LSQR and LSMR: validation of A (with rmatvec), b, x0 and the tolerances; the result.</summary>
internal sealed class LeastSquaresProblem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly string Op;
    public readonly ILinearOperator<T> A;
    public readonly T[] B;
    public readonly T[]? X0;
    public readonly int Rows, Columns;
    public readonly T Damp, ATol, BTol, CTol;
    public readonly int MaxIter;
    public readonly IterationCallback<T>? Callback;

    /// <summary>The token of <see cref="Parallelism.Default"/> when the solve began (a calculator's time limit, Ctrl-C).</summary>
    public readonly CancellationToken Cancellation = Parallelism.Default.Cancellation;

    public LeastSquaresProblem(string op, ILinearOperator<T> a, ReadOnlySpan<T> b, double damp, double atol, double btol, double conlim,
        int? maxiter, int defaultMaxiter, ReadOnlySpan<T> x0, IterationCallback<T>? callback)
    {
        ArgumentNullException.ThrowIfNull(a);
        Op = op;
        Rows = a.Rows;
        Columns = a.Columns;
        if (!a.HasRmatvec)
            ThrowHelper.Argument(op, nameof(a), $"{op} needs A^T x, but this ({Rows}, {Columns}) operator has no rmatvec; build it with LinearOperator.FromFunction(rows, columns, matvec, rmatvec)");
        if (b.Length != Rows)
            ThrowHelper.ShapeMismatch(op, $"A of shape ({Rows}, {Columns}) needs b of length {Rows}, got {b.Length}");
        if (!x0.IsEmpty && x0.Length != Columns)
            ThrowHelper.ShapeMismatch(op, $"A of shape ({Rows}, {Columns}) needs x0 of length {Columns}, got {x0.Length}");
        if (!(damp >= 0) || double.IsInfinity(damp)) ThrowHelper.Argument(op, nameof(damp), $"damp must be finite and non-negative, got {damp}");
        if (!(atol >= 0) || double.IsInfinity(atol)) ThrowHelper.Argument(op, nameof(atol), $"atol must be finite and non-negative, got {atol}");
        if (!(btol >= 0) || double.IsInfinity(btol)) ThrowHelper.Argument(op, nameof(btol), $"btol must be finite and non-negative, got {btol}");
        if (!(conlim > 0) || double.IsNaN(conlim)) ThrowHelper.Argument(op, nameof(conlim), $"conlim must be positive, got {conlim}");
        if (maxiter < 0) ThrowHelper.Argument(op, nameof(maxiter), $"the iteration limit must be non-negative, got {maxiter}");
        KrylovProblem<T>.CheckFinite(op, "b", b);
        if (!x0.IsEmpty) KrylovProblem<T>.CheckFinite(op, "x0", x0);
        A = a;
        B = b.ToArray();
        X0 = x0.IsEmpty ? null : x0.ToArray();
        Damp = T.CreateChecked(damp);
        ATol = T.CreateChecked(atol);
        BTol = T.CreateChecked(btol);
        CTol = T.CreateChecked(double.IsPositiveInfinity(conlim) ? 0 : 1 / conlim);
        MaxIter = maxiter ?? defaultMaxiter;
        Callback = callback;
    }

    /// <summary>End of an iteration: polls cancellation, then calls the callback.</summary>
    public void Report(int iteration, T residual, ReadOnlySpan<T> x)
    {
        Cancellation.ThrowIfCancellationRequested();
        Callback?.Invoke(iteration, residual, x);
    }

    public void CheckScalar(T value, string what, int iteration)
    {
        if (!T.IsFinite(value))
            throw new NonFiniteException($"{Op}: {what} is {value} at iteration {iteration}; A's products produced NaN or infinity (b and x0 were finite)");
    }

    private static readonly string[] s_reasons =
    [
        "the exact solution is x = 0 (or x0)",
        "Ax - b is small enough, given atol and btol",
        "the least-squares solution is good enough, given atol",
        "the estimate of cond(Abar) has exceeded conlim",
        "Ax - b is small enough for this machine",
        "the least-squares solution is good enough for this machine",
        "cond(Abar) seems to be too large for this machine",
        "the iteration limit has been reached",
    ];

    public LeastSquaresResult<T> Result(T[] x, int istop, int itn, T r1, T r2, T anorm, T acond, T arnorm, T bnorm)
    {
        bool converged = istop is 0 or 1 or 2 or 4 or 5;
        T xnorm = VectorOps.Norm<T>(x);
        string text = $"{Op}: {s_reasons[istop]} (istop {istop}) after {itn} iterations: ||b - A x|| ~ {Fmt(r1)}, ||A^T r|| ~ {Fmt(arnorm)}, ||A|| ~ {Fmt(anorm)}, cond ~ {Fmt(acond)}";
        return new LeastSquaresResult<T>
        {
            X = new NDArray<T>(x, 0, [x.Length], [1]),
            Iterations = itn,
            ResidualNorm = T.Abs(r1),
            Tolerance = BTol * bnorm + ATol * anorm * xnorm,
            Converged = converged,
            Info = converged ? 0 : istop == 7 ? Math.Max(itn, 1) : -10,
            Message = converged ? text : $"{text}; not converged",
            IStop = istop,
            R1Norm = r1,
            R2Norm = r2,
            ArNorm = arnorm,
            ANorm = anorm,
            ACond = acond,
            XNorm = xnorm,
        };
    }

    /// <summary>
    /// A stable Givens rotation (c, s, r) with [c s; -s c] [a; b] = [r; 0], r >= 0 (Choi's SymOrtho, as SciPy's
    /// <c>_sym_ortho</c>).
    /// </summary>
    public static (T c, T s, T r) SymOrtho(T a, T b)
    {
        if (b == T.Zero) return (a == T.Zero ? T.One : T.CopySign(T.One, a), T.Zero, T.Abs(a));
        if (a == T.Zero) return (T.Zero, T.CopySign(T.One, b), T.Abs(b));
        if (T.Abs(b) > T.Abs(a))
        {
            T tau = a / b;
            T s = T.CopySign(T.One, b) / T.Sqrt(T.One + tau * tau);
            return (s * tau, s, b / s);
        }
        else
        {
            T tau = b / a;
            T c = T.CopySign(T.One, a) / T.Sqrt(T.One + tau * tau);
            return (c, c * tau, a / c);
        }
    }

    public static string Fmt(T v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
