using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Ridge regression (scikit-learn's <c>Ridge</c>): minimises ||y - X w - b||^2 + alpha ||w||^2. The intercept is not
/// penalised: X and y are centred first and b = mean(y) - mean(X) w, as scikit-learn does. Shrinking w stabilises the
/// weights of collinear or nearly collinear features, where plain least squares swings wildly.
/// </summary>
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
    public Ridge<T> Fit(Tensor<T> x, Tensor<T> y)
    {
        var (xc, yc, xMean, yMean) = Prepare(x, y);
        Tensor<T>? w = null;
        if (Solver != RidgeSolver.Svd)
        {
            w = SolveCholesky(xc, yc);
            if (w is null && Solver == RidgeSolver.Cholesky)
                throw new NotPositiveDefiniteException(0,
                    $"Ridge.Fit: X^T X + alpha I is not positive definite (alpha = {Alpha}, X of shape {x.Shape}); use alpha > 0, or solver Svd/Auto for a minimum-norm solution");
        }
        SolverUsed = w is null ? RidgeSolver.Svd : RidgeSolver.Cholesky;
        w ??= SolveSvd(xc, yc);
        SetFit(w, FitIntercept ? yMean - Tensor.Dot(xMean, w) : T.Zero);
        return this;
    }

    /// <summary>(Xc^T Xc + alpha I) w = Xc^T y, or w = Xc^T (Xc Xc^T + alpha I)^-1 y when p &gt; n; null when not positive definite.</summary>
    private Tensor<T>? SolveCholesky(Tensor<T> xc, Tensor<T> yc)
    {
        int n = (int)xc.Shape[0], p = (int)xc.Shape[1];
        bool primal = p <= n;
        var gram = primal ? xc.T.MatMul(xc) : xc.MatMul(xc.T);
        var a = gram + Tensor.Eye<T>(primal ? p : n) * T.CreateTruncating(Alpha);
        if (!CholeskyDecomposition<T>.TryFactor(a, out var chol)) return null;
        return primal ? chol.Solve(xc.T.MatMul(yc)) : xc.T.MatMul(chol.Solve(yc));
    }

    /// <summary>w = V diag(s / (s^2 + alpha)) U^T y over the singular values above max(n, p) eps s_max.</summary>
    private Tensor<T> SolveSvd(Tensor<T> xc, Tensor<T> yc)
    {
        var (u, s, vt) = Linalg.Svd(xc, fullMatrices: false);
        var sa = s.ToArray();
        T cutoff = sa.Length == 0 ? T.Zero : sa[0] * T.CreateTruncating(Math.Max(xc.Shape[0], xc.Shape[1])) * Precision.Eps<T>();
        T alpha = T.CreateTruncating(Alpha);
        var d = sa.Select(v => v > cutoff ? v / (v * v + alpha) : T.Zero).ToArray();
        var uty = yc.MatMul(u);
        return (uty * Tensor.Wrap(d, d.Length)).MatMul(vt);
    }
}
