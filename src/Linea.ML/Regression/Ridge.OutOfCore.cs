using System.Numerics;

namespace Linea.ML;

public sealed partial class Ridge<T>
{
    /// <summary>
    /// Fits the model to rows streamed from <paramref name="x"/> (n x p) and <paramref name="y"/> (n x 1), never holding X:
    /// one pass of streaming TSQR (<see cref="OutOfCore.QrR{T}"/>) over [1, X, y] (ones only with an intercept), whose
    /// trailing block is the R of the centred [X, y]; then w minimises ||Rxx w - Rxy||^2 + alpha ||w||^2 as the least-squares
    /// problem [Rxx; sqrt(alpha) I] w = [Rxy; 0] (Householder QR, never X^T X), and the unpenalised intercept is
    /// b = mean(y) - mean(X) w with the means from R's first row, exactly the objective of <see cref="Fit(NDArray{T}, NDArray{T})"/>.
    /// <see cref="SolverUsed"/> is <see cref="RidgeSolver.Qr"/> whatever <see cref="Solver"/> asked. Passes: one. Memory held:
    /// one block of each source and one (p + 2) x (p + 2) R per thread. O(n p^2 + p^3) flops. Returns this model.
    /// </summary>
    /// <param name="x">The rows of X, for example <see cref="RowBlocks.Npy{T}(string)"/> of a file larger than memory.</param>
    /// <param name="y">The targets, one column, read in lockstep with X.</param>
    /// <param name="blockRows">Rows per block; 0 (default) picks about 4 Mi elements per block.</param>
    /// <param name="progress">Told after each block of X.</param>
    /// <exception cref="ShapeMismatchException">y does not have exactly one column, or X and y have different numbers of rows.</exception>
    /// <exception cref="ArgumentException">X has no samples.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity (the message names the row and column).</exception>
    public Ridge<T> Fit(IRowBlockSource<T> x, IRowBlockSource<T> y, int blockRows = 0, IProgress<RowBlockProgress>? progress = null)
    {
        var (r, rows, first) = OutOfCoreFit.Factor(x, y, FitIntercept, blockRows, progress, "Ridge.Fit");
        int p = x.Columns;
        var (w, _, _) = OutOfCoreFit.Solve(r, first, p, rows, Alpha);
        var (xMean, yMean) = OutOfCoreFit.Means(r, first, p);
        SetFit(w, FitIntercept ? yMean - NDArray.Dot(xMean, w) : T.Zero);
        SolverUsed = RidgeSolver.Qr;
        return this;
    }
}
