using System.Numerics;

namespace Linea.ML;

/// <summary>
/// What the out-of-core linear fits share: one TSQR pass over [1, X, y] and the small solves on its R
/// (R = [[r00, r0x, r0y], [0, Rxx, Rxy], [0, 0, ryy]] with the ones column; without it the first row and column are absent).
/// </summary>
internal static class OutOfCoreFit
{
    /// <summary>Checks y has one column, runs the pass, and returns R, the rows read and the index of X's first column.</summary>
    public static (NDArray<T> R, long Rows, int First) Factor<T>(IRowBlockSource<T> x, IRowBlockSource<T> y, bool intercept, int blockRows,
        IProgress<RowBlockProgress>? progress, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Columns != 1)
            throw new ShapeMismatchException(where, [new Shape([y.Rows, y.Columns])], $"{where}: y must have one column (one target per sample), got {y.Columns} columns");
        var (r, rows) = OutOfCore.QrR(x, y, prependOnes: intercept, blockRows, progress);
        if (rows == 0) throw new ArgumentException($"{where}: X has no samples", nameof(x));
        return (r, rows, intercept ? 1 : 0);
    }

    /// <summary>
    /// w minimising ||Rxx w - Rxy||^2 + alpha ||w||^2 (alpha = 0: plain least squares, minimum norm when rank deficient),
    /// by <see cref="Linalg.Lstsq{T}"/> of [Rxx; sqrt(alpha) I] with rcond eps max(n, p); the residual sum of squares
    /// ||Rxx w - Rxy||^2 + ryy^2 (without the penalty) and the rank. O(p^3).
    /// </summary>
    public static (NDArray<T> W, T Rss, int Rank) Solve<T>(NDArray<T> r, int first, int p, long rows, double alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rxx = r[first..(first + p), first..(first + p)];
        var rxy = r[first..(first + p), first + p];
        T ryy = r[first + p, first + p];
        if (p == 0) return (NDArray.Zeros<T>(0), ryy * ryy, 0);
        var a = alpha > 0 ? NDArray.Concatenate([rxx, NDArray.Eye<T>(p) * T.CreateTruncating(Math.Sqrt(alpha))], 0) : rxx;
        var b = alpha > 0 ? NDArray.Concatenate([rxy, NDArray.Zeros<T>(p)], 0) : rxy;
        double rcond = double.CreateTruncating(Precision.Eps<T>()) * Math.Max(rows, p);
        var fit = Linalg.Lstsq(a, b, rcond);
        var residual = rxx.MatMul(fit.Solution) - rxy;
        return (fit.Solution, (residual * residual).Sum() + ryy * ryy, fit.Rank);
    }

    /// <summary>The column means of X and y from R's first row (R[0, j] / R[0, 0]; the first reflector maps the ones
    /// column to R[0, 0] e_0 with R[0, 0]^2 = n, so R[0, j] = sum_i a_ij / R[0, 0]); zeros without an intercept.</summary>
    public static (NDArray<T> XMean, T YMean) Means<T>(NDArray<T> r, int first, int p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (first == 0) return (NDArray.Zeros<T>(p), T.Zero);
        T r00 = r[0, 0];
        return (r[0, 1..(1 + p)] / r00, r[0, 1 + p] / r00);
    }
}
