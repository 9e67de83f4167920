namespace Linea;

/// <summary>Where a tensor's elements live (<see cref="NDArray{TScalar}.StorageKind"/>).</summary>
public enum StorageKind
{
    /// <summary>A .NET array on the managed heap: the default for tensors of up to <see cref="Array.MaxLength"/> elements.</summary>
    Managed,

    /// <summary>
    /// Native memory aligned to 64 bytes, outside the garbage-collected heap: any size the machine's memory allows
    /// (tensors above <see cref="Array.MaxLength"/> elements get it automatically). Freed by
    /// <see cref="NDArray{TScalar}.Dispose"/>, or by a finalizer once no tensor refers to it.
    /// </summary>
    Native,

    /// <summary>A memory-mapped file (<see cref="Npy.Load{T}(string, MmapMode)"/>, <see cref="Npy.OpenMemmap{T}(string, MmapMode, long[])"/>): pages are read from disk as they are touched.</summary>
    MemoryMapped,
}

/// <summary>How a .npy file is mapped into memory: NumPy's <c>mmap_mode</c> of <c>np.load</c> and <c>open_memmap</c>.</summary>
public enum MmapMode
{
    /// <summary>No mapping: the file is read into a new tensor (NumPy's <c>None</c>).</summary>
    None,

    /// <summary>Read-only mapping (NumPy's <c>'r'</c>): writing through the tensor throws.</summary>
    ReadOnly,

    /// <summary>Copy-on-write mapping (NumPy's <c>'c'</c>): writes change the tensor in memory, never the file.</summary>
    CopyOnWrite,

    /// <summary>Read-write mapping (NumPy's <c>'r+'</c>): writes go to the file.</summary>
    ReadWrite,
}
