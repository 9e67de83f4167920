using System.Buffers;

namespace Linea.Storage;

/// <summary>
/// The elements of a System.Numerics.Tensors tensor, shared with it through that package's public
/// <see cref="System.Numerics.Tensors.Tensor{T}.GetPinnedHandle"/>: the managed memory stays pinned (the GC cannot
/// move it) until <see cref="Dispose"/> or until no view refers to this storage (a finalizer unpins it). Element 0 is
/// the tensor's first element (its <c>GetPinnableReference</c>).
/// </summary>
internal sealed unsafe class PinnedStorage<T> : UnmanagedStorage<T> where T : unmanaged
{
    private readonly long _length;
    private readonly object _owner;
    private MemoryHandle _handle;

    /// <summary>Pins <paramref name="owner"/>'s memory through <paramref name="handle"/>; <paramref name="length"/> elements are reachable from its first one.</summary>
    public PinnedStorage(object owner, MemoryHandle handle, long length)
    {
        _owner = owner;
        _handle = handle;
        _length = length;
        Address = (IntPtr)handle.Pointer;
    }

    ~PinnedStorage() => Release();

    public override long Length => _length;

    /// <summary>Managed memory (pinned), not Linea's native memory: results made "like" it are managed.</summary>
    public override StorageKind Kind => StorageKind.Managed;

    public override string Describe() => $"the pinned memory of a {_owner.GetType().Name}";

    public override void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref Address, IntPtr.Zero) == IntPtr.Zero) return;
        _handle.Dispose();
    }

    protected override string DisposedDescription => $"pinned System.Numerics.Tensors memory ({_length} elements)";
}
