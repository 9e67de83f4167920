using System.Numerics;

namespace Linea;

/// <summary>
/// Algorithms over an <see cref="IRowBlockSource{T}"/>: a matrix read one block of rows at a time, never held whole.
/// Each method states the passes it makes over the source (calls to <see cref="IRowBlockSource{T}.Blocks"/>) and the
/// memory it holds. Split by topic into <c>OutOfCore.*.cs</c> files.
/// </summary>
public static partial class OutOfCore
{
    /// <summary>The block size used when none is given: about 2^20 elements (8 MB of doubles) per block, and between
    /// 256 and 65,536 rows.</summary>
    /// <param name="columns">The source's column count.</param>
    public static int DefaultBlockRows(int columns) => (int)Math.Clamp((1L << 20) / Math.Max(1, columns), 256, 65536);

    /// <summary>
    /// The Gram matrix X^T X (shape (p, p), symmetric) of the source X (n x p). <b>One pass</b>; memory O(p^2 +
    /// blockRows p). Chunks of 256 rows go through SYRK and are added with compensated summation (see
    /// <see cref="CovarianceAccumulator{T}"/>), so each entry is within about 260 eps sum_i |x_ij x_ik| whatever n is.
    /// </summary>
    /// <param name="source">The rows; at least one.</param>
    /// <param name="blockRows">Rows per block read; null for <see cref="DefaultBlockRows"/>.</param>
    /// <param name="progress">Told after each block how far the pass has come.</param>
    /// <exception cref="ArgumentException">The source has no rows.</exception>
    /// <exception cref="ShapeMismatchException">A block does not have the source's column count.</exception>
    /// <exception cref="NonFiniteException">The data hold NaN or infinity (the message names the row and column).</exception>
    public static NDArray<T> Gram<T>(IRowBlockSource<T> source, int? blockRows = null, IProgress<RowBlockProgress>? progress = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var acc = Accumulate(source, shifted: false, blockRows, progress, "gram");
        return acc.Gram();
    }

    /// <summary>
    /// The column means (shape (p,)) and the covariance of the columns (shape (p, p); NumPy's
    /// <c>cov(X, rowvar=False, ddof=ddof)</c>) of the source X (n x p). <b>One pass</b>; memory O(p^2 + blockRows p).
    /// The rows are shifted by the first block's mean before summing and chunks are summed with compensation (see
    /// <see cref="CovarianceAccumulator{T}"/>), so data far from the origin (mean 1e6, spread 1) keep their digits.
    /// </summary>
    /// <param name="source">The rows; more than <paramref name="ddof"/> of them.</param>
    /// <param name="ddof">Delta degrees of freedom: the divisor is n - ddof (1, the default, is unbiased).</param>
    /// <param name="blockRows">Rows per block read; null for <see cref="DefaultBlockRows"/>.</param>
    /// <param name="progress">Told after each block how far the pass has come.</param>
    /// <exception cref="ArgumentException">The source has no rows, or n - ddof is not positive.</exception>
    /// <exception cref="ArgumentOutOfRangeException">ddof is negative.</exception>
    /// <exception cref="ShapeMismatchException">A block does not have the source's column count.</exception>
    /// <exception cref="NonFiniteException">The data hold NaN or infinity (the message names the row and column).</exception>
    public static (NDArray<T> Mean, NDArray<T> Covariance) MeanAndCovariance<T>(IRowBlockSource<T> source, int ddof = 1,
        int? blockRows = null, IProgress<RowBlockProgress>? progress = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ddof);
        var acc = Accumulate(source, shifted: true, blockRows, progress, "cov");
        if (acc.Count <= ddof)
            throw new ArgumentException($"cov: {acc.Count} rows with ddof = {ddof} leave no degrees of freedom; need more than {ddof} rows", nameof(source));
        return (acc.Mean(), acc.Covariance(ddof));
    }

    /// <summary>NumPy's <c>cov(X, rowvar=False)</c> of the source: the covariance alone, as
    /// <see cref="MeanAndCovariance{T}"/> (one pass, memory O(p^2 + blockRows p), same errors).</summary>
    public static NDArray<T> Cov<T>(IRowBlockSource<T> source, int ddof = 1, int? blockRows = null,
        IProgress<RowBlockProgress>? progress = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MeanAndCovariance(source, ddof, blockRows, progress).Covariance;

    private static CovarianceAccumulator<T> Accumulate<T>(IRowBlockSource<T> source, bool shifted, int? blockRows,
        IProgress<RowBlockProgress>? progress, string op)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(source);
        var acc = new CovarianceAccumulator<T>(source.Columns, shifted);
        int rows = blockRows ?? DefaultBlockRows(source.Columns);
        foreach (var block in source.Blocks(rows, progress)) acc.Add(block.Values, block.Start);
        if (acc.Count == 0)
            throw new ArgumentException($"{op}: the source has no rows; at least one is needed", nameof(source));
        return acc;
    }
}
