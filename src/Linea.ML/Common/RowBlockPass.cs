using System.Numerics;

namespace Linea.ML;

/// <summary>
/// One checked pass over an <see cref="IRowBlockSource{T}"/> for the out-of-core models: every block must have the
/// column count of the first pass and only finite values, and a later pass must see as many rows as the first, so a
/// file that changed between passes is an error instead of a wrong answer.
/// </summary>
internal static class RowBlockPass
{
    /// <summary>The block size when a model is given none: about 2^20 elements per block, 256 to 65,536 rows.</summary>
    public static int BlockRows(int? requested, int columns) =>
        requested ?? OutOfCore.DefaultBlockRows(columns);

    /// <summary>Checks the source's shape for a model: at least one column.</summary>
    public static int Columns<T>(IRowBlockSource<T> source, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Columns < 1)
            throw new ShapeMismatchException(where, [new Shape(source.Rows, source.Columns)],
                $"{where}: the source has {source.Columns} columns; at least 1 is needed");
        return source.Columns;
    }

    /// <summary>The blocks of one pass, each checked (2-d, <paramref name="columns"/> columns, finite).
    /// When <paramref name="expectedRows"/> is not negative, the pass must hold exactly that many rows.</summary>
    /// <exception cref="ShapeMismatchException">A block has another column count.</exception>
    /// <exception cref="NonFiniteException">A block holds NaN or infinity (row and column named).</exception>
    /// <exception cref="InvalidDataException">The pass held another number of rows than the first.</exception>
    public static IEnumerable<RowBlock<T>> Run<T>(IRowBlockSource<T> source, int blockRows, IProgress<RowBlockProgress>? progress,
        string where, int columns, long expectedRows = -1, int pass = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long rows = 0;
        foreach (var block in source.Blocks(blockRows, progress))
        {
            var v = block.Values;
            if (v.Rank != 2 || v.Shape[1] != columns)
                throw new ShapeMismatchException(where, [v.Shape],
                    $"{where}: the block at row {block.Start} of pass {pass} has shape {v.Shape} but the data have {columns} columns; every block must have the same columns");
            long bad = NDArray.IndexOfNonFinite(v);
            if (bad >= 0)
            {
                long r = bad / columns, c = bad % columns;
                throw new NonFiniteException(
                    $"{where}: {(T.IsNaN(v[r, c]) ? "NaN" : "infinity")} at row {block.Start + r}, column {c}; remove or impute it before fitting");
            }
            rows += v.Shape[0];
            yield return block;
        }
        if (expectedRows >= 0 && rows != expectedRows)
            throw new InvalidDataException(
                $"{where}: pass {pass} over the source read {rows} rows but the first pass read {expectedRows}; the data changed between passes");
    }
}
