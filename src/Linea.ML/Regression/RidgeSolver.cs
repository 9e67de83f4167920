namespace Linea.ML;

/// <summary>How <see cref="Ridge{T}"/> solves its regularised least-squares problem.</summary>
public enum RidgeSolver
{
    /// <summary>Cholesky; falls back to the SVD when the regularised Gram matrix is not numerically positive definite
    /// (alpha = 0 with collinear features). scikit-learn's "auto" for dense data does the same.</summary>
    Auto,

    /// <summary>Cholesky factorization of X^T X + alpha I (p x p), or of the kernel X X^T + alpha I (n x n) when there are more
    /// features than samples. O(n p^2 + p^3) (or O(n^2 p + n^3)); the fastest, but squares the condition number of X.</summary>
    Cholesky,

    /// <summary>Thin SVD of X: w = V diag(s / (s^2 + alpha)) U^T y. O(n p min(n, p)); the most stable, and well defined for
    /// alpha = 0 (then the minimum-norm least-squares solution, singular values below max(n, p) eps s_max counted as zero).</summary>
    Svd,

    /// <summary>The out-of-core fit (<see cref="Ridge{T}.Fit(IRowBlockSource{T}, IRowBlockSource{T}, int, IProgress{RowBlockProgress})"/>)
    /// only: least squares on the streamed triangular factor of the centred [X, y] stacked on sqrt(alpha) I, [Rxx; sqrt(alpha) I] w = [Rxy; 0],
    /// solved by Householder QR. O(n p^2) in one pass plus O(p^3); as stable as the SVD and never forms X^T X.</summary>
    Qr,
}
