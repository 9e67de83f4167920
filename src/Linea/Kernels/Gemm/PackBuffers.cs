using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Per-thread packing buffers, allocated once per thread and grown when a larger block is needed, on the
/// pinned object heap so raw pointers stay valid, and handed out 64-byte aligned (a cache line, a zmm load).
/// Nothing is allocated per GEMM call once a thread has seen its largest block.
/// </summary>
internal static unsafe class PackBuffers<T> where T : unmanaged
{
    private const int Align = 64;
    [ThreadStatic] private static T[]? t_a;
    [ThreadStatic] private static T[]? t_b;
    [ThreadStatic] private static T[]? t_tile;
    [ThreadStatic] private static T[]? t_partial;

    /// <summary>Room for a packed block of A (mc x kc).</summary>
    public static T* A(int count) => Get(ref t_a, count);

    /// <summary>Room for a packed panel of B (kc x nc); shared with the workers of a parallel call.</summary>
    public static T* B(int count) => Get(ref t_b, count);

    /// <summary>Room for one MR x NR edge tile.</summary>
    public static T* Tile(int count) => Get(ref t_tile, count);

    /// <summary>Room for one thread's partial m x n result of a k-split product (<see cref="KSplitDriver"/>).</summary>
    public static T* Partial(int count) => Get(ref t_partial, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T* Get(ref T[]? slot, int count)
    {
        int need = count + Align / sizeof(T);
        var arr = slot;
        if (arr is null || arr.Length < need) arr = Grow(ref slot, need);
        nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(arr));
        return (T*)((p + (Align - 1)) & ~(nint)(Align - 1));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T[] Grow(ref T[]? slot, int need)
    {
        slot = GC.AllocateUninitializedArray<T>(Math.Max(need, (slot?.Length ?? 0) * 5 / 4), pinned: true);
        return slot;
    }
}
