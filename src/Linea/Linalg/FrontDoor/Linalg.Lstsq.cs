using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.lstsq(a, b, rcond)</c>: the x minimising ||b - A x||_2, of minimum norm when A is
    /// rank deficient or m &lt; n. A is m x n; b is (m,) or (m, r); x is (n,) or (n, r).
    /// <para>Algorithm (<see cref="LstsqPrecision.Working"/>): columns scaled to unit norm by powers of two, blocked
    /// Householder QR (when m &gt; n; TSQR over cache-sized row chunks on all threads when m &gt;= 8 n, with Q^T b applied
    /// chunk by chunk and Q never formed), QR with column pivoting of the triangle, and a complete orthogonal decomposition
    /// at the numerical rank, as LAPACK's gelsy. O(m n^2 + n^3) plus O(n^3) for the singular values on first access.</para>
    /// <para>Rank: the number of singular values of the column-scaled A greater than rcond times the largest
    /// (default rcond = eps max(m, n), NumPy's). When that rank is m &lt; n (full row rank), the minimum-norm solution is
    /// computed from a second, unscaled pivoted factorization (column scaling would change which solution has minimum
    /// norm); when it is below min(m, n), from the SVD truncated at that rank (O(m n min(m, n))), because pivoted QR
    /// does not always reveal the rank (the Kahan matrix) and NumPy's gelsd truncates the SVD. Deciding on the scaled matrix means badly scaled but well determined
    /// problems (polynomial fits like NIST's Filip) keep their full rank, where NumPy's gelsd silently truncates.
    /// Whenever the rank falls below min(m, n) the result says so (<see cref="LstsqResult{T}.RankDeficient"/>,
    /// <see cref="LstsqResult{T}.Warning"/>).</para>
    /// <para><paramref name="refine"/>: up to three steps of iterative refinement with residuals b - A x accumulated in
    /// double-double. <see cref="LstsqPrecision.DoubleDouble"/>: the whole QR, solve and residuals in double-double
    /// (rcond and refine then do not apply; A must have full column rank in that precision and m &gt;= n).</para>
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not a matrix, b is not (m,) or (m, r): the message names both shapes.</exception>
    /// <exception cref="NonFiniteException">A or b holds NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">rcond is negative or NaN.</exception>
    /// <exception cref="SingularMatrixException">Extended precision only: A is rank deficient even in double-double.</exception>
    public static LstsqResult<T> Lstsq<T>(NDArray<T> a, NDArray<T> b, double? rcond = null, bool refine = false,
        LstsqPrecision precision = LstsqPrecision.Working) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2)
            ThrowHelper.ShapeMismatch("lstsq", $"A must be a matrix (m, n), got shape {a.Shape} (b has shape {b.Shape})", a.Shape, b.Shape);
        if (b.Rank is not (1 or 2) || b.IntDims[0] != a.IntDims[0])
            ThrowHelper.ShapeMismatch("lstsq", $"A has shape {a.Shape} and b has shape {b.Shape}: b must be ({a.IntDims[0]},) or ({a.IntDims[0]}, r), with as many rows as A", a.Shape, b.Shape);
        if (rcond is double rc && !(rc >= 0))
            throw new ArgumentOutOfRangeException(nameof(rcond), rc, $"lstsq: rcond must be >= 0, got {rc}");
        RequireFinite("lstsq", a, "A");
        RequireFinite("lstsq", b, "b");
        return precision == LstsqPrecision.DoubleDouble
            ? ExtendedLeastSquares.Solve(a, b)
            : LstsqWorking(a, b, rcond, refine);
    }

    private static LstsqResult<T> LstsqWorking<T>(NDArray<T> a, NDArray<T> b, double? rcond, bool refine) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parallelism = Parallelism.Default;
        int m = a.IntDims[0], n = a.IntDims[1], lda = Math.Max(m, 1), ldx = Math.Max(n, 1);
        bool vector = b.Rank == 1;
        var scaled = new CodLeastSquares<T>(a, rcond);
        // A unique solution (rank n) comes from the column-scaled factorization, and so does the minimum-norm solution of
        // a full-row-rank wide system (rank m < n), which the complete orthogonal decomposition gives exactly. Below
        // min(m, n) the truncation itself decides the answer: pivoted QR does not always reveal the rank (the Kahan
        // matrix), so the solution comes from the SVD truncated at the rank decided, as NumPy's gelsd gives it.
        bool truncated = scaled.Rank < Math.Min(m, n);
        var cod = scaled.Rank == n || truncated ? scaled : new CodLeastSquares<T>(a, rcond, scaleColumns: false, forcedRank: scaled.Rank);
        var b0 = ColMajor.FromRhs(b, lda, out int nrhs);
        Func<T[], T[]> solve = truncated
            ? TruncatedSvdSolver(a, scaled.Rank, n, ldx, nrhs, lda, parallelism)
            : rhs => cod.Solve(rhs, nrhs, parallelism);
        var x = solve((T[])b0.Clone());
        int steps = 0;
        double[] ss;
        if (refine)
        {
            double eps = Precision.EpsDouble<T>();
            for (; steps < 3; steps++)
            {
                var r = CodLeastSquares<T>.Residual(a, b0, lda, x, ldx, nrhs, out _);
                var dx = solve(r);
                double dn = 0, xn = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] += dx[i];
                    dn = Math.Max(dn, Math.Abs(double.CreateTruncating(dx[i])));
                    xn = Math.Max(xn, Math.Abs(double.CreateTruncating(x[i])));
                }
                if (dn <= eps * xn) { steps++; break; }
            }
        }
        scaled.ReleaseWorkspace();
        cod.ReleaseWorkspace();
        CodLeastSquares<T>.Residual(a, b0, lda, x, ldx, nrhs, out ss);
        var residuals = cod.Rank == n && m > n
            ? NDArray.FromArray(ss.Select(T.CreateTruncating).ToArray())
            : NDArray.Zeros<T>(0);
        var solution = ColMajor.ToRhs(x, ldx, n, nrhs, vector);
        return new LstsqResult<T>(solution, residuals, cod.Rank, m, n, cod.Cutoff,
            () => NDArray.FromArray(scaled.SingularValuesOfR(unscale: true).Select(T.CreateTruncating).ToArray()),
            new LazyList(() => scaled.ScaledSingularValues), steps);
    }

    /// <summary>
    /// The minimum-norm least-squares solve truncated to the <paramref name="rank"/> largest singular values of A:
    /// x = V_r S_r^-1 U_r^T b, for right-hand sides given column-major (m x nrhs, ld <paramref name="ldb"/>), returning
    /// x column-major (n x nrhs, ld <paramref name="ldx"/>). One SVD (O(m n min(m, n))), then O((m + n) r nrhs) per solve.
    /// </summary>
    private static Func<T[], T[]> TruncatedSvdSolver<T>(NDArray<T> a, int rank, int n, int ldx, int nrhs, int ldb, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var svd = new SvdDecomposition<T>("lstsq", a, fullMatrices: false, computeUv: true, parallelism);
        var ur = svd.U[.., ..rank];
        var vr = svd.Vh[..rank, ..].T;
        var s = svd.S[..rank].Reshape(rank, 1);
        int m = a.IntDims[0];
        return rhs =>
        {
            var b = NDArray.Wrap(rhs, nrhs, ldb)[.., ..m].T;             // m x nrhs view of the column-major block
            var x = vr.MatMul(ur.T.MatMul(b) / s);                      // n x nrhs
            var result = new T[ldx * nrhs];
            for (int j = 0; j < nrhs; j++)
                for (int i = 0; i < n; i++) result[i + j * ldx] = x[i, j];
            return result;
        };
    }

    /// <summary>A read-only list whose items are produced on first access (the scaled singular values of Lstsq).</summary>
    private sealed class LazyList(Func<IReadOnlyList<double>> produce) : IReadOnlyList<double>
    {
        private readonly Lazy<IReadOnlyList<double>> _items = new(produce);

        public double this[int index] => _items.Value[index];

        public int Count => _items.Value.Count;

        public IEnumerator<double> GetEnumerator() => _items.Value.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
