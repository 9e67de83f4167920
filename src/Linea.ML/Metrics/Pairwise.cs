using System.Numerics;

namespace Linea.ML;

/// <summary>Pairwise similarities and distances between the rows of two matrices (scikit-learn's
/// <c>sklearn.metrics.pairwise</c>), each computed as one matrix product.</summary>
public static class Pairwise
{
    /// <summary>
    /// Euclidean distances between the rows of X (n x p) and Y (m x p, X when null), shape (n, m). The bulk comes from
    /// one GEMM through ||x - y||^2 = ||x||^2 - 2 x.y + ||y||^2, applied to the rows shifted by their common mean
    /// (distances do not change under a shift, and the shift removes the cancellation that an offset shared by all
    /// points would cause). That identity errs by up to about (p + 3) eps (||x||^2 + ||y||^2) (the rounding of a p-term
    /// dot product; sqrt(p) eps with high probability, Higham and Mary 2019), so it cannot resolve points that are close
    /// compared with their norms: every pair whose computed squared distance is at most sqrt((p + 3) eps)
    /// (||x||^2 + ||y||^2) is recomputed directly as the sum of squared differences of the original rows (accumulated in
    /// double, as SciPy's <c>cdist</c> does), which gives near-duplicates full relative accuracy and identical rows
    /// exactly 0. A pair kept from the GEMM has a relative error of about sqrt(eps) at most (sqrt(p eps) in the
    /// worst case); for ordinary data it is a few ulps, and such data pays only the GEMM and one fused O(n m) pass.
    /// When Y is X (null) the result is exactly symmetric with an exactly zero diagonal. O(n m p).
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
        bool self = ReferenceEquals(other, x);
        int n = (int)x.Shape[0], m = (int)other.Shape[0], p = (int)x.Shape[1];
        if (n == 0 || m == 0 || p == 0) return Tensor.Zeros<T>(n, m);
        var xs = x.Contiguous();
        var ys = self ? xs : other.Contiguous();
        // The common shift: the mean of all rows of X and Y.
        var shift = (self ? xs.Sum(0) : xs.Sum(0) + ys.Sum(0)) / T.CreateTruncating(self ? n : n + m);
        var xc = xs - shift;
        var yc = self ? xc : ys - shift;
        var xx = (xc * xc).Sum(1).Contiguous();
        var yy = self ? xx : (yc * yc).Sum(1).Contiguous();
        var d2 = xc.MatMul(yc.T).Contiguous();
        T two = T.CreateTruncating(2);
        T limit = T.CreateTruncating(Math.Sqrt((p + 3) * double.CreateTruncating(Precision.Eps<T>())));
        var g = d2.AsSpan();
        var xRows = xs.AsReadOnlySpan();
        var yRows = ys.AsReadOnlySpan();
        var xn = xx.AsReadOnlySpan();
        var yn = yy.AsReadOnlySpan();
        for (int i = 0; i < n; i++)
        {
            var row = g.Slice(i * m, m);
            var xi = xRows.Slice(i * p, p);
            int j0 = self ? i + 1 : 0;
            if (self) row[i] = T.Zero;
            for (int j = j0; j < m; j++)
            {
                T norms = xn[i] + yn[j];
                T value = norms - two * row[j];
                // Not resolved by the identity (this also catches values that rounding made negative): recompute.
                if (!(value > limit * norms)) value = DirectSquaredDistance(xi, yRows.Slice(j * p, p));
                row[j] = value;
            }
        }
        if (self)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < i; j++) g[i * m + j] = g[j * m + i];
        if (!squared) System.Numerics.Tensors.TensorPrimitives.Sqrt(g, g);
        return d2;
    }

    /// <summary>Sum of (a_k - b_k)^2 accumulated in double (differences of close values are exact), rounded once to T.</summary>
    private static T DirectSquaredDistance<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double diff = double.CreateTruncating(a[k]) - double.CreateTruncating(b[k]);
            s += diff * diff;
        }
        return T.CreateTruncating(s);
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
