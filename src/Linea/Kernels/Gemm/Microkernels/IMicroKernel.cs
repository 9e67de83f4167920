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
