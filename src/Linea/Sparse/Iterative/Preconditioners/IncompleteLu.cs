using System.Numerics;

namespace Linea;

/// <summary>
/// An incomplete LU factorisation L U ~ A (L unit lower, U upper triangular, both sparse), as an operator applying
/// M^-1 x = U^-1 L^-1 x by two triangular sweeps, O(nnz(L) + nnz(U)), nothing allocated. Built by
/// <see cref="IncompleteLu.Ilu0{T}"/> (zero fill: A's pattern) or <see cref="IncompleteLu.Ilut{T}"/> (threshold
/// dropping with a fill limit, as SciPy's <c>spilu</c>). The preconditioner for GMRES and BiCGSTAB on nonsymmetric
/// matrices. No pivoting: a zero pivot stops the factorisation with the row named.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public sealed class IncompleteLu<T> : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _lPtr, _lCol, _uPtr, _uCol;
    private readonly T[] _lVal, _uVal, _inverseDiagonal;

    internal IncompleteLu(int[] lPtr, int[] lCol, T[] lVal, int[] uPtr, int[] uCol, T[] uVal, T[] inverseDiagonal)
    {
        _lPtr = lPtr; _lCol = lCol; _lVal = lVal;
        _uPtr = uPtr; _uCol = uCol; _uVal = uVal;
        _inverseDiagonal = inverseDiagonal;
    }

    /// <summary>Stored entries of L (without its unit diagonal).</summary>
    public long NnzL => _lCol.Length;

    /// <summary>Stored entries of U, its diagonal included.</summary>
    public long NnzU => _uCol.Length + _inverseDiagonal.Length;

    /// <inheritdoc />
    public int Rows => _inverseDiagonal.Length;

    /// <inheritdoc />
    public int Columns => _inverseDiagonal.Length;

    /// <inheritdoc />
    public bool HasRmatvec => true;

    /// <summary>y = U^-1 L^-1 x. O(nnz(L) + nnz(U)).</summary>
    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        OperatorChecks.Matvec("incomplete lu", Rows, Columns, x.Length, y.Length);
        x.CopyTo(y);
        TriangularSweeps.Lower(_lPtr.AsSpan(0, Rows), _lPtr.AsSpan(1), _lCol, _lVal, null, y);
        TriangularSweeps.Upper(_uPtr.AsSpan(0, Rows), _uPtr.AsSpan(1), _uCol, _uVal, _inverseDiagonal, y);
    }

    /// <summary>y = L^-T U^-T x, the transpose of M^-1. O(nnz(L) + nnz(U)).</summary>
    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y)
    {
        OperatorChecks.Rmatvec("incomplete lu", Rows, Columns, x.Length, y.Length);
        x.CopyTo(y);
        TriangularSweeps.UpperTransposed(_uPtr.AsSpan(0, Rows), _uPtr.AsSpan(1), _uCol, _uVal, _inverseDiagonal, y);
        TriangularSweeps.LowerTransposed(_lPtr.AsSpan(0, Rows), _lPtr.AsSpan(1), _lCol, _lVal, null, y);
    }

    /// <summary>The unit lower factor L as a CSR matrix (a copy, the unit diagonal stored).</summary>
    public SparseMatrix<T> L() => Assemble(_lPtr, _lCol, _lVal, null, diagonalFirst: false);

    /// <summary>The upper factor U as a CSR matrix (a copy).</summary>
    public SparseMatrix<T> U() => Assemble(_uPtr, _uCol, _uVal, _inverseDiagonal, diagonalFirst: true);

    private SparseMatrix<T> Assemble(int[] ptr, int[] col, T[] val, T[]? inverseDiagonal, bool diagonalFirst)
    {
        int n = Rows;
        var p = new int[n + 1];
        var c = new int[col.Length + n];
        var v = new T[col.Length + n];
        int at = 0;
        for (int i = 0; i < n; i++)
        {
            T d = inverseDiagonal is null ? T.One : T.One / inverseDiagonal[i];
            if (diagonalFirst) { c[at] = i; v[at] = d; at++; }
            for (int k = ptr[i]; k < ptr[i + 1]; k++) { c[at] = col[k]; v[at] = val[k]; at++; }
            if (!diagonalFirst) { c[at] = i; v[at] = d; at++; }
            p[i + 1] = at;
        }
        return Sparse.Csr<T>(n, n, p, c, v);
    }
}
