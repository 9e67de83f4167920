using System.Numerics;

namespace Linea;

/// <summary>
/// The sparse Householder QR of an m x n sparse matrix A (from <see cref="Sparse.Qr{T}"/>), SuiteSparseQR's
/// <c>spqr</c> in spirit: A[:, P] = Q R with Q orthogonal, kept implicitly as sparse Householder vectors, and R sparse
/// upper triangular (n x n, CSC). When m &lt; n the factorization is of A^T instead (<see cref="FactorsTranspose"/>):
/// A^T[:, P] = Q R with R m x m, which gives the minimum-norm solution of the underdetermined system A x = b.
/// <para>Algorithm: multifrontal sparse Householder QR over the column elimination tree of A^T A (see
/// <see cref="Sparse.Qr{T}"/>).</para>
/// <para>Rank: a column whose part below the pivots already taken has norm at most <see cref="Tolerance"/> is declared
/// dependent (Heath's method, as SuiteSparseQR): it takes no pivot row, its entries there are dropped, and R's row k is
/// empty. <see cref="Rank"/> counts the other columns. Solves then return SuiteSparseQR's basic solution: the dependent
/// columns' unknowns are zero.</para>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SparseQr<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SparseQrFactors<T> _f;
    private readonly int[] _rowOrder;

    internal SparseQr(int rows, int columns, bool transposed, SparseQrFactors<T> factors, SparseOrdering ordering, T tolerance)
    {
        Rows = rows;
        Columns = columns;
        FactorsTranspose = transposed;
        _f = factors;
        _rowOrder = factors.RowOrder();
        Ordering = ordering;
        Tolerance = tolerance;
        int rank = 0;
        foreach (int p in factors.PivotRow) if (p >= 0) rank++;
        Rank = rank;
    }

    /// <summary>Rows of A (m).</summary>
    public int Rows { get; }

    /// <summary>Columns of A (n).</summary>
    public int Columns { get; }

    /// <summary>
    /// True when m &lt; n and the factorization is of A^T (n x m): then <see cref="R"/> is m x m,
    /// <see cref="ColumnPermutation"/> orders A's rows, and <see cref="ApplyQT"/> takes vectors of length n.
    /// </summary>
    public bool FactorsTranspose { get; }

    /// <summary>
    /// The upper triangular factor, k x k with k = min(m, n), in canonical CSC form (rows sorted within each column).
    /// Row j is empty for a dependent column j; R(j, j) may be of either sign. Explicit zeros of the structure are kept.
    /// </summary>
    public SparseMatrix<T> R => _f.R;

    /// <summary>
    /// P: entry k is the original column of A (of A^T when <see cref="FactorsTranspose"/>) placed at position k, so
    /// that A[:, P] = Q R.
    /// </summary>
    public ReadOnlySpan<int> ColumnPermutation => _f.Perm;

    /// <summary>
    /// The row order of Q^T: entry k is the row of the factored matrix whose transformed value <see cref="ApplyQT"/>
    /// places at position k. For k below the rank's columns it is the pivot row of R's row k.
    /// </summary>
    public ReadOnlySpan<int> RowPermutation => _rowOrder;

    /// <summary>The ordering that chose <see cref="ColumnPermutation"/> (Natural for a user permutation).</summary>
    public SparseOrdering Ordering { get; }

    /// <summary>The rank-detection threshold used on the remaining column norms (negative: only exact zeros).</summary>
    public T Tolerance { get; }

    /// <summary>The number of independent columns found (of A^T when <see cref="FactorsTranspose"/>): at most min(m, n).</summary>
    public int Rank { get; }

    /// <summary>Whether <see cref="Rank"/> is below min(m, n).</summary>
    public bool IsRankDeficient => Rank < Math.Min(Rows, Columns);

    /// <summary>Stored entries of R.</summary>
    public long NnzR => _f.R.Nnz;

    /// <summary>The number of fronts (dense blocks) the multifrontal factorization used; each holds one or more pivotal columns.</summary>
    public int FrontCount => _f.FrontCount;

    /// <summary>Stored entries of the Householder vectors that represent Q (each front's vectors below their pivots, plus one per reflector).</summary>
    public long NnzQ => _f.NnzV;

    /// <summary>
    /// Q^T b with the rows in <see cref="RowPermutation"/>'s order: a vector c of b's length (m, or n when
    /// <see cref="FactorsTranspose"/>) with c[k] pairing with R's row k for the live columns k; for a full-rank tall A,
    /// ||c[n..]|| is the least-squares residual norm. O(nnz(Q) + m).
    /// </summary>
    /// <exception cref="ShapeMismatchException">b's length differs from the factored matrix's rows.</exception>
    /// <exception cref="NonFiniteException">b holds NaN or infinity.</exception>
    public T[] ApplyQT(ReadOnlySpan<T> b)
    {
        CheckVector("sparse qr apply_qt", b, _f.Rows);
        var y = b.ToArray();
        _f.ApplyQTInPlace(y);
        var c = new T[y.Length];
        for (int k = 0; k < c.Length; k++) c[k] = y[_rowOrder[k]];
        return c;
    }

    /// <summary>
    /// The least-squares solution of min ||A x - b|| (m &gt;= n), or the minimum-norm solution of A x = b (m &lt; n),
    /// b of length m, x of length n. Rank-deficient A gives the basic solution: unknowns of dependent columns are zero
    /// (for m &lt; n: dependent equations are dropped and the minimum-norm solution of the others returned).
    /// O(nnz(Q) + nnz(R) + m + n); allocates b's copy and x.
    /// </summary>
    /// <exception cref="ShapeMismatchException">b's length is not m.</exception>
    /// <exception cref="NonFiniteException">b holds NaN or infinity.</exception>
    public T[] Solve(ReadOnlySpan<T> b)
    {
        CheckVector("sparse qr solve", b, Rows);
        var perm = _f.Perm;
        if (!FactorsTranspose)
        {
            var y = b.ToArray();
            _f.ApplyQTInPlace(y);
            var z = new T[Columns];
            for (int k = 0; k < z.Length; k++) z[k] = _f.PivotRow[k] >= 0 ? y[_f.PivotRow[k]] : T.Zero;
            _f.SolveUpperInPlace(z);
            var x = new T[Columns];
            for (int k = 0; k < z.Length; k++) x[perm[k]] = z[k];
            return x;
        }
        else
        {
            // A = P R^T Q^T: R^T (Q^T x) = P^T b, and x = Q [z; 0] has the least norm among the solutions.
            var z = new T[Rows];
            for (int k = 0; k < z.Length; k++) z[k] = b[perm[k]];
            _f.SolveUpperTransposedInPlace(z);
            var x = new T[Columns];
            for (int k = 0; k < z.Length; k++) if (_f.PivotRow[k] >= 0) x[_f.PivotRow[k]] = z[k];
            _f.ApplyQInPlace(x);
            return x;
        }
    }

    private static void CheckVector(string op, ReadOnlySpan<T> b, int length)
    {
        if (b.Length != length)
            ThrowHelper.ShapeMismatch(op, $"b has length {b.Length}; expected {length}", new Shape([b.Length]), new Shape([length]));
        for (int i = 0; i < b.Length; i++)
            if (!T.IsFinite(b[i])) throw new NonFiniteException($"{op}: b[{i}] is {b[i]}; the sparse QR needs finite input");
    }

    /// <summary>A one-line summary: shape, rank, nnz(R), ordering.</summary>
    public override string ToString() =>
        $"SparseQr<{typeof(T).Name}> ({Rows}, {Columns}){(FactorsTranspose ? " of A^T" : "")}, rank {Rank}, nnz(R)={NnzR}, nnz(Q)={NnzQ}, {FrontCount} fronts, ordering {Ordering}";
}
