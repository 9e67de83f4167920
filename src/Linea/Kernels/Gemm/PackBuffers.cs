using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Per-thread packing buffers, allocated once per thread and grown when a larger block is needed, on the
/// pinned object heap so raw pointers stay valid, and handed out 64-byte aligned (a cache line, a zmm load).
/// Nothing is allocated per GEMM call once a thread has seen its largest block. The memory is untyped and shared by
/// every element type (a thread packs for one product at a time), so a float32 and a float64 product on the same thread
/// use one A buffer, and <see cref="PrefaultA"/> can ready it without knowing the type.
/// </summary>
internal static unsafe class PackBuffers
{
    private const int Align = 64;
    [ThreadStatic] internal static long[]? t_a;
    [ThreadStatic] internal static long[]? t_b;
    [ThreadStatic] internal static long[]? t_tile;
    [ThreadStatic] internal static long[]? t_partial;

    /// <summary>
    /// Sizes this thread's A buffer for the largest A block (MC x KC) of this machine's best float32 and float64
    /// kernels (384 KiB with AVX-512) and writes one byte of each of its pages, so that the thread's first product does
    /// not take those page faults (96 of them, 0.2-0.4 ms on the 2-core VM). The worker threads do this when they start
    /// (<see cref="Threading.WorkerPool.Prestart"/>).
    /// </summary>
    public static void PrefaultA()
    {
        long bytes = ABlockBytes;
        byte* p = Get(ref t_a, bytes);
        for (long i = 0; i < bytes; i += Environment.SystemPageSize) p[i] = 0;
    }

    /// <summary>
    /// The largest A block (MC x KC) of this machine's best float32 and float64 kernels, in bytes. The A buffer is
    /// never allocated smaller: the recursive factorizations ask for ever larger blocks in their first call, and each
    /// growth would write fresh pages again (an uninitialized array's pages cost nothing until written).
    /// </summary>
    internal static readonly long ABlockBytes = ComputeABlockBytes();

    private static long ComputeABlockBytes()
    {
        long bytes = 0;
        foreach (int size in (ReadOnlySpan<int>)[sizeof(float), sizeof(double)])
        {
            var (mc, kc, _) = BlockSizes.For(BlockSizes.Best(size), size);
            bytes = Math.Max(bytes, (long)mc * kc * size);
        }
        return bytes;
    }

    /// <summary>A 64-byte aligned pointer to at least <paramref name="bytes"/> bytes of the buffer in <paramref name="slot"/>, grown when short.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte* Get(ref long[]? slot, long bytes)
    {
        long need = (bytes + Align + sizeof(long) - 1) / sizeof(long);
        var arr = slot;
        if (arr is null || arr.Length < need) arr = Grow(ref slot, need);
        nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(arr));
        return (byte*)((p + (Align - 1)) & ~(nint)(Align - 1));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long[] Grow(ref long[]? slot, long need)
    {
        slot = GC.AllocateUninitializedArray<long>(checked((int)Math.Max(need, (slot?.Length ?? 0) * 5L / 4)), pinned: true);
        return slot;
    }
}

/// <summary>The per-thread packing buffers (<see cref="PackBuffers"/>) as room for elements of <typeparamref name="T"/>.</summary>
internal static unsafe class PackBuffers<T> where T : unmanaged
{
    /// <summary>Room for a packed block of A (mc x kc).</summary>
    public static T* A(int count) => (T*)PackBuffers.Get(ref PackBuffers.t_a, Math.Max((long)count * sizeof(T), PackBuffers.ABlockBytes));

    /// <summary>Room for a packed panel of B (kc x nc); shared with the workers of a parallel call.</summary>
    public static T* B(int count) => (T*)PackBuffers.Get(ref PackBuffers.t_b, (long)count * sizeof(T));

    /// <summary>Room for one MR x NR edge tile.</summary>
    public static T* Tile(int count) => (T*)PackBuffers.Get(ref PackBuffers.t_tile, (long)count * sizeof(T));

    /// <summary>Room for one thread's partial m x n result of a k-split product (<see cref="KSplitDriver"/>).</summary>
    public static T* Partial(int count) => (T*)PackBuffers.Get(ref PackBuffers.t_partial, (long)count * sizeof(T));
}
