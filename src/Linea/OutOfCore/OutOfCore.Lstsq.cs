using System.Numerics;

namespace Linea;

public static partial class OutOfCore
{
    /// <summary>
    /// Least squares over rows that need not fit in memory (NumPy's <c>lstsq</c> for a file): the x minimising
    /// ||y - X x||_2, of minimum norm when X is rank deficient. One pass: streaming TSQR (<see cref="QrR{T}"/>) of
    /// [X, y] gives R = [[R11, R12], [0, R22]]; then x solves the small problem min ||R11 x - R12|| with
    /// <see cref="Linalg.Lstsq{T}"/>, whose column scaling and rank decision see the same singular values as X itself
    /// (R11 = Q^T X with Q orthonormal), with rcond defaulting to eps max(n, p) as for the whole matrix; the residual
    /// sum of squares is ||R11 x - R12||^2 + ||R22 column||^2. Memory held: one block of each source and O((p + r)^2)
    /// per thread; never X. O(n (p + r)^2) flops.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="x">The rows of X, n x p (for example <see cref="RowBlocks.Npy{T}(string)"/> of a file).</param>
    /// <param name="y">The targets, n x r (a 1-d .npy reads as one column); read in lockstep with X.</param>
    /// <param name="rcond">Singular values of the column-scaled X below rcond times the largest count as zero; default
    /// eps max(n, p).</param>
    /// <param name="blockRows">Rows per block; 0 (default) picks about 4 Mi elements per block.</param>
    /// <param name="progress">Told after each block of X.</param>
    /// <exception cref="ShapeMismatchException">X and y have different numbers of rows, or y has no columns.</exception>
    /// <exception cref="ArgumentException">The sources hold no rows.</exception>
    /// <exception cref="NonFiniteException">A value is NaN or infinite (the message names the source, row and column).</exception>
    /// <exception cref="ArgumentOutOfRangeException">rcond is negative or NaN, or blockRows is negative.</exception>
    public static OutOfCoreLstsqResult<T> Lstsq<T>(IRowBlockSource<T> x, IRowBlockSource<T> y, double? rcond = null, int blockRows = 0,
        IProgress<RowBlockProgress>? progress = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (rcond is double rc && !(rc >= 0))
            throw new ArgumentOutOfRangeException(nameof(rcond), rc, $"out-of-core lstsq: rcond must be >= 0, got {rc}");
        if (y.Columns < 1)
            ThrowHelper.ShapeMismatch("out-of-core lstsq", $"out-of-core lstsq: y has no columns; it needs at least one target column");
        var (r, rows) = QrR(x, y, prependOnes: false, blockRows, progress);
        if (rows == 0) ThrowHelper.Argument("out-of-core lstsq", nameof(x), "X has no rows");
        int p = x.Columns;
        var (solution, rss, rank) = SolveTriangularFactor(r, 0, p, rows, rcond);
        return new OutOfCoreLstsqResult<T>(y.Columns == 1 ? solution[.., 0].Copy() : solution, rss, rank, rows, r);
    }

    /// <summary>
    /// From the R of [.., X, Y] (X in columns [first, first + p), Y after it): the minimum-norm x of min ||R11 x - R12||,
    /// the residual sums of squares per column of Y and the rank. rcond defaults to eps max(rows, p), as
    /// <see cref="Linalg.Lstsq{T}"/> would use on the n x p matrix. O(p^3 + p^2 r).
    /// </summary>
    internal static (NDArray<T> Solution, NDArray<T> Rss, int Rank) SolveTriangularFactor<T>(NDArray<T> r, int first, int p, long rows, double? rcond)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = (int)r.Shape[0];
        var r11 = r[first..(first + p), first..(first + p)];
        var r12 = r[first..(first + p), (first + p)..k];
        var r22 = r[(first + p)..k, (first + p)..k];
        double cut = rcond ?? double.CreateTruncating(Precision.Eps<T>()) * Math.Max(rows, p);
        if (p == 0) return (NDArray.Zeros<T>(0, k - first), (r22 * r22).Sum(0), 0);
        var fit = Linalg.Lstsq(r11, r12, cut);
        var residual = r11.MatMul(fit.Solution) - r12;
        var rss = (residual * residual).Sum(0) + (r22 * r22).Sum(0);
        return (fit.Solution, rss, fit.Rank);
    }
}
