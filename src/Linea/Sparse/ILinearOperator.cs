using System.Numerics;

namespace Linea;

/// <summary>
/// A linear map y = A x known only through its products, as SciPy's <c>LinearOperator</c>: every iterative solver and
/// eigensolver in <see cref="SparseLinalg"/> takes one, so sparse matrices, dense tensors and user functions all work.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public interface ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of rows: the length of A x.</summary>
    int Rows { get; }

    /// <summary>The number of columns: the length of x.</summary>
    int Columns { get; }

    /// <summary>Whether <see cref="Rmatvec"/> is available (LSQR, LSMR and Svds need it).</summary>
    bool HasRmatvec => true;

    /// <summary>
    /// y = A x (SciPy's <c>matvec</c>): <paramref name="x"/> has <see cref="Columns"/> elements, <paramref name="y"/> has
    /// <see cref="Rows"/> and is overwritten. x and y must not overlap.
    /// </summary>
    void Matvec(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>
    /// y = A^T x (SciPy's <c>rmatvec</c>): <paramref name="x"/> has <see cref="Rows"/> elements, <paramref name="y"/> has
    /// <see cref="Columns"/> and is overwritten. Throws <see cref="NotSupportedException"/> when <see cref="HasRmatvec"/> is false.
    /// </summary>
    void Rmatvec(ReadOnlySpan<T> x, Span<T> y);
}
