using System.Numerics;

namespace Linea.Calc.Exact;

public static partial class ExactOps
{
    /// <summary>
    /// The exact determinant of a square matrix by fraction-free (Bareiss) elimination on integers after clearing
    /// the denominators of each row: O(n^3) integer operations whose size stays bounded by Hadamard's bound.
    /// The determinant of the 0 x 0 matrix is 1.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static BigRational Det(ExactArray a)
    {
        ExactErrors.RequireSquare("det", a);
        return DetCore(a, "det");
    }

    /// <summary>
    /// The determinant of a square matrix: multi-modular (<see cref="Modular"/>) when Hadamard's bound on the
    /// row-scaled integer matrix fits <see cref="ExactLimits.MaxBits"/>, else fraction-free Bareiss elimination,
    /// which stops at the first intermediate beyond the limit.
    /// </summary>
    internal static BigRational DetCore(ExactArray a, string op)
    {
        int n = a.Rows;
        if (n == 0) return BigRational.One;
        if (n <= 2) return Bareiss.Determinant(a, op);
        ExactLimits.CheckOperations((double)n * n * n / 3, op);
        var m = Modular.ClearDenominators(a, null, out var scales);
        var scale = BigInteger.One;
        foreach (var l in scales) scale *= l;
        double bits = Modular.HadamardBits(m, n, n);
        if (bits > ExactLimits.MaxBits || (long)scale.GetBitLength() > ExactLimits.MaxBits) return Bareiss.Determinant(a, op);
        return ExactLimits.Check(new BigRational(Modular.Determinant(m, n, bits), scale));
    }

    /// <summary>
    /// The exact inverse of a square matrix by fraction-free (Bareiss) Gauss-Jordan elimination on [A | I] over the
    /// integers, after clearing each row's denominators: O(n^3) integer operations on numbers no larger than the
    /// minors of A, then one reduced fraction per entry.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="SingularMatrixException">The matrix is singular; the message gives its rank and <see cref="SingularMatrixException.PivotIndex"/> the first column without a pivot.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Inv(ExactArray a)
    {
        ExactErrors.RequireSquare("inv", a);
        return SolveSquare("inv", a, ExactArray.Identity(a.Rows));
    }

    /// <summary>
    /// The exact solution x of a @ x = b for a square, invertible a; b is a vector of length n (x is a vector) or an
    /// (n, k) matrix (x is (n, k)). O(n^3 + n^2 k).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square, or b's length or row count differs from n.</exception>
    /// <exception cref="SingularMatrixException">a is singular (the message gives its rank).</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Solve(ExactArray a, ExactArray b)
    {
        ExactErrors.RequireSquare("solve", a);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank == 0 || b.ShapeRef[0] != a.Rows)
        {
            string hint = b.Rank == 2 && b.Cols == a.Rows ? "; did you mean b.T?" : "";
            ExactErrors.ShapeMismatch("solve",
                $"A of shape {a.ShapeValue} needs b with {a.Rows} rows (a vector of length {a.Rows} or an ({a.Rows}, k) matrix), got shape {b.ShapeValue}{hint}",
                a, b);
        }
        return SolveSquare("solve", a, b);
    }

    /// <summary>
    /// X with A X = B: multi-modular (X = adj(A') B' / det(A') for the row-scaled integer system A' X = B') when
    /// Hadamard's bound on [A' | B'] fits <see cref="ExactLimits.MaxBits"/>, else fraction-free Gauss-Jordan on
    /// [A | B]. Returns X with B's shape, or throws SingularMatrixException naming the rank.
    /// </summary>
    private static ExactArray SolveSquare(string op, ExactArray a, ExactArray b)
    {
        int n = a.Rows, k = b.Rank == 2 ? b.Cols : 1, cols = n + k;
        BigRational[]? x = null;
        int col = -1;
        bool done = false;
        if (n > 2)
        {
            ExactLimits.CheckOperations((double)n * n * cols, op);
            var m = Modular.ClearDenominators(a, b, out _);
            double bits = Modular.HadamardBits(m, n, cols);
            if (bits <= ExactLimits.MaxBits)
            {
                var left = new BigInteger[n * n];
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++) left[i * n + j] = m[i * cols + j];
                var det = Modular.Determinant(left, n, Modular.HadamardBits(left, n, n));
                if (det.IsZero) col = FirstDependentColumn(left, n);
                else
                {
                    var y = Modular.AdjugateTimes(m, n, k, det, bits);
                    x = new BigRational[n * k];
                    for (int e = 0; e < x.Length; e++) x[e] = ExactLimits.Check(new BigRational(y[e], det));
                }
                done = true;
            }
        }
        if (!done) x = Bareiss.Solve(a, b, op, out col);
        if (x is null)
        {
            int rank = Rank(a);
            throw new SingularMatrixException(col,
                $"{op}: the matrix is singular (rank {rank} < {n}): column {col} has no pivot, so A has no inverse; " +
                (op == "solve" ? "the system has no solution or infinitely many; explain solve(...) shows which" : "try pinv(...) for a least-squares inverse"));
        }
        return ExactArray.Wrap(b.Rank == 2 ? [n, b.Cols] : [n], x);
    }

    /// <summary>
    /// The reduced row echelon form R of a matrix (each pivot 1, the only nonzero in its column; zero rows last) and
    /// the zero-based indices of the pivot columns, by exact Gauss-Jordan elimination choosing the first nonzero
    /// pivot in each column. O(m n min(m, n)).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not 2-d.</exception>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static (ExactArray R, int[] PivotColumns) Rref(ExactArray a)
    {
        ExactErrors.RequireMatrix("rref", a);
        return RrefCore(a, "rref");
    }

    /// <summary>
    /// RREF by fraction-free Gauss-Jordan on the row-scaled integer matrix (one exact division per entry at the
    /// end); a matrix of full column rank (known from the fast exact rank) is [I; 0] at once.
    /// </summary>
    internal static (ExactArray R, int[] PivotColumns) RrefCore(ExactArray a, string op)
    {
        int rows = a.Rows, cols = a.Cols;
        ExactLimits.CheckOperations((double)rows * cols * Math.Min(rows, cols), op);
        if (rows > 0 && cols > 0 && cols <= rows && Rank(a) == cols)
        {
            var r = new BigRational[rows * cols];
            for (int i = 0; i < cols; i++) r[i * cols + i] = BigRational.One;
            return (ExactArray.Wrap([rows, cols], r), [.. Enumerable.Range(0, cols)]);
        }
        if (rows > 0 && cols > 0 && ModularRref(a, op) is { } fast) return fast;
        var (data, pivots) = Bareiss.Rref(a, op);
        return (ExactArray.Wrap([rows, cols], data), pivots);
    }

    /// <summary>
    /// The RREF by multi-modular arithmetic: the exact rank r with pivot columns P and independent rows S from a
    /// prime, then R's nonzero rows = A[S, P]^-1 A[S, :] exactly (<see cref="Modular.AdjugateTimes"/>). S spans the
    /// row space, so the candidate has A's row space; if it is also in echelon form for P (R[t, j] = 0 whenever
    /// column j precedes the pivot P[t] of row t) it is the unique
    /// RREF. Otherwise (the prime chose other pivots than Q would), or when the numbers would pass MaxBits, null.
    /// </summary>
    private static (ExactArray R, int[] PivotColumns)? ModularRref(ExactArray a, string op)
    {
        int rows = a.Rows, cols = a.Cols;
        var m = Modular.ClearDenominators(a, null, out _);
        double bits = Modular.HadamardBits(m, rows, cols);
        if (bits > ExactLimits.MaxBits) return null;
        var (r, pivots, pivotRows) = Modular.RankProfile(m, rows, cols, bits);
        var result = new BigRational[rows * cols];
        if (r == 0) return (ExactArray.Wrap([rows, cols], result), []);
        int w = r + cols;
        var system = new BigInteger[r * w];
        var left = new BigInteger[r * r];
        for (int t = 0; t < r; t++)
        {
            int src = pivotRows[t];
            for (int u = 0; u < r; u++) left[t * r + u] = system[t * w + u] = m[src * cols + pivots[u]];
            for (int j = 0; j < cols; j++) system[t * w + r + j] = m[src * cols + j];
        }
        double systemBits = Modular.HadamardBits(system, r, w);
        if (systemBits > ExactLimits.MaxBits) return null;
        var det = Modular.Determinant(left, r, Modular.HadamardBits(left, r, r));
        if (det.IsZero) return null; // cannot happen: the rows and columns were independent modulo a prime
        var y = Modular.AdjugateTimes(system, r, cols, det, systemBits);
        for (int t = 0; t < r; t++)
            for (int j = 0; j < pivots[t]; j++)
                if (!y[t * cols + j].IsZero) return null; // not in echelon form for these pivots
        for (int t = 0; t < r; t++)
            for (int j = 0; j < cols; j++)
                result[t * cols + j] = ExactLimits.Check(new BigRational(y[t * cols + j], det));
        return (ExactArray.Wrap([rows, cols], result), pivots);
    }

    /// <summary>The first column of the singular n x n integer matrix <paramref name="m"/> that depends on the columns before it (binary search on exact ranks of column prefixes).</summary>
    private static int FirstDependentColumn(BigInteger[] m, int n)
    {
        int lo = 0, hi = n - 1; // the answer lies in [lo, hi]; prefix of c + 1 columns has full rank iff c < answer
        while (lo < hi)
        {
            int c = (lo + hi) / 2, w = c + 1;
            var prefix = new BigInteger[n * w];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < w; j++) prefix[i * w + j] = m[i * n + j];
            if (Modular.Rank(prefix, n, w, Modular.HadamardBits(prefix, n, w)) == w) lo = c + 1;
            else hi = c;
        }
        return lo;
    }

    /// <summary>The exact rank of a matrix (the number of pivots of its echelon form); a vector has rank 1 unless it is all zeros, a scalar 1 unless 0.</summary>
    /// <exception cref="CalcLimitException">A number or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static int Rank(ExactArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank < 2)
        {
            foreach (var x in a.AsSpan())
                if (!x.IsZero) return 1;
            return 0;
        }
        int rows = a.Rows, cols = a.Cols;
        if (rows == 0 || cols == 0) return 0;
        ExactLimits.CheckOperations((double)rows * cols * Math.Min(rows, cols), "matrix_rank");
        var m = Modular.ClearDenominators(a, null, out _);
        double bits = Modular.HadamardBits(m, rows, cols);
        if (bits <= ExactLimits.MaxBits) return Modular.Rank(m, rows, cols, bits);
        return Bareiss.Rref(a, "matrix_rank").PivotColumns.Length;
    }
}
