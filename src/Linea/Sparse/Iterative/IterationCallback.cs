namespace Linea;

/// <summary>
/// Called by the iterative solvers of <see cref="SparseLinalg"/> after every iteration: <paramref name="iteration"/>
/// counts from 1, <paramref name="residualNorm"/> is the solver's own running residual norm, not a recomputed one (CG
/// and BiCGSTAB: the updated ||r||; GMRES: the Arnoldi estimate of ||b - A x||; MINRES: the Lanczos estimate, in the
/// norm of M^-1 when preconditioned; LSQR and LSMR: the estimate of ||b - A x||), and <paramref name="x"/> is the
/// current iterate, valid only during the call (copy it to keep it). Throwing from the callback stops the solve and
/// propagates.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public delegate void IterationCallback<T>(int iteration, T residualNorm, ReadOnlySpan<T> x);
