using System.Numerics;

namespace Linea.Distributed;

/// <summary>
/// A tall n x d matrix split by rows over the ranks of a communicator: rank r holds rows
/// <c>[Partition.Offset(r), Partition.Offset(r) + Partition.Count(r))</c> as <see cref="Local"/>, a (n_r, d) tensor
/// (n_r may be zero). Every rank knows the partition and d. Built from each rank's slice of a shared .npy file
/// (<see cref="LoadNpy"/>: each rank maps the file and reads only its rows), from local blocks
/// (<see cref="FromLocal"/>), or by scattering root's tensor (<see cref="Scatter"/>). The algorithms in
/// <see cref="Tsqr"/>, <see cref="DistributedPca{T}"/> and <see cref="DistributedKMeans{T}"/> take it.
/// Memory per rank: its rows only. Dispose releases a memory mapping (if <see cref="LoadNpy"/> made one).
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class RowBlockMatrix<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NDArray<T>? _mapping;

    private RowBlockMatrix(Communicator communicator, RowPartition partition, int columns, NDArray<T> local, NDArray<T>? mapping)
    {
        Communicator = communicator;
        Partition = partition;
        Columns = columns;
        Local = local;
        _mapping = mapping;
    }

    /// <summary>The ranks that share the matrix.</summary>
    public Communicator Communicator { get; }

    /// <summary>Which rows each rank holds.</summary>
    public RowPartition Partition { get; }

    /// <summary>n, the global number of rows.</summary>
    public long Rows => Partition.Rows;

    /// <summary>d, the number of columns (the same on every rank).</summary>
    public int Columns { get; }

    /// <summary>This rank's rows, shape (n_r, d); a read-only view of the mapping for <see cref="LoadNpy"/>.</summary>
    public NDArray<T> Local { get; }

    /// <summary>The number of rows this rank holds.</summary>
    public long LocalRows => Partition.Count(Communicator.Rank);

    /// <summary>The global index of this rank's first row.</summary>
    public long RowOffset => Partition.Offset(Communicator.Rank);

    /// <summary>The global shape (n, d).</summary>
    public Shape Shape => new(Rows, Columns);

    /// <summary>
    /// Wraps each rank's block (collective): the row counts are exchanged, so blocks may differ in height, zero
    /// included. The blocks are not copied.
    /// </summary>
    /// <param name="communicator">The ranks.</param>
    /// <param name="local">This rank's rows, shape (n_r, d); d the same on every rank.</param>
    /// <exception cref="ShapeMismatchException">The block is not 2-d.</exception>
    /// <exception cref="MpiCountMismatchException">The column counts differ across ranks (on every rank).</exception>
    public static RowBlockMatrix<T> FromLocal(Communicator communicator, NDArray<T> local)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentNullException.ThrowIfNull(local);
        if (local.Rank != 2)
            throw new ShapeMismatchException("RowBlockMatrix.FromLocal", [local.Shape], $"RowBlockMatrix.FromLocal on rank {communicator.Rank}: the block has shape {local.Shape}; it must be 2-d (rows, columns)");
        long[] rows = communicator.Allgather(local.Shape[0]);
        long[] cols = communicator.Allgather(local.Shape[1]);
        if (cols.Distinct().Count() > 1)
            throw new MpiCountMismatchException(communicator.Rank, communicator.Size, "RowBlockMatrix.FromLocal",
                "the blocks have different column counts (" + string.Join("; ", cols.Select((c, r) => $"rank {r}: {rows[r]} x {c}")) + ")");
        return new RowBlockMatrix<T>(communicator, RowPartition.FromCounts(rows), (int)cols[0], local, null);
    }

    /// <summary>
    /// Each rank maps the shared 2-d .npy file read-only (<see cref="Npy.Load{T}(string, MmapMode)"/>) and keeps a
    /// view of its rows of <paramref name="partition"/> (balanced by default): only those pages are ever read. Every
    /// rank must see the file at <paramref name="path"/> (a shared or copied file). Collective only in that every rank
    /// checks the same shape.
    /// </summary>
    /// <param name="communicator">The ranks.</param>
    /// <param name="path">A 2-d .npy file of exactly T ('&lt;f8' for double, '&lt;f4' for float).</param>
    /// <param name="partition">Rows per rank; null for <see cref="RowPartition.Balanced"/>.</param>
    /// <exception cref="TensorFormatException">Not a .npy file of T.</exception>
    /// <exception cref="ShapeMismatchException">The array is not 2-d.</exception>
    /// <exception cref="MpiCountMismatchException">The ranks see different shapes, or the partition does not fit.</exception>
    public static RowBlockMatrix<T> LoadNpy(Communicator communicator, string path, RowPartition? partition = null)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        NDArray<T> mapped = Npy.Load<T>(path, MmapMode.ReadOnly);
        try
        {
            if (mapped.Rank != 2)
                throw new ShapeMismatchException("RowBlockMatrix.LoadNpy", [mapped.Shape], $"RowBlockMatrix.LoadNpy: '{path}' holds shape {mapped.Shape}; a row-block matrix needs a 2-d array");
            long n = mapped.Shape[0];
            int d = (int)mapped.Shape[1];
            long[] seen = communicator.Allgather(n * 1_000_003L + d);
            if (seen.Distinct().Count() > 1)
                throw new MpiCountMismatchException(communicator.Rank, communicator.Size, "RowBlockMatrix.LoadNpy", $"the ranks see different shapes of '{path}'");
            RowPartition part = partition ?? RowPartition.Balanced(n, communicator.Size);
            if (part.Ranks != communicator.Size || part.Rows != n)
                throw new MpiCountMismatchException(communicator.Rank, communicator.Size, "RowBlockMatrix.LoadNpy", $"the partition {part} does not split {n} rows over {communicator.Size} ranks");
            long start = part.Offset(communicator.Rank);
            NDArray<T> local = mapped[Slice.Range(start, start + part.Count(communicator.Rank))];
            return new RowBlockMatrix<T>(communicator, part, d, local, mapped);
        }
        catch
        {
            mapped.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Root's (n, d) tensor cut into row blocks (collective; see <see cref="Communicator.ScatterRows{T}"/>).
    /// </summary>
    /// <param name="communicator">The ranks.</param>
    /// <param name="whole">Root: the matrix; others: null.</param>
    /// <param name="root">The rank holding it.</param>
    /// <param name="partition">Rows per rank; null for balanced.</param>
    /// <exception cref="ShapeMismatchException">Root's tensor is not 2-d.</exception>
    public static RowBlockMatrix<T> Scatter(Communicator communicator, NDArray<T>? whole, int root, RowPartition? partition = null)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        if (communicator.Rank == root && whole is not null && whole.Rank != 2)
            throw new ShapeMismatchException("RowBlockMatrix.Scatter", [whole.Shape], $"RowBlockMatrix.Scatter: root's tensor has shape {whole.Shape}; it must be 2-d");
        NDArray<T> local = communicator.ScatterRows(whole, root, partition);
        return FromLocal(communicator, local);
    }

    /// <summary>
    /// This rank's rows of another array with the same n rows (a view, no copy): e.g. its part of the targets y of a
    /// regression, from a memory-mapped .npy that every rank opens. Local, no communication.
    /// </summary>
    /// <param name="whole">An array whose first axis has length n (the same rows as this matrix).</param>
    /// <returns>Rows [RowOffset, RowOffset + LocalRows) of <paramref name="whole"/>.</returns>
    /// <exception cref="ShapeMismatchException">whole is 0-d or its first axis is not n.</exception>
    public NDArray<T> LocalRowsOf(NDArray<T> whole)
    {
        ArgumentNullException.ThrowIfNull(whole);
        if (whole.Rank == 0 || whole.Shape[0] != Rows)
            throw new ShapeMismatchException("RowBlockMatrix.LocalRowsOf", [Shape, whole.Shape],
                $"RowBlockMatrix.LocalRowsOf: the matrix has {Rows} rows but the array has shape {whole.Shape}; its first axis must be {Rows}");
        return whole[Slice.Range(RowOffset, RowOffset + LocalRows)];
    }

    /// <summary>The whole matrix on every rank (allgather; memory n x d per rank).</summary>
    public NDArray<T> Allgather() => Communicator.AllgatherRows(Local.Contiguous());

    /// <summary>The whole matrix at <paramref name="root"/>, null elsewhere (gather; memory n x d at root).</summary>
    public NDArray<T>? Gather(int root) => Communicator.GatherRows(Local.Contiguous(), root);

    /// <summary>Releases the memory mapping made by <see cref="LoadNpy"/>; <see cref="Local"/> is unusable afterwards.</summary>
    public void Dispose() => _mapping?.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"RowBlockMatrix({Rows} x {Columns}, {Partition}, rank {Communicator.Rank} of {Communicator.Size})";
}
