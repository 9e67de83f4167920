using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Linea.Distributed.Mpi;

namespace Linea.Distributed;

/// <summary>
/// A group of ranks that talk to each other: an MPI communicator. <see cref="World"/> holds every process that
/// <c>mpirun</c> started. Collectives (<see cref="Barrier"/>, <c>Broadcast</c>, <c>Reduce</c>, <c>Allreduce</c>,
/// <c>Allgather</c>, <c>Allgatherv</c>, <c>Scatter</c>, <c>Scatterv</c>, <c>Gather</c>, <c>Gatherv</c>) must be called
/// by every rank of the communicator in the same order; <c>Send</c>/<c>Receive</c> pair two ranks.
/// <para>Buffers are spans of <c>float</c>, <c>double</c>, <c>int</c>, <c>long</c> or <c>byte</c>, or contiguous
/// <see cref="NDArray{TScalar}"/>s; counts are MPI's 32-bit <c>int</c>s, so one call moves at most
/// <see cref="int.MaxValue"/> elements per rank. Nothing is copied or allocated beyond what a method says.</para>
/// <para><b>Argument checks.</b> With <see cref="ValidatesArguments"/> (the default), each collective first exchanges
/// every rank's lengths (one small allgather, a latency of O(log p) messages) and, when they do not fit together,
/// every rank throws the same <see cref="MpiCountMismatchException"/> listing what each rank passed, so no rank is left
/// waiting. <see cref="WithoutArgumentChecks"/> skips that exchange in hot loops whose lengths are known to agree;
/// the v-variants (<c>Allgatherv</c>, <c>Scatterv</c>, <c>Gatherv</c>) always exchange lengths because they derive
/// the counts from them.</para>
/// <para><b>Errors.</b> A failed MPI call throws <see cref="MpiException"/> naming the rank, the operation and
/// <c>MPI_Error_string</c>'s text (communicators use <c>MPI_ERRORS_RETURN</c>, so MPI does not abort by itself).
/// A rank that throws and does not call the others' collective leaves them waiting: run the program through
/// <see cref="MpiEnvironment.Run(Action{Communicator}, ThreadLevel)"/>, which turns an exception on any rank into
/// <c>MPI_Abort</c> of the whole job with that rank's message.</para>
/// <para>Not thread-safe: call a communicator from one thread at a time (see <see cref="ThreadLevel"/>).</para>
/// </summary>
public sealed partial class Communicator : IDisposable
{
    private static Communicator? _world;
    private static Communicator? _self;
    private static readonly Lock WorldLock = new();

    private readonly bool _owned;
    private nint _handle;

    internal MpiNative Native { get; }

    internal nint Handle
    {
        get
        {
            if (_handle == 0) throw new ObjectDisposedException(nameof(Communicator), "communicator: it was disposed (freed with MPI_Comm_free)");
            return _handle;
        }
    }

    private Communicator(MpiNative native, nint handle, bool owned, bool validates, int rank, int size)
    {
        Native = native;
        _handle = handle;
        _owned = owned;
        ValidatesArguments = validates;
        Rank = rank;
        Size = size;
    }

    private static unsafe Communicator Wrap(MpiNative native, nint handle, bool owned)
    {
        int rank, size;
        int rc = native.CommRank(handle, &rank);
        if (rc != 0) throw new MpiException(-1, 0, "comm_rank", rc, native.DescribeError(rc));
        rc = native.CommSize(handle, &size);
        if (rc != 0) throw new MpiException(rank, 0, "comm_size", rc, native.DescribeError(rc));
        return new Communicator(native, handle, owned, validates: true, rank, size);
    }

    /// <summary>
    /// Every process of the job (<c>MPI_COMM_WORLD</c>). Needs MPI initialized by
    /// <see cref="MpiEnvironment.Initialize"/> or <see cref="MpiEnvironment.Run(Action{Communicator}, ThreadLevel)"/>.
    /// </summary>
    /// <exception cref="MpiUnavailableException">Open MPI is missing, or MPI is not initialized or already finalized.</exception>
    public static Communicator World
    {
        get
        {
            lock (WorldLock)
            {
                MpiNative native = MpiEnvironment.RequireInitialized("Communicator.World");
                return _world ??= Wrap(native, native.CommWorld, owned: false);
            }
        }
    }

    /// <summary>This process alone (<c>MPI_COMM_SELF</c>): rank 0 of 1. Needs MPI initialized.</summary>
    /// <exception cref="MpiUnavailableException">Open MPI is missing, or MPI is not initialized or already finalized.</exception>
    public static Communicator Self
    {
        get
        {
            lock (WorldLock)
            {
                MpiNative native = MpiEnvironment.RequireInitialized("Communicator.Self");
                return _self ??= Wrap(native, native.CommSelf, owned: false);
            }
        }
    }

    /// <summary>Forgets the cached World and Self (called when MPI is finalized).</summary>
    internal static void ForgetPredefined()
    {
        lock (WorldLock)
        {
            _world = null;
            _self = null;
        }
    }

    /// <summary>This process's rank in the communicator, 0 to <see cref="Size"/> - 1.</summary>
    public int Rank { get; }

    /// <summary>The number of ranks in the communicator.</summary>
    public int Size { get; }

    /// <summary>Whether this is rank 0, the usual root.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>
    /// Whether collectives exchange every rank's lengths first and throw <see cref="MpiCountMismatchException"/> on all
    /// ranks when they do not fit (true unless this communicator came from <see cref="WithoutArgumentChecks"/>).
    /// </summary>
    public bool ValidatesArguments { get; }

    /// <summary>
    /// The same communicator (same handle, not a duplicate) without the cross-rank length exchange before each
    /// collective, for hot loops whose lengths are known to agree. Local checks (a buffer too small on this rank) still
    /// throw <see cref="ArgumentException"/> on that rank alone. Disposing the result frees nothing.
    /// </summary>
    public Communicator WithoutArgumentChecks() => new(Native, Handle, owned: false, validates: false, Rank, Size);

    /// <summary>Blocks until every rank of the communicator has called it (<c>MPI_Barrier</c>).</summary>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe void Barrier() => Check(Native.Barrier(Handle), "barrier");

    /// <summary>
    /// Splits the communicator (<c>MPI_Comm_split</c>, collective): ranks passing the same <paramref name="color"/>
    /// form a new communicator, ordered by <paramref name="key"/> then by their old rank. A negative color leaves this
    /// rank out (it gets null). Dispose the result when done (<c>MPI_Comm_free</c>).
    /// </summary>
    /// <param name="color">Group of this rank, at least 0; negative for none.</param>
    /// <param name="key">Order inside the group.</param>
    /// <returns>The new communicator, or null for a negative color.</returns>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe Communicator? Split(int color, int key)
    {
        nint created;
        Check(Native.CommSplit(Handle, color < 0 ? MpiNative.Undefined : color, key, &created), "split");
        if (created == 0 || created == Native.CommNull) return null;
        var comm = Wrap(Native, created, owned: true);
        Check(Native.CommSetErrhandler(created, Native.ErrorsReturn), "split");
        return ValidatesArguments ? comm : comm.WithoutArgumentChecksOwned();
    }

    /// <summary>
    /// A new communicator with the same ranks in the same order but its own message space (<c>MPI_Comm_dup</c>,
    /// collective): a library that sends point-to-point messages on the duplicate can never match a message of the
    /// program's, whatever the tags. Dispose it when done (<c>MPI_Comm_free</c>).
    /// </summary>
    /// <returns>The duplicate, with this communicator's argument checking.</returns>
    /// <exception cref="MpiException">MPI failed.</exception>
    public unsafe Communicator Duplicate()
    {
        nint created;
        Check(Native.CommDup(Handle, &created), "duplicate");
        var comm = Wrap(Native, created, owned: true);
        Check(Native.CommSetErrhandler(created, Native.ErrorsReturn), "duplicate");
        return ValidatesArguments ? comm : comm.WithoutArgumentChecksOwned();
    }

    private Communicator WithoutArgumentChecksOwned()
    {
        nint h = _handle;
        _handle = 0;
        return new Communicator(Native, h, owned: true, validates: false, Rank, Size);
    }

    /// <summary>
    /// Ends every process of the communicator's job (<c>MPI_Abort</c>) with <paramref name="errorCode"/> as the exit
    /// status that <c>mpirun</c> reports. Does not return.
    /// </summary>
    /// <param name="errorCode">Exit status, nonzero for a failure.</param>
    [DoesNotReturn]
    public unsafe void Abort(int errorCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        _ = Native.Abort(_handle != 0 ? _handle : Native.CommWorld, errorCode);
        Environment.Exit(errorCode);
        throw new UnreachableException();
    }

    /// <summary>Frees a communicator made by <see cref="Split"/>; does nothing for World and Self.</summary>
    public unsafe void Dispose()
    {
        if (!_owned || _handle == 0) return;
        nint h = _handle;
        _handle = 0;
        if (MpiEnvironment.IsInitialized) _ = Native.CommFree(&h);
    }

    /// <summary>Throws <see cref="MpiException"/> for a nonzero MPI return code.</summary>
    internal void Check(int rc, string op)
    {
        if (rc != 0) throw new MpiException(Rank, Size, op, rc, Native.DescribeError(rc));
    }

    /// <inheritdoc/>
    public override string ToString() => $"Communicator(rank {Rank} of {Size})";
}
