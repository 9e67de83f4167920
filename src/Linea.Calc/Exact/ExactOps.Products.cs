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
    public static ExactArray MatMul(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>
    /// NumPy's dot for ranks 0 to 2: a scalar operand scales the other; two vectors give their inner product (a
    /// scalar); otherwise the matrix product <see cref="MatMul"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The lengths or inner dimensions differ.</exception>
    /// <exception cref="CalcLimitException">A number, the result or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Dot(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>The outer product (NumPy's outer): both operands flattened, result[i, j] = a[i] * b[j], shape (a.Count, b.Count).</summary>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Outer(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>
    /// The Kronecker product (NumPy's kron): for matrices of shapes (p,q) and (r,s) the (pr, qs) block matrix
    /// [a[i,j] * b]; vectors are treated as (1, n) and give a vector; a scalar scales the other operand.
    /// </summary>
    /// <exception cref="CalcLimitException">A number or the result exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray Kron(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>
    /// A^k for a square matrix by repeated squaring (O(n^3 log |k|)); A^0 is the identity and a negative k gives
    /// inv(A)^|k|.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not a square matrix.</exception>
    /// <exception cref="SingularMatrixException">k is negative and A is singular.</exception>
    /// <exception cref="CalcLimitException">A number, the result or the work exceeds <see cref="ExactLimits"/>.</exception>
    public static ExactArray MatrixPower(ExactArray a, int k) => throw new NotImplementedException();

    /// <summary>The transpose of a matrix; scalars and vectors are returned unchanged (as in NumPy).</summary>
    public static ExactArray Transpose(ExactArray a) => throw new NotImplementedException();

    /// <summary>The sum of the diagonal of a matrix (any shape, as NumPy's trace: the main diagonal of a rectangle).</summary>
    /// <exception cref="ShapeMismatchException">The array is not 2-d.</exception>
    public static BigRational Trace(ExactArray a) => throw new NotImplementedException();
}
