namespace Linea.Calc.Exact;

public static partial class ExactOps
{
    /// <summary>
    /// The minor M(i, j): the determinant of <paramref name="a"/> without row <paramref name="i"/> and column
    /// <paramref name="j"/> (zero-based). O(n^3).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix of size at least 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> or <paramref name="j"/> is outside the matrix.</exception>
    public static BigRational Minor(ExactArray a, int i, int j)
    {
        ExactErrors.RequireSquare("minor", a);
        int n = a.Rows;
        if (n == 0) ExactErrors.ShapeMismatch("minor", "a 0 x 0 matrix has no minors", a);
        if ((uint)i >= (uint)n)
            throw new ArgumentOutOfRangeException(nameof(i), i, $"minor: row {i} is outside a {n} x {n} matrix (rows 0..{n - 1})");
        if ((uint)j >= (uint)n)
            throw new ArgumentOutOfRangeException(nameof(j), j, $"minor: column {j} is outside a {n} x {n} matrix (columns 0..{n - 1})");
        return DetCore(Submatrix(a, i, j), "minor");
    }

    /// <summary>a without row <paramref name="row"/> and column <paramref name="col"/>.</summary>
    internal static ExactArray Submatrix(ExactArray a, int row, int col)
    {
        int n = a.Rows, m = a.Cols;
        var data = new BigRational[(n - 1) * (m - 1)];
        int k = 0;
        for (int r = 0; r < n; r++)
        {
            if (r == row) continue;
            for (int c = 0; c < m; c++)
                if (c != col) data[k++] = a[r * m + c];
        }
        return ExactArray.Wrap([n - 1, m - 1], data);
    }

    /// <summary>
    /// The matrix of cofactors C[i, j] = (-1)^(i+j) M(i, j) of a square matrix, the transpose of
    /// <see cref="Adjugate"/>. O(n^3).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Cofactor(ExactArray a)
    {
        ExactErrors.RequireSquare("cofactor", a);
        return Transpose(AdjugateCore("cofactor", a));
    }

    /// <summary>
    /// The adjugate (classical adjoint) adj(A) = Cofactor(A)^T, so that A @ adj(A) = adj(A) @ A = det(A) I, also for
    /// singular A. O(n^3): det(A) inv(A) when A is invertible; zero when rank(A) &lt;= n - 2; and c x y^T from the
    /// null vectors x of A and y of A^T (with c from one minor) when rank(A) = n - 1. The adjugate of a 1 x 1 matrix is [[1]].
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Adjugate(ExactArray a)
    {
        ExactErrors.RequireSquare("adjugate", a);
        return AdjugateCore("adjugate", a);
    }

    private static ExactArray AdjugateCore(string op, ExactArray a)
    {
        int n = a.Rows;
        if (n == 0) return a;
        if (n == 1) return ExactArray.Identity(1);
        var det = DetCore(a, op);
        if (!det.IsZero)
        {
            var inv = SolveSquare(op, a, ExactArray.Identity(n));
            return inv.Map(x => ExactLimits.Check(x * det));
        }
        var (x, rankA) = NullVector(a, op);
        if (rankA <= n - 2) return ExactArray.Zeros(n, n);
        var (y, _) = NullVector(Transpose(a), op);
        int i = FirstNonzero(x), j = FirstNonzero(y);
        // adj[i, j] = (-1)^(i+j) M(j, i); adj = c x y^T, so c = adj[i, j] / (x_i y_j).
        var adjIJ = DetCore(Submatrix(a, j, i), op);
        if (((i + j) & 1) != 0) adjIJ = -adjIJ;
        var c = adjIJ / (x[i] * y[j]);
        var data = new BigRational[n * n];
        for (int r = 0; r < n; r++)
            for (int s = 0; s < n; s++)
                data[r * n + s] = ExactLimits.Check(c * x[r] * y[s]);
        return ExactArray.Wrap([n, n], data);
    }

    /// <summary>A nonzero vector x with a @ x = 0 (from the first free column of the RREF) and the rank of a.</summary>
    private static (BigRational[] X, int Rank) NullVector(ExactArray a, string op)
    {
        int n = a.Rows, cols = a.Cols;
        var (reduced, pivots) = RrefCore(a, op);
        var m = reduced.AsSpan();
        var x = new BigRational[cols];
        if (pivots.Length == cols) return (x, pivots.Length);
        int free = GaussJordan.FirstNonPivot(pivots, cols);
        x[free] = BigRational.One;
        for (int r = 0; r < pivots.Length; r++) x[pivots[r]] = -m[r * cols + free];
        return (x, pivots.Length);
    }

    private static int FirstNonzero(BigRational[] v)
    {
        for (int i = 0; i < v.Length; i++)
            if (!v[i].IsZero) return i;
        return -1;
    }
}
