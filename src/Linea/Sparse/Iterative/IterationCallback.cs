namespace Linea;

/// <summary>
/// Called by the iterative solvers of <see cref="SparseLinalg"/> after every iteration: <paramref name="iteration"/>
/// counts from 1, <paramref name="residualNorm"/> is the solver's current residual norm (the updated, not recomputed,
/// ||b - A x||; LSQR and LSMR give ||b - A x|| of the damped problem), and <paramref name="x"/> is the current iterate,
/// valid only during the call. Throwing from the callback stops the solve and propagates.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public delegate void IterationCallback<T>(int iteration, T residualNorm, ReadOnlySpan<T> x);
