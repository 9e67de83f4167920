using System.Diagnostics.CodeAnalysis;
using Linea.Distributed.Mpi;

namespace Linea.Distributed;

/// <summary>
/// MPI's lifetime in this process: <see cref="Initialize"/> calls <c>MPI_Init_thread</c>, <see cref="Dispose"/> calls
/// <c>MPI_Finalize</c>; MPI can be initialized once per process. <see cref="Run(Action{Communicator}, ThreadLevel)"/>
/// wraps both around a program body and turns an exception on any rank into a failure of the whole job.
/// <code>
/// // mpirun -np 4 dotnet MyProgram.dll
/// MpiEnvironment.Run(world =>
/// {
///     double local = ComputeMyPart(world.Rank, world.Size);
///     double total = world.Allreduce(local, ReductionOp.Sum);
///     if (world.IsRoot) Console.WriteLine($"total: {total}");
/// });
/// </code>
/// Open MPI is found as <c>libmpi.so.40</c> (Debian's <c>libopenmpi3</c>, pulled in by <c>openmpi-bin</c> and
/// <c>libopenmpi-dev</c>), or at the path in the environment variable <c>LINEA_LIBMPI</c>.
/// </summary>
public sealed class MpiEnvironment : IDisposable
{
    private static readonly Lock StateLock = new();
    private static bool _initializedHere;
    private bool _disposed;

    private MpiEnvironment(ThreadLevel provided) => ThreadLevel = provided;

    /// <summary>
    /// Whether Open MPI's library can be loaded in this process. Never throws: when false,
    /// <see cref="UnavailableReason"/> says why (not installed, not Linux, not Open MPI).
    /// </summary>
    public static bool IsAvailable => MpiLibrary.Native is not null;

    /// <summary>Why <see cref="IsAvailable"/> is false; null when it is true.</summary>
    public static string? UnavailableReason => MpiLibrary.UnavailableReason;

    /// <summary>
    /// Whether this process was started by Open MPI's <c>mpirun</c> (its environment has <c>OMPI_COMM_WORLD_SIZE</c>).
    /// A program started alone can still initialize MPI: it is then a job of one rank.
    /// </summary>
    public static bool IsLaunchedByMpirun => Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is not null;

    /// <summary>Whether MPI is initialized and not yet finalized in this process. False when Open MPI is missing.</summary>
    public static unsafe bool IsInitialized
    {
        get
        {
            MpiNative? n = MpiLibrary.Native;
            if (n is null) return false;
            int initialized = 0, finalized = 0;
            _ = n.Initialized(&initialized);
            _ = n.Finalized(&finalized);
            return initialized != 0 && finalized == 0;
        }
    }

    /// <summary>The thread support MPI granted (at least the level asked for; see <see cref="Initialize"/>).</summary>
    public ThreadLevel ThreadLevel { get; }

    /// <summary>Every process of the job; the same object as <see cref="Communicator.World"/>.</summary>
    /// <exception cref="ObjectDisposedException">This environment was disposed (MPI is finalized).</exception>
    public Communicator World
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Communicator.World;
        }
    }

    /// <summary>
    /// Initializes MPI (<c>MPI_Init_thread</c>) and sets <c>MPI_ERRORS_RETURN</c> on World and Self, so failed calls
    /// come back as <see cref="MpiException"/> rather than aborting. Dispose the result to finalize MPI.
    /// </summary>
    /// <param name="required">The thread support needed; <see cref="ThreadLevel.Funneled"/> by default.</param>
    /// <returns>The environment; dispose it (once) at the end of the program.</returns>
    /// <exception cref="MpiUnavailableException">Open MPI is missing.</exception>
    /// <exception cref="InvalidOperationException">MPI was already initialized (or finalized) in this process.</exception>
    /// <exception cref="MpiException">MPI_Init_thread failed, or granted less thread support than required (MPI is
    /// finalized again before the throw).</exception>
    public static unsafe MpiEnvironment Initialize(ThreadLevel required = ThreadLevel.Funneled)
    {
        MpiNative n = MpiLibrary.Require("MpiEnvironment.Initialize");
        lock (StateLock)
        {
            int initialized = 0, finalized = 0;
            _ = n.Initialized(&initialized);
            _ = n.Finalized(&finalized);
            if (initialized != 0 || finalized != 0)
                throw new InvalidOperationException("MpiEnvironment.Initialize: MPI was already " + (finalized != 0 ? "finalized" : "initialized")
                    + " in this process; MPI can be initialized once per process");
            int provided = 0;
            int rc = n.InitThread(null, null, (int)required, &provided);
            if (rc != 0) throw new MpiException(-1, 0, "init", rc, $"MPI_Init_thread failed with code {rc}");
            _initializedHere = true;
            _ = n.CommSetErrhandler(n.CommWorld, n.ErrorsReturn);
            _ = n.CommSetErrhandler(n.CommSelf, n.ErrorsReturn);
            if (provided < (int)required)
            {
                Communicator.ForgetPredefined();
                _ = n.Finalize();
                throw new MpiException(-1, 0, "init", 0,
                    $"MPI granted thread level {(ThreadLevel)provided}, below the {required} required (was Open MPI built without thread support?)");
            }
            return new MpiEnvironment((ThreadLevel)provided);
        }
    }

    /// <summary>
    /// Finalizes MPI (<c>MPI_Finalize</c>, collective over World: every rank must reach it). Later calls do nothing.
    /// </summary>
    public unsafe void Dispose()
    {
        lock (StateLock)
        {
            if (_disposed) return;
            _disposed = true;
            if (!IsInitialized) return;
            Communicator.ForgetPredefined();
            MpiNative n = MpiLibrary.Require("MpiEnvironment.Dispose");
            _ = n.Finalize();
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> on this rank between MPI's initialization and finalization. When the body throws,
    /// writes <c>rank R of N failed: &lt;exception&gt;</c> to standard error and aborts the whole job
    /// (<c>MPI_Abort</c> with exit code 1), so the other ranks do not wait forever in a collective the failed rank will
    /// never call; <c>mpirun</c> then exits nonzero. This method does not return in that case.
    /// </summary>
    /// <param name="body">The program of one rank; its argument is <see cref="Communicator.World"/>.</param>
    /// <param name="required">Thread support needed (see <see cref="Initialize"/>).</param>
    /// <exception cref="MpiUnavailableException">Open MPI is missing (thrown before MPI starts; the process then
    /// exits nonzero and <c>mpirun</c> stops the job).</exception>
    public static void Run(Action<Communicator> body, ThreadLevel required = ThreadLevel.Funneled)
    {
        ArgumentNullException.ThrowIfNull(body);
        using MpiEnvironment env = Initialize(required);
        Communicator world = env.World;
        try
        {
            body(world);
        }
#pragma warning disable CA1031 // Any exception of a rank must end the job, whatever its type.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(world, e);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> as <see cref="Run(Action{Communicator}, ThreadLevel)"/> does and returns its exit
    /// code (for <c>Main</c>), aborting the job when it throws.
    /// </summary>
    /// <param name="body">The program of one rank; returns the process exit code.</param>
    /// <param name="required">Thread support needed.</param>
    /// <returns>The body's exit code, after MPI is finalized.</returns>
    public static int Run(Func<Communicator, int> body, ThreadLevel required = ThreadLevel.Funneled)
    {
        ArgumentNullException.ThrowIfNull(body);
        int code = 0;
        Run(world => { code = body(world); }, required);
        return code;
    }

    /// <summary>Writes <c>rank R of N failed: exception</c> to standard error and aborts the job with exit code 1.</summary>
    [DoesNotReturn]
    internal static void Fail(Communicator world, Exception e)
    {
        try
        {
            Console.Out.Flush();
            Console.Error.WriteLine($"rank {world.Rank} of {world.Size} failed: {e}");
            Console.Error.Flush();
        }
#pragma warning disable CA1031 // The abort must happen even when standard error is closed.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        world.Abort(1);
    }

    /// <summary>The bindings when MPI is initialized; otherwise an exception naming <paramref name="op"/>.</summary>
    internal static MpiNative RequireInitialized(string op)
    {
        MpiNative n = MpiLibrary.Require(op);
        if (!IsInitialized)
            throw new MpiUnavailableException($"{op}: MPI is not initialized" + (_initializedHere ? " (it was finalized)" : "")
                + "; call MpiEnvironment.Initialize() first, or run the program through MpiEnvironment.Run(...)");
        return n;
    }
}
