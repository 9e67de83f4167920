using System.Numerics;

namespace Linea.ML;

/// <summary>
/// The Lasso (scikit-learn's <c>Lasso</c>): minimises (1 / (2 n)) ||y - X w - b||^2 + alpha ||w||_1 by cyclic coordinate
/// descent, the intercept unpenalised (X and y centred first). The L1 penalty sets weights exactly to zero, so the fit
/// selects features. For n &gt;= p (up to 1,024 features) the sweeps run on the p x p cross-products, formed in one pass
/// over X, and each costs O(p^2) (see Lasso.Gram.cs); otherwise on the residual, O(n p) each.
/// </summary>
/// <remarks>
/// Stopping rule (scikit-learn's): after a sweep whose largest weight change is below <see cref="Tol"/> times the
/// largest weight (or on the last allowed sweep), the duality gap of the problem scaled by n is computed, and the
/// iteration stops when it is below Tol * ||y - mean(y)||^2. A fit that runs out of sweeps is kept but reports
/// <see cref="Converged"/> false and a <see cref="Warning"/> (scikit-learn's ConvergenceWarning), never silently.
/// <para>Memory: the model holds w (p values). Fitting tall X allocates the p x p cross-products and a few p-vectors
/// (X is read in place); other shapes the centred copy of X and its transpose as one array (two n x p arrays in all),
/// and the centred y, the residual and a copy of y (3 n). The sweeps allocate nothing.</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class Lasso<T> : LinearModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Configures the model.</summary>
    /// <param name="alpha">Weight of the L1 penalty, &gt;= 0 (default 1, as scikit-learn). 0 is plain least squares, for
    /// which coordinate descent converges slowly; prefer <see cref="LinearRegression{T}"/> there.</param>
    /// <param name="fitIntercept">Fit an unpenalised intercept (default).</param>
    /// <param name="maxIter">Maximum number of sweeps over the features (default 1000).</param>
    /// <param name="tol">Tolerance of the stopping rule (default 1e-4, as scikit-learn).</param>
    /// <exception cref="ArgumentOutOfRangeException">alpha is negative or not finite, maxIter &lt; 1, or tol is negative or not finite.</exception>
    public Lasso(double alpha = 1.0, bool fitIntercept = true, int maxIter = 1000, double tol = 1e-4) : base(fitIntercept)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Lasso: alpha must be a finite number >= 0");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIter, 1);
        if (!(tol >= 0) || double.IsInfinity(tol))
            throw new ArgumentOutOfRangeException(nameof(tol), tol, "Lasso: tol must be a finite number >= 0");
        Alpha = alpha;
        MaxIter = maxIter;
        Tol = tol;
    }

    /// <summary>Weight of the L1 penalty.</summary>
    public double Alpha { get; }

    /// <summary>Maximum number of coordinate-descent sweeps.</summary>
    public int MaxIter { get; }

    /// <summary>Stopping tolerance (see the remarks).</summary>
    public double Tol { get; }

    /// <summary>Sweeps run by the last Fit (scikit-learn's <c>n_iter_</c>).</summary>
    public int NIter { get; private set; }

    /// <summary>The duality gap at the end of the last Fit, for the objective scaled by n (scikit-learn's <c>dual_gap_</c>
    /// is this divided by n).</summary>
    public T DualGap { get; private set; }

    /// <summary>Whether the last Fit met the stopping rule within <see cref="MaxIter"/> sweeps.</summary>
    public bool Converged { get; private set; }

    /// <summary>Null after a converged fit; otherwise the reason and what to try (scikit-learn's ConvergenceWarning).</summary>
    public string? Warning { get; private set; }

    /// <inheritdoc />
    protected override string ModelName => "Lasso";

    /// <summary>Fits the model to X (n x p) and y (n,), starting from w = 0. Returns this model.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D, y is not 1-D, or they have different numbers of samples.</exception>
    /// <exception cref="ArgumentException">X has no samples.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    public Lasso<T> Fit(NDArray<T> x, NDArray<T> y)
    {
        if (UsesGram(x)) return FitGram(x, y);
        var (xc, yc, xMean, yMean) = Prepare(x, y);
        int n = (int)x.Shape[0], p = (int)x.Shape[1];
        // Columns of Xc as contiguous rows of Xc^T, so that every coordinate update reads one span.
        var cols = xc.T.ToArray();
        var r = yc.Contiguous().ToArray();
        var yArr = (T[])r.Clone();
        var w = new T[p];
        var norms = new T[p];
        for (int j = 0; j < p; j++) norms[j] = Dot(Col(cols, j, n), Col(cols, j, n));
        T lambda = T.CreateTruncating(Alpha) * T.CreateTruncating(n);
        T tolGap = T.CreateTruncating(Tol) * Dot(yArr, yArr);
        var (sweeps, gap, converged) = Descend(w, tolGap, j =>
        {
            if (norms[j] == T.Zero) return false;
            var cj = Col(cols, j, n);
            T old = w[j];
            if (old != T.Zero) Axpy(old, cj, r);
            T rho = Dot(cj, r);
            T shrunk = T.Max(T.Abs(rho) - lambda, T.Zero);
            w[j] = shrunk == T.Zero ? T.Zero : T.CopySign(shrunk, rho) / norms[j];
            if (w[j] != T.Zero) Axpy(-w[j], cj, r);
            return true;
        }, () => DualityGap(cols, n, p, w, r, yArr, lambda));
        Finish(w, sweeps, gap, converged, tolGap, xMean, yMean);
        return this;
    }

    /// <summary>
    /// The cyclic sweeps and scikit-learn's stopping rule, shared by the residual and covariance forms:
    /// <paramref name="update"/>(j) updates w[j] (false: coordinate j is skipped, its column being zero); after a sweep
    /// whose largest weight change is below Tol times the largest weight (or the last allowed sweep) the duality gap
    /// <paramref name="dualityGap"/>() is taken, and the descent stops when it is below <paramref name="tolGap"/> or not
    /// positive.
    /// </summary>
    private (int Sweeps, T Gap, bool Converged) Descend(T[] w, T tolGap, Func<int, bool> update, Func<T> dualityGap)
    {
        T tolStep = T.CreateTruncating(Tol);
        T gap = T.Zero;
        int sweep = 0;
        while (sweep < MaxIter)
        {
            sweep++;
            T wMax = T.Zero, dwMax = T.Zero;
            for (int j = 0; j < w.Length; j++)
            {
                T old = w[j];
                if (!update(j)) continue;
                dwMax = T.Max(dwMax, T.Abs(w[j] - old));
                wMax = T.Max(wMax, T.Abs(w[j]));
            }
            if (wMax == T.Zero || dwMax / wMax < tolStep || sweep == MaxIter)
            {
                gap = dualityGap();
                // A gap of zero is optimal also when tolGap is zero (a constant y: w = 0 solves it exactly).
                if (gap < tolGap || gap <= T.Zero) return (sweep, gap, true);
            }
        }
        return (sweep, gap, false);
    }

    /// <summary>Records the fit: weights, intercept, sweeps, gap and convergence (with the warning when not converged).</summary>
    private void Finish(T[] w, int sweep, T gap, bool converged, T tolGap, NDArray<T> xMean, T yMean)
    {
        NIter = sweep;
        DualGap = gap;
        Converged = converged;
        Warning = converged ? null
            : $"Lasso: coordinate descent did not converge in {MaxIter} sweeps: duality gap {gap} >= tol * ||y||^2 = {tolGap}; " +
              "raise maxIter, scale the features, or loosen tol";
        var coef = NDArray.Wrap(w, w.Length);
        SetFit(coef, FitIntercept ? yMean - NDArray.Dot(xMean, coef) : T.Zero);
    }

    /// <summary>Gap between the primal 0.5 ||r||^2 + lambda ||w||_1 and the dual value at the feasible point theta = c r,
    /// c = min(1, lambda / ||X^T r||_inf): P - D = 0.5 ||r||^2 (1 + c^2) + lambda ||w||_1 - c r.y. Never negative in exact arithmetic.</summary>
    private static T DualityGap(T[] cols, int n, int p, T[] w, T[] r, T[] y, T lambda)
    {
        T xtrMax = T.Zero, l1 = T.Zero;
        for (int j = 0; j < p; j++)
        {
            xtrMax = T.Max(xtrMax, T.Abs(Dot(Col(cols, j, n), r)));
            l1 += T.Abs(w[j]);
        }
        T rr = Dot(r, r);
        T c = xtrMax > lambda ? lambda / xtrMax : T.One;
        T half = T.CreateTruncating(0.5);
        return half * rr * (T.One + c * c) + lambda * l1 - c * Dot(r, y);
    }

    private static ReadOnlySpan<T> Col(T[] cols, int j, int n) => cols.AsSpan(j * n, n);

    private static T Dot(ReadOnlySpan<T> a, ReadOnlySpan<T> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    /// <summary>r += a x.</summary>
    private static void Axpy(T a, ReadOnlySpan<T> x, Span<T> r) => System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x, a, r, r);
}
