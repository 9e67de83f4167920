using Linea.Distributed.Mpi;

namespace Linea.Distributed;

public sealed partial class Communicator
{
    /// <summary>Receive from whichever rank sends first (<c>MPI_ANY_SOURCE</c>).</summary>
    public const int AnySource = MpiNative.AnySource;

    /// <summary>Receive a message of any tag (<c>MPI_ANY_TAG</c>).</summary>
    public const int AnyTag = MpiNative.AnyTag;

    /// <summary>
    /// Sends <paramref name="data"/> to rank <paramref name="dest"/> (<c>MPI_Send</c>, blocking: it may wait until
    /// the receiver posts the matching receive, so two ranks that both send first can deadlock for large messages).
    /// Messages between one pair with one tag arrive in order.
    /// </summary>
    /// <param name="data">The elements.</param>
    /// <param name="dest">The receiving rank, 0..Size-1, not necessarily different from this one.</param>
    /// <param name="tag">A label the receiver matches, 0 to 32767 (MPI's guaranteed range).</param>
    /// <exception cref="ArgumentOutOfRangeException">dest or tag out of range.</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Send<T>(ReadOnlySpan<T> data, int dest, int tag = 0) where T : unmanaged
    {
        const string name = "send";
        nint type = MpiDatatypes.Of<T>(Native, name);
        if (dest < 0 || dest >= Size)
            throw new ArgumentOutOfRangeException(nameof(dest), dest, $"{name} on rank {Rank} of {Size}: dest {dest} is outside 0..{Size - 1}");
        CheckTag(name, tag, allowAny: false);
        fixed (T* p = data) Check(Native.Send(p, data.Length, type, dest, tag, Handle), name);
    }

    /// <summary>
    /// Receives one message from <paramref name="source"/> with <paramref name="tag"/> into the start of
    /// <paramref name="buffer"/> (<c>MPI_Probe</c>, then <c>MPI_Recv</c>). A message longer than the buffer is
    /// reported, not truncated, and stays queued.
    /// </summary>
    /// <param name="buffer">Receives the elements; at least as long as the message.</param>
    /// <param name="source">The sending rank, or <see cref="AnySource"/>.</param>
    /// <param name="tag">The tag, or <see cref="AnyTag"/>.</param>
    /// <returns>The source, tag and element count of the message received.</returns>
    /// <exception cref="MpiCountMismatchException">The message is longer than the buffer (on this rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe ReceivedMessage Receive<T>(Span<T> buffer, int source, int tag = 0) where T : unmanaged
    {
        const string name = "receive";
        nint type = MpiDatatypes.Of<T>(Native, name);
        ReceivedMessage probed = Probe<T>(name, source, tag);
        if (probed.Count > buffer.Length)
            throw Mismatch(name, $"the message from rank {probed.Source} (tag {probed.Tag}) has {probed.Count} elements, the buffer only {buffer.Length}");
        MpiStatus status;
        fixed (T* p = buffer)
            Check(Native.Recv(p, probed.Count, type, probed.Source, probed.Tag, Handle, &status), name);
        return probed;
    }

    /// <summary>Receives one message into a new array of its length (<c>MPI_Probe</c>, then <c>MPI_Recv</c>).</summary>
    /// <param name="source">The sending rank, or <see cref="AnySource"/>.</param>
    /// <param name="tag">The tag, or <see cref="AnyTag"/>.</param>
    /// <returns>The elements.</returns>
    /// <exception cref="MpiException">MPI failed.</exception>
    public T[] Receive<T>(int source, int tag = 0) where T : unmanaged
    {
        ReceivedMessage probed = Probe<T>("receive", source, tag);
        var data = new T[probed.Count];
        Receive<T>(data, probed.Source, probed.Tag);
        return data;
    }

    private unsafe ReceivedMessage Probe<T>(string name, int source, int tag) where T : unmanaged
    {
        nint type = MpiDatatypes.Of<T>(Native, name);
        if (source != AnySource && (source < 0 || source >= Size))
            throw new ArgumentOutOfRangeException(nameof(source), source, $"{name} on rank {Rank} of {Size}: source {source} is outside 0..{Size - 1}");
        CheckTag(name, tag, allowAny: true);
        MpiStatus status;
        Check(Native.Probe(source, tag, Handle, &status), name);
        int count;
        Check(Native.GetCount(&status, type, &count), name);
        if (count < 0)
            throw Mismatch(name, $"the message from rank {status.Source} (tag {status.Tag}) is not a whole number of {typeof(T).Name} elements");
        return new ReceivedMessage(status.Source, status.Tag, count);
    }

    private void CheckTag(string name, int tag, bool allowAny)
    {
        if ((tag < 0 || tag > 32767) && !(allowAny && tag == AnyTag))
            throw new ArgumentOutOfRangeException(nameof(tag), tag, $"{name} on rank {Rank} of {Size}: tag {tag} is outside 0..32767");
    }
}
