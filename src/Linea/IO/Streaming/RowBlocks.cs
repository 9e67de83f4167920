using System.Numerics;

namespace Linea;

/// <summary>
/// Row-block sources (<see cref="IRowBlockSource{T}"/>) over tensors and files, for out-of-core algorithms.
/// One factory per kind of storage, split by file (<c>RowBlocks.*.cs</c>).
/// </summary>
public static partial class RowBlocks
{
    /// <summary>
    /// The rows of a 2-d tensor already in memory (or memory-mapped), as views: no element is copied, and a pass
    /// over a mapped tensor touches only the pages of the blocks it reaches.
    /// </summary>
    /// <param name="matrix">Shape <c>(rows, columns)</c>, any strides.</param>
    /// <exception cref="ShapeMismatchException"><paramref name="matrix"/> is not 2-d, or has more than
    /// <see cref="int.MaxValue"/> columns.</exception>
    public static IRowBlockSource<T> FromTensor<T>(NDArray<T> matrix) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rank != 2 || matrix.Shape[1] > int.MaxValue)
            ThrowHelper.ShapeMismatch("row blocks",
                $"row blocks: expected a 2-d matrix with at most {int.MaxValue} columns, got shape {matrix.Shape}", matrix.Shape);
        return new TensorRowBlocks<T>(matrix);
    }

    internal static void CheckBlockRows(int blockRows)
    {
        if (blockRows < 1)
            throw new ArgumentOutOfRangeException(nameof(blockRows), blockRows, "row blocks: a block holds at least 1 row");
    }

    private sealed class TensorRowBlocks<T>(NDArray<T> matrix) : IRowBlockSource<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public long Rows => matrix.Shape[0];

        public int Columns => (int)matrix.Shape[1];

        public IEnumerable<RowBlock<T>> Blocks(int blockRows, IProgress<RowBlockProgress>? progress = null)
        {
            CheckBlockRows(blockRows);
            return Enumerate(blockRows, progress);
        }

        private IEnumerable<RowBlock<T>> Enumerate(int blockRows, IProgress<RowBlockProgress>? progress)
        {
            long rows = Rows;
            for (long start = 0; start < rows; start += blockRows)
            {
                long stop = Math.Min(rows, start + blockRows);
                yield return new RowBlock<T>(start, matrix[Slice.Range(start, stop), Slice.All]);
                progress?.Report(new RowBlockProgress(stop, rows, -1, -1));
            }
        }
    }
}
