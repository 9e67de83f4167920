namespace Linea;

/// <summary>
/// A linear map written into a caller's buffer: y = f(x), <paramref name="y"/> overwritten. The function form of
/// <see cref="ILinearOperator{T}.Matvec"/> for <see cref="LinearOperator.FromFunction{T}"/> (an <see cref="Action{T1, T2}"/>
/// cannot take spans). x and y never overlap.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
/// <param name="x">The input vector.</param>
/// <param name="y">The output vector, overwritten.</param>
public delegate void SpanMap<T>(ReadOnlySpan<T> x, Span<T> y);
