namespace Linea.Distributed;

public sealed partial class Communicator
{
    /// <summary>
    /// Copies root's <paramref name="buffer"/> into every rank's <paramref name="buffer"/> (<c>MPI_Bcast</c>).
    /// Every rank passes the same length. O(n log p) data moved in the usual tree.
    /// </summary>
    /// <typeparam name="T">float, double, int, long or byte.</typeparam>
    /// <param name="buffer">Root: the data; others: receives it. Same length on every rank.</param>
    /// <param name="root">The sending rank, the same on every rank.</param>
    /// <exception cref="MpiCountMismatchException">Lengths or roots differ across ranks (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Broadcast<T>(Span<T> buffer, int root) where T : unmanaged
    {
        const string op = "broadcast";
        nint type = Mpi.MpiDatatypes.Of<T>(Native, op);
        if (ValidatesArguments)
        {
            long[] all = ExchangeRecords(op, buffer.Length, -1, root);
            CheckRoots(op, all, root);
            if (!FirstFieldsAgree(all)) throw Mismatch(op, "the buffer lengths differ across ranks (" + DescribeRecords(all, "length", null) + ")");
        }
        else CheckRootLocal(op, root);
        fixed (T* p = buffer) Check(Native.Bcast(p, buffer.Length, type, root, Handle), op);
    }

    /// <summary>Root's <paramref name="value"/> on every rank (<c>MPI_Bcast</c> of one element).</summary>
    /// <param name="value">Root: the value; others: ignored.</param>
    /// <param name="root">The sending rank.</param>
    /// <returns>Root's value.</returns>
    /// <exception cref="MpiException">MPI failed, or the roots differ.</exception>
    public T Broadcast<T>(T value, int root) where T : unmanaged
    {
        Span<T> one = [value];
        Broadcast(one, root);
        return one[0];
    }

    /// <summary>
    /// Element-wise reduction over ranks into root's <paramref name="recv"/> (<c>MPI_Reduce</c>). Every rank passes
    /// <paramref name="send"/> of the same length; root's <paramref name="recv"/> has that length, others' is ignored
    /// (pass an empty span).
    /// </summary>
    /// <param name="send">This rank's contribution.</param>
    /// <param name="recv">Root: the result, same length as send; others: ignored.</param>
    /// <param name="op">The reduction.</param>
    /// <param name="root">The receiving rank.</param>
    /// <exception cref="MpiCountMismatchException">Lengths or roots do not fit (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Reduce<T>(ReadOnlySpan<T> send, Span<T> recv, ReductionOp op, int root) where T : unmanaged
    {
        const string name = "reduce";
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        nint mpiOp = Mpi.MpiDatatypes.Of(Native, op);
        if (ValidatesArguments)
        {
            long[] all = ExchangeRecords(name, send.Length, Rank == root ? recv.Length : -1, root);
            CheckRoots(name, all, root);
            if (!FirstFieldsAgree(all) || all[RecordWidth * root + 1] != all[RecordWidth * root])
                throw Mismatch(name, "every rank sends the same length and root receives that length ("
                    + DescribeRecords(all, "send", "recv") + ")");
        }
        else
        {
            CheckRootLocal(name, root);
            if (Rank == root && recv.Length != send.Length)
                throw LocalMismatch(name, $"root's recv has length {recv.Length}, send {send.Length}");
        }
        fixed (T* s = send)
        fixed (T* r = recv)
            Check(Native.Reduce(s, Rank == root ? r : null, send.Length, type, mpiOp, root, Handle), name);
    }

    /// <summary>
    /// In-place <see cref="Reduce{T}(ReadOnlySpan{T}, Span{T}, ReductionOp, int)"/>: root's <paramref name="buffer"/>
    /// is replaced by the reduction (<c>MPI_IN_PLACE</c>); others' is only read.
    /// </summary>
    /// <exception cref="MpiCountMismatchException">Lengths or roots differ across ranks.</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Reduce<T>(Span<T> buffer, ReductionOp op, int root) where T : unmanaged
    {
        const string name = "reduce";
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        nint mpiOp = Mpi.MpiDatatypes.Of(Native, op);
        if (ValidatesArguments)
        {
            long[] all = ExchangeRecords(name, buffer.Length, -1, root);
            CheckRoots(name, all, root);
            if (!FirstFieldsAgree(all)) throw Mismatch(name, "the buffer lengths differ across ranks (" + DescribeRecords(all, "length", null) + ")");
        }
        else CheckRootLocal(name, root);
        fixed (T* b = buffer)
            Check(Rank == root
                ? Native.Reduce(Mpi.MpiNative.InPlace, b, buffer.Length, type, mpiOp, root, Handle)
                : Native.Reduce(b, null, buffer.Length, type, mpiOp, root, Handle), name);
    }

    /// <summary>
    /// Element-wise reduction over ranks, result on every rank (<c>MPI_Allreduce</c>). <paramref name="send"/> and
    /// <paramref name="recv"/> have the same length on every rank and must not overlap (use the in-place overload).
    /// </summary>
    /// <param name="send">This rank's contribution.</param>
    /// <param name="recv">The result, same length.</param>
    /// <param name="op">The reduction.</param>
    /// <exception cref="MpiCountMismatchException">Lengths differ (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Allreduce<T>(ReadOnlySpan<T> send, Span<T> recv, ReductionOp op) where T : unmanaged
    {
        const string name = "allreduce";
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        nint mpiOp = Mpi.MpiDatatypes.Of(Native, op);
        if (ValidatesArguments)
        {
            long[] all = ExchangeRecords(name, send.Length, recv.Length, -1);
            bool ok = FirstFieldsAgree(all);
            for (int r = 0; r < Size && ok; r++) ok = all[RecordWidth * r + 1] == all[RecordWidth * r];
            if (!ok) throw Mismatch(name, "every rank passes send and recv of one common length ("
                + DescribeRecords(all, "send", "recv") + ")");
        }
        else if (recv.Length != send.Length) throw LocalMismatch(name, $"recv has length {recv.Length}, send {send.Length}");
        fixed (T* s = send)
        fixed (T* r = recv)
            Check(Native.Allreduce(s, r, send.Length, type, mpiOp, Handle), name);
    }

    /// <summary>In-place allreduce: <paramref name="buffer"/> is replaced by the reduction over ranks (<c>MPI_IN_PLACE</c>).</summary>
    /// <exception cref="MpiCountMismatchException">Lengths differ (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Allreduce<T>(Span<T> buffer, ReductionOp op) where T : unmanaged
    {
        const string name = "allreduce";
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        nint mpiOp = Mpi.MpiDatatypes.Of(Native, op);
        if (ValidatesArguments)
        {
            long[] all = ExchangeRecords(name, buffer.Length, -1, -1);
            if (!FirstFieldsAgree(all)) throw Mismatch(name, "the buffer lengths differ across ranks (" + DescribeRecords(all, "length", null) + ")");
        }
        fixed (T* b = buffer) Check(Native.Allreduce(Mpi.MpiNative.InPlace, b, buffer.Length, type, mpiOp, Handle), name);
    }

    /// <summary>The reduction of one value per rank, on every rank.</summary>
    /// <exception cref="MpiException">MPI failed.</exception>
    public T Allreduce<T>(T value, ReductionOp op) where T : unmanaged
    {
        Span<T> one = [value];
        Allreduce(one, op);
        return one[0];
    }
}
