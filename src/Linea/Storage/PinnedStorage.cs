using System.Buffers;
using System.Runtime.CompilerServices;

namespace Linea.Storage;

/// <summary>
/// The elements of a System.Numerics.Tensors tensor, shared with it through that package's public
/// <see cref="System.Numerics.Tensors.Tensor{T}.GetPinnedHandle"/>: the managed memory stays pinned (the GC cannot
/// move it) until <see cref="Dispose"/> or until no view refers to this storage (a finalizer unpins it). Element 0 is
/// the tensor's element at index (0, ..., 0), which need not be where the handle points (the handle of a tensor made
/// with a start offset points at the start of its array).
/// </summary>
internal sealed unsafe class PinnedStorage<T> : UnmanagedStorage<T> where T : unmanaged
{
    private readonly long _length;
    private readonly object _owner;
    private MemoryHandle _handle;

    /// <summary>
    /// Keeps <paramref name="handle"/>, which pins <paramref name="owner"/>'s memory, and serves the
    /// <paramref name="length"/> elements reachable from <paramref name="first"/>, which lies in that pinned memory.
    /// </summary>
    public PinnedStorage(object owner, MemoryHandle handle, ref T first, long length)
    {
        _owner = owner;
        _handle = handle;
        _length = length;
        Address = (IntPtr)Unsafe.AsPointer(ref first); // stable: the memory is pinned
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
