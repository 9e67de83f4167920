using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.lstsq(a, b, rcond)</c>: the x minimising ||b - A x||_2, of minimum norm when A is
    /// rank deficient or m &lt; n. A is m x n; b is (m,) or (m, r); x is (n,) or (n, r).
    /// <para>Algorithm (<see cref="LstsqPrecision.Working"/>): columns scaled to unit norm by powers of two, blocked
    /// Householder QR (when m &gt; n), QR with column pivoting of the triangle, and a complete orthogonal decomposition
    /// at the numerical rank, as LAPACK's gelsy. O(m n^2 + n^3) plus O(n^3) for the singular values on first access.</para>
    /// <para>Rank: the number of singular values of the column-scaled A greater than rcond times the largest
    /// (default rcond = eps max(m, n), NumPy's). When that rank is below n, the minimum-norm solution is computed
    /// from a second, unscaled pivoted factorization at that rank (column scaling would change which solution has minimum norm). Deciding on the scaled matrix means badly scaled but well determined
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
    public static LstsqResult<T> Lstsq<T>(Tensor<T> a, Tensor<T> b, double? rcond = null, bool refine = false,
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

    private static LstsqResult<T> LstsqWorking<T>(Tensor<T> a, Tensor<T> b, double? rcond, bool refine) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parallelism = Parallelism.Default;
        int m = a.IntDims[0], n = a.IntDims[1], lda = Math.Max(m, 1), ldx = Math.Max(n, 1);
        bool vector = b.Rank == 1;
        var scaled = new CodLeastSquares<T>(a, rcond);
        // A unique solution (rank n) comes from the column-scaled factorization; otherwise the minimum-norm one must be
        // found without column scaling, at the rank the scaled singular values decided.
        var cod = scaled.Rank == n ? scaled : new CodLeastSquares<T>(a, rcond, scaleColumns: false, forcedRank: scaled.Rank);
        var b0 = ColMajor.FromRhs(b, lda, out int nrhs);
        var x = cod.Solve((T[])b0.Clone(), nrhs, parallelism);
        int steps = 0;
        double[] ss;
        if (refine)
        {
            double eps = Precision.EpsDouble<T>();
            for (; steps < 3; steps++)
            {
                var r = CodLeastSquares<T>.Residual(a, b0, lda, x, ldx, nrhs, out _);
                var dx = cod.Solve(r, nrhs, parallelism);
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
        CodLeastSquares<T>.Residual(a, b0, lda, x, ldx, nrhs, out ss);
        var residuals = cod.Rank == n && m > n
            ? Tensor.FromArray(ss.Select(T.CreateTruncating).ToArray())
            : Tensor.Zeros<T>(0);
        var solution = ColMajor.ToRhs(x, ldx, n, nrhs, vector);
        return new LstsqResult<T>(solution, residuals, cod.Rank, m, n, cod.Cutoff,
            () => Tensor.FromArray(scaled.SingularValuesOfR(unscale: true).Select(T.CreateTruncating).ToArray()),
            new LazyList(() => scaled.ScaledSingularValues), steps);
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
