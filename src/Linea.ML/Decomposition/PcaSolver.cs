namespace Linea.ML;

/// <summary>How <see cref="Pca{T}"/> computes its components (scikit-learn's <c>svd_solver</c>).</summary>
public enum PcaSolver
{
    /// <summary><see cref="CovarianceEigh"/> for tall data (n &gt;= 10 p, p &lt;= 1000, as scikit-learn 1.5 decides, and
    /// n p^2 &gt;= 1e8), <see cref="Full"/> otherwise.</summary>
    Auto,

    /// <summary>Thin SVD of the centred data; O(n p min(n, p)); the most accurate for small components.</summary>
    Full,

    /// <summary>Eigendecomposition of the centred Gram matrix Xc^T Xc (p x p), formed in one blocked pass over X;
    /// about n p^2 + O(p^3) flops. Small components' variances lose accuracy as (S_1 / S_j)^2 eps.</summary>
    CovarianceEigh,
}
