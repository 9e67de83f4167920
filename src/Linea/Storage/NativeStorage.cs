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
        // TensorStorage.Allocate checks the byte count against 64 bits first and turns a failure here into a
        // TensorTooLargeException naming the operation and shape
        _bytes = length > long.MaxValue / sizeof(T)
            ? throw new OutOfMemoryException($"native storage: {length} elements of {sizeof(T)} bytes overflow a 64-bit byte count")
            : Math.Max(length * sizeof(T), 1);
        Address = (IntPtr)NativeMemory.AlignedAlloc((nuint)_bytes, 64); // throws OutOfMemoryException when it fails
        if (Address == IntPtr.Zero)
            throw new OutOfMemoryException($"native storage: could not allocate {Format(_bytes)} ({length} elements of {sizeof(T)} bytes)");
        if (zero) ClearLarge((byte*)Address, _bytes);
        if (_bytes > 0) GC.AddMemoryPressure(_bytes);
    }

    ~NativeStorage() => Free();

    public override long Length => _length;
    public override StorageKind Kind => StorageKind.Native;
    /// <summary>The address of element 0, for native callers; valid until <see cref="Dispose"/>.</summary>
    public IntPtr Pointer => Address;

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

    internal static string Format(long bytes) =>
        bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.##} GiB" : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.##} MiB" : $"{bytes} bytes";
}
