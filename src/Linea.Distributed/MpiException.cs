namespace Linea.Distributed;

/// <summary>
/// An MPI call failed, or the ranks of a collective disagreed. The message names the rank (of how many), the
/// operation and the reason: for a failed MPI call, <c>MPI_Error_string</c>'s text for the code it returned.
/// </summary>
public class MpiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="rank">The rank that observed the failure (-1 when unknown, e.g. before MPI is initialized).</param>
    /// <param name="size">The number of ranks of the communicator (0 when unknown).</param>
    /// <param name="operation">The operation, e.g. <c>allreduce</c>.</param>
    /// <param name="errorCode">The MPI error code (0 when the failure is Linea's own check).</param>
    /// <param name="reason">What went wrong.</param>
    public MpiException(int rank, int size, string operation, int errorCode, string reason)
        : base(Format(rank, size, operation, reason))
    {
        Rank = rank;
        Size = size;
        Operation = operation;
        ErrorCode = errorCode;
        Reason = reason;
    }

    /// <summary>Creates an exception with only a message (rank and size unknown).</summary>
    public MpiException(string message) : base(message)
    {
        Rank = -1;
        Operation = "";
        Reason = message;
    }

    /// <summary>Creates an exception with only a message and its cause.</summary>
    public MpiException(string message, Exception innerException) : base(message, innerException)
    {
        Rank = -1;
        Operation = "";
        Reason = message;
    }

    /// <summary>Creates an exception with no message.</summary>
    public MpiException() : this("MPI operation failed") { }

    /// <summary>The rank that observed the failure, or -1 when unknown.</summary>
    public int Rank { get; }

    /// <summary>The number of ranks of the communicator, or 0 when unknown.</summary>
    public int Size { get; }

    /// <summary>The operation that failed, e.g. <c>allreduce</c>.</summary>
    public string Operation { get; }

    /// <summary>The MPI error code, or 0 when the failure was found by Linea's own checks.</summary>
    public int ErrorCode { get; }

    /// <summary>The reason alone (the message without the rank and operation prefix).</summary>
    public string Reason { get; }

    private static string Format(int rank, int size, string operation, string reason) =>
        rank < 0 ? $"{operation}: {reason}" : $"{operation} on rank {rank} of {size}: {reason}";
}

/// <summary>
/// The ranks of a collective passed arguments that do not fit together: different lengths where MPI needs equal ones,
/// or a buffer of the wrong size on one rank. Every rank of the collective throws it (none is left waiting), and the
/// message lists what each rank passed.
/// </summary>
public sealed class MpiCountMismatchException : MpiException
{
    /// <summary>Creates the exception.</summary>
    public MpiCountMismatchException(int rank, int size, string operation, string reason)
        : base(rank, size, operation, 0, reason) { }

    /// <summary>Creates an exception with only a message.</summary>
    public MpiCountMismatchException(string message) : base(message) { }

    /// <summary>Creates an exception with only a message and its cause.</summary>
    public MpiCountMismatchException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with no message.</summary>
    public MpiCountMismatchException() : base("MPI collective arguments do not match across ranks") { }
}

/// <summary>
/// Open MPI cannot be used in this process: <c>libmpi</c> is not installed, is not Open MPI, or MPI is not
/// initialized (or already finalized). The message says which and how to fix it.
/// </summary>
public sealed class MpiUnavailableException : MpiException
{
    /// <summary>Creates the exception.</summary>
    public MpiUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public MpiUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with no message.</summary>
    public MpiUnavailableException() : base("Open MPI is not available") { }
}
