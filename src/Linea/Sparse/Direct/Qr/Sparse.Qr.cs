using System.Numerics;

namespace Linea;

public static partial class Sparse
{
    /// <summary>
    /// The sparse Householder QR of the m x n matrix <paramref name="a"/> (SuiteSparseQR's <c>spqr</c>): A[:, P] = Q R
    /// for m &gt;= n; for m &lt; n, the QR of A^T (for minimum-norm solutions; see <see cref="SparseQr{T}.FactorsTranspose"/>).
    /// <para>Ordering: P comes from <paramref name="ordering"/> on the column structure (Auto means COLAMD once it is
    /// available, Natural until then), or is <paramref name="permutation"/> when given (entry k = original column at
    /// position k).</para>
    /// <para>Algorithm: multifrontal, as SuiteSparseQR (sequential). The column elimination tree of A^T A gives each
    /// row's place; chains of the tree are merged into fronts (relaxed amalgamation: at most 64 pivotal columns, explicit
    /// zeros added to R kept to about a tenth); each front is a dense block assembled from the rows whose first column it
    /// owns and its children's contribution blocks, reduced by Householder reflections, and its upper trapezoidal
    /// contribution block (at most as many rows as remaining columns) goes to its parent. Front rows are kept sorted by
    /// their first column (a staircase) so each reflector spans only the rows that reach its column. The pivotal columns
    /// are reduced one at a time (rank detection needs each column's norm before it is used); wide contribution parts
    /// in panels of 32 through GEMM-based block reflectors, the only threaded part (<paramref name="parallelism"/>).
    /// Q is the fronts' reflectors, applied front by front. Fronts are processed one after another (no tree parallelism).</para>
    /// <para>Rank detection (Heath, as SuiteSparseQR): a column whose remaining norm is at most <paramref name="tolerance"/>
    /// (default 20 (m + n) eps times the largest column norm of the factored matrix; a negative value means only exact
    /// zeros) is dependent: <see cref="SparseQr{T}.Rank"/> reports it, and solves set its unknown to zero.</para>
    /// <para>Time: the fronts' dense flops (about the sum over fronts of rows x columns^2); memory O(nnz(Q) + nnz(R) + m + n)
    /// plus the largest front and the contribution blocks waiting for their parents (a CSR input is converted to CSC first,
    /// O(nnz), except through the transpose view when m &lt; n).</para>
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="NonFiniteException">A holds NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is NaN.</exception>
    /// <exception cref="ArgumentException"><paramref name="permutation"/> is not a permutation of the columns.</exception>
    /// <exception cref="NotSupportedException">The ordering is not available yet.</exception>
    /// <exception cref="TensorTooLargeException">A front would exceed one managed array (2^31 elements).</exception>
    public static SparseQr<T> Qr<T>(SparseMatrix<T> a, SparseOrdering ordering = SparseOrdering.Auto, double? tolerance = null,
        int[]? permutation = null, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = "sparse qr";
        ArgumentNullException.ThrowIfNull(a);
        if (tolerance is double tl && double.IsNaN(tl))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tl, $"{op}: tolerance must be a number (negative: only exact zeros are dependent), got NaN");
        bool transposed = a.Rows < a.Columns;
        // The factored matrix F is tall: A itself, or A^T (whose CSC form is A's CSR arrays, no copy when A is CSR).
        var f = (transposed ? a.T : a).ToCsc();
        RequireFiniteValues(op, f, transposed);
        var (perm, used) = FillReducingOrder.Compute(op, f, ordering, symmetric: false, permutation);
        T tol = tolerance is double t ? T.CreateTruncating(t) : DefaultQrTolerance(f);
        var factors = MultifrontalQr.Factor(op, f, perm, tol, parallelism ?? Parallelism.Default);
        return new SparseQr<T>(a.Rows, a.Columns, transposed, factors, used, tol);
    }

    /// <summary>
    /// The least-squares solution of min ||A x - b||_2 for a sparse m x n A (m &gt;= n), or the minimum-norm solution
    /// of A x = b (m &lt; n), through <see cref="Qr{T}"/> (SuiteSparseQR's <c>spqr_solve</c>; SciPy has no sparse QR
    /// least squares, only the iterative <c>lsqr</c>/<c>lsmr</c>). b has length m; the solution length n.
    /// Rank-deficient A is reported in the result (<see cref="SparseLstsqResult{T}.Rank"/>), not thrown, and gives the
    /// basic solution (unknowns of dependent columns zero). Cost: the factorization, one application of Q^T, one
    /// triangular solve, and one product with A for the residual.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="ShapeMismatchException">b's length is not m.</exception>
    /// <exception cref="NonFiniteException">A or b holds NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is NaN.</exception>
    public static SparseLstsqResult<T> Lstsq<T>(SparseMatrix<T> a, ReadOnlySpan<T> b, SparseOrdering ordering = SparseOrdering.Auto,
        double? tolerance = null, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (b.Length != a.Rows)
            ThrowHelper.ShapeMismatch("sparse lstsq", $"A has shape ({a.Rows}, {a.Columns}) and b has length {b.Length}: b must have {a.Rows} entries",
                a.Shape, new Shape([b.Length]));
        var qr = Qr(a, ordering, tolerance, parallelism: parallelism);
        var x = qr.Solve(b);
        var r = new T[a.Rows];
        a.Matvec(x, r, parallelism ?? Parallelism.Default);
        T scale = T.Zero, ssq = T.Zero;
        for (int i = 0; i < r.Length; i++) scale = T.Max(scale, T.Abs(b[i] - r[i]));
        if (scale > T.Zero)
            for (int i = 0; i < r.Length; i++)
            {
                T s = (b[i] - r[i]) / scale;
                ssq += s * s;
            }
        return new SparseLstsqResult<T>(x, qr.Rank, a.Rows, a.Columns, double.CreateTruncating(scale * T.Sqrt(ssq)), qr);
    }

    /// <summary>SuiteSparseQR's default: 20 (m + n) eps times the largest column 2-norm of F.</summary>
    private static T DefaultQrTolerance<T>(SparseMatrix<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T maxNorm = T.Zero;
        for (int j = 0; j < f.Columns; j++)
        {
            T scale = T.Zero, ssq = T.Zero;
            foreach (T v in f.RunValues(j)) scale = T.Max(scale, T.Abs(v));
            if (scale == T.Zero) continue;
            foreach (T v in f.RunValues(j)) { T s = v / scale; ssq += s * s; }
            maxNorm = T.Max(maxNorm, scale * T.Sqrt(ssq));
        }
        T eps = T.BitIncrement(T.One) - T.One;
        return T.CreateTruncating(20.0 * ((double)f.Rows + f.Columns)) * eps * maxNorm;
    }

    /// <summary>Throws when the factored matrix F (A, or A^T when <paramref name="transposed"/>) holds NaN or infinity, naming A's entry.</summary>
    private static void RequireFiniteValues<T>(string op, SparseMatrix<T> f, bool transposed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < f.Columns; j++)
        {
            var idx = f.RunIndices(j);
            var val = f.RunValues(j);
            for (int p = 0; p < val.Length; p++)
                if (!T.IsFinite(val[p]))
                {
                    var (row, column) = transposed ? (j, idx[p]) : (idx[p], j);
                    throw new NonFiniteException($"{op}: A[{row}, {column}] is {val[p]}; the sparse QR needs finite values");
                }
        }
    }
}
