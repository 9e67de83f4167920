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
}
