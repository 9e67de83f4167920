namespace Linea.Distributed;

public sealed partial class Communicator
{
    /// <summary>
    /// <c>MPI_Allgatherv</c> with the counts known in advance: rank r sends <paramref name="partition"/>.Count(r)
    /// elements and every rank receives all of them, rank by rank, into <paramref name="recv"/> of length
    /// <paramref name="partition"/>.Rows. Unlike <see cref="Allgatherv{T}(ReadOnlySpan{T}, Span{T})"/> no counts are
    /// exchanged, so an iteration that gathers the same layout many times (a distributed vector in a power iteration)
    /// costs one collective each time. The partition must be the same on every rank; only this rank's lengths are
    /// checked. Allocates two int arrays of length <see cref="Size"/>.
    /// </summary>
    /// <param name="send">This rank's block, length partition.Count(Rank).</param>
    /// <param name="recv">The whole vector, length partition.Rows (below 2^31).</param>
    /// <param name="partition">The block of each rank, over <see cref="Size"/> ranks.</param>
    /// <exception cref="ArgumentException">The partition is over another number of ranks, or a length does not fit it (on this rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Allgatherv<T>(ReadOnlySpan<T> send, Span<T> recv, RowPartition partition) where T : unmanaged
    {
        const string name = "allgatherv";
        ArgumentNullException.ThrowIfNull(partition);
        if (partition.Ranks != Size)
            throw LocalMismatch(name, $"the partition {partition} is over {partition.Ranks} ranks, the communicator has {Size}");
        if (partition.Rows > int.MaxValue)
            throw LocalMismatch(name, $"the total length {partition.Rows} passes {int.MaxValue}, MPI's largest count; split the data");
        if (send.Length != partition.Count(Rank) || recv.Length != partition.Rows)
            throw LocalMismatch(name, $"send has length {send.Length} and recv {recv.Length}; the partition {partition} needs {partition.Count(Rank)} and {partition.Rows}");
        var counts = new int[Size];
        var displs = new int[Size];
        for (int r = 0; r < Size; r++)
        {
            counts[r] = (int)partition.Count(r);
            displs[r] = (int)partition.Offset(r);
        }
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        fixed (T* s = send)
        fixed (T* d = recv)
        fixed (int* c = counts)
        fixed (int* o = displs)
            Check(Native.Allgatherv(s, send.Length, type, d, c, o, type, Handle), name);
    }
}
