using System.Globalization;

namespace Linea.Distributed;

public sealed partial class BlockCyclicMatrix<T>
{
    /// <summary>
    /// Redistributes a matrix held as row blocks (each rank's contiguous slice of consecutive rows, in rank order: rank
    /// r's rows follow rank r - 1's, as row-block distributed matrices and <see cref="RowPartition"/> hold them) into the
    /// block-cyclic layout (collective). Any split works, uneven ones and ranks with zero rows included. One
    /// <c>MPI_Alltoallv</c> after a small allgather of the slice shapes; each element moves once. Memory per rank: the
    /// local share plus send and receive buffers of the slice and the share.
    /// </summary>
    /// <param name="grid">The process grid (its communicator's ranks pass their slices).</param>
    /// <param name="localRows">This rank's rows, a 2-d tensor (r_k, N); r_k may be 0; one N on every rank.</param>
    /// <param name="rowBlock">mb ≥ 1.</param>
    /// <param name="columnBlock">nb ≥ 1.</param>
    /// <returns>The Σ r_k x N matrix.</returns>
    /// <exception cref="ShapeMismatchException">A slice is not 2-d or the column counts differ (on every rank, listing each rank's shape).</exception>
    /// <exception cref="ArgumentException">The total rows or a count passes ScaLAPACK's or MPI's 32-bit range.</exception>
    public static BlockCyclicMatrix<T> FromRowBlocks(ProcessGrid grid, NDArray<T> localRows, int rowBlock = DefaultBlockSize, int columnBlock = DefaultBlockSize)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(localRows);
        Communicator comm = grid.Communicator;
        const string op = "block_cyclic.from_row_blocks";
        long[] mine = [localRows.Rank == 2 ? localRows.Shape[0] : -1, localRows.Rank == 2 ? localRows.Shape[1] : -1];
        long[] all = new long[2 * comm.Size];
        comm.WithoutArgumentChecks().Allgather<long>(mine, all);
        long total = 0;
        bool ok = true;
        for (int r = 0; r < comm.Size; r++)
        {
            ok &= all[2 * r] >= 0 && all[2 * r + 1] == all[1];
            total += Math.Max(0, all[2 * r]);
        }
        if (!ok)
            throw new ShapeMismatchException(op, [localRows.Shape],
                $"{op}: every rank passes a 2-d slice (rows, N) with one N; got " + DescribeShapes(all, comm.Size));
        if (total > int.MaxValue || all[1] > int.MaxValue)
            throw new ArgumentException($"{op}: the {total} x {all[1]} matrix passes ScaLAPACK's 32-bit sizes");
        var partition = RowPartition.FromCounts(Enumerable.Range(0, comm.Size).Select(r => all[2 * r]).ToArray());
        var m = Zeros(grid, (int)total, (int)all[1], rowBlock, columnBlock);
        m.ReceiveRowBlocks(localRows.Contiguous(), partition);
        return m;
    }

    /// <summary>
    /// Redistributes a <see cref="RowBlockMatrix{T}"/> (its ranks' row slices, in rank order) into the block-cyclic
    /// layout on <paramref name="grid"/>, which must span the same communicator (collective). See
    /// <see cref="FromRowBlocks(ProcessGrid, NDArray{T}, int, int)"/> for cost and memory.
    /// </summary>
    /// <exception cref="ArgumentException">The grid's communicator is not the matrix's.</exception>
    public static BlockCyclicMatrix<T> FromRowBlocks(ProcessGrid grid, RowBlockMatrix<T> rows, int rowBlock = DefaultBlockSize, int columnBlock = DefaultBlockSize)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(rows);
        if (!ReferenceEquals(grid.Communicator, rows.Communicator) && grid.Communicator.Handle != rows.Communicator.Handle)
            throw new ArgumentException($"block_cyclic.from_row_blocks: the grid spans {grid.Communicator}, the row-block matrix {rows.Communicator}; they must share one communicator");
        return FromRowBlocks(grid, rows.Local, rowBlock, columnBlock);
    }

    /// <summary>
    /// The M x N matrix from a tensor on <paramref name="root"/> (collective): root passes it, the others pass null.
    /// The shape is broadcast, then the rows move as in <see cref="FromRowBlocks(ProcessGrid, NDArray{T}, int, int)"/> with all of them on root. Memory: the
    /// whole matrix on root (its tensor and a send buffer of the same size); M N must stay below 2^31 (MPI's counts).
    /// For larger matrices build with <see cref="FromFunction"/> or <see cref="FromRowBlocks(ProcessGrid, NDArray{T}, int, int)"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">Root passed null.</exception>
    /// <exception cref="ShapeMismatchException">Root's tensor is not 2-d (on every rank).</exception>
    public static BlockCyclicMatrix<T> Scatter(ProcessGrid grid, NDArray<T>? global, int root = 0, int rowBlock = DefaultBlockSize, int columnBlock = DefaultBlockSize)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Communicator comm = grid.Communicator;
        if (comm.Rank == root) ArgumentNullException.ThrowIfNull(global);
        Span<long> shape = [comm.Rank == root && global!.Rank == 2 ? global.Shape[0] : -1, comm.Rank == root && global!.Rank == 2 ? global.Shape[1] : -1];
        comm.Broadcast(shape, root);
        if (shape[0] < 0)
            throw new ShapeMismatchException("block_cyclic.scatter", [comm.Rank == root ? global!.Shape : new Shape([0])],
                $"block_cyclic.scatter: root {root}'s tensor must be a 2-d matrix" + (comm.Rank == root ? $", not {global!.Shape}" : ""));
        NDArray<T> mine = comm.Rank == root ? global! : NDArray.Zeros<T>(0, shape[1]);
        return FromRowBlocks(grid, mine, rowBlock, columnBlock);
    }

    /// <summary>
    /// The rows <paramref name="partition"/> gives this rank, as a new (count, N) tensor (collective; the reverse of
    /// <see cref="FromRowBlocks(ProcessGrid, NDArray{T}, int, int)"/>). One <c>MPI_Alltoallv</c>; each element moves once.
    /// </summary>
    /// <param name="partition">Row counts per rank: as many ranks as the communicator, summing to M.</param>
    /// <exception cref="ArgumentException">The partition does not fit this matrix or communicator (on every rank alike).</exception>
    public NDArray<T> ToRowBlocks(RowPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        Communicator comm = Grid.Communicator;
        if (partition.Ranks != comm.Size || partition.Rows != Rows)
            throw new ArgumentException($"block_cyclic.to_row_blocks: the partition {partition} must cover the {Rows} rows over the {comm.Size} ranks");
        int p = Grid.Rows, q = Grid.Columns;
        int me = comm.Rank;
        // Send: to each rank d, my local rows inside d's range, in ascending order, each with all my local columns.
        var sendCounts = new int[comm.Size];
        for (int d = 0; d < comm.Size; d++)
            sendCounts[d] = Checked(RowsOwnedBy(partition.Offset(d), partition.Count(d), Grid.MyRow) * LocalColumns);
        var send = new T[SumChecked(sendCounts)];
        int pos = 0;
        for (int d = 0; d < comm.Size; d++)
            pos = PackLocalRows(send, pos, (int)partition.Offset(d), (int)partition.Count(d));
        // Receive: from rank s at (pr, pc), the rows of my range that pr owns, times the columns that pc owns.
        int first = (int)partition.Offset(me), count = (int)partition.Count(me);
        var recvCounts = new int[comm.Size];
        for (int s = 0; s < comm.Size; s++)
            recvCounts[s] = Checked(RowsOwnedBy(first, count, s / q) * (long)LocalCount(Columns, ColumnBlock, s % q, q));
        var recv = new T[SumChecked(recvCounts)];
        comm.WithoutArgumentChecks().Alltoallv<T>(send, sendCounts, recv, recvCounts);
        var result = NDArray.Zeros<T>(count, Columns);
        if (count == 0 || Columns == 0) return result;
        Span<T> dst = result.AsSpan();
        pos = 0;
        for (int s = 0; s < comm.Size; s++)
        {
            int pr = s / q, pc = s % q;
            for (int i = first; i < first + count; i++)
            {
                if (Owner(i, RowBlock, p) != pr) continue;
                Span<T> row = dst.Slice((i - first) * Columns, Columns);
                for (int jb = pc * ColumnBlock; jb < Columns; jb += q * ColumnBlock)
                {
                    int len = Math.Min(ColumnBlock, Columns - jb);
                    recv.AsSpan(pos, len).CopyTo(row.Slice(jb, len));
                    pos += len;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The whole matrix as a new (M, N) tensor on <paramref name="root"/>, null on the other ranks (collective).
    /// Memory on root: the matrix and a receive buffer of its size; M N must stay below 2^31 (MPI's counts).
    /// </summary>
    public NDArray<T>? Gather(int root = 0)
    {
        Communicator comm = Grid.Communicator;
        if (root < 0 || root >= comm.Size)
            throw new ArgumentOutOfRangeException(nameof(root), root, $"block_cyclic.gather: root {root} is outside 0..{comm.Size - 1}");
        var counts = new long[comm.Size];
        counts[root] = Rows;
        NDArray<T> rows = ToRowBlocks(RowPartition.FromCounts(counts));
        return comm.Rank == root ? rows : null;
    }

    /// <summary>The whole matrix as a new (M, N) tensor on every rank (collective: a gather to rank 0, then a broadcast).</summary>
    public NDArray<T> Allgather()
    {
        NDArray<T>? whole = Gather(0);
        return Grid.Communicator.BroadcastTensor(whole, 0);
    }

    /// <summary>Fills this (zero) matrix from row slices laid out by <paramref name="partition"/>; collective.</summary>
    private void ReceiveRowBlocks(NDArray<T> localRows, RowPartition partition)
    {
        Communicator comm = Grid.Communicator;
        int p = Grid.Rows, q = Grid.Columns;
        int first = (int)partition.Offset(comm.Rank), count = (int)partition.Count(comm.Rank);
        ReadOnlySpan<T> src = count == 0 || Columns == 0 ? [] : localRows.AsReadOnlySpan();
        // Send to rank d at (pr, pc): my rows that pr owns (ascending), each restricted to the columns pc owns (ascending).
        var sendCounts = new int[comm.Size];
        for (int d = 0; d < comm.Size; d++)
            sendCounts[d] = Checked(RowsOwnedBy(first, count, d / q) * (long)LocalCount(Columns, ColumnBlock, d % q, q));
        var send = new T[SumChecked(sendCounts)];
        int pos = 0;
        for (int d = 0; d < comm.Size; d++)
        {
            int pr = d / q, pc = d % q;
            for (int i = first; i < first + count; i++)
            {
                if (Owner(i, RowBlock, p) != pr) continue;
                ReadOnlySpan<T> row = src.Slice((i - first) * Columns, Columns);
                for (int jb = pc * ColumnBlock; jb < Columns; jb += q * ColumnBlock)
                {
                    int len = Math.Min(ColumnBlock, Columns - jb);
                    row.Slice(jb, len).CopyTo(send.AsSpan(pos, len));
                    pos += len;
                }
            }
        }
        // Receive from rank s: the rows of s's range that my process row owns, each with all my local columns.
        var recvCounts = new int[comm.Size];
        for (int s = 0; s < comm.Size; s++)
            recvCounts[s] = Checked(RowsOwnedBy(partition.Offset(s), partition.Count(s), Grid.MyRow) * LocalColumns);
        var recv = new T[SumChecked(recvCounts)];
        comm.WithoutArgumentChecks().Alltoallv<T>(send, sendCounts, recv, recvCounts);
        pos = 0;
        int lld = LeadingDimension;
        for (int s = 0; s < comm.Size; s++)
        {
            int start = (int)partition.Offset(s), end = start + (int)partition.Count(s);
            for (int i = start; i < end; i++)
            {
                if (Owner(i, RowBlock, p) != Grid.MyRow) continue;
                int li = ToLocal(i, RowBlock, p);
                for (int lj = 0; lj < LocalColumns; lj++) _local[li + lj * lld] = recv[pos++];
            }
        }
    }

    /// <summary>Packs my local rows whose global index lies in [first, first + count), ascending, all local columns.</summary>
    private int PackLocalRows(T[] send, int pos, int first, int count)
    {
        int p = Grid.Rows, lld = LeadingDimension;
        for (int i = first; i < first + count; i++)
        {
            if (Owner(i, RowBlock, p) != Grid.MyRow) continue;
            int li = ToLocal(i, RowBlock, p);
            for (int lj = 0; lj < LocalColumns; lj++) send[pos++] = _local[li + lj * lld];
        }
        return pos;
    }

    /// <summary>How many of the global rows [first, first + count) process row <paramref name="processRow"/> owns.</summary>
    private long RowsOwnedBy(long first, long count, int processRow)
    {
        long owned = 0;
        for (long i = first; i < first + count; i++)
            if (Owner((int)i, RowBlock, Grid.Rows) == processRow) owned++;
        return owned;
    }

    private static int Checked(long count) => count <= int.MaxValue
        ? (int)count
        : throw new ArgumentException($"block_cyclic: {count} elements for one rank pass MPI's int count; use more ranks or a row-block path");

    private static int SumChecked(int[] counts)
    {
        long s = 0;
        foreach (int c in counts) s += c;
        return Checked(s);
    }

    private static string DescribeShapes(long[] all, int size) =>
        string.Join("; ", Enumerable.Range(0, size).Select(r => all[2 * r] < 0
            ? string.Create(CultureInfo.InvariantCulture, $"rank {r}: not 2-d")
            : string.Create(CultureInfo.InvariantCulture, $"rank {r}: ({all[2 * r]}, {all[2 * r + 1]})")));
}
