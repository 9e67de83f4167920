using System.Globalization;
using System.Numerics;

namespace Linea;

/// <summary>
/// The shared front of the square solvers (CG, MINRES, GMRES, BiCGSTAB): validates A, b, x0, M and the tolerances once,
/// holds the iterate and the tolerance max(rtol ||b||, atol), recomputes true residuals and builds the result.
/// </summary>
internal sealed class KrylovProblem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly string Op;
    public readonly ILinearOperator<T> A;
    public readonly ILinearOperator<T>? M;
    public readonly T[] B;
    public readonly T[] X;
    public readonly int N;
    public readonly T BNorm;
    public readonly T Tol;

    /// <summary>The relative tolerance as given (MINRES also applies it to ||A r|| / (||A|| ||r||), as SciPy).</summary>
    public readonly double RTol;
    public readonly int MaxIter;
    public readonly IterationCallback<T>? Callback;

    /// <summary>The token of <see cref="Parallelism.Default"/> when the solve began (a calculator's time limit, Ctrl-C).</summary>
    public readonly CancellationToken Cancellation = Parallelism.Default.Cancellation;

    public KrylovProblem(string op, ILinearOperator<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> x0, double rtol, double atol,
        int? maxiter, int defaultMaxiterPerN, ILinearOperator<T>? m, IterationCallback<T>? callback)
    {
        ArgumentNullException.ThrowIfNull(a);
        Op = op;
        if (a.Rows != a.Columns)
            ThrowHelper.ShapeMismatch(op, $"A must be square, got an operator of shape ({a.Rows}, {a.Columns}); use lsqr or lsmr for rectangular systems");
        N = a.Rows;
        if (b.Length != N)
            ThrowHelper.ShapeMismatch(op, $"A of shape ({N}, {N}) needs b of length {N}, got {b.Length}");
        if (!x0.IsEmpty && x0.Length != N)
            ThrowHelper.ShapeMismatch(op, $"A of shape ({N}, {N}) needs x0 of length {N}, got {x0.Length}");
        if (m is not null && (m.Rows != N || m.Columns != N))
            ThrowHelper.ShapeMismatch(op, $"A of shape ({N}, {N}) needs a preconditioner M of shape ({N}, {N}), got ({m.Rows}, {m.Columns})");
        CheckTolerances(op, rtol, atol);
        if (maxiter < 0) ThrowHelper.Argument(op, nameof(maxiter), $"maxiter must be non-negative, got {maxiter}");
        CheckFinite(op, "b", b);
        if (!x0.IsEmpty) CheckFinite(op, "x0", x0);
        A = a;
        M = m;
        Callback = callback;
        B = b.ToArray();
        X = x0.IsEmpty ? new T[N] : x0.ToArray();
        BNorm = VectorOps.Norm<T>(B);
        Tol = T.CreateChecked(Math.Max(rtol * double.CreateChecked(BNorm), atol));
        RTol = rtol;
        MaxIter = maxiter ?? (int)Math.Min(int.MaxValue, (long)defaultMaxiterPerN * Math.Max(N, 1));
    }

    public static void CheckTolerances(string op, double rtol, double atol)
    {
        if (!(rtol >= 0) || double.IsInfinity(rtol)) ThrowHelper.Argument(op, nameof(rtol), $"rtol must be finite and non-negative, got {rtol}");
        if (!(atol >= 0) || double.IsInfinity(atol)) ThrowHelper.Argument(op, nameof(atol), $"atol must be finite and non-negative, got {atol}");
    }

    public static void CheckFinite(string op, string name, ReadOnlySpan<T> v)
    {
        int k = VectorOps.FirstNonFinite(v);
        if (k >= 0) throw new NonFiniteException($"{op}: {name}[{k}] is {v[k]}; the solvers need finite input");
    }

    /// <summary>End of an iteration: polls cancellation, then calls the callback.</summary>
    public void Report(int iteration, T residual, ReadOnlySpan<T> x)
    {
        Cancellation.ThrowIfCancellationRequested();
        Callback?.Invoke(iteration, residual, x);
    }

    /// <summary>Throws when an iteration's scalar is not finite: A's or M's products produced NaN or infinity.</summary>
    public void CheckScalar(T value, string what, int iteration)
    {
        if (!T.IsFinite(value))
            throw new NonFiniteException($"{Op}: {what} is {value} at iteration {iteration}; A or M produced NaN or infinity (b and x0 were finite)");
    }

    /// <summary>r = b - A x for the current iterate; returns ||r||.</summary>
    public T TrueResidual(Span<T> r)
    {
        VectorOps.Residual(A, B, X, r);
        return VectorOps.Norm<T>(r);
    }

    /// <summary>The converged result (the caller checked the recomputed residual).</summary>
    public IterativeResult<T> Converged(int iterations, T residual) =>
        Result(iterations, residual, true, 0, $"{Op}: converged in {iterations} iterations, ||b - A x|| = {Fmt(residual)} <= {Fmt(Tol)}");

    /// <summary>The result at the iteration limit.</summary>
    public IterativeResult<T> LimitReached(int iterations, T residual) =>
        Result(iterations, residual, false, Math.Max(iterations, 1),
            $"{Op}: did not converge in {iterations} iterations (maxiter {MaxIter}): ||b - A x|| = {Fmt(residual)} > tolerance {Fmt(Tol)} = max(rtol ||b||, atol)");

    /// <summary>A breakdown: the method cannot continue; <paramref name="why"/> says what happened.</summary>
    public IterativeResult<T> Breakdown(int iterations, T residual, int info, string why) =>
        Result(iterations, residual, false, info, $"{Op}: {why} at iteration {iterations + 1}; stopped with ||b - A x|| = {Fmt(residual)} (tolerance {Fmt(Tol)})");

    private IterativeResult<T> Result(int iterations, T residual, bool converged, int info, string message) => new()
    {
        X = new NDArray<T>(X, 0, [N], [1]),
        Iterations = iterations,
        ResidualNorm = residual,
        Tolerance = Tol,
        Converged = converged,
        Info = info,
        Message = message,
    };

    public static string Fmt(T v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
