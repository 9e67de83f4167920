using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.svd(a, full_matrices, compute_uv)</c>: A = U diag(S) Vh for an m x n matrix, k = min(m, n).
    /// S (k,) descending; U m x m and Vh n x n when <paramref name="fullMatrices"/>, else m x k and k x n. With
    /// <paramref name="computeUv"/> false, U and Vh are returned empty (0 x 0) and only S is computed (as
    /// <see cref="Svdvals{T}"/>). Works for tall, wide, square, rank-deficient, zero and empty matrices. Sign
    /// convention: see <see cref="SvdDecomposition{T}"/>. O(m n k) per matrix.
    /// <para>Stacks: for a (..., m, n) a, U is (..., m, m) or (..., m, k), S (..., k) and Vh (..., n, n) or (..., k, n),
    /// each matrix's factors exactly (bit for bit) what a call on that matrix alone gives; the batch axes may have any
    /// strides (transposed, sliced or broadcast views), and an empty batch gives empty results of those shapes. Without
    /// <paramref name="computeUv"/>, U and Vh stay 0 x 0 for a stack too.</para>
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity; for a stack the message names the matrix ("matrix [1, 0] of the stack ...") and the entry.</exception>
    /// <exception cref="NoConvergenceException">The bidiagonal QR iteration did not converge (6 k^2 steps; for a stack the message names the matrix).</exception>
    /// <exception cref="TensorTooLargeException">U or Vh would have more than <see cref="Array.MaxLength"/> elements (full U of a tall matrix is m x m); checked before any work.</exception>
    public static (NDArray<T> U, NDArray<T> S, NDArray<T> Vh) Svd<T>(NDArray<T> a, bool fullMatrices = true, bool computeUv = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireMatrix("svd", a);
        if (!computeUv) return (NDArray.Zeros<T>(0, 0), SingularValues("svd", a), NDArray.Zeros<T>(0, 0));
        int m = a.IntDims[^2], n = a.IntDims[^1], k = Math.Min(m, n);
        int[] uDims = fullMatrices ? [m, m] : [m, k], vhDims = fullMatrices ? [n, n] : [k, n];
        var r = MatrixStack.Map("svd", a, [uDims, [k], vhDims], (x, label) =>
        {
            // The decomposition is dropped here, so its U and Vh are handed over, not copied (4 n^2 fewer bytes to touch).
            return new SvdDecomposition<T>(label, x, fullMatrices, computeUv: true, Parallelism.Default).TakeFactors();
        }, ["U", "S", "Vh"]);
        return (r[0], r[1], r[2]);
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.svdvals(a)</c> (<c>svd(a, compute_uv=False)</c>): the min(m, n) singular values of the
    /// m x n matrix, descending; for a stack (..., m, n) those of each matrix, shape (..., k), each row exactly what a
    /// call on that matrix alone gives. About 4 m n^2 - 4 n^3 / 3 flops (m &gt;= n) plus O(n^2) per matrix.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity; for a stack the message names the matrix and the entry.</exception>
    /// <exception cref="NoConvergenceException">The bidiagonal QR iteration did not converge (6 k^2 steps; for a stack the message names the matrix).</exception>
    public static NDArray<T> Svdvals<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireMatrix("svdvals", a);
        return SingularValues("svdvals", a);
    }

    /// <summary>The singular values of each matrix of a (rank &gt;= 2, checked), shape (..., k).</summary>
    private static NDArray<T> SingularValues<T>(string op, NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatrixStack.Map(op, a, [[Math.Min(a.IntDims[^2], a.IntDims[^1])]], (x, label) =>
            [new SvdDecomposition<T>(label, x, fullMatrices: false, computeUv: false, Parallelism.Default).S])[0];
}
