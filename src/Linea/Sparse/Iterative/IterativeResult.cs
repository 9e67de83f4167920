using System.Numerics;

namespace Linea;

/// <summary>
/// The outcome of an iterative solve (<see cref="SparseLinalg.Cg{T}(ILinearOperator{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, double, double, int?, ILinearOperator{T}?, IterationCallback{T}?)"/>
/// and its siblings): the iterate <see cref="X"/>, how many iterations ran, the residual norm and whether the tolerance
/// was met. Non-convergence is never silent: <see cref="Converged"/> is false, <see cref="Message"/> says why, and
/// <see cref="ThrowIfNotConverged"/> turns it into a <see cref="NoConvergenceException"/>.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public record IterativeResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The last iterate, a vector of length n (the best available even when not converged).</summary>
    public required NDArray<T> X { get; init; }

    /// <summary>
    /// Iterations run: one product with A each for CG, MINRES, GMRES (inner iterations, summed over restarts), LSQR and
    /// LSMR (with one product with A^T as well); two for BiCGSTAB. The final recomputed residual is not counted.
    /// </summary>
    public required int Iterations { get; init; }

    /// <summary>
    /// ||b - A x|| for the returned x, recomputed with one more product at the end (not the solver's updated
    /// estimate); for LSQR and LSMR, the solver's estimate of ||b - A x||.
    /// </summary>
    public required T ResidualNorm { get; init; }

    /// <summary>The tolerance the residual was held to: max(rtol ||b||, atol).</summary>
    public required T Tolerance { get; init; }

    /// <summary>Whether the stopping test was met (for the square solvers: ||b - A x|| &lt;= max(rtol ||b||, atol)).</summary>
    public required bool Converged { get; init; }

    /// <summary>
    /// SciPy's <c>info</c>: 0 converged, a positive iteration count when the iteration limit was reached, negative on a
    /// breakdown (-10: the method broke down, -11: A or M is not of the kind the method needs, -12: the updated residual
    /// met the tolerance but the recomputed one does not).
    /// </summary>
    public required int Info { get; init; }

    /// <summary>A sentence on how the solve ended, naming the method, the iteration and the numbers involved.</summary>
    public required string Message { get; init; }

    /// <summary>Returns this result when <see cref="Converged"/>; otherwise throws.</summary>
    /// <exception cref="NoConvergenceException">Not converged; the exception's message is <see cref="Message"/>.</exception>
    public IterativeResult<T> ThrowIfNotConverged() => Converged ? this : throw new NoConvergenceException(Message);
}

/// <summary>
/// The outcome of <see cref="SparseLinalg.Lsqr{T}(ILinearOperator{T}, ReadOnlySpan{T}, double, double, double, double, int?, ReadOnlySpan{T}, IterationCallback{T}?)"/>
/// and <c>Lsmr</c>, with Paige and Saunders' stopping reason and estimates (SciPy's return tuple).
/// <see cref="IterativeResult{T}.Converged"/> is true for <see cref="IStop"/> 0, 1, 2, 4 and 5 (a solution, or a
/// least-squares solution, to the requested or to machine accuracy); 3, 6 (condition limit) and 7 (iteration limit) are not.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public sealed record LeastSquaresResult<T> : IterativeResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Why the iteration stopped, as SciPy: 0 x = 0 is exact; 1 Ax - b small given atol, btol; 2 the least-squares
    /// solution is good given atol; 3 the condition estimate exceeded conlim; 4, 5 as 1, 2 to machine precision;
    /// 6 the condition is too large for this machine; 7 the iteration limit.
    /// </summary>
    public required int IStop { get; init; }

    /// <summary>Estimate of ||b - A x|| for the undamped problem (SciPy's r1norm; LSMR's normr).</summary>
    public required T R1Norm { get; init; }

    /// <summary>
    /// LSQR: estimate of sqrt(||b - A x||^2 + damp^2 ||x||^2) (SciPy's r2norm; the same as R1Norm without damping).
    /// LSMR has one residual estimate (SciPy's normr), reported in both R1Norm and R2Norm.
    /// </summary>
    public required T R2Norm { get; init; }

    /// <summary>Estimate of ||A^T (b - A x) - damp^2 x||, the normal-equations residual.</summary>
    public required T ArNorm { get; init; }

    /// <summary>Estimate of the Frobenius norm of [A; damp I].</summary>
    public required T ANorm { get; init; }

    /// <summary>Estimate of the condition number of [A; damp I].</summary>
    public required T ACond { get; init; }

    /// <summary>||x||.</summary>
    public required T XNorm { get; init; }
}
