using System.Numerics;

namespace Linea.ML;

public static partial class Pairwise
{
    /// <summary>Cosine similarities x.y / (||x|| ||y||) between the rows of the sparse X (n x p) and Y (m x p, X when
    /// null), as a dense (n, m) tensor (scikit-learn's <c>cosine_similarity(X, Y, dense_output=True)</c>): the rows are
    /// scaled to unit length in CSR copies and multiplied by one sparse-times-sparse product (Gustavson), which is then
    /// scattered into the dense result. A zero row has similarity 0 with everything, as in scikit-learn. Time
    /// O(nnz(X) + nnz(Y) + flops of X Y^T + n m); memory the two normalised copies, the sparse product and the n m dense
    /// result. For large n m prefer <see cref="CosineSimilaritySparse{T}"/>.</summary>
    /// <param name="x">n x p, CSR or CSC.</param>
    /// <param name="y">m x p, or null for X itself.</param>
    /// <exception cref="ArgumentNullException">X is null.</exception>
    /// <exception cref="ShapeMismatchException">X and Y have different numbers of columns.</exception>
    /// <exception cref="NonFiniteException">X or Y stores NaN or infinity.</exception>
    public static NDArray<T> CosineSimilarity<T>(SparseMatrix<T> x, SparseMatrix<T>? y = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        CosineSimilaritySparse(x, y).ToDense();

    /// <summary>Cosine similarities between the rows of the sparse X (n x p) and Y (m x p, X when null) as a sparse (n, m)
    /// CSR matrix with sorted indices (scikit-learn's <c>cosine_similarity(X, Y, dense_output=False)</c>): entry (i, j)
    /// is stored when rows i and j share a stored column, so pairs with nothing in common are implicit zeros (zero rows
    /// included). Time O(nnz(X) + nnz(Y) + flops of X Y^T); memory the normalised copies and the product.</summary>
    /// <param name="x">n x p, CSR or CSC.</param>
    /// <param name="y">m x p, or null for X itself.</param>
    /// <exception cref="ArgumentNullException">X is null.</exception>
    /// <exception cref="ShapeMismatchException">X and Y have different numbers of columns.</exception>
    /// <exception cref="NonFiniteException">X or Y stores NaN or infinity.</exception>
    public static SparseMatrix<T> CosineSimilaritySparse<T>(SparseMatrix<T> x, SparseMatrix<T>? y = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string where = "cosine_similarity";
        SparseGuard.Matrix(x, where, minRows: 0);
        if (y is not null)
        {
            SparseGuard.Matrix(y, where, minRows: 0);
            if (y.Columns != x.Columns)
                throw new ShapeMismatchException(where, [x.Shape, y.Shape],
                    $"{where}: sparse X has shape {x.Shape} and Y has shape {y.Shape}; they need the same number of columns (features)");
        }
        var xn = NormaliseRows(x);
        var yn = y is null || ReferenceEquals(y, x) ? xn : NormaliseRows(y);
        return xn.MatMul(yn.T.ToCsr());
    }

    /// <summary>A canonical CSR copy of <paramref name="a"/> whose rows have unit 2-norm (zero rows left zero). The norm of
    /// each row is scaled by its largest magnitude first, so it neither overflows nor underflows.</summary>
    private static SparseMatrix<T> NormaliseRows<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var csr = a.ToCsr().SumDuplicates();
        var copy = csr.Copy();
        for (int i = 0; i < copy.Rows; i++)
        {
            var v = copy.ValuesOf(i);
            T big = T.Zero;
            foreach (var e in v) big = T.Max(big, T.Abs(e));
            if (big == T.Zero) continue;
            T s = T.Zero;
            foreach (var e in v) { T r = e / big; s += r * r; }
            T inv = T.One / (big * T.Sqrt(s));
            for (int k = 0; k < v.Length; k++) v[k] *= inv;
        }
        return copy;
    }
}
