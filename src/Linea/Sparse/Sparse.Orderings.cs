using System.Numerics;

namespace Linea;

public static partial class Sparse
{
    /// <summary>
    /// The approximate minimum degree ordering (Amestoy, Davis and Duff) of the pattern of A + A^T, the diagonal and
    /// the values ignored: <c>perm[k]</c> is the index of the row and column placed k-th, so that the Cholesky factor of
    /// <c>A[perm, perm]</c> has little fill. Rows with more than max(16, 10 sqrt(n)) off-diagonal entries are ordered last.
    /// <paramref name="a"/> must be square (n x n); either format. Time roughly O(nnz(A)) in practice, memory
    /// O(nnz(A) + n) ints. Throws <see cref="ShapeMismatchException"/> for a non-square matrix.
    /// </summary>
    public static int[] Amd<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return Linea.Amd.Order(AdjacencyGraph.SymmetricPattern("Sparse.Amd", a));
    }

    /// <summary>
    /// A fill-reducing column ordering for LU and QR of the m x n matrix <paramref name="a"/> (SciPy's
    /// <c>permc_spec="COLAMD"</c>): <c>perm[k]</c> is the column placed k-th, chosen so that the pattern of
    /// (A[:, perm])^T A[:, perm], and with it R of QR and the LU factors, stays sparse. Rows with more than
    /// max(16, 10 sqrt(n)) entries are ignored; columns with more than max(16, 10 sqrt(min(m, n))) entries and empty
    /// columns are ordered last. A^T A is never formed: the rows start as elements (cliques) of the quotient graph on which
    /// approximate minimum degree runs, as in COLAMD. Time close to O(nnz(A)) in practice, memory O(nnz(A) + m + n) ints.
    /// Any shape, either format. Throws <see cref="ArgumentException"/> above about 7 * 10^8 stored entries.
    /// </summary>
    public static int[] Colamd<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return Linea.Colamd.Order("Sparse.Colamd", a);
    }

    /// <summary>
    /// A nested dissection ordering of the pattern of A + A^T (the diagonal and the values ignored): recursive vertex
    /// separators from breadth-first level structures, each separator ordered after the two halves it splits, pieces
    /// below 200 vertices ordered by <see cref="Amd{T}"/>. On large 2-D and 3-D meshes it gives less fill and a bushier
    /// elimination tree (more parallel work) than AMD. <paramref name="a"/> must be square (n x n); either format.
    /// <c>perm[k]</c> is the row and column placed k-th. Time O(nnz(A) log n), memory O(nnz(A) + n).
    /// Throws <see cref="ShapeMismatchException"/> for a non-square matrix.
    /// </summary>
    public static int[] NestedDissection<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return Linea.NestedDissection.Order(AdjacencyGraph.SymmetricPattern("Sparse.NestedDissection", a));
    }

    /// <summary>
    /// The reverse Cuthill-McKee ordering of the pattern of A + A^T (SciPy's <c>scipy.sparse.csgraph.reverse_cuthill_mckee</c>
    /// with <c>symmetric_mode=False</c>): <c>perm[k]</c> is the row and column placed k-th so that A[perm, perm] has a
    /// small bandwidth and profile (for banded and skyline solvers, and cache locality). Each connected component starts
    /// from a pseudo-peripheral vertex. <paramref name="a"/> must be square (n x n); either format.
    /// Time O(nnz(A) log d + n) (d the largest degree), memory O(nnz(A) + n). Throws <see cref="ShapeMismatchException"/>
    /// for a non-square matrix.
    /// </summary>
    public static int[] ReverseCuthillMcKee<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return Linea.ReverseCuthillMcKee.Order(AdjacencyGraph.SymmetricPattern("Sparse.ReverseCuthillMcKee", a));
    }
}
