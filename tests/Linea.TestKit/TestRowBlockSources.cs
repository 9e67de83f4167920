using System.Numerics;

namespace Linea.TestKit;

/// <summary>Misbehaving row-block sources for the error tests of the out-of-core algorithms.</summary>
public static class TestRowBlockSources
{
    /// <summary>A source with no rows and <paramref name="columns"/> columns.</summary>
    public static IRowBlockSource<T> Empty<T>(int columns) where T : unmanaged, IFloatingPointIeee754<T>
        => new Scripted<T>(columns, _ => []);

    /// <summary>A source that claims <paramref name="claimedColumns"/> columns but yields the rows of
    /// <paramref name="matrix"/> (a different width).</summary>
    public static IRowBlockSource<T> WrongColumns<T>(NDArray<T> matrix, int claimedColumns) where T : unmanaged, IFloatingPointIeee754<T>
        => new Scripted<T>(claimedColumns, _ => [new RowBlock<T>(0, matrix)]);

    /// <summary>A source whose first pass yields <paramref name="first"/> and every later pass <paramref name="later"/>:
    /// the file changed between passes.</summary>
    public static IRowBlockSource<T> ChangesBetweenPasses<T>(NDArray<T> first, NDArray<T> later) where T : unmanaged, IFloatingPointIeee754<T>
        => new Scripted<T>((int)first.Shape[1], pass => [new RowBlock<T>(0, pass == 0 ? first : later)]);

    private sealed class Scripted<T>(int columns, Func<int, RowBlock<T>[]> pass) : IRowBlockSource<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private int _passes;

        public long Rows => -1;

        public int Columns => columns;

        public IEnumerable<RowBlock<T>> Blocks(int blockRows, IProgress<RowBlockProgress>? progress = null) => pass(_passes++);
    }
}

/// <summary>The rows of a tensor as a row-block source that counts its passes (calls to Blocks).</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class CountingRowBlockSource<T>(NDArray<T> matrix) : IRowBlockSource<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IRowBlockSource<T> _inner = RowBlocks.FromTensor(matrix);

    /// <summary>How many passes have been started.</summary>
    public int Passes { get; private set; }

    /// <inheritdoc/>
    public long Rows => _inner.Rows;

    /// <inheritdoc/>
    public int Columns => _inner.Columns;

    /// <inheritdoc/>
    public IEnumerable<RowBlock<T>> Blocks(int blockRows, IProgress<RowBlockProgress>? progress = null)
    {
        Passes++;
        return _inner.Blocks(blockRows, progress);
    }
}
