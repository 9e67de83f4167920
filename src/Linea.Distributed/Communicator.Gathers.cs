namespace Linea.Distributed;

public sealed partial class Communicator
{
    /// <summary>
    /// Concatenates every rank's <paramref name="send"/> (all of one length n) in rank order into every rank's
    /// <paramref name="recv"/> of length n · <see cref="Size"/> (<c>MPI_Allgather</c>).
    /// </summary>
    /// <exception cref="MpiCountMismatchException">Lengths do not fit (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Allgather<T>(ReadOnlySpan<T> send, Span<T> recv) where T : unmanaged
    {
        const string name = "allgather";
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        if (ValidatesArguments)
        {
            long[] all = ExchangeRecords(name, send.Length, recv.Length, -1);
            bool ok = FirstFieldsAgree(all);
            for (int r = 0; r < Size && ok; r++) ok = all[RecordWidth * r + 1] == (long)Size * all[0];
            if (!ok) throw Mismatch(name, $"every rank sends one common length n and receives n * {Size} ("
                + DescribeRecords(all, "send", "recv") + ")");
        }
        else if (recv.Length != (long)Size * send.Length)
            throw LocalMismatch(name, $"recv has length {recv.Length}, expected {Size} * {send.Length}");
        fixed (T* s = send)
        fixed (T* r = recv)
            Check(Native.Allgather(s, send.Length, type, r, send.Length, type, Handle), name);
    }

    /// <summary>Every rank's <paramref name="value"/>, in rank order, on every rank.</summary>
    /// <returns>A new array of length <see cref="Size"/>.</returns>
    /// <exception cref="MpiException">MPI failed.</exception>
    public T[] Allgather<T>(T value) where T : unmanaged
    {
        var all = new T[Size];
        ReadOnlySpan<T> one = [value];
        Allgather(one, all);
        return all;
    }

    /// <summary>
    /// Concatenates every rank's <paramref name="send"/> (lengths may differ, zero included) in rank order into every
    /// rank's <paramref name="recv"/>, whose length is the sum (<c>MPI_Allgatherv</c>). The counts are exchanged first
    /// (one small allgather), so no rank needs to know the others' lengths.
    /// </summary>
    /// <returns>The count of each rank (a new array of length <see cref="Size"/>).</returns>
    /// <exception cref="MpiCountMismatchException">A recv length differs from the sum of the send lengths (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe int[] Allgatherv<T>(ReadOnlySpan<T> send, Span<T> recv) where T : unmanaged
    {
        const string name = "allgatherv";
        long[] all = ExchangeRecords(name, send.Length, recv.Length, -1);
        (int[] counts, int[] displs, long total) = CountsAndDisplacements(name, all);
        for (int r = 0; r < Size; r++)
            if (all[RecordWidth * r + 1] != total)
                throw Mismatch(name, $"every rank receives the sum {total} of the send lengths (" + DescribeRecords(all, "send", "recv") + ")");
        AllgathervRaw(name, send, recv, counts, displs);
        return counts;
    }

    /// <summary>Allgatherv into a new array (the concatenation of every rank's send, in rank order).</summary>
    /// <exception cref="MpiException">MPI failed.</exception>
    public T[] Allgatherv<T>(ReadOnlySpan<T> send) where T : unmanaged
    {
        const string name = "allgatherv";
        long[] all = ExchangeRecords(name, send.Length, -1, -1);
        (int[] counts, int[] displs, long total) = CountsAndDisplacements(name, all);
        var recv = new T[total];
        AllgathervRaw(name, send, recv, counts, displs);
        return recv;
    }

    private unsafe void AllgathervRaw<T>(string name, ReadOnlySpan<T> send, Span<T> recv, int[] counts, int[] displs) where T : unmanaged
    {
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        fixed (T* s = send)
        fixed (T* r = recv)
        fixed (int* c = counts)
        fixed (int* d = displs)
            Check(Native.Allgatherv(s, send.Length, type, r, c, d, type, Handle), name);
    }

    /// <summary>The counts (first fields), their prefix sums and total; throws when the total passes int.MaxValue.</summary>
    private (int[] Counts, int[] Displs, long Total) CountsAndDisplacements(string name, long[] all)
    {
        var counts = new int[Size];
        var displs = new int[Size];
        long total = 0;
        for (int r = 0; r < Size; r++)
        {
            counts[r] = (int)all[RecordWidth * r];
            if (total > int.MaxValue)
                throw Mismatch(name, $"the total length passes {int.MaxValue}, MPI's largest count; split the data");
            displs[r] = (int)total;
            total += counts[r];
        }
        if (total > int.MaxValue) throw Mismatch(name, $"the total length {total} passes {int.MaxValue}, MPI's largest count; split the data");
        return (counts, displs, total);
    }

    /// <summary>
    /// Root's <paramref name="send"/> (length n · <see cref="Size"/>) cut into <see cref="Size"/> pieces of length n,
    /// piece r to rank r's <paramref name="recv"/> (<c>MPI_Scatter</c>). Every rank's recv has length n.
    /// </summary>
    /// <param name="send">Root: the data; others: ignored (pass an empty span).</param>
    /// <param name="recv">This rank's piece.</param>
    /// <param name="root">The sending rank.</param>
    /// <exception cref="MpiCountMismatchException">Lengths or roots do not fit (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Scatter<T>(ReadOnlySpan<T> send, Span<T> recv, int root) where T : unmanaged
    {
        const string name = "scatter";
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        if (ValidatesArguments)
        {
            long[] all = ExchangeRecords(name, recv.Length, Rank == root ? send.Length : -1, root);
            CheckRoots(name, all, root);
            if (!FirstFieldsAgree(all) || all[RecordWidth * root + 1] != (long)Size * all[0])
                throw Mismatch(name, $"every rank receives one common length n and root sends n * {Size} ("
                    + DescribeRecords(all, "recv", "send") + ")");
        }
        else
        {
            CheckRootLocal(name, root);
            if (Rank == root && send.Length != (long)Size * recv.Length)
                throw LocalMismatch(name, $"root's send has length {send.Length}, expected {Size} * {recv.Length}");
        }
        fixed (T* s = send)
        fixed (T* r = recv)
            Check(Native.Scatter(Rank == root ? s : null, recv.Length, type, r, recv.Length, type, root, Handle), name);
    }

    /// <summary>
    /// Root's <paramref name="send"/> cut into consecutive pieces whose lengths are the ranks' <paramref name="recv"/>
    /// lengths (which may differ, zero included), piece r to rank r (<c>MPI_Scatterv</c>). The lengths are exchanged
    /// first, so root need not know them; root's send length is their sum.
    /// </summary>
    /// <param name="send">Root: the data; others: ignored.</param>
    /// <param name="recv">This rank's piece; its length is this rank's count.</param>
    /// <param name="root">The sending rank.</param>
    /// <returns>The count of each rank.</returns>
    /// <exception cref="MpiCountMismatchException">Root's send length is not the sum, or roots differ (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe int[] Scatterv<T>(ReadOnlySpan<T> send, Span<T> recv, int root) where T : unmanaged
    {
        const string name = "scatterv";
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        long[] all = ExchangeRecords(name, recv.Length, Rank == root ? send.Length : -1, root);
        CheckRoots(name, all, root);
        (int[] counts, int[] displs, long total) = CountsAndDisplacements(name, all);
        if (all[RecordWidth * root + 1] != total)
            throw Mismatch(name, $"root sends the sum {total} of the recv lengths (" + DescribeRecords(all, "recv", "send") + ")");
        fixed (T* s = send)
        fixed (T* r = recv)
        fixed (int* c = counts)
        fixed (int* d = displs)
            Check(Native.Scatterv(Rank == root ? s : null, c, d, type, r, recv.Length, type, root, Handle), name);
        return counts;
    }

    /// <summary>
    /// Every rank's <paramref name="send"/> (all of one length n) concatenated in rank order into root's
    /// <paramref name="recv"/> of length n · <see cref="Size"/> (<c>MPI_Gather</c>).
    /// </summary>
    /// <param name="send">This rank's piece.</param>
    /// <param name="recv">Root: the result; others: ignored (pass an empty span).</param>
    /// <param name="root">The receiving rank.</param>
    /// <exception cref="MpiCountMismatchException">Lengths or roots do not fit (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Gather<T>(ReadOnlySpan<T> send, Span<T> recv, int root) where T : unmanaged
    {
        const string name = "gather";
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        if (ValidatesArguments)
        {
            long[] all = ExchangeRecords(name, send.Length, Rank == root ? recv.Length : -1, root);
            CheckRoots(name, all, root);
            if (!FirstFieldsAgree(all) || all[RecordWidth * root + 1] != (long)Size * all[0])
                throw Mismatch(name, $"every rank sends one common length n and root receives n * {Size} ("
                    + DescribeRecords(all, "send", "recv") + ")");
        }
        else
        {
            CheckRootLocal(name, root);
            if (Rank == root && recv.Length != (long)Size * send.Length)
                throw LocalMismatch(name, $"root's recv has length {recv.Length}, expected {Size} * {send.Length}");
        }
        fixed (T* s = send)
        fixed (T* r = recv)
            Check(Native.Gather(s, send.Length, type, Rank == root ? r : null, send.Length, type, root, Handle), name);
    }

    /// <summary>
    /// Every rank's <paramref name="send"/> (lengths may differ, zero included) concatenated in rank order into root's
    /// <paramref name="recv"/>, whose length is the sum (<c>MPI_Gatherv</c>); counts are exchanged first.
    /// </summary>
    /// <param name="send">This rank's piece.</param>
    /// <param name="recv">Root: the result; others: ignored.</param>
    /// <param name="root">The receiving rank.</param>
    /// <returns>The count of each rank.</returns>
    /// <exception cref="MpiCountMismatchException">Root's recv length is not the sum, or roots differ (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public int[] Gatherv<T>(ReadOnlySpan<T> send, Span<T> recv, int root) where T : unmanaged
    {
        const string name = "gatherv";
        long[] all = ExchangeRecords(name, send.Length, Rank == root ? recv.Length : -1, root);
        CheckRoots(name, all, root);
        (int[] counts, int[] displs, long total) = CountsAndDisplacements(name, all);
        if (all[RecordWidth * root + 1] != total)
            throw Mismatch(name, $"root receives the sum {total} of the send lengths (" + DescribeRecords(all, "send", "recv") + ")");
        GathervRaw(name, send, recv, counts, displs, root);
        return counts;
    }

    /// <summary>Gatherv into a new array at root (the concatenation in rank order); null on the other ranks.</summary>
    /// <exception cref="MpiCountMismatchException">Roots differ (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public T[]? Gatherv<T>(ReadOnlySpan<T> send, int root) where T : unmanaged
    {
        const string name = "gatherv";
        long[] all = ExchangeRecords(name, send.Length, -1, root);
        CheckRoots(name, all, root);
        (int[] counts, int[] displs, long total) = CountsAndDisplacements(name, all);
        T[]? recv = Rank == root ? new T[total] : null;
        GathervRaw(name, send, recv, counts, displs, root);
        return recv;
    }

    private unsafe void GathervRaw<T>(string name, ReadOnlySpan<T> send, Span<T> recv, int[] counts, int[] displs, int root) where T : unmanaged
    {
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        fixed (T* s = send)
        fixed (T* r = recv)
        fixed (int* c = counts)
        fixed (int* d = displs)
            Check(Native.Gatherv(s, send.Length, type, Rank == root ? r : null, c, d, type, root, Handle), name);
    }
}
