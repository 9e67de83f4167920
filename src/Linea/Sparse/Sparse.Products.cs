using System.Numerics;

namespace Linea;

public static partial class Sparse
{
    /// <summary>A @ B, sparse times sparse (see <see cref="SparseMatrix{TScalar}.MatMul(SparseMatrix{TScalar}, Parallelism)"/>).</summary>
    public static SparseMatrix<T> MatMul<T>(SparseMatrix<T> a, SparseMatrix<T> b, Parallelism? parallelism = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.MatMul(b, parallelism ?? Parallelism.Default);
    }

    /// <summary>A @ B, sparse times a dense vector or matrix (see <see cref="SparseMatrix{TScalar}.MatMul(NDArray{TScalar}, Parallelism)"/>).</summary>
    public static NDArray<T> MatMul<T>(SparseMatrix<T> a, NDArray<T> b, Parallelism? parallelism = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.MatMul(b, parallelism ?? Parallelism.Default);
    }

    /// <summary>
    /// D @ A, a dense (p, m) matrix or a vector of length m times a sparse m x n matrix: a new dense (p, n) matrix (or a
    /// vector of length n). Rows of the result are split across threads; CSR A scatters each row of A scaled by D[r, i]
    /// into row r, CSC A takes dot products of D's rows with A's columns; no conversion. O(p x nnz) time. Throws
    /// <see cref="ShapeMismatchException"/> naming both shapes when the inner dimensions differ.
    /// </summary>
    public static NDArray<T> MatMul<T>(NDArray<T> d, SparseMatrix<T> a, Parallelism? parallelism = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(a);
        long inner = d.Rank is 1 or 2 ? d.Shape[d.Rank - 1] : -1;
        if (inner != a.Rows)
            ThrowHelper.ShapeMismatch("sparse matmul",
                d.Rank is 1 or 2
                    ? $"{d.Shape} @ ({a.Rows}, {a.Columns}): inner dimensions {inner} and {a.Rows} differ"
                    : $"{d.Shape} @ ({a.Rows}, {a.Columns}): the dense operand must be 1-D or 2-D",
                d.Shape, a.Shape);
        var p = parallelism ?? Parallelism.Default;
        if (d.Rank == 1)
        {
            var y = NDArray.Zeros<T>(a.Columns);
            a.Rmatvec(d.Contiguous().ContiguousSpan, y.WritableSpan, p);
            return y;
        }
        var c = NDArray.Zeros<T>(d.Shape[0], a.Columns);
        Spmm.DenseTimesSparse(d.Contiguous(), a, c, p.Count);
        return c;
    }
}
