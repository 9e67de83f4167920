using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Ordinary least squares (scikit-learn's <c>LinearRegression</c>) with the classical inference statistics of a
/// regression package: minimises ||y - X w - b||^2 through <see cref="Linalg.Lstsq{T}"/> (Householder QR, column
/// pivoting, minimum-norm solution when X is rank deficient), never through the normal equations. Fitting costs
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
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class LinearRegression<T> : LinearModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _standardErrors;

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
    public Tensor<T> StandardErrors => _standardErrors ?? throw NotFittedException.For(ModelName, nameof(StandardErrors));

    /// <summary>Standard error of the intercept; 0 without an intercept, NaN when undefined.</summary>
    public T InterceptStandardError { get; private set; }

    /// <summary>Null after a regular fit; otherwise why the solution or the statistics are not the textbook ones (rank
    /// deficiency, too few samples).</summary>
    public string? Warning { get; private set; }

    /// <summary>Fits the model to X (n x p) and y (n,). Returns this model.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D, y is not 1-D, or they have different numbers of samples.</exception>
    /// <exception cref="ArgumentException">X has no samples.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    public LinearRegression<T> Fit(Tensor<T> x, Tensor<T> y)
    {
        var (xc, yc, xMean, yMean) = Prepare(x, y);
        int n = (int)x.Shape[0], p = (int)x.Shape[1], q = p + (FitIntercept ? 1 : 0);
        var fit = Linalg.Lstsq(xc, yc);
        var w = fit.Solution;
        T b = FitIntercept ? yMean - Tensor.Dot(xMean, w) : T.Zero;
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
        ComputeStandardErrors(xc, xMean, n, p);
        return this;
    }

    private void ComputeStandardErrors(Tensor<T> xc, Tensor<T> xMean, int n, int p)
    {
        if (Warning is not null)
        {
            _standardErrors = Tensor.Full([p], T.NaN);
            InterceptStandardError = FitIntercept ? T.NaN : T.Zero;
            return;
        }
        // (Xc^T Xc)^-1 = R^-1 R^-T, so its diagonal holds the squared row norms of R^-1.
        Tensor<T> rInv;
        try { rInv = Linalg.SolveTriangular(Linalg.QrR(xc), Tensor.Eye<T>(p)); }
        catch (SingularMatrixException e)
        {
            throw new SingularMatrixException(e.PivotIndex, $"LinearRegression.Fit: the triangular factor has a zero at diagonal position {e.PivotIndex}; the columns of X are linearly dependent");
        }
        T s2 = ResidualStandardDeviation * ResidualStandardDeviation;
        _standardErrors = Tensor.Sqrt((rInv * rInv).Sum(1) * s2);
        // Intercept: Var(b) = s^2 (1/n + mean^T (Xc^T Xc)^-1 mean) = s^2 (1/n + ||R^-T mean||^2).
        if (FitIntercept)
        {
            var v = xMean.MatMul(rInv);
            InterceptStandardError = T.Sqrt(s2 * (T.One / T.CreateTruncating(n) + Tensor.Dot(v, v)));
        }
        else InterceptStandardError = T.Zero;
    }
}
