using System.Numerics;

namespace Linea;

/// <summary>
/// A matrix read one block of rows at a time, for algorithms that never hold the whole matrix (out-of-core
/// regression, PCA, k-means, training): a memory-mapped .npy, a CSV file, a sparse file, or a tensor in memory.
/// The source is re-readable: every call to <see cref="Blocks"/> starts a new pass from the first row, so an
/// algorithm states its cost as a number of passes.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public interface IRowBlockSource<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of rows, or -1 where it is known only after a full pass (a CSV file being read the first time).</summary>
    long Rows { get; }

    /// <summary>The number of columns of every block.</summary>
    int Columns { get; }

    /// <summary>
    /// One pass over the rows in order, in blocks of at most <paramref name="blockRows"/> rows (the last may be
    /// shorter; none is empty). Each block's <see cref="RowBlock{T}.Values"/> is a <c>(rows, Columns)</c> tensor that
    /// stays valid only until the enumeration moves on (it may be a view of a mapped file or a reused buffer): copy
    /// what must outlive it. Memory held: one block, O(<paramref name="blockRows"/> x Columns) elements.
    /// </summary>
    /// <param name="blockRows">The largest block, at least 1.</param>
    /// <param name="progress">Told after each block how many rows (and bytes, where known) the pass has read.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockRows"/> is less than 1.</exception>
    IEnumerable<RowBlock<T>> Blocks(int blockRows, IProgress<RowBlockProgress>? progress = null);
}

/// <summary>One block of rows of an <see cref="IRowBlockSource{T}"/>: rows <c>[Start, Start + Values.Shape[0])</c>.</summary>
/// <param name="Start">The index of the block's first row in the whole matrix.</param>
/// <param name="Values">The rows, shape <c>(rows, columns)</c>; valid until the pass moves on.</param>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public readonly record struct RowBlock<T>(long Start, NDArray<T> Values) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of rows in this block.</summary>
    public int Count => (int)Values.Shape[0];
}

/// <summary>How far one pass over an <see cref="IRowBlockSource{T}"/> has come, reported after each block.</summary>
/// <param name="RowsRead">Rows read so far in this pass.</param>
/// <param name="TotalRows">All rows, or -1 where unknown.</param>
/// <param name="BytesRead">Bytes of the file read so far, or -1 where not a file.</param>
/// <param name="TotalBytes">The file's size in bytes, or -1 where not a file.</param>
public readonly record struct RowBlockProgress(long RowsRead, long TotalRows, long BytesRead, long TotalBytes)
{
    /// <summary>The fraction done in [0, 1] (by rows where known, else by bytes), or NaN where neither is known.</summary>
    public double Fraction =>
        TotalRows > 0 ? (double)RowsRead / TotalRows : TotalBytes > 0 ? (double)BytesRead / TotalBytes : double.NaN;
}
