using System.Numerics;

namespace Linea.ML;

/// <summary>Pairwise similarities and distances between the rows of two matrices (scikit-learn's
/// <c>sklearn.metrics.pairwise</c>), each computed as one matrix product.</summary>
public static class Pairwise
{
    /// <summary>
    /// Euclidean distances between the rows of X (n x p) and Y (m x p, X when null), shape (n, m), through the identity
    /// ||x - y||^2 = ||x||^2 - 2 x.y + ||y||^2 with the cross term from one GEMM: O(n m p). Rounding can make the
    /// identity slightly negative for (nearly) equal rows, so squared distances are clamped at 0; when Y is X the
    /// diagonal is set to exactly 0 (scikit-learn does the same). The identity loses relative accuracy for points that
    /// are close compared with their norms (absolute error about eps ||x||^2).
    /// </summary>
    /// <param name="x">n x p.</param>
    /// <param name="y">m x p, or null for X itself.</param>
    /// <param name="squared">Return squared distances (skips the square root).</param>
    /// <exception cref="ShapeMismatchException">X or Y is not 2-D, or their numbers of columns differ.</exception>
    /// <exception cref="NonFiniteException">X or Y contains NaN or infinity.</exception>
    public static Tensor<T> EuclideanDistances<T>(Tensor<T> x, Tensor<T>? y = null, bool squared = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var other = Check(x, y, "euclidean_distances");
        var xx = (x * x).Sum(1).Reshape(-1, 1);
        var yy = ReferenceEquals(other, x) ? xx.Reshape(1, -1) : (other * other).Sum(1).Reshape(1, -1);
        var d2 = Tensor.Maximum(xx - x.MatMul(other.T) * T.CreateTruncating(2) + yy, T.Zero);
        if (ReferenceEquals(other, x))
            for (int i = 0; i < x.Shape[0]; i++) d2[i, i] = T.Zero;
        return squared ? d2 : Tensor.Sqrt(d2);
    }

    /// <summary>Cosine similarities x.y / (||x|| ||y||) between the rows of X (n x p) and Y (m x p, X when null), shape
    /// (n, m): the rows are normalised to unit length and multiplied in one GEMM, O(n m p). A zero row has similarity 0
    /// with everything (scikit-learn leaves zero rows unnormalised).</summary>
    /// <exception cref="ShapeMismatchException">X or Y is not 2-D, or their numbers of columns differ.</exception>
    /// <exception cref="NonFiniteException">X or Y contains NaN or infinity.</exception>
    public static Tensor<T> CosineSimilarity<T>(Tensor<T> x, Tensor<T>? y = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var other = Check(x, y, "cosine_similarity");
        var xn = NormaliseRows(x);
        var yn = ReferenceEquals(other, x) ? xn : NormaliseRows(other);
        return xn.MatMul(yn.T);
    }

    private static Tensor<T> NormaliseRows<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var norms = Linalg.Norm(a, 2.0, axis: 1, keepdims: true);
        return a / Tensor.Where(norms > T.Zero, norms, Tensor.OnesLike(norms));
    }

    private static Tensor<T> Check<T>(Tensor<T> x, Tensor<T>? y, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Matrix(x, where, minRows: 0);
        if (y is null) return x;
        Guard.Matrix(y, where, minRows: 0);
        if (y.Shape[1] != x.Shape[1])
            throw new ShapeMismatchException(where, [x.Shape, y.Shape],
                $"{where}: X has shape {x.Shape} and Y has shape {y.Shape}; they need the same number of columns (features)");
        return y;
    }
}
