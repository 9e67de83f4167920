using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.ML;

/// <summary>
/// Ordinary least squares (scikit-learn's <c>LinearRegression</c>) with the classical inference statistics of a
/// regression package: minimises ||y - X w - b||^2 through <see cref="Linalg.Lstsq{T}"/> (Householder QR, column
/// pivoting, minimum-norm solution when X is rank deficient), or, for well-conditioned X, the corrected semi-normal equations (see Speed below). Fitting costs
/// O(n p^2) for n samples and p features.
/// </summary>
/// <remarks>
/// <para>The intercept is fitted by centring X and y (as scikit-learn), which removes the intercept's collinearity with
/// the other columns; b = mean(y) - mean(X) w.</para>
/// <para>Statistics (defined as NIST's StRD and R's <c>lm</c> do): residual standard deviation s = sqrt(RSS / (n - q)) with
/// q = p + 1 parameters (p without an intercept); standard errors sqrt(s^2 [(X1^T X1)^-1]_kk) for the design X1 (with a
/// column of ones when there is an intercept), computed from the QR factor R of the centred data as row norms of R^-1
/// (so (X^T X)^-1 is never formed); <see cref="RSquared"/>. When X is rank deficient or n &lt;= q the
/// standard errors are NaN and <see cref="Warning"/> says why.</para>
/// <para>Speed: when X is well conditioned (cond(X)^2 eps up to about 1e-8: cond(X) &lt;~ 7e3 in double) and p &lt;= n, the fit takes the
/// corrected semi-normal equations instead (Cholesky of the centred Gram matrix plus one refinement step with the true
/// residual), as accurate as the QR solution in that range and several times faster; <see cref="Rank"/> is then p.</para>
/// <para>Memory: the model holds w and the p standard errors. The fast path allocates, per thread, one row block
/// (64 Ki elements, at least 256 rows) and two (p + 1) x (p + 1) squares, then the p x p Gram matrix, its factor, a few
/// p x p arrays for R^-1, and one n-vector for the refinement's residual and the fit's (X w written into it, y
/// subtracted in place): 3.7 MB for a warm fit of 200,000 x 100. The QR path holds a centred copy of X and its
/// factorization (about 2 n p).</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class LinearRegression<T> : LinearModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NDArray<T>? _standardErrors;

    /// <summary>Configures the model.</summary>
    /// <param name="fitIntercept">Fit an intercept b (default); false forces the fit through the origin.</param>
    public LinearRegression(bool fitIntercept = true) : base(fitIntercept) { }

    /// <inheritdoc />
    protected override string ModelName => "LinearRegression";

    /// <summary>The numerical rank of the (centred) X that Lstsq decided.</summary>
    public int Rank { get; private set; }

    /// <summary>Residual degrees of freedom n - q (q = number of fitted parameters, intercept included).</summary>
    public int DegreesOfFreedom { get; private set; }

    /// <summary>The residual sum of squares sum (y - X w - b)^2 on the training data.</summary>
    public T ResidualSumOfSquares { get; private set; }

    /// <summary>The residual standard deviation s = sqrt(RSS / (n - q)); NaN when n &lt;= q.</summary>
    public T ResidualStandardDeviation { get; private set; }

    /// <summary>The training R^2 as regression packages report it: 1 - RSS / TSS with TSS about mean(y) when an intercept is
    /// fitted and about 0 (uncentred) without one (NIST StRD, R's <c>summary.lm</c>). <see cref="LinearModel{T}.Score"/>
    /// always centres, as scikit-learn does.</summary>
    public T RSquared { get; private set; }

    /// <summary>Standard errors of the coefficients, shape (p,); NaN entries when they are undefined (see <see cref="Warning"/>).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> StandardErrors => _standardErrors ?? throw NotFittedException.For(ModelName, nameof(StandardErrors));

    /// <summary>Standard error of the intercept; 0 without an intercept, NaN when undefined.</summary>
    public T InterceptStandardError { get; private set; }

    /// <summary>Null after a regular fit; otherwise why the solution or the statistics are not the textbook ones (rank
    /// deficiency, too few samples).</summary>
    public string? Warning { get; private set; }

    /// <summary>Fits the model to X (n x p) and y (n,). Returns this model.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D, y is not 1-D, or they have different numbers of samples.</exception>
    /// <exception cref="ArgumentException">X has no samples.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    public LinearRegression<T> Fit(NDArray<T> x, NDArray<T> y)
    {
        if (FitWellConditioned(x, y)) return this;
        var (xc, yc, xMean, yMean) = Prepare(x, y);
        int n = (int)x.Shape[0], p = (int)x.Shape[1], q = p + (FitIntercept ? 1 : 0);
        var fit = Linalg.Lstsq(xc, yc);
        var w = fit.Solution;
        T b = FitIntercept ? yMean - NDArray.Dot(xMean, w) : T.Zero;
        SetFit(w, b);
        Rank = fit.Rank;
        var residual = y - (x.MatMul(w) + b);
        T rss = (residual * residual).Sum();
        T tss = FitIntercept ? (yc * yc).Sum() : (y * y).Sum();
        ResidualSumOfSquares = rss;
        RSquared = tss > T.Zero ? T.One - rss / tss : (rss == T.Zero ? T.One : T.Zero);
        DegreesOfFreedom = n - q;
        ResidualStandardDeviation = n > q ? T.Sqrt(rss / T.CreateTruncating(n - q)) : T.NaN;
        Warning = fit.RankDeficient || Rank < p
            ? $"LinearRegression: {(FitIntercept ? "the centred X" : "X")} has rank {Rank} < {p} features; the coefficients are the minimum-norm solution and their standard errors are undefined (NaN)"
            : n <= q ? $"LinearRegression: {n} samples for {q} parameters leave no residual degrees of freedom; standard errors are undefined (NaN)"
            : null;
        StandardErrorsFromR(() => Linalg.QrR(xc), xMean, n, p);
        return this;
    }

    /// <summary>
    /// The fast path for a well-conditioned X with p &lt;= n: the corrected semi-normal equations (Björck). The centred
    /// Gram matrix G = Xc^T Xc and Xc^T yc come from one blocked pass over X without a centred copy; G = R^T R by
    /// Cholesky; w = R^-1 R^-T Xc^T yc; then one step of refinement with the true residual, w += R^-1 R^-T Xc^T (yc - Xc w),
    /// which brings the error down to that of a Householder QR solution when cond(X)^2 eps is small. The path is taken
    /// only when the Cholesky factorization succeeds and its reciprocal condition estimate of G is at least 1e8 eps, i.e.
    /// cond(X)^2 eps &lt;~ 1e-8 (cond(X) up to about 7e3 in double; float data always takes QR); otherwise false, and the
    /// pivoted QR least squares runs. O(n p^2) with a small constant: about n p^2 flops in GEMM plus three O(n p) passes.
    /// </summary>
    private bool FitWellConditioned(NDArray<T> x, NDArray<T> y)
    {
        string where = $"{ModelName}.Fit";
        Guard.MatrixShape(x, where);
        Guard.TargetShape(x, y, where);
        int n = (int)x.Shape[0], p = (int)x.Shape[1], q = p + (FitIntercept ? 1 : 0);
        if (p == 0 || p > n) return false;
        var g = CentredGram<T>.Compute(x, y, FitIntercept, where);
        if (!CholeskyDecomposition<T>.TryFactor(g.Gram, out var chol)) return false;
        if (!(chol.RCond >= Precision.Eps<T>() * T.CreateTruncating(1e8))) return false;
        var w = chol.Solve(g.Xty!);
        // One refinement step: r = yc - Xc w computed as y - X w - (mean(y) - mean(X) w), then Xc^T r = X^T r - mean(X) sum(r).
        // One n-vector serves the refinement's residual and then the fit's: X w is written into it and y subtracted in place.
        var r = NDArray.Empty<T>(new Shape([n]));
        ResidualInto(x, w, y, g.YMean - NDArray.Dot(g.XMean, w), r);
        w += chol.Solve(r.MatMul(x) - g.XMean * r.Sum());
        T b = FitIntercept ? g.YMean - NDArray.Dot(g.XMean, w) : T.Zero;
        SetFit(w, b);
        Rank = p;
        ResidualInto(x, w, y, b, r);
        T rss = NDArray.Dot(r, r);
        T tss = FitIntercept ? g.YSumSquares : NDArray.Dot(y, y);
        ResidualSumOfSquares = rss;
        RSquared = tss > T.Zero ? T.One - rss / tss : (rss == T.Zero ? T.One : T.Zero);
        DegreesOfFreedom = n - q;
        ResidualStandardDeviation = n > q ? T.Sqrt(rss / T.CreateTruncating(n - q)) : T.NaN;
        Warning = n <= q ? $"LinearRegression: {n} samples for {q} parameters leave no residual degrees of freedom; standard errors are undefined (NaN)" : null;
        StandardErrorsFromR(() => chol.L.T.Contiguous(), g.XMean, n, p);
        return true;
    }

    /// <summary>r = y - X w - shift into the n-vector <paramref name="r"/> (X w written there first, then y subtracted in place). O(n p), no allocation beyond a contiguous copy of a strided y.</summary>
    private static void ResidualInto(NDArray<T> x, NDArray<T> w, NDArray<T> y, T shift, NDArray<T> r)
    {
        long n = r.Size;
        NDArray.MatMulInto(x, w.Reshape(w.Size, 1), r.Reshape(n, 1));
        var rs = r.AsSpan();
        var ys = y.IsContiguous ? y.AsReadOnlySpan() : y.Contiguous().AsReadOnlySpan();
        TensorPrimitives.Subtract(ys, rs, rs);
        if (shift != T.Zero) TensorPrimitives.Subtract(rs, shift, rs);
    }

    /// <summary>
    /// The standard errors from the triangular factor R of the centred X (R^T R = Xc^T Xc; its rows may differ in sign
    /// from Linalg.QrR's, which leaves the row norms of R^-1 unchanged); R is asked for only when they are defined.
    /// </summary>
    private void StandardErrorsFromR(Func<NDArray<T>> rFactor, NDArray<T> xMean, long n, int p)
    {
        if (Warning is not null)
        {
            _standardErrors = NDArray.Full([p], T.NaN);
            InterceptStandardError = FitIntercept ? T.NaN : T.Zero;
            return;
        }
        // (Xc^T Xc)^-1 = R^-1 R^-T, so its diagonal holds the squared row norms of R^-1.
        NDArray<T> rInv;
        try { rInv = Linalg.SolveTriangular(rFactor(), NDArray.Eye<T>(p)); }
        catch (SingularMatrixException e)
        {
            throw new SingularMatrixException(e.PivotIndex, $"LinearRegression.Fit: the triangular factor has a zero at diagonal position {e.PivotIndex}; the columns of X are linearly dependent");
        }
        T s2 = ResidualStandardDeviation * ResidualStandardDeviation;
        _standardErrors = NDArray.Sqrt((rInv * rInv).Sum(1) * s2);
        // Intercept: Var(b) = s^2 (1/n + mean^T (Xc^T Xc)^-1 mean) = s^2 (1/n + ||R^-T mean||^2).
        if (FitIntercept)
        {
            var v = xMean.MatMul(rInv);
            InterceptStandardError = T.Sqrt(s2 * (T.One / T.CreateTruncating(n) + NDArray.Dot(v, v)));
        }
        else InterceptStandardError = T.Zero;
    }
}
