using System.Globalization;
using System.Numerics;

namespace Linea;

/// <summary>
/// The zero-fill incomplete Cholesky factorisation IC(0) of a symmetric positive definite sparse matrix: L lower
/// triangular with the sparsity of A's lower triangle, L L^T ~ A; as an operator it applies M^-1 x = L^-T L^-1 x by two
/// triangular sweeps, O(nnz) each, nothing allocated. The standard preconditioner for CG on discretised elliptic
/// problems (it roughly halves CG's iterations on the Poisson matrix). Only the lower triangle of A is read (A is taken
/// to be symmetric). Memory: the lower triangle's indices and values, and n for the diagonal.
/// IC(0) exists for M-matrices and diagonally dominant matrices; on other SPD matrices a pivot may turn non-positive.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public sealed class IncompleteCholesky<T> : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _ptr;      // rows of the strict lower triangle of L
    private readonly int[] _col;
    private readonly T[] _val;
    private readonly T[] _inverseDiagonal;

    /// <summary>
    /// Factors <paramref name="a"/>: for each row i, L[i, k] = (A[i, k] - sum over j &lt; k of L[i, j] L[k, j]) / L[k, k] on
    /// A's pattern, then L[i, i] = sqrt(A[i, i] - sum L[i, j]^2). O(sum over rows of the row length times the lengths
    /// of the rows it meets); O(nnz) extra memory.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not square.</exception>
    /// <exception cref="NotPositiveDefiniteException">A pivot A[i, i] - sum L[i, j]^2 is not positive (or the diagonal
    /// entry is missing); the exception names the row. A is not SPD, or IC(0) breaks down on it: use Jacobi or SSOR, or
    /// factor A + alpha diag(A).</exception>
    public IncompleteCholesky(SparseMatrix<T> a)
    {
        var rows = CanonicalRows<T>.From(a, "incomplete cholesky");
        int n = rows.N;
        _ptr = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            int lower = (rows.Diag[i] >= 0 ? rows.Diag[i] : LowerEnd(rows, i)) - rows.Ptr[i];
            _ptr[i + 1] = _ptr[i] + lower;
        }
        _col = new int[_ptr[n]];
        _val = new T[_ptr[n]];
        var diag = new T[n];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(rows.Col, rows.Ptr[i], _col, _ptr[i], _ptr[i + 1] - _ptr[i]);
            Array.Copy(rows.Val, rows.Ptr[i], _val, _ptr[i], _ptr[i + 1] - _ptr[i]);
        }
        for (int i = 0; i < n; i++)
        {
            int rowStart = _ptr[i], rowEnd = _ptr[i + 1];
            for (int p = rowStart; p < rowEnd; p++)
            {
                int k = _col[p];
                // Subtract the dot product of row i (entries before p) and row k, both sorted: a merge.
                T s = _val[p];
                int q = _ptr[k], qEnd = _ptr[k + 1], r = rowStart;
                while (r < p && q < qEnd)
                {
                    int cr = _col[r], cq = _col[q];
                    if (cr == cq) { s -= _val[r] * _val[q]; r++; q++; }
                    else if (cr < cq) r++;
                    else q++;
                }
                _val[p] = s * diag[k];   // diag holds 1 / L[k, k] for k < i
            }
            T pivot = rows.Diag[i] >= 0 ? rows.Val[rows.Diag[i]] : T.Zero;
            for (int p = rowStart; p < rowEnd; p++) pivot -= _val[p] * _val[p];
            if (!(pivot > T.Zero))
                throw new NotPositiveDefiniteException(i + 1, rows.Diag[i] < 0
                    ? $"incomplete cholesky: row {i} stores no diagonal entry A[{i}, {i}]; IC(0) needs a positive diagonal"
                    : $"incomplete cholesky: the pivot of row {i} is {pivot.ToString("G4", CultureInfo.InvariantCulture)}, not positive; A is not SPD or IC(0) breaks down on it (try Jacobi or SSOR, or shift the diagonal)");
            diag[i] = T.One / T.Sqrt(pivot);
        }
        _inverseDiagonal = diag;
    }

    private static int LowerEnd(CanonicalRows<T> rows, int i)
    {
        int p = rows.Ptr[i];
        while (p < rows.Ptr[i + 1] && rows.Col[p] < i) p++;
        return p;
    }

    /// <summary>Stored entries of L, its diagonal included.</summary>
    public long Nnz => _col.Length + _inverseDiagonal.Length;

    /// <inheritdoc />
    public int Rows => _inverseDiagonal.Length;

    /// <inheritdoc />
    public int Columns => _inverseDiagonal.Length;

    /// <inheritdoc />
    public bool HasRmatvec => true;

    /// <summary>y = (L L^T)^-1 x: a forward and a backward sweep over L. O(nnz(L)).</summary>
    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        OperatorChecks.Matvec("incomplete cholesky", Rows, Columns, x.Length, y.Length);
        x.CopyTo(y);
        var ptr = _ptr.AsSpan();
        TriangularSweeps.Lower(ptr[..^1], ptr[1..], _col, _val, _inverseDiagonal, y);
        TriangularSweeps.LowerTransposed(ptr[..^1], ptr[1..], _col, _val, _inverseDiagonal, y);
    }

    /// <summary>The same as <see cref="Matvec"/>: M^-1 is symmetric.</summary>
    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => Matvec(x, y);

    /// <summary>L as a sparse CSR matrix (a copy), for inspection: L L^T agrees with A on A's lower pattern.</summary>
    public SparseMatrix<T> L()
    {
        int n = Rows;
        var ptr = new int[n + 1];
        var col = new int[_col.Length + n];
        var val = new T[_col.Length + n];
        int at = 0;
        for (int i = 0; i < n; i++)
        {
            for (int p = _ptr[i]; p < _ptr[i + 1]; p++) { col[at] = _col[p]; val[at] = _val[p]; at++; }
            col[at] = i; val[at] = T.One / _inverseDiagonal[i]; at++;
            ptr[i + 1] = at;
        }
        return Sparse.Csr<T>(n, n, ptr, col, val);
    }
}
