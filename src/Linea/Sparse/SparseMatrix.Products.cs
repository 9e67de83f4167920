using System.Numerics;

namespace Linea;

public sealed partial class SparseMatrix<TScalar>
{
    /// <summary>
    /// y = A x, SpMV: <paramref name="x"/> has <see cref="Columns"/> elements and <paramref name="y"/> has
    /// <see cref="Rows"/>, overwritten; x and y must not overlap. O(nnz) on <see cref="Parallelism.Default"/> threads.
    /// Throws <see cref="ShapeMismatchException"/> on wrong lengths.
    /// </summary>
    public void Matvec(ReadOnlySpan<TScalar> x, Span<TScalar> y) => Matvec(x, y, Parallelism.Default);

    /// <summary>
    /// y = A x on up to <paramref name="parallelism"/> threads (one below 2^15 entries). CSR: rows split into blocks of
    /// equal work (entries plus rows), each y[i] a gathered dot product with four accumulators, values and indices
    /// prefetched 1024 entries ahead; no workspace. CSC: columns split likewise, each thread scattering into its own
    /// accumulator of length Rows (rented), then summed by row blocks.
    /// For many products with a CSC matrix (an iterative solver), convert once with <see cref="ToCsr"/>: the gather is
    /// faster than scatter plus reduction.
    /// </summary>
    public void Matvec(ReadOnlySpan<TScalar> x, Span<TScalar> y, Parallelism parallelism)
    {
        if (x.Length != Columns || y.Length != Rows)
            ThrowHelper.ShapeMismatch("sparse matvec", $"A of shape ({Rows}, {Columns}) needs x of length {Columns} and y of length {Rows}, got {x.Length} and {y.Length}");
        if (Format == SparseFormat.Csr) Spmv.Gather(this, x, y, parallelism.Count);
        else Spmv.Scatter(this, x, y, parallelism.Count);
    }

    /// <summary>
    /// y = A^T x, the transposed SpMV: <paramref name="x"/> has <see cref="Rows"/> elements and <paramref name="y"/> has
    /// <see cref="Columns"/>, overwritten. O(nnz) on <see cref="Parallelism.Default"/> threads.
    /// </summary>
    public void Rmatvec(ReadOnlySpan<TScalar> x, Span<TScalar> y) => Rmatvec(x, y, Parallelism.Default);

    /// <summary>
    /// y = A^T x on up to <paramref name="parallelism"/> threads: the gather for CSC, the scatter with per-thread
    /// accumulators for CSR (see <see cref="Matvec(ReadOnlySpan{TScalar}, Span{TScalar}, Parallelism)"/>). No
    /// conversion is made: converting costs about as much memory traffic as three products and cannot be cached,
    /// since <see cref="Data"/> is writable; a caller with many transposed products converts once (<c>A.T.ToCsr()</c>).
    /// </summary>
    public void Rmatvec(ReadOnlySpan<TScalar> x, Span<TScalar> y, Parallelism parallelism)
    {
        if (x.Length != Rows || y.Length != Columns)
            ThrowHelper.ShapeMismatch("sparse rmatvec", $"A of shape ({Rows}, {Columns}) needs x of length {Rows} and y of length {Columns}, got {x.Length} and {y.Length}");
        if (Format == SparseFormat.Csr) Spmv.Scatter(this, x, y, parallelism.Count);
        else Spmv.Gather(this, x, y, parallelism.Count);
    }

    /// <summary>A x for a vector tensor of length <see cref="Columns"/>: a new vector of length <see cref="Rows"/>.</summary>
    public NDArray<TScalar> Dot(NDArray<TScalar> x)
    {
        if (x.Rank != 1 || x.Shape[0] != Columns)
            ThrowHelper.ShapeMismatch("sparse matvec", $"({Rows}, {Columns}) @ {x.Shape}: expected a vector of length {Columns}", Shape, x.Shape);
        return MatMul(x, Parallelism.Default);
    }

    /// <summary>
    /// A @ B for a dense <paramref name="b"/> (NumPy's <c>@</c>): a vector of length <see cref="Columns"/> gives a new
    /// vector of length <see cref="Rows"/> (SpMV); an (n, k) matrix gives a new dense (m, k) matrix (SpMM). O(nnz x k)
    /// time, on <see cref="Parallelism.Default"/> threads. Throws <see cref="ShapeMismatchException"/> naming both
    /// shapes when the inner dimensions differ or <paramref name="b"/> is not 1-D or 2-D.
    /// </summary>
    public NDArray<TScalar> MatMul(NDArray<TScalar> b) => MatMul(b, Parallelism.Default);

    /// <summary>
    /// A @ B for a dense <paramref name="b"/> on up to <paramref name="parallelism"/> threads. CSR: output rows split
    /// by work, each row C[i, :] the sum of A[i, j] B[j, :] (vectorised row updates). CSC is converted to CSR once
    /// (O(nnz) extra time and memory, small beside the O(nnz x k) product). A strided <paramref name="b"/> is copied.
    /// </summary>
    public NDArray<TScalar> MatMul(NDArray<TScalar> b, Parallelism parallelism)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank is not (1 or 2) || b.Shape[0] != Columns)
            ThrowHelper.ShapeMismatch("sparse matmul",
                b.Rank is 1 or 2
                    ? $"({Rows}, {Columns}) @ {b.Shape}: inner dimensions {Columns} and {b.Shape[0]} differ"
                    : $"({Rows}, {Columns}) @ {b.Shape}: the dense operand must be 1-D or 2-D",
                Shape, b.Shape);
        var bc = b.Contiguous();
        if (b.Rank == 1)
        {
            var y = NDArray.Zeros<TScalar>(Rows);
            Matvec(bc.ContiguousSpan, y.WritableSpan, parallelism);
            return y;
        }
        var c = NDArray.Zeros<TScalar>(Rows, b.Shape[1]);
        if (b.Shape[1] == 1) Matvec(bc.ContiguousSpan, c.WritableSpan, parallelism);      // one column: SpMV
        else Spmm.CsrTimesDense(ToCsr(), bc, c, parallelism.Count);
        return c;
    }

    /// <summary>
    /// A @ B for sparse <paramref name="b"/> (m x n times n x k), a new sparse m x k matrix with sorted, duplicate-free
    /// indices, on <see cref="Parallelism.Default"/> threads. Cancelling entries stay stored as explicit zeros (as in
    /// SciPy). Throws <see cref="ShapeMismatchException"/> naming both shapes when the inner dimensions differ.
    /// </summary>
    public SparseMatrix<TScalar> MatMul(SparseMatrix<TScalar> b) => MatMul(b, Parallelism.Default);

    /// <summary>
    /// A @ B by Gustavson's algorithm on up to <paramref name="parallelism"/> threads: a symbolic pass counts each
    /// result row, a numeric pass fills it, both over row blocks of equal flops. CSR @ CSR gives CSR; CSC @ CSC is
    /// computed as (B^T A^T)^T over the same arrays and gives CSC; mixed formats convert the CSC operand to CSR.
    /// Time O(flops + m log(row length)); memory: the result plus 12 x k bytes per thread.
    /// </summary>
    public SparseMatrix<TScalar> MatMul(SparseMatrix<TScalar> b, Parallelism parallelism)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rows != Columns)
            ThrowHelper.ShapeMismatch("sparse matmul", $"({Rows}, {Columns}) @ ({b.Rows}, {b.Columns}): inner dimensions {Columns} and {b.Rows} differ", Shape, b.Shape);
        if (Format == SparseFormat.Csc && b.Format == SparseFormat.Csc)
            return SpGemm.Multiply(b.T, T, parallelism.Count).T;
        return SpGemm.Multiply(ToCsr(), b.ToCsr(), parallelism.Count);
    }
}
