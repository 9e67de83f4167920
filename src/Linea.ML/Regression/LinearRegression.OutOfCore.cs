using System.Numerics;

namespace Linea.ML;

public sealed partial class LinearRegression<T>
{
    /// <summary>
    /// Fits the model to rows streamed from <paramref name="x"/> (n x p) and <paramref name="y"/> (n x 1, a 1-d .npy reads
    /// as one column), never holding X: one pass of streaming TSQR (<see cref="OutOfCore.QrR{T}"/>) over [1, X, y] (the
    /// column of ones only with an intercept). The trailing block of that R is the R of the centred [X, y], so the
    /// coefficients, rank decision, residual sum of squares, R^2 and standard errors are those of
    /// <see cref="Fit(NDArray{T}, NDArray{T})"/> on the same data, to rounding: w solves min ||R_xx w - R_xy|| with
    /// <see cref="Linalg.Lstsq{T}"/> (rcond eps max(n, p), minimum norm when rank deficient), the means come from R's first
    /// row (R[0, j] / R[0, 0]) and b = mean(y) - mean(X) w. Passes: one. Memory held: one block of each source and one
    /// (p + 2) x (p + 2) R per thread. O(n p^2 + p^3) flops. Returns this model.
    /// </summary>
    /// <param name="x">The rows of X, for example <see cref="RowBlocks.Npy{T}(string)"/> of a file larger than memory.</param>
    /// <param name="y">The targets, one column, read in lockstep with X.</param>
    /// <param name="blockRows">Rows per block; 0 (default) picks about 4 Mi elements per block.</param>
    /// <param name="progress">Told after each block of X.</param>
    /// <exception cref="ShapeMismatchException">y does not have exactly one column, or X and y have different numbers of rows.</exception>
    /// <exception cref="ArgumentException">X has no samples.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity (the message names the row and column).</exception>
    public LinearRegression<T> Fit(IRowBlockSource<T> x, IRowBlockSource<T> y, int blockRows = 0, IProgress<RowBlockProgress>? progress = null)
    {
        var (r, rows, first) = OutOfCoreFit.Factor(x, y, FitIntercept, blockRows, progress, "LinearRegression.Fit");
        int p = x.Columns, q = p + first;
        var (w, rss, rank) = OutOfCoreFit.Solve(r, first, p, rows, alpha: 0);
        var (xMean, yMean) = OutOfCoreFit.Means(r, first, p);
        SetFit(w, FitIntercept ? yMean - NDArray.Dot(xMean, w) : T.Zero);
        Rank = rank;
        var yColumn = r[first.., (first + p)..(first + p + 1)];
        T tss = (yColumn * yColumn).Sum();
        ResidualSumOfSquares = rss;
        RSquared = tss > T.Zero ? T.One - rss / tss : (rss == T.Zero ? T.One : T.Zero);
        DegreesOfFreedom = (int)Math.Clamp(rows - q, int.MinValue, int.MaxValue);
        ResidualStandardDeviation = rows > q ? T.Sqrt(rss / T.CreateTruncating(rows - q)) : T.NaN;
        Warning = Rank < p
            ? $"LinearRegression: {(FitIntercept ? "the centred X" : "X")} has rank {Rank} < {p} features; the coefficients are the minimum-norm solution and their standard errors are undefined (NaN)"
            : rows <= q ? $"LinearRegression: {rows} samples for {q} parameters leave no residual degrees of freedom; standard errors are undefined (NaN)"
            : null;
        StandardErrorsFromR(() => r[first..(first + p), first..(first + p)], xMean, rows, p);
        return this;
    }
}
