using System.Numerics;

namespace Linea.Calc.Exact;

public static partial class ExactOps
{
    /// <summary>
    /// The matrix product a @ b with NumPy's rules for 1-d operands: (m,k) @ (k,n) is (m,n); a 1-d left operand is
    /// a row vector and a 1-d right operand a column vector, and the added axis is removed from the result, so
    /// (k,) @ (k,n) is (n,), (m,k) @ (k,) is (m,) and (k,) @ (k,) is a scalar. O(m k n) rational operations.
    /// </summary>
    /// <exception cref="ArgumentException">An operand is 0-d (use <see cref="Multiply"/> to scale).</exception>
    /// <exception cref="ShapeMismatchException">The inner dimensions differ; the message suggests a transpose when one fits.</exception>
    /// <exception cref="CalcLimitException">A number, the result or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray MatMul(ExactArray a, ExactArray b) => MatMulCore("matmul", a, b);

    private static ExactArray MatMulCore(string op, ExactArray a, ExactArray b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException(
                $"{op}: operands must be vectors or matrices, got shapes {a.ShapeValue} and {b.ShapeValue}; use * to scale by a scalar",
                a.Rank == 0 ? nameof(a) : nameof(b));
        var sa = a.ShapeRef;
        var sb = b.ShapeRef;
        int m = a.Rank == 2 ? sa[0] : 1, k = sa[^1];
        int kb = b.Rank == 2 ? sb[0] : sb[0], n = b.Rank == 2 ? sb[1] : 1;
        if (k != kb) ThrowInnerMismatch(op, a, b, k, kb);
        ExactLimits.CheckElements((long)m * n, op);
        ExactLimits.CheckOperations((double)m * n * k, op);
        var data = IntegerProduct(a.AsSpan(), b.AsSpan(), m, k, n);
        int[] shape = (a.Rank, b.Rank) switch
        {
            (2, 2) => [m, n],
            (2, 1) => [m],
            (1, 2) => [n],
            _ => [],
        };
        return ExactArray.Wrap(shape, data);
    }

    /// <summary>
    /// The m x n product of row-major x (m x k) and y (k x n) over the integers: each row of x is scaled by the lcm of
    /// its denominators and each column of y by the lcm of its own, the integer product is formed without a single
    /// gcd, and each entry becomes one reduced fraction at the end. Sizes stay bounded (every scaled entry has at
    /// most twice <see cref="ExactLimits.MaxBits"/> bits, and every result is checked); the cancellation token is
    /// polled once per entry.
    /// </summary>
    private static BigRational[] IntegerProduct(ReadOnlySpan<BigRational> x, ReadOnlySpan<BigRational> y, int m, int k, int n)
    {
        int maxBits = ExactLimits.MaxBits;
        var cancel = ExactLimits.Cancellation;
        var rowScale = new BigInteger[m];
        var colScale = new BigInteger[n];
        var xi = new BigInteger[m * k];
        var yt = new BigInteger[n * k]; // y transposed, so that both operands are read along rows
        for (int i = 0; i < m; i++)
        {
            var l = BigInteger.One;
            for (int p = 0; p < k; p++)
                if (!x[i * k + p].IsInteger) l = ExactArray.Lcm(l, x[i * k + p].Denominator);
            if ((long)l.GetBitLength() > maxBits) throw ExactLimits.TooManyBits(maxBits);
            rowScale[i] = l;
            for (int p = 0; p < k; p++)
            {
                var e = x[i * k + p];
                xi[i * k + p] = e.IsInteger ? (l.IsOne ? e.Numerator : e.Numerator * l) : e.Numerator * (l / e.Denominator);
            }
        }
        for (int j = 0; j < n; j++)
        {
            var l = BigInteger.One;
            for (int p = 0; p < k; p++)
                if (!y[p * n + j].IsInteger) l = ExactArray.Lcm(l, y[p * n + j].Denominator);
            if ((long)l.GetBitLength() > maxBits) throw ExactLimits.TooManyBits(maxBits);
            colScale[j] = l;
            for (int p = 0; p < k; p++)
            {
                var e = y[p * n + j];
                yt[j * k + p] = e.IsInteger ? (l.IsOne ? e.Numerator : e.Numerator * l) : e.Numerator * (l / e.Denominator);
            }
        }
        var data = new BigRational[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                cancel.ThrowIfCancellationRequested();
                var sum = BigInteger.Zero;
                for (int p = 0; p < k; p++)
                {
                    var u = xi[i * k + p];
                    if (u.IsZero) continue;
                    var v = yt[j * k + p];
                    if (!v.IsZero) sum += u * v;
                }
                var scale = rowScale[i] * colScale[j];
                data[i * n + j] = ExactLimits.Check(scale.IsOne ? new BigRational(sum) : new BigRational(sum, scale));
            }
        return data;
    }

    private static void ThrowInnerMismatch(string op, ExactArray a, ExactArray b, int k, int kb)
    {
        string hint = "";
        if (b.Rank == 2 && b.Cols == k)
            hint = $"; did you mean B.T? A @ B.T would have inner dimension {k}";
        else if (a.Rank == 2 && a.Rows == kb)
            hint = $"; did you mean A.T? A.T @ B would have inner dimension {kb}";
        ExactErrors.ShapeMismatch(op,
            $"{a.ShapeValue} @ {b.ShapeValue}: inner dimensions {k} and {kb} differ (the last axis of A must equal the {(b.Rank == 1 ? "length" : "first axis")} of B){hint}",
            a, b);
    }

    /// <summary>
    /// NumPy's dot for ranks 0 to 2: a scalar operand scales the other; two vectors give their inner product (a
    /// scalar); otherwise the matrix product <see cref="MatMul"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The lengths or inner dimensions differ.</exception>
    /// <exception cref="CalcLimitException">A number, the result or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Dot(ExactArray a, ExactArray b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0) return Multiply(a, b);
        if (a.Rank == 1 && b.Rank == 1 && a.Count != b.Count)
            ExactErrors.ShapeMismatch("dot",
                $"{a.ShapeValue} · {b.ShapeValue}: vectors of lengths {a.Count} and {b.Count} have no inner product", a, b);
        return MatMulCore("dot", a, b);
    }

    /// <summary>The outer product (NumPy's outer): both operands flattened, result[i, j] = a[i] * b[j], shape (a.Count, b.Count).</summary>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Outer(ExactArray a, ExactArray b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int m = a.Count, n = b.Count;
        ExactLimits.CheckElements((long)m * n, "outer");
        var data = new BigRational[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                data[i * n + j] = ExactLimits.Check(a[i] * b[j]);
        return ExactArray.Wrap([m, n], data);
    }

    /// <summary>
    /// The Kronecker product (NumPy's kron): for matrices of shapes (p,q) and (r,s) the (pr, qs) block matrix
    /// [a[i,j] * b]; a vector is treated as a (1, n) matrix, and two vectors give a vector of length p r; a scalar
    /// scales the other operand.
    /// </summary>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Kron(ExactArray a, ExactArray b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0) return Multiply(a, b);
        int p = a.Rank == 2 ? a.Rows : 1, q = a.ShapeRef[^1];
        int r = b.Rank == 2 ? b.Rows : 1, s = b.ShapeRef[^1];
        int rows = p * r, cols = q * s;
        ExactLimits.CheckElements((long)p * r * q * s, "kron");
        var data = new BigRational[rows * cols];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < q; j++)
            {
                var aij = a[i * q + j];
                for (int u = 0; u < r; u++)
                    for (int v = 0; v < s; v++)
                        data[(i * r + u) * cols + j * s + v] = ExactLimits.Check(aij * b[u * s + v]);
            }
        return ExactArray.Wrap(a.Rank == 1 && b.Rank == 1 ? [cols] : [rows, cols], data);
    }

    /// <summary>
    /// A^k for a square matrix by repeated squaring (O(n^3 log |k|)); A^0 is the identity and a negative k gives
    /// inv(A)^|k|.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not a square matrix.</exception>
    /// <exception cref="SingularMatrixException">k is negative and A is singular.</exception>
    /// <exception cref="CalcLimitException">A number, the result or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray MatrixPower(ExactArray a, int k)
    {
        ExactErrors.RequireSquare("matrix_power", a);
        int n = a.Rows;
        long e = Math.Abs((long)k);
        if (e == 0) return ExactArray.Identity(n);
        var b = k < 0 ? SolveSquare("matrix_power", a, ExactArray.Identity(n)) : a;
        double steps = 2 * Math.Ceiling(Math.Log2(e + 1));
        ExactLimits.CheckOperations(steps * n * n * (double)n, "matrix_power");
        ExactArray? result = null;
        while (true)
        {
            if ((e & 1) != 0) result = result is null ? b : MatMulCore("matrix_power", result, b);
            e >>= 1;
            if (e == 0) break;
            b = MatMulCore("matrix_power", b, b);
        }
        return result!;
    }

    /// <summary>The transpose of a matrix; scalars and vectors are returned unchanged (as in NumPy).</summary>
    public static ExactArray Transpose(ExactArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank < 2) return a;
        int m = a.Rows, n = a.Cols;
        var data = new BigRational[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                data[j * m + i] = a[i * n + j];
        return ExactArray.Wrap([n, m], data);
    }

    /// <summary>The sum of the diagonal of a matrix (any shape, as NumPy's trace: the main diagonal of a rectangle).</summary>
    /// <exception cref="ShapeMismatchException">The array is not 2-d.</exception>
    public static BigRational Trace(ExactArray a)
    {
        ExactErrors.RequireMatrix("trace", a);
        var sum = BigRational.Zero;
        for (int i = 0; i < Math.Min(a.Rows, a.Cols); i++)
            sum = ExactLimits.Check(sum + a[i, i]);
        return sum;
    }
}
