using System.Numerics;

namespace Linea;

/// <summary>
/// The sparse LU factorization P A Q = L U of a square sparse matrix with threshold partial pivoting (SciPy's
/// <c>splu</c> result, SuperLU's <c>SuperLU</c> object), computed once by <see cref="Sparse.Lu{T}"/> and reused for
/// solves, transposed solves, the determinant and a condition estimate.
/// <para>
/// Algorithm (design note). Left-looking Gilbert-Peierls LU as in CSparse's cs_lu and KLU: column k of L and U is the
/// sparse triangular solve L x = A[:, Q[k]], its pattern found first by a depth-first search in the graph of L, so the
/// time is proportional to the flops. The columns are ordered first, as UMFPACK chooses its strategy: by AMD or nested
/// dissection on A + A^T when A's pattern is mostly symmetric with a mostly nonzero diagonal (meshes, circuits), where the
/// diagonal preference below keeps that ordering's fill, else by COLAMD on A^T A's pattern; the rows are chosen
/// during the elimination by threshold partial pivoting with a preference for the diagonal: the entry of row Q[k] is
/// the pivot when |x[Q[k]]| &gt;= <see cref="PivotThreshold"/> max_i |x[i]| over the rows not yet pivotal, otherwise
/// the largest one is (SuperLU's diag_pivot_thresh, UMFPACK's symmetric strategy). The default threshold 0.1 keeps the
/// growth factor bounded by 11 per step (1 + 1/tol) while keeping the column ordering's sparsity on near-symmetric
/// patterns (meshes, convection-diffusion) far more often than strict partial pivoting (tol = 1).
/// Once the columns left are dense enough (the last column's L part fills a quarter of the rows left, and the block is no
/// larger than the factors so far), they are factored as one dense block: their sparse solves against the columns
/// already done give the Schur complement, which Linea's blocked dense LU (partial pivoting, so within the block the
/// threshold test holds with tol = 1 and the diagonal is not preferred) factors on the caller's threads;
/// <see cref="DenseTailOrder"/> reports its order.
/// Multifrontal (design note). For UMFPACK's symmetric strategy (a symmetric ordering of a mostly symmetric pattern with
/// a nonzero diagonal: meshes, convection-diffusion) <see cref="Sparse.Lu{T}"/> runs a multifrontal LU instead
/// (<see cref="Method"/>): the supernodes of A + A^T's Cholesky analysis become dense fronts holding both their L columns
/// and their U rows, factored by a recursive LU whose pivots stay within the fully summed rows (same threshold rule,
/// tested against the whole front column), one TRSM and one GEMM per front, independent subtrees on parallel threads.
/// Column-at-a-time, the left-looking LU took about twice UMFPACK's numeric time on the 500 x 500 convection-diffusion
/// grid; the fronts run on the dense kernels. When a front has no acceptable pivot, the whole matrix is factored
/// left-looking under the same column order (see <see cref="MultifrontalLu{T}"/> for why not delayed pivots).
/// </para>
/// <para>
/// Refactoring (<see cref="Refactor"/>) with new values of the same pattern reuses the column ordering and tries the
/// old row order first, each pivot checked against the same threshold; when one fails, it pivots afresh.
/// </para>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SparseLu<T> : ILinearSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILuFactors<T> _f;
    private readonly long[] _patternPtr;
    private readonly int[] _patternIdx;
    private readonly double _anorm;
    private readonly Parallelism _parallelism;
    private readonly SparseLuParams _params;
    private T? _rcond;

    private SparseLu(ILuFactors<T> factors, long[] patternPtr, int[] patternIdx, double anorm, SparseOrdering ordering, double pivotThreshold,
        bool reusedPivots, SparseLuParams parameters, Parallelism parallelism)
    {
        _params = parameters;
        _parallelism = parallelism;
        _f = factors;
        _patternPtr = patternPtr;
        _patternIdx = patternIdx;
        _anorm = anorm;
        Ordering = ordering;
        PivotThreshold = pivotThreshold;
        ReusedPivotOrder = reusedPivots;
    }

    /// <summary>n, the number of rows of A.</summary>
    public int Rows => _f.Order;

    /// <summary>n, the number of columns of A.</summary>
    public int Columns => _f.Order;

    /// <summary>The column ordering applied (what <see cref="SparseOrdering.Auto"/> resolved to; Natural for a caller's permutation).</summary>
    public SparseOrdering Ordering { get; }

    /// <summary>The threshold tol in (0, 1] of the pivot test |pivot| &gt;= tol max |candidate|.</summary>
    public double PivotThreshold { get; }

    /// <summary>
    /// The numeric factorization that produced the factors: <see cref="SparseLuMethod.Multifrontal"/> or
    /// <see cref="SparseLuMethod.GilbertPeierls"/> (also when the multifrontal one was chosen but a front had no
    /// acceptable pivot and the whole matrix was refactored left-looking under the same column order).
    /// </summary>
    public SparseLuMethod Method => _f is MultifrontalLuFactors<T> ? SparseLuMethod.Multifrontal : SparseLuMethod.GilbertPeierls;

    /// <summary>Whether this factorization came from <see cref="Refactor"/> keeping the previous row order (no pivot failed its check).</summary>
    public bool ReusedPivotOrder { get; }

    /// <summary>
    /// The order of the trailing block that was factored as a dense matrix with partial pivoting (0 when every column was
    /// factored sparse). That block of L and U stays the dense array the dense LU factored in place (8 bytes an entry,
    /// against 12 for a sparse entry), and its triangular solves run by rows; <see cref="NnzL"/> and <see cref="NnzU"/>
    /// count its nonzeros.
    /// </summary>
    public int DenseTailOrder => _f.DenseTailOrder;

    /// <summary>
    /// The bytes the factors hold: L's and U's sparse columns (index and value arrays, pointers), the dense trailing block,
    /// and the two permutations. A copy of A's pattern (for <see cref="Refactor"/>, nnz(A) + n + 1 integers) is held besides.
    /// </summary>
    public long FactorBytes => _f.Bytes;

    /// <summary>Nonzeros stored in L, its unit diagonal included (as SuperLU counts them).</summary>
    public long NnzL => _f.NnzL;

    /// <summary>Nonzeros stored in U, its diagonal included.</summary>
    public long NnzU => _f.NnzU;

    /// <summary>The row permutation: row k of P A Q (and of L U) is row <c>RowPermutation[k]</c> of A. A new array.</summary>
    public int[] RowPermutation => (int[])_f.RowOrder.Clone();

    /// <summary>The column permutation: column k of P A Q is column <c>ColumnPermutation[k]</c> of A. A new array.</summary>
    public int[] ColumnPermutation => (int[])_f.ColumnOrder.Clone();

    /// <summary>L, n x n unit lower triangular in CSC with sorted indices (a new matrix; O(nnz(L) log) to build).</summary>
    public SparseMatrix<T> L => ToCsc(_f.Expanded(lower: true));

    /// <summary>U, n x n upper triangular in CSC with sorted indices (a new matrix).</summary>
    public SparseMatrix<T> U => ToCsc(_f.Expanded(lower: false));

    private SparseMatrix<T> ToCsc((int[] Ptr, int[] Idx, T[] Val) f)
    {
        var (ptr, idx, val) = f;
        var p = new long[ptr.Length];
        for (int i = 0; i < ptr.Length; i++) p[i] = ptr[i];
        int nnz = ptr[^1];
        return Sparse.Csc<T>(_f.Order, _f.Order, p, idx.AsSpan(0, nnz), val.AsSpan(0, nnz)).SortIndices();
    }

    /// <summary>det A = sign(P) sign(Q) prod U[k, k]. May overflow or underflow for large n: see <see cref="LogAbsDeterminant"/>. O(n).</summary>
    public T Determinant
    {
        get
        {
            T d = PermutationParity(_f.RowOrder) == PermutationParity(_f.ColumnOrder) ? T.One : -T.One;
            for (int k = 0; k < _f.Order; k++) d *= _f.Pivot(k);
            return d;
        }
    }

    /// <summary>log |det A| = sum log |U[k, k]| (never overflows). O(n).</summary>
    public T LogAbsDeterminant
    {
        get
        {
            T s = T.Zero;
            for (int k = 0; k < _f.Order; k++) s += T.Log(T.Abs(_f.Pivot(k)));
            return s;
        }
    }

    /// <summary>
    /// An estimate of the reciprocal 1-norm condition number 1 / (||A||_1 ||A^-1||_1) (LAPACK gecon's Hager-Higham
    /// estimator: about five solves and transposed solves with the factors, O(nnz(L) + nnz(U)) each; computed on
    /// first use). The estimate of ||A^-1||_1 is a lower bound, almost always within a factor 3, so RCond is at most
    /// about three times too large. 1 for a 0 x 0 matrix.
    /// </summary>
    public T RCond => _rcond ??= ComputeRCond();

    private T ComputeRCond()
    {
        int n = _f.Order;
        if (n == 0) return T.One;
        if (_anorm == 0) return T.Zero;
        var work = new T[n];
        double inv = OneNormEstimator.InverseNorm<T>(n, x => _f.Solve(x, x, work), x => _f.SolveTransposed(x, x, work));
        if (inv == 0 || double.IsNaN(inv)) return T.Zero;
        return T.CreateTruncating(1 / _anorm / inv);
    }

    /// <summary>
    /// X with A X = B, for B (n,) or (n, k); the result has B's shape. O(k (nnz(L) + nnz(U))) time, O(n) workspace
    /// besides the result.
    /// </summary>
    /// <exception cref="ShapeMismatchException">B is not 1-d or 2-d, or its first axis is not n.</exception>
    public NDArray<T> Solve(NDArray<T> b) => SolveTensor("sparse lu.solve", b, transposed: false);

    /// <summary>X with A^T X = B, for B (n,) or (n, k). O(k (nnz(L) + nnz(U))).</summary>
    /// <exception cref="ShapeMismatchException">B is not 1-d or 2-d, or its first axis is not n.</exception>
    public NDArray<T> SolveTransposed(NDArray<T> b) => SolveTensor("sparse lu.solve_transposed", b, transposed: true);

    /// <summary>x with A x = b, into <paramref name="x"/> (length n; may be b's own storage). O(nnz(L) + nnz(U)), O(n) workspace.</summary>
    /// <exception cref="ArgumentException">b or x does not have length n.</exception>
    public void Solve(ReadOnlySpan<T> b, Span<T> x)
    {
        CheckLengths("sparse lu.solve", b.Length, x.Length);
        _f.Solve(b, x, new T[_f.Order]);
    }

    /// <summary>x with A^T x = b, into <paramref name="x"/> (length n; may be b's own storage). O(nnz(L) + nnz(U)).</summary>
    /// <exception cref="ArgumentException">b or x does not have length n.</exception>
    public void SolveTransposed(ReadOnlySpan<T> b, Span<T> x)
    {
        CheckLengths("sparse lu.solve_transposed", b.Length, x.Length);
        _f.SolveTransposed(b, x, new T[_f.Order]);
    }

    private void CheckLengths(string op, int bLength, int xLength)
    {
        if (bLength != _f.Order) ThrowHelper.Argument(op, "b", $"b has length {bLength}, the factored matrix is {_f.Order} x {_f.Order}");
        if (xLength != _f.Order) ThrowHelper.Argument(op, "x", $"x has length {xLength}, the factored matrix is {_f.Order} x {_f.Order}");
    }

    private NDArray<T> SolveTensor(string op, NDArray<T> b, bool transposed)
    {
        int n = _f.Order;
        var x = MatrixArgs.RhsCopy(op, new Shape([n, n]), n, b, out _);
        int k = b.Rank == 1 ? 1 : b.IntDims[1];
        var data = x.Data;
        var work = new T[n];
        var column = k == 1 ? data : new T[n];
        for (int c = 0; c < k; c++)
        {
            if (k > 1) for (int i = 0; i < n; i++) column[i] = data[i * k + c];
            if (transposed) _f.SolveTransposed(column.AsSpan(0, n), column.AsSpan(0, n), work);
            else _f.Solve(column.AsSpan(0, n), column.AsSpan(0, n), work);
            if (k > 1) for (int i = 0; i < n; i++) data[i * k + c] = column[i];
        }
        return x;
    }

    /// <summary>
    /// A rebuilt as the dense n x n product P^T L U Q^T (for checking backward errors on small matrices). Time
    /// O(sum over columns of U of nnz(L[:, i])) plus n^2 to allocate; memory n^2.
    /// </summary>
    public NDArray<T> Reconstruct()
    {
        int n = _f.Order;
        var a = new NDArray<T>([n, n]);
        var d = a.Data;
        var (lp, li, lx) = _f.Expanded(lower: true);
        var (up, ui, ux) = _f.Expanded(lower: false);
        for (int k = 0; k < n; k++)
        {
            int colA = _f.ColumnOrder[k];
            for (int t = up[k]; t < up[k + 1]; t++)
            {
                int i = ui[t];
                T u = ux[t];
                for (int s = lp[i]; s < lp[i + 1]; s++) d[(long)_f.RowOrder[li[s]] * n + colA] += lx[s] * u;
            }
        }
        return a;
    }

    /// <summary>
    /// The factorization of <paramref name="a"/>, a matrix with the same shape and nonzero pattern as the one factored
    /// here but new values (a Newton step, a time step). Reuses the column ordering (no ordering cost) and tries this
    /// factorization's row order first, checking each pivot against <see cref="PivotThreshold"/> (a dense trailing block,
    /// see <see cref="DenseTailOrder"/>, starts at the same column and pivots afresh within itself); if any fails, it
    /// refactors with fresh threshold pivoting under the same column ordering (<see cref="ReusedPivotOrder"/> tells which
    /// happened). Multifrontal factors reuse the analysis (supernodes, fronts) and pivot afresh within the fronts, which
    /// costs no more than checking the old pivots (<see cref="ReusedPivotOrder"/>: the row order came out the same), with
    /// the same fallback to the left-looking LU. Time as a fresh numeric factorization; this object is unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">a's shape or pattern differs from the factored matrix's.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">a is singular (the message names the column, in A's numbering).</exception>
    public SparseLu<T> Refactor(SparseMatrix<T> a)
    {
        const string op = "sparse lu.refactor";
        ArgumentNullException.ThrowIfNull(a);
        var csc = SparseLuFactory.Prepare(op, a);
        if (csc.Rows != _f.Order || !SamePattern(csc))
            ThrowHelper.Argument(op, nameof(a), $"the matrix ({csc.Rows} x {csc.Columns}, {csc.Nnz} stored entries) does not have the pattern of the factored {_f.Order} x {_f.Order} matrix ({_patternIdx.Length} entries); use Sparse.Lu");
        ILuFactors<T>? f;
        bool reused;
        if (_f is MultifrontalLuFactors<T> mf)
        {
            // the same analysis, pivoting afresh within the fronts (as cheap as checking the old pivots); the left-looking
            // LU under the same column order when a front has no acceptable pivot
            f = MultifrontalLu<T>.Factor(mf.Plan, csc, PivotThreshold, _params.PanelLeaf, _parallelism, out _);
            f ??= SparseLuFactory.Factor(op, csc, new SparseLuAnalysis(_f.ColumnOrder, Ordering, mf.Plan.Symbolic.ColumnCounts, null), PivotThreshold, _params, _parallelism);
            reused = f.RowOrder.AsSpan().SequenceEqual(_f.RowOrder);
        }
        else
        {
            var gp = (LuFactors<T>)_f;
            // the same pivots give the same sparse parts: the arrays are sized to them exactly
            var g = GilbertPeierlsLu.Factor(csc, gp.Q, PivotThreshold, gp.P, gp.DenseTailOrder, gp.Lp[gp.N], gp.Up[gp.N], _parallelism, out var failure, out int step);
            reused = g is not null;
            if (g is null && failure == GilbertPeierlsLu.Failure.PivotRejected)
                g = GilbertPeierlsLu.Factor(csc, gp.Q, PivotThreshold, null, gp.DenseTailOrder, gp.Lp[gp.N], gp.Up[gp.N], _parallelism, out failure, out step);
            if (g is null) SparseLuFactory.ThrowFailure(op, csc, gp.Q, failure, step);
            f = g;
        }
        return new SparseLu<T>(f!, _patternPtr, _patternIdx, SparseLuFactory.Norm1(csc), Ordering, PivotThreshold, reused, _params, _parallelism);
    }

    private bool SamePattern(SparseMatrix<T> csc)
    {
        if (csc.Nnz != _patternIdx.Length) return false;
        if (!csc.Ptr.AsSpan().SequenceEqual(_patternPtr)) return false;
        return csc.Idx.Span(0, _patternIdx.Length).SequenceEqual(_patternIdx);
    }

    internal static SparseLu<T> Create(ILuFactors<T> f, SparseMatrix<T> csc, double anorm, SparseOrdering ordering, double tol, SparseLuParams parameters,
        Parallelism parallelism) =>
        new(f, (long[])csc.Ptr.Clone(), csc.Idx.Span(0, (int)csc.Nnz).ToArray(), anorm, ordering, tol, reusedPivots: false, parameters, parallelism);

    private static bool PermutationParity(int[] p)
    {
        var seen = new bool[p.Length];
        bool odd = false;
        for (int i = 0; i < p.Length; i++)
        {
            if (seen[i]) continue;
            int len = 0;
            for (int j = i; !seen[j]; j = p[j]) { seen[j] = true; len++; }
            if (len % 2 == 0) odd = !odd;
        }
        return odd;
    }
}
