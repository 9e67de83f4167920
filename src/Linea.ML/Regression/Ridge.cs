using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Ridge regression (scikit-learn's <c>Ridge</c>): minimises ||y - X w - b||^2 + alpha ||w||^2. The intercept is not
/// penalised: X and y are centred first and b = mean(y) - mean(X) w, as scikit-learn does. Shrinking w stabilises the
/// weights of collinear or nearly collinear features, where plain least squares swings wildly.
/// </summary>
/// <remarks>Memory: the fitted model holds w (p values). The Cholesky fit with p &lt;= n never copies X: it holds the
/// p x p Gram matrix, its factor and, per thread, one row block (64 Ki elements, at least 256 rows) and two
/// (p + 1) x (p + 1) squares (X is read once; 1.7 MB for 200,000 x 100). The kernel form (p &gt; n) holds a centred copy
/// of X (n x p), the n x n Gram matrix plus alpha I and its factor; the SVD fit a centred copy and its thin SVD (about
/// 2 n p + p^2 more).</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class Ridge<T> : LinearModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Configures the model.</summary>
    /// <param name="alpha">Regularisation strength, &gt;= 0 (default 1, as scikit-learn).</param>
    /// <param name="fitIntercept">Fit an unpenalised intercept (default).</param>
    /// <param name="solver">Solver; see <see cref="RidgeSolver"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">alpha is negative, NaN or infinite.</exception>
    public Ridge(double alpha = 1.0, bool fitIntercept = true, RidgeSolver solver = RidgeSolver.Auto) : base(fitIntercept)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Ridge: alpha must be a finite number >= 0");
        Alpha = alpha;
        Solver = solver;
    }

    /// <summary>The regularisation strength.</summary>
    public double Alpha { get; }

    /// <summary>The requested solver.</summary>
    public RidgeSolver Solver { get; }

    /// <summary>The solver that produced the fit (<see cref="RidgeSolver.Cholesky"/> or <see cref="RidgeSolver.Svd"/>).</summary>
    public RidgeSolver SolverUsed { get; private set; }

    /// <inheritdoc />
    protected override string ModelName => "Ridge";

    /// <summary>Fits the model to X (n x p) and y (n,). Returns this model.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D, y is not 1-D, or they have different numbers of samples.</exception>
    /// <exception cref="ArgumentException">X has no samples.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    /// <exception cref="NotPositiveDefiniteException">Solver Cholesky was requested and the regularised Gram matrix is not
    /// positive definite (alpha = 0 with collinear features); Auto falls back to the SVD instead.</exception>
    public Ridge<T> Fit(NDArray<T> x, NDArray<T> y)
    {
        if (Solver != RidgeSolver.Svd && FitGram(x, y)) return this;
        var (xc, yc, xMean, yMean) = Prepare(x, y);
        NDArray<T>? w = null;
        if (Solver != RidgeSolver.Svd)
        {
            w = SolveCholesky(xc, yc);
            if (w is null && Solver == RidgeSolver.Cholesky)
                throw new NotPositiveDefiniteException(0,
                    $"Ridge.Fit: X^T X + alpha I is not positive definite (alpha = {Alpha}, X of shape {x.Shape}); use alpha > 0, or solver Svd/Auto for a minimum-norm solution");
        }
        SolverUsed = w is null ? RidgeSolver.Svd : RidgeSolver.Cholesky;
        w ??= SolveSvd(xc, yc);
        SetFit(w, FitIntercept ? yMean - NDArray.Dot(xMean, w) : T.Zero);
        return this;
    }

    /// <summary>The primal Cholesky path when p &lt;= n (scikit-learn's 'cholesky' solver): the centred Gram matrix and
    /// Xc^T yc from <see cref="CentredGram{T}"/> (one blocked pass over X, no centred copy), then (G + alpha I) w = Xc^T yc.
    /// False (nothing stored) when p &gt; n, or when G + alpha I is not positive definite under Auto (the SVD then runs).</summary>
    private bool FitGram(NDArray<T> x, NDArray<T> y)
    {
        string where = $"{ModelName}.Fit";
        Guard.MatrixShape(x, where);
        Guard.TargetShape(x, y, where);
        int n = (int)x.Shape[0], p = (int)x.Shape[1];
        if (p > n) return false;
        var g = CentredGram<T>.Compute(x, y, FitIntercept, where);
        var a = g.Gram;
        var diag = a.AsSpan();
        T alpha = T.CreateTruncating(Alpha);
        for (int j = 0; j < p; j++) diag[j * p + j] += alpha;
        if (!CholeskyDecomposition<T>.TryFactor(a, out var chol))
        {
            if (Solver == RidgeSolver.Cholesky)
                throw new NotPositiveDefiniteException(0,
                    $"Ridge.Fit: X^T X + alpha I is not positive definite (alpha = {Alpha}, X of shape {x.Shape}); use alpha > 0, or solver Svd/Auto for a minimum-norm solution");
            return false;
        }
        var w = chol.Solve(g.Xty!);
        SolverUsed = RidgeSolver.Cholesky;
        SetFit(w, FitIntercept ? g.YMean - NDArray.Dot(g.XMean, w) : T.Zero);
        return true;
    }

    /// <summary>(Xc^T Xc + alpha I) w = Xc^T y, or w = Xc^T (Xc Xc^T + alpha I)^-1 y when p &gt; n; null when not positive definite.</summary>
    private NDArray<T>? SolveCholesky(NDArray<T> xc, NDArray<T> yc)
    {
        int n = (int)xc.Shape[0], p = (int)xc.Shape[1];
        bool primal = p <= n;
        var gram = primal ? xc.T.MatMul(xc) : xc.MatMul(xc.T);
        var a = gram + NDArray.Eye<T>(primal ? p : n) * T.CreateTruncating(Alpha);
        if (!CholeskyDecomposition<T>.TryFactor(a, out var chol)) return null;
        return primal ? chol.Solve(xc.T.MatMul(yc)) : xc.T.MatMul(chol.Solve(yc));
    }

    /// <summary>w = V diag(s / (s^2 + alpha)) U^T y over the singular values above max(n, p) eps s_max.</summary>
    private NDArray<T> SolveSvd(NDArray<T> xc, NDArray<T> yc)
    {
        var (u, s, vt) = Linalg.Svd(xc, fullMatrices: false);
        var sa = s.ToArray();
        T cutoff = sa.Length == 0 ? T.Zero : sa[0] * T.CreateTruncating(Math.Max(xc.Shape[0], xc.Shape[1])) * Precision.Eps<T>();
        T alpha = T.CreateTruncating(Alpha);
        var d = sa.Select(v => v > cutoff ? v / (v * v + alpha) : T.Zero).ToArray();
        var uty = yc.MatMul(u);
        return (uty * NDArray.Wrap(d, d.Length)).MatMul(vt);
    }
}
