using System.Numerics;
using System.Runtime.CompilerServices;

namespace Linea.Kernels.Gemm.Microkernels;

/// <summary>
/// The BLIS microkernel contract: C[0..mr, 0..nr] = alpha * (A_panel @ B_panel) + beta * C, where A_panel is a
/// packed MR x kc micro-panel (column p at a + p*MR), B_panel a packed kc x NR micro-panel (row p at b + p*NR),
/// both zero-padded past mr / nr, and C is addressed through row stride rs and column stride cs. Edge tiles
/// (mr &lt; MR or nr &lt; NR) and non-unit column strides go through tile, an MR*NR scratch
/// buffer owned by the calling thread. beta == 0 never reads C.
/// When chunkedA is set, the A micro-panel is stored in 64-byte row chunks instead (see <see cref="Pack"/>):
/// for each run of CW = 64 / sizeof(T) columns, MR rows of CW contiguous elements; the last kc % CW columns use
/// the standard column-by-column layout. Row-major A packs into that layout with whole-line copies.
/// </summary>
internal unsafe interface IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of C per call (the A micro-panel height).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of C per call (the B micro-panel width).</summary>
    static abstract int NR { get; }

    /// <summary>Runs one tile; see the interface remarks for the contract.</summary>
    static abstract void Run(int kc, T* a, T* b, T* c, nint rs, nint cs, T alpha, T beta, int mr, int nr, T* tile, bool chunkedA);

    /// <summary>
    /// <see cref="Run"/>, which meanwhile prefetches into L2 up to <paramref name="fetchRows"/> runs of
    /// <paramref name="fetchBytes"/> bytes, the first at <paramref name="fetch"/> and the next ones
    /// <paramref name="fetchStride"/> bytes apart, one run per <see cref="RowFetch.StepsPerRow"/> steps of its k loop
    /// (at most <see cref="FetchCapacity"/> runs): the source of an operand its caller packs next (the B strip after
    /// next in <see cref="StripStream"/>, the next A block in <see cref="GemmDriver"/>), so it arrives while this tile
    /// is multiplied instead of in one burst that stalls on full miss buffers.
    /// </summary>
    static abstract void RunFetching(int kc, T* a, T* b, T* c, nint rs, nint cs, T alpha, T beta, int mr, int nr, T* tile, bool chunkedA,
        byte* fetch, nint fetchStride, int fetchRows, int fetchBytes);

    /// <summary>How many runs one <see cref="RunFetching"/> call of depth <paramref name="kc"/> prefetches at most (0: none).</summary>
    static abstract int FetchCapacity(int kc, bool chunkedA);
}

/// <summary>The software prefetch the AVX-512 microkernels spread over their k loop (see <see cref="IMicroKernel{T}.RunFetching"/>).</summary>
internal static unsafe class RowFetch
{
    /// <summary>Steps of k per run fetched: a 100-deep tile issues 12 runs (a B strip's row is 2-3 lines).</summary>
    public const int StepsPerRow = 8;

    /// <summary>Prefetches the lines of bytes [row, row + rowBytes) into L2 (the run need not start on a line); rowBytes &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row(byte* row, int rowBytes)
    {
        for (int o = 0; o < rowBytes; o += 64) System.Runtime.Intrinsics.X86.Sse.Prefetch1(row + o);
        System.Runtime.Intrinsics.X86.Sse.Prefetch1(row + rowBytes - 1);
    }

    /// <summary>Runs one call prefetches at most: one per <see cref="StepsPerRow"/> steps of its chunked loop (none unchunked).</summary>
    public static int Capacity(int kc, bool chunkedA, int elementSize) => chunkedA ? kc / (64 / elementSize) * (64 / elementSize / StepsPerRow) : 0;
}

/// <summary>Shared epilogue for edge tiles: C = alpha * tile + beta * C on the valid mr x nr part.</summary>
internal static unsafe class TileStore
{
    [MethodImpl(MethodImplOptions.NoInlining | HotCode.Options)]
    public static void Merge<T>(T* tile, int ldt, T* c, nint rs, nint cs, int mr, int nr, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.Zero)
        {
            for (int i = 0; i < mr; i++)
                for (int j = 0; j < nr; j++)
                    c[i * rs + j * cs] = alpha * tile[i * ldt + j];
        }
        else
        {
            for (int i = 0; i < mr; i++)
                for (int j = 0; j < nr; j++)
                {
                    ref T d = ref c[i * rs + j * cs];
                    d = alpha * tile[i * ldt + j] + beta * d;
                }
        }
    }
}
