using System.Numerics;

namespace Linea;

/// <summary>
/// The normal operator A^T A (n x n) or A A^T (m x m) of an m x n operator, applied as two products with a work vector
/// of the inner length: what <see cref="SparseLinalg.Svds{T}"/> hands to Lanczos.
/// </summary>
internal sealed class GramOperator<T>(ILinearOperator<T> a, bool transposeFirst) : ILinearOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // transposeFirst = false: A^T A (x of length n, work of length m); true: A A^T (x of length m, work of length n).
    private readonly T[] _work = new T[transposeFirst ? a.Columns : a.Rows];

    public int Rows => transposeFirst ? a.Rows : a.Columns;
    public int Columns => Rows;
    public bool HasRmatvec => true;

    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        if (transposeFirst) { a.Rmatvec(x, _work); a.Matvec(_work, y); }
        else { a.Matvec(x, _work); a.Rmatvec(_work, y); }
    }

    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => Matvec(x, y);
}
