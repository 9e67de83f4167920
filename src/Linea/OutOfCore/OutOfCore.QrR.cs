using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// Algorithms over data that need not fit in memory: they read an <see cref="IRowBlockSource{T}"/> (a memory-mapped
/// .npy, a CSV or sparse file, a tensor) one block of rows at a time, or multiply memory-mapped .npy files panel by
/// panel. Each method says how many passes it makes over its sources and how much memory it holds.
/// </summary>
public static partial class OutOfCore
{
    /// <summary>The block size used when a method is given <c>blockRows = 0</c>: about 4 Mi elements (32 MB of
    /// double) per block, at least one row.</summary>
    internal static int AutoBlockRows(int columns) => (int)Math.Clamp((1L << 22) / Math.Max(columns, 1), 1, 1 << 20);

    /// <summary>
    /// The triangular factor R of the tall matrix [1, X, Y] (the column of ones only when <paramref name="prependOnes"/>,
    /// Y only when given), by streaming tall-skinny QR (TSQR): every panel of rows is absorbed into R by Householder
    /// reflections, so R^T R = A^T A and R is what <see cref="Linalg.QrR{T}"/> of the whole matrix gives up to the
    /// signs of its rows. One pass over <paramref name="x"/> (and <paramref name="y"/>, in lockstep); memory held: one
    /// block of each source, one k x k R and one cache-sized panel per thread (k = columns of [1, X, Y]), never the
    /// matrix. 2 n k^2 flops for n rows, spread over <see cref="Parallelism.Default"/> threads (each keeps its own R;
    /// they are combined at the end, in a fixed order, so a given thread count always gives the same bits).
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="x">The rows of X, n x p.</param>
    /// <param name="y">Optional right-hand columns Y, n x r, appended after X; null for none.</param>
    /// <param name="prependOnes">Put a column of ones first (for an intercept: the trailing block of R is then the R of the
    /// centred [X, Y], and row 0 holds the column sums divided by R[0, 0] = ±sqrt(n)).</param>
    /// <param name="blockRows">Rows per block read from the sources; 0 (default) picks about 4 Mi elements per block.</param>
    /// <param name="progress">Told after each block of <paramref name="x"/>.</param>
    /// <returns>R, k x k upper triangular (k = p + r, plus 1 with ones), and the number of rows n read.</returns>
    /// <exception cref="ShapeMismatchException">X and Y have different numbers of rows (checked before the pass when both
    /// are known, otherwise when one ends first), or their blocks do not line up.</exception>
    /// <exception cref="NonFiniteException">A value is NaN or infinite; the message names the source, row and column.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockRows"/> is negative.</exception>
    public static (NDArray<T> R, long Rows) QrR<T>(IRowBlockSource<T> x, IRowBlockSource<T>? y = null, bool prependOnes = false,
        int blockRows = 0, IProgress<RowBlockProgress>? progress = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(blockRows);
        const string op = "out-of-core qr";
        int p = x.Columns, r = y?.Columns ?? 0, offset = prependOnes ? 1 : 0, k = offset + p + r;
        if (y is not null && x.Rows >= 0 && y.Rows >= 0 && x.Rows != y.Rows)
            ThrowHelper.ShapeMismatch(op, $"{op}: X has {x.Rows} rows and y has {y.Rows}; they must have the same number of rows",
                new Shape([x.Rows, p]), new Shape([y.Rows, r]));
        if (blockRows == 0) blockRows = AutoBlockRows(p + r);
        int threads = Math.Max(1, Parallelism.Default.Threads);
        int panelRows = Math.Clamp((1 << 16) / Math.Max(k, 1), 16, 8192);
        var workers = new TsqrAccumulator<T>[threads];
        for (int t = 0; t < threads; t++) workers[t] = new TsqrAccumulator<T>(k, panelRows);

        long rows = 0;
        using var xs = x.Blocks(blockRows, progress).GetEnumerator();
        using var ys = y?.Blocks(blockRows).GetEnumerator();
        while (true)
        {
            bool hasX = xs.MoveNext();
            bool hasY = ys?.MoveNext() ?? hasX;
            if (hasX != hasY)
            {
                string longer = hasX ? "X" : "y", shorter = hasX ? "y" : "X";
                ThrowHelper.ShapeMismatch(op, $"{op}: {shorter} ended after {rows} rows but {longer} has more; X and y must have the same number of rows");
            }
            if (!hasX) break;
            var xb = xs.Current;
            var yb = ys?.Current;
            if (yb is RowBlock<T> ybv && (ybv.Count != xb.Count || ybv.Start != xb.Start))
                ThrowHelper.ShapeMismatch(op,
                    $"{op}: the blocks of X and y do not line up (X rows [{xb.Start}, {xb.Start + xb.Count}), y rows [{ybv.Start}, {ybv.Start + ybv.Count})); both sources must yield blocks of equal sizes for the same blockRows");
            AbsorbBlock(workers, xb.Values, yb?.Values, prependOnes, xb.Start, op);
            rows += xb.Count;
        }
        for (int t = 1; t < threads; t++) workers[0].Absorb(workers[t]);
        var result = new T[(long)k * k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++) result[i * k + j] = workers[0].R[i + j * k];
        return (NDArray.Wrap(result, k, k), rows);
    }

    /// <summary>Splits one block into panels; thread t absorbs panels t, t + threads, ... into its own R.</summary>
    private static void AbsorbBlock<T>(TsqrAccumulator<T>[] workers, NDArray<T> xb, NDArray<T>? yb, bool ones, long start, string op)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xc = xb.IsContiguous ? xb : xb.Copy();
        var yc = yb is null || yb.IsContiguous ? yb : yb.Copy();
        int count = (int)xb.Shape[0], panelRows = workers[0].PanelRows;
        int panels = (count + panelRows - 1) / panelRows;
        int threads = Math.Min(workers.Length, panels);
        void Work(int t)
        {
            var acc = workers[t];
            for (int panel = t; panel < panels; panel += threads)
            {
                int first = panel * panelRows, m = Math.Min(panelRows, count - first);
                int column = 0;
                if (ones)
                    acc.Panel.AsSpan(0, m).Fill(T.One);
                column += ones ? 1 : 0;
                column = Transpose(xc, first, m, acc, column, start, "X", op);
                if (yc is not null) Transpose(yc, first, m, acc, column, start, "y", op);
                acc.Absorb(m);
            }
        }
        if (threads <= 1) Work(0);
        else Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, Work);
    }

    /// <summary>Copies rows [first, first + m) of a C-contiguous block into the panel's columns from
    /// <paramref name="column"/> on, checking they are finite; returns the next free column.</summary>
    private static int Transpose<T>(NDArray<T> block, int first, int m, TsqrAccumulator<T> acc, int column, long start, string what, string op)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = (int)block.Shape[1], ld = acc.PanelRows;
        if (cols == 0) return column;
        var source = block.ContiguousSpan.Slice(first * cols, m * cols);
        var panel = acc.Panel.AsSpan();
        for (int i = 0; i < m; i++)
        {
            var row = source.Slice(i * cols, cols);
            for (int c = 0; c < cols; c++) panel[i + (column + c) * ld] = row[c];
        }
        for (int c = 0; c < cols; c++)
        {
            if (T.IsFinite(TensorPrimitives.Sum<T>(panel.Slice((column + c) * ld, m)))) continue;
            for (int i = 0; i < m; i++)
            {
                T value = source[i * cols + c];
                if (!T.IsFinite(value))
                    throw new NonFiniteException($"{op}: {what} holds {value} at row {start + first + i}, column {c}; remove or impute non-finite values before fitting");
            }
        }
        return column + cols;
    }
}
