using System.Runtime.InteropServices;

namespace Linea.Distributed.Mpi;

/// <summary>
/// Thin bindings to Open MPI's C API, resolved from the loaded library by name. Open MPI's ABI: <c>MPI_Comm</c>,
/// <c>MPI_Datatype</c>, <c>MPI_Op</c> and <c>MPI_Errhandler</c> are pointers, and the predefined handles
/// (<c>MPI_COMM_WORLD</c>, <c>MPI_DOUBLE</c>, <c>MPI_SUM</c>, ...) are the addresses of exported data symbols
/// (<c>ompi_mpi_comm_world</c>, <c>ompi_mpi_double</c>, <c>ompi_mpi_op_sum</c>); <c>MPI_IN_PLACE</c> is
/// <c>(void*)1</c>. Every call returns an MPI error code (0 is success); <c>Communicator.Check</c> turns others into
/// <see cref="MpiException"/>.
/// </summary>
internal sealed unsafe class MpiNative
{
    /// <summary>Open MPI's <c>MPI_IN_PLACE</c>.</summary>
    public static readonly void* InPlace = (void*)1;
    /// <summary>Open MPI's <c>MPI_ANY_SOURCE</c>.</summary>
    public const int AnySource = -1;
    /// <summary>Open MPI's <c>MPI_ANY_TAG</c>.</summary>
    public const int AnyTag = -1;
    /// <summary>Open MPI's <c>MPI_MAX_ERROR_STRING</c>.</summary>
    public const int MaxErrorString = 256;
    /// <summary>Open MPI's <c>MPI_UNDEFINED</c> (a color for <c>MPI_Comm_split</c> that yields no communicator).</summary>
    public const int Undefined = -32766;

    public nint CommWorld { get; }
    public nint CommSelf { get; }
    public nint CommNull { get; }
    public nint Float { get; }
    public nint Double { get; }
    public nint Int32 { get; }
    public nint Int64 { get; }
    public nint Byte { get; }
    public nint OpSum { get; }
    public nint OpMin { get; }
    public nint OpMax { get; }
    public nint OpProd { get; }
    public nint ErrorsReturn { get; }

    public readonly delegate* unmanaged<int*, int> Initialized;
    public readonly delegate* unmanaged<int*, int> Finalized;
    public readonly delegate* unmanaged<int*, byte***, int, int*, int> InitThread;
    public readonly delegate* unmanaged<int> Finalize;
    public readonly delegate* unmanaged<nint, int, int> Abort;
    public readonly delegate* unmanaged<int, byte*, int*, int> ErrorString;
    public readonly delegate* unmanaged<nint, nint, int> CommSetErrhandler;
    public readonly delegate* unmanaged<nint, int*, int> CommRank;
    public readonly delegate* unmanaged<nint, int*, int> CommSize;
    public readonly delegate* unmanaged<nint, int, int, nint*, int> CommSplit;
    public readonly delegate* unmanaged<nint*, int> CommFree;
    public readonly delegate* unmanaged<nint, nint*, int> CommDup;
    public readonly delegate* unmanaged<nint, int> Barrier;
    public readonly delegate* unmanaged<void*, int, nint, int, nint, int> Bcast;
    public readonly delegate* unmanaged<void*, void*, int, nint, nint, int, nint, int> Reduce;
    public readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> Allreduce;
    public readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int> Allgather;
    public readonly delegate* unmanaged<void*, int, nint, void*, int*, int*, nint, nint, int> Allgatherv;
    public readonly delegate* unmanaged<void*, int, nint, void*, int, nint, int, nint, int> Scatter;
    public readonly delegate* unmanaged<void*, int*, int*, nint, void*, int, nint, int, nint, int> Scatterv;
    public readonly delegate* unmanaged<void*, int, nint, void*, int, nint, int, nint, int> Gather;
    public readonly delegate* unmanaged<void*, int, nint, void*, int*, int*, nint, int, nint, int> Gatherv;
    public readonly delegate* unmanaged<void*, int, nint, int, int, nint, int> Send;
    public readonly delegate* unmanaged<void*, int, nint, int, int, nint, MpiStatus*, int> Recv;
    public readonly delegate* unmanaged<MpiStatus*, nint, int*, int> GetCount;
    public readonly delegate* unmanaged<int, int, nint, MpiStatus*, int> Probe;

    /// <summary>Resolves every symbol from <paramref name="lib"/>.</summary>
    /// <exception cref="EntryPointNotFoundException">A symbol is missing (not Open MPI, or too old).</exception>
    public MpiNative(nint lib)
    {
        nint S(string name) => NativeLibrary.GetExport(lib, name);
        CommWorld = S("ompi_mpi_comm_world");
        CommSelf = S("ompi_mpi_comm_self");
        CommNull = S("ompi_mpi_comm_null");
        Float = S("ompi_mpi_float");
        Double = S("ompi_mpi_double");
        Int32 = S("ompi_mpi_int32_t");
        Int64 = S("ompi_mpi_int64_t");
        Byte = S("ompi_mpi_byte");
        OpSum = S("ompi_mpi_op_sum");
        OpMin = S("ompi_mpi_op_min");
        OpMax = S("ompi_mpi_op_max");
        OpProd = S("ompi_mpi_op_prod");
        ErrorsReturn = S("ompi_mpi_errors_return");

        Initialized = (delegate* unmanaged<int*, int>)S("MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)S("MPI_Finalized");
        InitThread = (delegate* unmanaged<int*, byte***, int, int*, int>)S("MPI_Init_thread");
        Finalize = (delegate* unmanaged<int>)S("MPI_Finalize");
        Abort = (delegate* unmanaged<nint, int, int>)S("MPI_Abort");
        ErrorString = (delegate* unmanaged<int, byte*, int*, int>)S("MPI_Error_string");
        CommSetErrhandler = (delegate* unmanaged<nint, nint, int>)S("MPI_Comm_set_errhandler");
        CommRank = (delegate* unmanaged<nint, int*, int>)S("MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)S("MPI_Comm_size");
        CommSplit = (delegate* unmanaged<nint, int, int, nint*, int>)S("MPI_Comm_split");
        CommFree = (delegate* unmanaged<nint*, int>)S("MPI_Comm_free");
        CommDup = (delegate* unmanaged<nint, nint*, int>)S("MPI_Comm_dup");
        Barrier = (delegate* unmanaged<nint, int>)S("MPI_Barrier");
        Bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)S("MPI_Bcast");
        Reduce = (delegate* unmanaged<void*, void*, int, nint, nint, int, nint, int>)S("MPI_Reduce");
        Allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)S("MPI_Allreduce");
        Allgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)S("MPI_Allgather");
        Allgatherv = (delegate* unmanaged<void*, int, nint, void*, int*, int*, nint, nint, int>)S("MPI_Allgatherv");
        Scatter = (delegate* unmanaged<void*, int, nint, void*, int, nint, int, nint, int>)S("MPI_Scatter");
        Scatterv = (delegate* unmanaged<void*, int*, int*, nint, void*, int, nint, int, nint, int>)S("MPI_Scatterv");
        Gather = (delegate* unmanaged<void*, int, nint, void*, int, nint, int, nint, int>)S("MPI_Gather");
        Gatherv = (delegate* unmanaged<void*, int, nint, void*, int*, int*, nint, int, nint, int>)S("MPI_Gatherv");
        Send = (delegate* unmanaged<void*, int, nint, int, int, nint, int>)S("MPI_Send");
        Recv = (delegate* unmanaged<void*, int, nint, int, int, nint, MpiStatus*, int>)S("MPI_Recv");
        GetCount = (delegate* unmanaged<MpiStatus*, nint, int*, int>)S("MPI_Get_count");
        Probe = (delegate* unmanaged<int, int, nint, MpiStatus*, int>)S("MPI_Probe");
    }

    /// <summary>MPI_Error_string's text for <paramref name="code"/>, or a fallback naming the code.</summary>
    public string DescribeError(int code)
    {
        byte* buffer = stackalloc byte[MaxErrorString + 1];
        int length = 0;
        if (ErrorString(code, buffer, &length) != 0 || length <= 0) return $"MPI error code {code}";
        return Marshal.PtrToStringUTF8((nint)buffer, Math.Min(length, MaxErrorString));
    }
}

/// <summary>Open MPI's <c>MPI_Status</c> (public fields, then the private count and cancelled flag): 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MpiStatus
{
    public int Source;
    public int Tag;
    public int Error;
    public int Cancelled;
    public nuint UCount;
}
