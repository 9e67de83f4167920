using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linea.Storage;

/// <summary>
/// Elements in native memory aligned to 64 bytes (one cache line, a whole AVX-512 register), outside the GC heap, so
/// a tensor may hold more than <see cref="Array.MaxLength"/> elements and hand a stable pointer to native code.
/// Freed by <see cref="Dispose"/>; a finalizer frees it when the last view is collected without one. The GC is told
/// of the memory's size, so large blocks still count towards collection pressure.
/// </summary>
internal sealed unsafe class NativeStorage<T> : UnmanagedStorage<T> where T : unmanaged
{
    private readonly long _length;
    private readonly long _bytes;

    public NativeStorage(long length, bool zero)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _length = length;
        // TensorStorage.Allocate has checked the byte count against 64 bits and turns the OutOfMemoryException that
        // AlignedAlloc throws on failure into a TensorTooLargeException naming the operation, shape and bytes.
        _bytes = Math.Max(length * sizeof(T), 1);
        Address = (IntPtr)NativeMemory.AlignedAlloc((nuint)_bytes, 64);
        if (zero) ClearLarge((byte*)Address, _bytes);
        if (_bytes > 0) GC.AddMemoryPressure(_bytes);
    }

    ~NativeStorage() => Free();

    public override long Length => _length;
    public override StorageKind Kind => StorageKind.Native;

    public override void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        IntPtr p = Interlocked.Exchange(ref Address, IntPtr.Zero);
        if (p == IntPtr.Zero) return;
        NativeMemory.AlignedFree((void*)p);
        GC.RemoveMemoryPressure(_bytes);
    }

    private static void ClearLarge(byte* p, long bytes)
    {
        const long chunk = 1L << 30;
        for (long done = 0; done < bytes; done += chunk)
            NativeMemory.Clear(p + done, (nuint)Math.Min(chunk, bytes - done));
    }

    protected override string DisposedDescription => $"native storage ({_length} elements)";
}
