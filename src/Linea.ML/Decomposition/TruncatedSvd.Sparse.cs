namespace Linea.ML;

public sealed partial class TruncatedSvd<T>
{
    /// <summary>Fits the sparse X (n x p, CSR or CSC) without a dense copy (see
    /// <see cref="RandomizedSvd.Compute{T}(SparseMatrix{T}, int, Rng, int, int, SignConvention)"/>). Returns this model.</summary>
    /// <exception cref="ArgumentNullException">X is null.</exception>
    /// <exception cref="ArgumentException">k exceeds min(n, p), or X has no samples.</exception>
    /// <exception cref="NonFiniteException">X stores NaN or infinity.</exception>
    public TruncatedSvd<T> Fit(SparseMatrix<T> x)
    {
        FitTransform(x);
        return this;
    }

    /// <summary>Fits the sparse X (n x p) and returns U S, the training data in component space (n x k, dense).
    /// Memory O((n + p)(k + nOversamples)) beyond X; time O(nnz (k + nOversamples)(2 nIter + 2)). X is not centred, as
    /// scikit-learn's TruncatedSVD on sparse input; the same seed gives the same components as the dense
    /// <see cref="FitTransform(NDArray{T})"/> on X.ToDense(), to rounding.</summary>
    /// <exception cref="ArgumentNullException">X is null.</exception>
    /// <exception cref="ArgumentException">k exceeds min(n, p), or X has no samples.</exception>
    /// <exception cref="NonFiniteException">X stores NaN or infinity.</exception>
    public NDArray<T> FitTransform(SparseMatrix<T> x)
    {
        SparseGuard.Matrix(x, "TruncatedSvd.Fit");
        int r = Math.Min(x.Rows, x.Columns);
        if (NComponents > r)
            throw new ArgumentException($"TruncatedSvd.Fit: nComponents = {NComponents} but sparse X of shape {x.Shape} has at most min(n_samples, n_features) = {r} components", "nComponents");
        var (u, s, vt) = RandomizedSvd.Compute(x, NComponents, Guard.Rng(Seed, "TruncatedSvd"), NOversamples, NIter, Signs);
        var z = u * s;
        _components = vt;
        _singularValues = s;
        _explainedVariance = z.Var(0);
        T total = T.CreateTruncating(SparseGuard.TotalColumnVariance(x));
        _ratio = total > T.Zero ? _explainedVariance / total : NDArray.Zeros<T>(NComponents);
        return z;
    }

    /// <summary>X Components^T for the sparse X (m x p) by one sparse-times-dense product; returns m x k (dense).
    /// O(nnz k).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X has a different number of features than at Fit.</exception>
    /// <exception cref="NonFiniteException">X stores NaN or infinity.</exception>
    public NDArray<T> Transform(SparseMatrix<T> x)
    {
        var c = Fitted(nameof(Transform), _components);
        SparseGuard.Features(x, (int)c.Shape[1], "TruncatedSvd.Transform");
        return x.MatMul(c.T.Contiguous());
    }
}
