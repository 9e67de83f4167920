using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// The Householder QR factorization A = Q R of an m x n matrix (LAPACK's geqrf, blocked with the compact WY form):
/// Q orthogonal, R upper triangular (upper trapezoidal when n &gt; m), k = min(m, n). Q is kept as k reflectors and
/// formed only on request; <see cref="ApplyQT"/> and <see cref="Solve"/> use the reflectors directly.
/// Factoring costs about 2 m n^2 - 2 n^3 / 3 flops. Diagonal entries of R may be negative (as in LAPACK and NumPy).
/// Prefer <see cref="ColPivQrDecomposition{T}"/> or <c>Linalg.Lstsq</c>
/// when A may be rank deficient: plain QR does not reveal rank.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class QrDecomposition<T> : ILinearSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _qr;   // column-major m x n: R on and above the diagonal, reflectors below
    private readonly T[] _tau;  // k scalars

    /// <summary>Number of rows m of A.</summary>
    public int Rows { get; }

    /// <summary>Number of columns n of A.</summary>
    public int Columns { get; }

    /// <summary>The block sizes used for the factorization and for forming and applying Q.</summary>
    public QrParams Params { get; }

    internal T[] Packed => _qr;
    internal T[] Tau => _tau;

    /// <summary>Factors the matrix <paramref name="a"/> (any strides; it is copied, not modified).</summary>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not a matrix (rank 2).</exception>
    /// <exception cref="NonFiniteException"><paramref name="a"/> holds NaN or infinity.</exception>
    /// <param name="a">The m x n matrix.</param>
    /// <param name="parameters">Block sizes (<see cref="QrParams.Auto"/> when null).</param>
    /// <param name="parallelism">Threads for the factorization and this object's products (<see cref="Parallelism.Default"/> when null).</param>
    public QrDecomposition(NDArray<T> a, QrParams? parameters = null, Parallelism? parallelism = null) : this("qr", a, parameters, parallelism ?? Parallelism.Default) { }

    private readonly Parallelism _parallelism;

    /// <summary>As the public constructor; <paramref name="op"/> names the operation (or the matrix of a stack) in messages.</summary>
    internal QrDecomposition(string op, NDArray<T> a, QrParams? parameters, Parallelism parallelism)
    {
        _parallelism = parallelism;
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2) ThrowHelper.ShapeMismatch(op, $"needs a matrix (2-d), got shape {a.Shape}; for a stack (..., m, n) use Linalg.Qr", a.Shape);
        Linalg.RequireFinite(op, a);
        Params = parameters ?? QrParams.Auto;
        Rows = a.IntDims[0];
        Columns = a.IntDims[1];
        _qr = ColMajor.FromMatrix(a);
        _tau = new T[Math.Min(Rows, Columns)];
        Geqrf.Blocked(PackedView, _tau, Params, parallelism);
    }

    private int K => _tau.Length;
    private int Ld => Math.Max(Rows, 1);

    /// <summary>The packed factorization as a column-major Rows x Columns view.</summary>
    private MatrixView<T> PackedView => MatrixView<T>.ColumnMajor(_qr, 0, Rows, Columns, Ld);

    /// <summary>The reduced Q: m x k with orthonormal columns. O(m k^2) to form (blocked, through GEMM).</summary>
    public NDArray<T> Q => GetQ(QrMode.Reduced);

    /// <summary>The reduced R: k x n upper triangular (trapezoidal when n &gt; m). O(k n) to copy out.</summary>
    public NDArray<T> R => GetR(QrMode.Reduced);

    /// <summary>Q as <paramref name="mode"/> asks: m x k (reduced) or m x m (complete).</summary>
    public NDArray<T> GetQ(QrMode mode)
    {
        return CompactQr.FormQ(_qr, _tau, Ld, Rows, K, mode, Params, _parallelism);
    }

    /// <summary>R as <paramref name="mode"/> asks: k x n (reduced) or m x n with zero rows below (complete).</summary>
    public NDArray<T> GetR(QrMode mode)
    {
        return CompactQr.ExtractR(_qr, Ld, Rows, Columns, K, mode);
    }

    /// <summary>Q^T b for b of shape (m,) or (m, r), without forming Q. O(m k r).</summary>
    /// <exception cref="ShapeMismatchException">b's first axis is not m, or b is not a vector or matrix.</exception>
    public NDArray<T> ApplyQT(NDArray<T> b) => Apply("qr.apply_qt", b, transpose: true);

    /// <summary>Q b for b of shape (m,) or (m, r), without forming Q. O(m k r).</summary>
    /// <exception cref="ShapeMismatchException">b's first axis is not m, or b is not a vector or matrix.</exception>
    public NDArray<T> ApplyQ(NDArray<T> b) => Apply("qr.apply_q", b, transpose: false);

    private NDArray<T> Apply(string op, NDArray<T> b, bool transpose)
    {
        CheckRhs(op, b);
        var c = ColMajor.FromRhs(b, Ld, out int nrhs);
        Ormqr.ApplyLeft(transpose, PackedView, K, _tau, MatrixView<T>.ColumnMajor(c, 0, Rows, nrhs, Ld), Params, _parallelism);
        return ColMajor.ToRhs(c, Ld, Rows, nrhs, b.Rank == 1);
    }

    /// <summary>
    /// The least-squares solution x minimising ||A x - b||_2 for full-column-rank A with m &gt;= n (the exact solution
    /// when m = n): x = R^{-1} (Q^T b)[:n]. b is (m,) or (m, r); x is (n,) or (n, r). O(m n r).
    /// </summary>
    /// <exception cref="ShapeMismatchException">b's first axis is not m, or m &lt; n (underdetermined: use Lstsq).</exception>
    /// <exception cref="SingularMatrixException">A diagonal entry of R is exactly zero (A is rank deficient).</exception>
    public NDArray<T> Solve(NDArray<T> b)
    {
        CheckRhs("qr.solve", b);
        if (Rows < Columns)
            ThrowHelper.ShapeMismatch("qr.solve", $"A of shape ({Rows}, {Columns}) has fewer rows than columns, so least squares has no unique solution; use Linalg.Lstsq for the minimum-norm solution", b.Shape);
        Linalg.RequireFinite("qr.solve", b, "b");
        var c = ColMajor.FromRhs(b, Ld, out int nrhs);
        var cv = MatrixView<T>.ColumnMajor(c, 0, Rows, nrhs, Ld);
        Ormqr.ApplyLeft(true, PackedView, K, _tau, cv, Params, _parallelism);
        int bad = UpperTriangularSolve.Solve(PackedView.Block(0, 0, Columns, Columns), cv.Block(0, 0, Columns, nrhs));
        if (bad >= 0)
            throw new SingularMatrixException(bad, $"qr.solve: R[{bad}, {bad}] is exactly zero, so A of shape ({Rows}, {Columns}) is rank deficient; use A.ColPivQr() or Linalg.Lstsq for the minimum-norm solution");
        return ColMajor.ToRhs(c, Ld, Columns, nrhs, b.Rank == 1);
    }

    /// <summary>Q R, which equals A up to rounding (backward error about n eps ||A||). O(m n k).</summary>
    public NDArray<T> Reconstruct()
    {
        // Q (R padded to m rows) = Q_complete [R; 0], applied without forming Q.
        var c = new T[Ld * Columns];
        for (int j = 0; j < Columns; j++)
            for (int i = 0; i <= Math.Min(j, K - 1); i++) c[i + j * Ld] = _qr[i + j * Ld];
        Ormqr.ApplyLeft(false, PackedView, K, _tau, MatrixView<T>.ColumnMajor(c, 0, Rows, Columns, Ld), Params, _parallelism);
        return ColMajor.ToTensor(c, 0, Ld, Rows, Columns);
    }

    private void CheckRhs(string op, NDArray<T> b)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank is not (1 or 2))
            ThrowHelper.ShapeMismatch(op, $"b must be a vector (m,) or a matrix (m, r), got shape {b.Shape} for A of shape ({Rows}, {Columns})", b.Shape);
        if (b.IntDims[0] != Rows)
            ThrowHelper.ShapeMismatch(op, $"A has shape ({Rows}, {Columns}) but b has shape {b.Shape}: b needs {Rows} rows", new Shape([Rows, Columns]), b.Shape);
    }
}
