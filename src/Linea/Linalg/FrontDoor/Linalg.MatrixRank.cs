using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.matrix_rank(a, tol)</c> for one matrix: the number of singular values above
    /// <paramref name="tol"/>, by default S.max() * max(m, n) * eps (NumPy's, eps of T). A vector (1-d) has rank 1 unless
    /// it is all zeros. O(m n min(m, n)) (singular values only). For a stack (..., m, n) use
    /// <see cref="MatrixRankStack{T}"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is neither a vector nor a matrix (a stack: see <see cref="MatrixRankStack{T}"/>).</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    public static int MatrixRank<T>(NDArray<T> a, double? tol = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank < 2)
        {
            if (a.Rank == 0) ThrowHelper.ShapeMismatch("matrix_rank", $"needs a vector or a matrix, got shape {a.Shape}", a.Shape);
            return a.ToArray().Any(x => x != T.Zero) ? 1 : 0;
        }
        if (a.Rank > 2)
            ThrowHelper.ShapeMismatch("matrix_rank", $"takes a vector or one matrix, got the stack {a.Shape}; Linalg.MatrixRankStack gives the rank of each matrix", a.Shape);
        return RankOfMatrix("matrix_rank", a, tol);
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.matrix_rank(a, tol)</c> for a stack (..., m, n): the rank of each matrix (as
    /// <see cref="MatrixRank{T}"/> with the one <paramref name="tol"/> for all), as a tensor of the batch shape (...).
    /// The ranks are whole numbers held in T (exact: float holds every integer up to 2^24); read one with
    /// <c>(int)r[i, j]</c>. A single m x n matrix gives a 0-d tensor; an empty batch an empty tensor. O(m n min(m, n))
    /// per matrix; each rank equals <see cref="MatrixRank{T}"/> of that matrix.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity; the message names the matrix ("matrix [1, 0] of the stack ...") and the entry.</exception>
    public static NDArray<T> MatrixRankStack<T>(NDArray<T> a, double? tol = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireMatrix("matrix_rank", a);
        return MatrixStack.MapScalar("matrix_rank", a, (x, label) => T.CreateTruncating(RankOfMatrix(label, x, tol)));
    }

    private static int RankOfMatrix<T>(string label, NDArray<T> a, double? tol) where T : unmanaged, IFloatingPointIeee754<T> =>
        new SvdDecomposition<T>(label, a, fullMatrices: false, computeUv: false, Parallelism.Default).Rank(tol is null ? null : T.CreateTruncating(tol.Value));
}
