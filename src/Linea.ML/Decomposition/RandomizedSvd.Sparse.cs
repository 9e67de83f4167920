using System.Numerics;

namespace Linea.ML;

public static partial class RandomizedSvd
{
    /// <summary>The top <paramref name="nComponents"/> singular triplets of the sparse <paramref name="a"/> (m x n, CSR or
    /// CSC): U (m x k), S (k,) descending, Vt (k x n). The same algorithm as the dense overload, touching A only through
    /// sparse-times-dense products A X and A^T Y (SpMM and the transposed SpMM), so no dense copy of A is made: memory
    /// O(nnz + m + n) for a CSR copy of A^T (and of A when given as CSC) plus two blocks (m + n) l, reused by every product and QR, beyond A for l = min(k + nOversamples, m, n), time O(nnz l (2 q + 2) + (m + n) l^2 q). Given the same
    /// rng state it draws the same test matrix as the dense overload, so both return the same subspace and singular values
    /// to rounding.</summary>
    /// <param name="a">The sparse matrix; it is not centred (scikit-learn's TruncatedSVD on sparse input).</param>
    /// <param name="nComponents">k, 1 &lt;= k &lt;= min(m, n).</param>
    /// <param name="rng">Source of the Gaussian test matrix.</param>
    /// <param name="nOversamples">Extra sample columns beyond k (default 10).</param>
    /// <param name="nIter">Power iterations (default 5).</param>
    /// <param name="signs">Sign convention of the singular pairs.</param>
    /// <exception cref="ArgumentNullException">a or rng is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k is outside 1..min(m, n), or nOversamples or nIter is negative.</exception>
    /// <exception cref="NonFiniteException">a stores NaN or infinity.</exception>
    public static (NDArray<T> U, NDArray<T> S, NDArray<T> Vt) Compute<T>(SparseMatrix<T> a, int nComponents, Rng rng,
        int nOversamples = 10, int nIter = 5, SignConvention signs = SignConvention.ComponentBased)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        SparseGuard.Matrix(a, "randomized_svd", minRows: 0);
        int m = a.Rows, n = a.Columns, r = Math.Min(m, n);
        if (nComponents < 1 || nComponents > r)
            throw new ArgumentOutOfRangeException(nameof(nComponents), nComponents,
                $"randomized_svd: nComponents must lie in 1..min(m, n) = {r} for sparse A of shape {a.Shape}");
        ArgumentOutOfRangeException.ThrowIfNegative(nOversamples);
        ArgumentOutOfRangeException.ThrowIfNegative(nIter);
        // Both products run fastest from CSR; the SpMM of a CSC operand converts it on every call, so convert A and A^T
        // once here (one extra copy of the pattern and values) instead of 2 nIter + 2 times.
        var csr = a.ToCsr();
        var transposed = a.T.ToCsr();
        return Core<T>((x, into) => SparseTimes(csr, x, into), (y, into) => SparseTimes(transposed, y, into),
            m, n, nComponents, rng, nOversamples, nIter, signs);
    }

    /// <summary>into = A X for CSR A and the contiguous dense X, into a contiguous block that is cleared first (SpMM accumulates).</summary>
    private static void SparseTimes<T>(SparseMatrix<T> csr, NDArray<T> x, NDArray<T> into) where T : unmanaged, IFloatingPointIeee754<T>
    {
        into.WritableSpan.Clear();
        Spmm.CsrTimesDense(csr, x, into, Parallelism.Default.Count);
    }
}
