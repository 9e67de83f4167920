using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.svd(a, full_matrices, compute_uv)</c>: A = U diag(S) Vh for an m x n matrix, k = min(m, n).
    /// S (k,) descending; U m x m and Vh n x n when <paramref name="fullMatrices"/>, else m x k and k x n. With
    /// <paramref name="computeUv"/> false, U and Vh are returned empty (0 x 0) and only S is computed (as
    /// <see cref="Svdvals{T}"/>). Works for tall, wide, square, rank-deficient, zero and empty matrices. Sign
    /// convention: see <see cref="SvdDecomposition{T}"/>. O(m n k).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a matrix (stacks are not supported yet).</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    /// <exception cref="NoConvergenceException">The bidiagonal QR iteration did not converge (6 k^2 steps).</exception>
    public static (Tensor<T> U, Tensor<T> S, Tensor<T> Vh) Svd<T>(Tensor<T> a, bool fullMatrices = true, bool computeUv = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var svd = new SvdDecomposition<T>("svd", a, fullMatrices, computeUv);
        if (!computeUv) return (Tensor.Zeros<T>(0, 0), svd.S, Tensor.Zeros<T>(0, 0));
        return (svd.U, svd.S, svd.Vh);
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.svdvals(a)</c> (<c>svd(a, compute_uv=False)</c>): the min(m, n) singular values of the
    /// m x n matrix, descending. About 4 m n^2 - 4 n^3 / 3 flops (m &gt;= n) plus O(n^2).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a matrix (stacks are not supported yet).</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    /// <exception cref="NoConvergenceException">The bidiagonal QR iteration did not converge (6 k^2 steps).</exception>
    public static Tensor<T> Svdvals<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        new SvdDecomposition<T>("svdvals", a, fullMatrices: false, computeUv: false).S;
}
