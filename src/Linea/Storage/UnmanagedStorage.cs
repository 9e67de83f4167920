using System.Runtime.CompilerServices;

namespace Linea.Storage;

/// <summary>
/// Storage at a fixed address outside the GC heap (native memory, a mapped file): element 0 lives at
/// <see cref="Address"/>, which is zero once the memory is released, so every access after <c>Dispose</c> throws
/// <see cref="ObjectDisposedException"/> with the subclass's description instead of touching freed memory.
/// </summary>
internal abstract unsafe class UnmanagedStorage<T> : TensorStorage<T> where T : unmanaged
{
    /// <summary>The address of element 0; zero after release.</summary>
    protected IntPtr Address;

    public override bool IsDisposed => Address == IntPtr.Zero;

    public override ref T Reference
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            T* p = (T*)Address;
            if (p == null) ThrowDisposed();
            return ref *p;
        }
    }

    /// <summary>What was released, for the message: "native storage (3000 elements)".</summary>
    protected abstract string DisposedDescription { get; }

    private void ThrowDisposed() =>
        throw new ObjectDisposedException(nameof(NDArray),
            $"the {DisposedDescription} behind this tensor has been disposed; views of a disposed tensor cannot be used");
}
