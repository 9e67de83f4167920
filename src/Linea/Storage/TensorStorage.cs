using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linea.Storage;

/// <summary>
/// A flat block of <see cref="Length"/> elements that tensors view through an offset and strides: a managed array,
/// native aligned memory or a memory-mapped file. Every view of a block holds a reference to it, so the block lives
/// as long as any view does. Sizes and positions are 64-bit.
/// </summary>
internal abstract class TensorStorage<T> : IDisposable where T : unmanaged
{
    /// <summary>The number of elements.</summary>
    public abstract long Length { get; }

    /// <summary>Which kind of memory this is.</summary>
    public abstract StorageKind Kind { get; }

    /// <summary>Whether writes are refused (a read-only mapping).</summary>
    public virtual bool IsReadOnly => false;

    /// <summary>The managed array behind this storage, or null for native and mapped memory.</summary>
    public virtual T[]? Array => null;

    /// <summary>A reference to element 0; throws <see cref="ObjectDisposedException"/> once the storage is disposed.</summary>
    public abstract ref T Reference { get; }

    /// <summary>Whether <see cref="Dispose"/> has released the memory.</summary>
    public abstract bool IsDisposed { get; }

    /// <summary>The elements [start, start + length) as a span (no bounds check beyond Debug.Assert).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Span(long start, int length)
    {
        System.Diagnostics.Debug.Assert(length == 0 || (start >= 0 && start + length <= Length));
        return length == 0 ? Span<T>.Empty : MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Reference, (nint)start), length);
    }

    /// <summary>A reference to element <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T At(long index) => ref Unsafe.Add(ref Reference, (nint)index);

    /// <summary>Releases native or mapped memory; a no-op for managed arrays. Safe to call twice.</summary>
    public virtual void Dispose() { }

    /// <summary>A description for error messages ("a read-only mapping of 'x.npy'").</summary>
    public virtual string Describe() => Kind switch
    {
        StorageKind.Managed => "a managed array",
        StorageKind.Native => "native memory",
        _ => "a memory-mapped file",
    };

    /// <summary>
    /// Allocating this many elements or more starts the worker threads in the background
    /// (<see cref="Kernels.Threading.WorkerPool.Prestart"/>): 96 x 96, the side above which a product runs threaded
    /// (<see cref="Kernels.Gemm.Gemm.DefaultParallelThreshold"/> is 96^3 multiply-adds).
    /// </summary>
    internal const long PrestartLength = 96 * 96;

    /// <summary>
    /// New storage of <paramref name="length"/> elements: a managed array up to <see cref="System.Array.MaxLength"/>
    /// elements, native memory above (or when <paramref name="kind"/> asks for it). Memory that cannot be had throws
    /// <see cref="TensorTooLargeException"/> naming <paramref name="op"/>, the shape and the bytes, instead of the
    /// runtime's bare <see cref="OutOfMemoryException"/>.
    /// </summary>
    /// <param name="length">The number of elements.</param>
    /// <param name="zero">Whether the elements must start as zeros (false only when the caller overwrites them all).</param>
    /// <param name="kind">Managed (the default; native above the array limit) or native.</param>
    /// <param name="op">The operation that asks, for the message.</param>
    /// <param name="dims">The shape of the tensor, for the message (the flat length when null).</param>
    public static TensorStorage<T> Allocate(long length, bool zero, StorageKind kind = StorageKind.Managed, string op = "allocate", long[]? dims = null)
    {
        if (kind == StorageKind.MemoryMapped)
            throw new ArgumentException("storage: memory-mapped tensors come from Npy.Load(path, mode) or Npy.OpenMemmap", nameof(kind));
        Shape.AllocationSize(op, dims ?? [length], Unsafe.SizeOf<T>());
        // A tensor that threaded kernels may work on: start their worker threads now, in the background (once), and run the
        // code of a first product and solve there once per process (the first float32 or float64 tensor this large).
        if (length >= PrestartLength) Kernels.Threading.WorkerPool.Prestart(FirstCallWarmup.Claim<T>());
        bool native = kind == StorageKind.Native || length > System.Array.MaxLength;
        try
        {
            if (native) return new NativeStorage<T>(length, zero);
            return new ManagedStorage<T>(zero ? new T[length] : GC.AllocateUninitializedArray<T>((int)length));
        }
        catch (OutOfMemoryException e) when (e is not TensorTooLargeException)
        {
            ThrowHelper.OutOfMemory(op, string.Join(", ", dims ?? [length]), length, Unsafe.SizeOf<T>(), native ? "native memory" : "a managed array", e);
            throw; // not reached
        }
    }
}

/// <summary>Elements in a .NET array.</summary>
internal sealed class ManagedStorage<T>(T[] array) : TensorStorage<T> where T : unmanaged
{
    private readonly T[] _array = array;

    public override long Length => _array.Length;
    public override StorageKind Kind => StorageKind.Managed;
    public override T[] Array => _array;
    public override bool IsDisposed => false;

    public override ref T Reference
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref MemoryMarshal.GetArrayDataReference(_array);
    }
}
