namespace Linea.Distributed;

/// <summary>The thread support asked of (and granted by) <c>MPI_Init_thread</c>.</summary>
public enum ThreadLevel
{
    /// <summary><c>MPI_THREAD_SINGLE</c>: the process has one thread.</summary>
    Single = 0,
    /// <summary><c>MPI_THREAD_FUNNELED</c>: many threads, but only the one that initialized MPI calls it (the default:
    /// Linea's parallel kernels run on pool threads and never call MPI).</summary>
    Funneled = 1,
    /// <summary><c>MPI_THREAD_SERIALIZED</c>: any thread calls MPI, one at a time.</summary>
    Serialized = 2,
    /// <summary><c>MPI_THREAD_MULTIPLE</c>: any thread calls MPI at any time.</summary>
    Multiple = 3,
}
