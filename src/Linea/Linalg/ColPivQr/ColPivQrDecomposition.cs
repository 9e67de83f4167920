using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// QR with column pivoting, A P = Q R (LAPACK's geqp3): P a permutation, Q orthogonal, R upper triangular
/// (trapezoidal when n &gt; m) with |R_00| &gt;= |R_11| &gt;= ... &gt;= |R_kk|, k = min(m, n), so the numerical rank shows
/// on R's diagonal. <see cref="Solve"/> gives the minimum-norm least-squares solution through a complete orthogonal
/// decomposition (the trapezoid [R11 R12] reduced by reflectors from the right, as LAPACK's gelsy).
/// Rank revealing in practice but not guaranteed: the Kahan matrix keeps |R_kk| far above its smallest singular value.
/// Prefer <see cref="QrDecomposition{T}"/> (blocked, faster) for full-rank problems. The pivoted factorization here is
/// level 2 (about 4 m n k flops, not blocked).
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class ColPivQrDecomposition<T> : ILinearSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _qr;
    private readonly T[] _tau;
    private readonly int[] _jpvt;
    private (int Rank, T[] Packed, T[] Tau)? _cod;

    /// <summary>Number of rows m.</summary>
    public int Rows { get; }

    /// <summary>Number of columns n.</summary>
    public int Columns { get; }

    /// <summary>Factors <paramref name="a"/> (copied, any strides). O(m n k), level 2; later products with Q use up to
    /// <paramref name="parallelism"/> threads (<see cref="Parallelism.Default"/> when null).</summary>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not a matrix.</exception>
    /// <exception cref="NonFiniteException"><paramref name="a"/> holds NaN or infinity.</exception>
    public ColPivQrDecomposition(NDArray<T> a, Parallelism? parallelism = null)
    {
        _parallelism = parallelism ?? Parallelism.Default;
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2) ThrowHelper.ShapeMismatch("colpivqr", $"needs a matrix (2-d), got shape {a.Shape}", a.Shape);
        Linalg.RequireFinite("colpivqr", a);
        Rows = a.IntDims[0];
        Columns = a.IntDims[1];
        _qr = ColMajor.FromMatrix(a);
        _tau = new T[Math.Min(Rows, Columns)];
        _jpvt = new int[Columns];
        Geqp3.Factor(PackedView, _tau, _jpvt);
    }

    /// <summary>Factors a column-major m x n work array in place (taken over, ld = max(m, 1)).</summary>
    internal ColPivQrDecomposition(int m, int n, T[] colMajor, Parallelism parallelism)
    {
        _parallelism = parallelism;
        Rows = m;
        Columns = n;
        _qr = colMajor;
        _tau = new T[Math.Min(m, n)];
        _jpvt = new int[n];
        Geqp3.Factor(PackedView, _tau, _jpvt);
    }

    private readonly Parallelism _parallelism;

    private int K => _tau.Length;
    private int Ld => Math.Max(Rows, 1);

    /// <summary>The packed factorization as a column-major Rows x Columns view.</summary>
    private MatrixView<T> PackedView => MatrixView<T>.ColumnMajor(_qr, 0, Rows, Columns, Ld);

    /// <summary>The column order: column j of A P is column <c>Permutation[j]</c> of A.</summary>
    public ReadOnlySpan<int> Permutation => _jpvt;

    /// <summary>P as an n x n matrix of zeros and ones, with A P = Q R.</summary>
    public NDArray<T> P
    {
        get
        {
            if ((double)Columns * Columns > Array.MaxLength)
                ThrowHelper.ResultTooLarge("colpiv_qr", $"P of shape ({Columns}, {Columns})", (double)Columns * Columns,
                    System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), $"a dense result holds at most {Array.MaxLength:#,0} elements");
            var p = NDArray.Zeros<T>(Columns, Columns);
            for (int j = 0; j < Columns; j++) p[_jpvt[j], j] = T.One;
            return p;
        }
    }

    /// <summary>The reduced Q (m x k). O(m k^2).</summary>
    public NDArray<T> Q => GetQ(QrMode.Reduced);

    /// <summary>The reduced R (k x n), with non-increasing |R_ii|.</summary>
    public NDArray<T> R => GetR(QrMode.Reduced);

    /// <summary>Q as m x k (reduced) or m x m (complete).</summary>
    public NDArray<T> GetQ(QrMode mode)
    {
        return CompactQr.FormQ(_qr, _tau, Ld, Rows, K, mode, QrParams.Auto, _parallelism);
    }

    /// <summary>R as k x n (reduced) or m x n (complete).</summary>
    public NDArray<T> GetR(QrMode mode)
    {
        return CompactQr.ExtractR(_qr, Ld, Rows, Columns, K, mode);
    }

    /// <summary>|R_00|, |R_11|, ...: k non-increasing values whose decay shows the numerical rank.</summary>
    public T[] DiagonalMagnitudes()
    {
        var d = new T[K];
        for (int i = 0; i < K; i++) d[i] = T.Abs(_qr[i + i * Ld]);
        return d;
    }

    /// <summary>
    /// The numerical rank: the number of |R_ii| greater than <paramref name="tolerance"/>, by default
    /// |R_00| max(m, n) eps (NumPy's matrix_rank tolerance with |R_00| standing in for the largest singular value).
    /// </summary>
    public int Rank(double? tolerance = null)
    {
        if (K == 0) return 0;
        T r00 = T.Abs(_qr[0]);
        T tol = tolerance is double t ? T.CreateTruncating(t) : r00 * T.CreateTruncating(Math.Max(Rows, Columns)) * Precision.Eps<T>();
        int r = 0;
        while (r < K && T.Abs(_qr[r + r * Ld]) > tol) r++;
        return r;
    }

    /// <summary>A P^T = Q R P^T, which equals A to about n eps ||A||. O(m n k).</summary>
    public NDArray<T> Reconstruct()
    {
        var c = new T[Ld * Columns];
        for (int j = 0; j < Columns; j++)
            for (int i = 0; i <= Math.Min(j, K - 1); i++) c[i + j * Ld] = _qr[i + j * Ld];
        Ormqr.ApplyLeft(false, PackedView, K, _tau, MatrixView<T>.ColumnMajor(c, 0, Rows, Columns, Ld), QrParams.Auto, _parallelism);
        var a = new T[Rows * Columns];
        for (int j = 0; j < Columns; j++)
            for (int i = 0; i < Rows; i++) a[i * Columns + _jpvt[j]] = c[i + j * Ld];
        return NDArray.Wrap(a, Rows, Columns);
    }

    /// <summary>
    /// The minimum-norm least-squares solution of A x ~ b with A truncated to numerical rank
    /// <see cref="Rank(double?)"/>(<paramref name="tolerance"/>): x = P Z^T [T11^{-1} (Q^T b)[:r]; 0] (LAPACK's gelsy).
    /// b is (m,) or (m, s); x is (n,) or (n, s). O(m n s + r^2 n).
    /// </summary>
    /// <exception cref="ShapeMismatchException">b's first axis is not m.</exception>
    /// <exception cref="NonFiniteException">b holds NaN or infinity.</exception>
    public NDArray<T> Solve(NDArray<T> b, double? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank is not (1 or 2) || b.IntDims[0] != Rows)
            ThrowHelper.ShapeMismatch("colpivqr.solve", $"A has shape ({Rows}, {Columns}) but b has shape {b.Shape}: b must be ({Rows},) or ({Rows}, s)", new Shape([Rows, Columns]), b.Shape);
        Linalg.RequireFinite("colpivqr.solve", b, "b");
        var c = ColMajor.FromRhs(b, Ld, out int nrhs);
        var cv = MatrixView<T>.ColumnMajor(c, 0, Rows, nrhs, Ld);
        ApplyQT(cv, _parallelism);
        var x = SolveTransformed(cv, Rank(tolerance));
        return ColMajor.ToRhs(x, Math.Max(Columns, 1), Columns, nrhs, b.Rank == 1);
    }

    /// <summary>The minimum-norm least-squares solution with the default rank tolerance.</summary>
    NDArray<T> ILinearSolver<T>.Solve(NDArray<T> b) => Solve(b);

    /// <summary>c := Q^T c for the m x nrhs view c.</summary>
    internal void ApplyQT(in MatrixView<T> c, Parallelism parallelism) =>
        Ormqr.ApplyLeft(true, PackedView, K, _tau, c, QrParams.Auto, parallelism);

    /// <summary>
    /// x (n x nrhs, column-major, ld max(n, 1)) from the m x nrhs view c = Q^T b (first <paramref name="rank"/> rows
    /// used): the complete orthogonal decomposition solve at the given rank.
    /// </summary>
    internal T[] SolveTransformed(in MatrixView<T> c, int rank)
    {
        int nrhs = checked((int)c.Cols);
        int n = Columns, ldx = Math.Max(n, 1);
        var x = new T[ldx * nrhs];
        if (rank == 0) return x;
        var (packed, tz) = Cod(rank);
        var cod = MatrixView<T>.ColumnMajor(packed, 0, rank, n, rank);
        var y = new T[ldx];
        var yv = MatrixView<T>.ColumnMajor(y, 0, n, 1, ldx);
        for (int s = 0; s < nrhs; s++)
        {
            Array.Clear(y);
            for (int i = 0; i < rank; i++) y[i] = c[i, s];
            int bad = UpperTriangularSolve.Solve(cod.Block(0, 0, rank, rank), yv.Block(0, 0, rank, 1));
            if (bad >= 0) throw new SingularMatrixException(bad, $"colpivqr.solve: T[{bad}, {bad}] is exactly zero at rank {rank}");
            Tzrzf.ApplyZT(cod, tz, yv);
            for (int j = 0; j < n; j++) x[s * ldx + _jpvt[j]] = y[j];
        }
        return x;
    }

    /// <summary>The first rank rows of R reduced to [T11 0] Z (copied, cached per rank), ld = rank.</summary>
    private (T[] Packed, T[] Tau) Cod(int rank)
    {
        if (_cod is { } cached && cached.Rank == rank) return (cached.Packed, cached.Tau);
        int n = Columns;
        var p = new T[rank * n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i <= Math.Min(j, rank - 1); i++) p[i + j * rank] = _qr[i + j * Ld];
        var tau = new T[rank];
        Tzrzf.Factor(MatrixView<T>.ColumnMajor(p, 0, rank, n, rank), tau);
        _cod = (rank, p, tau);
        return (p, tau);
    }

    internal T[] Packed => _qr;
}
