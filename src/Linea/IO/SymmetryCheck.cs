using System.Globalization;
using System.Numerics;

namespace Linea.IO;

/// <summary>
/// Exact symmetry tests for writing a symmetric or skew-symmetric Matrix Market file, which stores one triangle only:
/// A[i, j] must equal A[j, i] (or -A[j, i], with a zero diagonal) bit for bit in value (NaN matching NaN), with absent
/// entries counting as zero. A failure names the first mismatching pair.
/// </summary>
internal static class SymmetryCheck
{
    /// <summary>
    /// The matrix in canonical CSR form (sorted, duplicates summed), after checking that it has the symmetry.
    /// O(nnz + n) time and one or two copies of the entries.
    /// </summary>
    /// <param name="matrix">The matrix to check.</param>
    /// <param name="symmetry">Symmetric or skew-symmetric.</param>
    /// <param name="structural">Compare positions only (stored entries count as one): the check for a pattern file.</param>
    public static SparseMatrix<T> RequireSymmetric<T>(SparseMatrix<T> matrix, MatrixMarketSymmetry symmetry, bool structural = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare(matrix.Rows, matrix.Columns, symmetry);
        var a = Canonical(matrix);
        // The transpose of a canonical CSR matrix, recompressed to CSR, is canonical too.
        var t = a.T.ToCsr();
        bool skew = symmetry == MatrixMarketSymmetry.SkewSymmetric;
        for (int i = 0; i < a.Rows; i++)
        {
            var ai = a.RunIndices(i);
            var av = a.RunValues(i);
            var ti = t.RunIndices(i);
            var tv = t.RunValues(i);
            int p = 0, q = 0;
            while (p < ai.Length || q < ti.Length)
            {
                int j = Math.Min(p < ai.Length ? ai[p] : int.MaxValue, q < ti.Length ? ti[q] : int.MaxValue);
                T x = p < ai.Length && ai[p] == j ? (structural ? T.One : av[p]) : T.Zero;
                T y = q < ti.Length && ti[q] == j ? (structural ? T.One : tv[q]) : T.Zero;
                if (p < ai.Length && ai[p] == j) p++;
                if (q < ti.Length && ti[q] == j) q++;
                Compare(x, y, i, j, skew, symmetry);
            }
        }
        return a;
    }

    /// <summary>Checks a dense 2-D tensor the same way. O(n^2).</summary>
    public static void RequireSymmetric<T>(NDArray<T> tensor, MatrixMarketSymmetry symmetry) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long n = tensor.Shape[0];
        RequireSquare(n, tensor.Shape[1], symmetry);
        bool skew = symmetry == MatrixMarketSymmetry.SkewSymmetric;
        for (long i = 0; i < n; i++)
            for (long j = 0; j <= i; j++) Compare(tensor[i, j], tensor[j, i], i, j, skew, symmetry);
    }

    /// <summary>x = A[i, j], y = A[j, i].</summary>
    private static void Compare<T>(T x, T y, long i, long j, bool skew, MatrixMarketSymmetry symmetry) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T expected = skew ? -y : y;
        bool ok = x == expected || (T.IsNaN(x) && T.IsNaN(expected));
        if (skew && i == j) ok = x == T.Zero;
        if (ok) return;
        string name = MatrixMarketReader.SymmetryName(symmetry);
        string message = i == j
            ? $"a skew-symmetric matrix has a zero diagonal, but A[{i}, {i}] = {Format(x)}; write it as general"
            : $"the matrix is not {name}: A[{i}, {j}] = {Format(x)} but A[{j}, {i}] = {Format(y)}; write it as general";
        ThrowHelper.Argument("mmwrite", nameof(symmetry), message);
    }

    private static void RequireSquare(long rows, long columns, MatrixMarketSymmetry symmetry)
    {
        if (rows != columns)
            ThrowHelper.Argument("mmwrite", nameof(symmetry),
                $"a {MatrixMarketReader.SymmetryName(symmetry)} matrix must be square, got shape ({rows}, {columns}); write it as general");
    }

    /// <summary>CSR with sorted, distinct indices: the matrix itself when it already is, else duplicates summed.</summary>
    internal static SparseMatrix<T> Canonical<T>(SparseMatrix<T> matrix) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (matrix.Format == SparseFormat.Csr && matrix.HasCanonicalFormat) return matrix;
        if (matrix.Nnz > Array.MaxLength)
            throw new NotSupportedException($"mmwrite: a matrix with {matrix.Nnz} stored entries that is not in canonical CSR form cannot be checked for symmetry; convert it first");
        int nnz = (int)matrix.Nnz;
        var rows = new int[nnz];
        var cols = new int[nnz];
        var vals = new T[nnz];
        bool csr = matrix.Format == SparseFormat.Csr;
        int p = 0;
        for (int a = 0; a < matrix.MajorCount; a++)
        {
            var idx = matrix.RunIndices(a);
            var val = matrix.RunValues(a);
            for (int k = 0; k < idx.Length; k++, p++)
            {
                rows[p] = csr ? a : idx[k];
                cols[p] = csr ? idx[k] : a;
                vals[p] = val[k];
            }
        }
        return CooCompression.Compress(SparseFormat.Csr, matrix.Rows, matrix.Columns, rows, cols, vals);
    }

    private static string Format<T>(T v) where T : unmanaged, IFloatingPointIeee754<T> => v.ToString("R", CultureInfo.InvariantCulture);
}
