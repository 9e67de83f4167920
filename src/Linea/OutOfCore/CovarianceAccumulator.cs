using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas3;

namespace Linea;

/// <summary>
/// Accumulates the column sums and the Gram matrix of rows fed to it block by block, for the mean and covariance
/// (NumPy's <c>mean(axis=0)</c> and <c>cov(rowvar=False)</c>) of a matrix never held whole. Numerically: (1) the
/// rows are shifted by the mean K of the first block before anything is summed, so the covariance
/// <c>(G - s s^T / n) / (n - ddof)</c> of the shifted sums s, G does not cancel when the data lie far from the origin
/// (the textbook one-pass formula <c>E[x x^T] - mean mean^T</c> loses log10(mean^2 / variance) digits); (2) each
/// chunk of <see cref="ChunkRows"/> rows is one symmetric rank-k update (Linea's SYRK, running on the packed GEMM),
/// and the chunks' Gram matrices and sums are added with Neumaier's compensated summation, so the error grows with
/// the chunk size, not with the number of rows: each entry of G is within about (ChunkRows + 3) eps sum_i |x_i x_i^T|
/// of the exact sum, for any number of rows.
/// <code>
/// var acc = new CovarianceAccumulator&lt;double&gt;(columns: 50);
/// foreach (var block in source.Blocks(4096)) acc.Add(block.Values);
/// var (mean, cov) = (acc.Mean(), acc.Covariance());
/// </code>
/// </summary>
/// <remarks>Memory held: four p x p arrays and a chunk of ChunkRows x p elements (p = <see cref="Columns"/>).
/// Cost per row: p^2 multiply-adds (half of them wasted on the diagonal blocks of SYRK) plus 4 p^2 / ChunkRows for
/// the compensated additions. Not thread-safe.</remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class CovarianceAccumulator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows per symmetric rank-k update: long enough for GEMM speed, short enough that the error of one
    /// update (about ChunkRows eps) stays small in float.</summary>
    public const int ChunkRows = 256;

    private readonly int _p;
    private readonly bool _shifted;
    private readonly T[] _shift;
    private readonly T[] _gram, _gramComp, _sum, _sumComp;
    private readonly T[] _chunkGram, _chunk;
    private bool _shiftSet;

    /// <summary>Creates an empty accumulator for rows of <paramref name="columns"/> elements.</summary>
    /// <param name="columns">p, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">columns is less than 1 or too large for a p x p array.</exception>
    public CovarianceAccumulator(int columns) : this(columns, shifted: true) { }

    internal CovarianceAccumulator(int columns, bool shifted)
    {
        if (columns < 1 || (long)columns * columns > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(columns), columns,
                $"covariance accumulator: columns must lie in 1..{(int)Math.Sqrt(Array.MaxLength)} (a p x p Gram matrix in one array)");
        _p = columns;
        _shifted = shifted;
        _shift = new T[columns];
        _gram = new T[columns * columns];
        _gramComp = new T[columns * columns];
        _chunkGram = new T[columns * columns];
        _sum = new T[columns];
        _sumComp = new T[columns];
        _chunk = new T[ChunkRows * columns];
    }

    /// <summary>p, the number of columns of every block.</summary>
    public int Columns => _p;

    /// <summary>The number of rows added so far.</summary>
    public long Count { get; private set; }

    /// <summary>The shift K subtracted from every row before summing (the mean of the first block added), shape (p,);
    /// zeros before the first block.</summary>
    public NDArray<T> Shift => NDArray.FromArray((T[])_shift.Clone());

    /// <summary>Adds the rows of <paramref name="block"/> (shape (rows, p), any strides, in memory or mapped).
    /// O(rows p^2). Allocates nothing beyond a copy of a strided block.</summary>
    /// <param name="block">The rows; an empty block is allowed and changes nothing.</param>
    /// <param name="firstRow">The index of the block's first row in the whole matrix, for error messages.</param>
    /// <exception cref="ShapeMismatchException">The block is not 2-d or does not have p columns.</exception>
    /// <exception cref="NonFiniteException">The block holds NaN or infinity (the message gives the row and column);
    /// nothing of that block is added.</exception>
    public void Add(NDArray<T> block, long firstRow = 0)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Rank != 2 || block.Shape[1] != _p)
            ThrowHelper.ShapeMismatch("covariance accumulator",
                $"covariance accumulator: a block must have shape (rows, {_p}); got {block.Shape} at row {firstRow}", block.Shape);
        long bad = NDArray.IndexOfNonFinite(block);
        if (bad >= 0)
        {
            long r = bad / _p, c = bad % _p;
            T v = block[r, c];
            throw new NonFiniteException(
                $"covariance accumulator: {(T.IsNaN(v) ? "NaN" : "infinity")} at row {firstRow + r}, column {c}; remove or impute it before accumulating");
        }
        long rows = block.Shape[0];
        if (rows == 0) return;
        var values = block.Contiguous();
        if (_shifted && !_shiftSet) SetShift(values);
        for (long start = 0; start < rows; start += ChunkRows)
        {
            int count = (int)Math.Min(ChunkRows, rows - start);
            AddChunk(values[Slice.Range(start, start + count), Slice.All], count);
        }
        GC.KeepAlive(values);
        Count += rows;
    }

    /// <summary>The column means, shape (p,): K + s / n.</summary>
    /// <exception cref="InvalidOperationException">No row has been added.</exception>
    public NDArray<T> Mean()
    {
        RequireRows(1, "mean");
        var mean = new T[_p];
        T n = T.CreateTruncating(Count);
        for (int j = 0; j < _p; j++) mean[j] = _shift[j] + (_sum[j] + _sumComp[j]) / n;
        return NDArray.FromArray(mean);
    }

    /// <summary>The covariance of the columns, shape (p, p), symmetric: (G - s s^T / n) / (n - ddof) from the shifted
    /// sums. ddof = 1 (the default) gives the unbiased estimate of NumPy's <c>cov</c>; 0 the maximum-likelihood one.</summary>
    /// <exception cref="InvalidOperationException">n - ddof is not positive.</exception>
    /// <exception cref="ArgumentOutOfRangeException">ddof is negative.</exception>
    public NDArray<T> Covariance(int ddof = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ddof);
        RequireRows(ddof + 1, $"covariance with ddof = {ddof}");
        var s = Sums();
        T n = T.CreateTruncating(Count), denominator = T.CreateTruncating(Count - ddof);
        var cov = new T[_p * _p];
        for (int i = 0; i < _p; i++)
            for (int j = 0; j <= i; j++)
            {
                T v = (_gram[i * _p + j] + _gramComp[i * _p + j] - s[i] * s[j] / n) / denominator;
                cov[i * _p + j] = v;
                cov[j * _p + i] = v;
            }
        return NDArray.Wrap(cov, _p, _p);
    }

    /// <summary>The uncentred Gram matrix X^T X, shape (p, p), symmetric: G + s K^T + K s^T + n K K^T.</summary>
    /// <exception cref="InvalidOperationException">No row has been added.</exception>
    public NDArray<T> Gram()
    {
        RequireRows(1, "Gram matrix");
        var s = Sums();
        T n = T.CreateTruncating(Count);
        var gram = new T[_p * _p];
        for (int i = 0; i < _p; i++)
            for (int j = 0; j <= i; j++)
            {
                T v = _gram[i * _p + j] + _gramComp[i * _p + j];
                if (_shiftSet) v += s[i] * _shift[j] + _shift[i] * s[j] + n * _shift[i] * _shift[j];
                gram[i * _p + j] = v;
                gram[j * _p + i] = v;
            }
        return NDArray.Wrap(gram, _p, _p);
    }

    private T[] Sums()
    {
        var s = new T[_p];
        for (int j = 0; j < _p; j++) s[j] = _sum[j] + _sumComp[j];
        return s;
    }

    private void RequireRows(long needed, string what)
    {
        if (Count < needed)
            throw new InvalidOperationException(
                $"covariance accumulator: the {what} needs at least {needed} row{(needed == 1 ? "" : "s")}; {Count} were added");
    }

    /// <summary>K = the mean of the first block's rows (plain sums: K needs only to be near the data, not exact).</summary>
    private void SetShift(NDArray<T> values)
    {
        var mean = values.Mean(0).ToArray();
        mean.CopyTo(_shift, 0);
        _shiftSet = true;
    }

    /// <summary>Adds one chunk of at most ChunkRows contiguous rows: shift into the scratch, SYRK, compensated adds.</summary>
    private void AddChunk(NDArray<T> rows, int count)
    {
        var src = rows.ContiguousSpan;
        var dst = _chunk.AsSpan(0, count * _p);
        if (_shiftSet)
            for (int i = 0; i < count; i++)
                TensorPrimitives.Subtract(src.Slice(i * _p, _p), _shift, dst.Slice(i * _p, _p));
        else
            src.CopyTo(dst);

        // The chunk's Gram matrix Xc^T Xc on the lower triangle: SYRK computes C - A A^T with A = Xc^T (p x count),
        // so C starts at zero and ends at -Xc^T Xc.
        Array.Clear(_chunkGram);
        var a = MatrixView<T>.Of(_chunk, 0, _p, count, 1, _p);
        Syrk.LowerMinus(a, MatrixView<T>.RowMajor(_chunkGram, _p, _p), Parallelism.Default);
        for (int i = 0; i < _p; i++)
            for (int j = 0; j <= i; j++)
                Neumaier(ref _gram[i * _p + j], ref _gramComp[i * _p + j], -_chunkGram[i * _p + j]);

        var colSums = ArrayPool<T>.Shared.Rent(_p);
        Array.Clear(colSums, 0, _p);
        for (int i = 0; i < count; i++)
            TensorPrimitives.Add(colSums.AsSpan(0, _p), dst.Slice(i * _p, _p), colSums.AsSpan(0, _p));
        for (int j = 0; j < _p; j++) Neumaier(ref _sum[j], ref _sumComp[j], colSums[j]);
        ArrayPool<T>.Shared.Return(colSums);
    }

    /// <summary>Neumaier's compensated addition: sum + comp carries the running total to about twice the working precision.</summary>
    private static void Neumaier(ref T sum, ref T comp, T x)
    {
        T t = sum + x;
        comp += T.Abs(sum) >= T.Abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
    }
}
