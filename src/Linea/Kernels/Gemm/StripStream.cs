using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Linea.Kernels.Gemm.Microkernels;

namespace Linea.Kernels.Gemm;

/// <summary>
/// One thread's C = alpha * A @ B + beta * C when A is one packed block (m &lt;= MC, k &lt;= KC) and B is row-major and
/// wide (short-wide products, and each band of <see cref="BandSplitDriver"/>'s column split): B is packed one NR-column
/// strip at a time, right before the microkernels of that strip's column of tiles read it, and the source of the strip
/// <see cref="Ahead"/> strips on is prefetched meanwhile. The five-loop driver instead packs a whole panel of B first
/// (k rows of a few KB, each row a short stream the hardware prefetcher barely starts on) and only then computes, so
/// the memory reads of B and the multiplies took turns: 100 x 200,000 from k = 100 ran at 67 GFLOP/s on one thread,
/// 114 on two; by strips 77 and 125-130 (float 114-116 -> 135-140 and 225-231 -> 254-283), and 98-104 -> 141-147 on
/// two threads at n = 20,000. No allocation: the packed A block, one strip and the edge tile are the thread's pack
/// buffers.
/// </summary>
internal static unsafe class StripStream
{
    /// <summary>How many strips ahead B's rows are prefetched (into L2): a strip's tiles take about 15,000 cycles at
    /// m = k = 100, far longer than a memory access, so one or two strips suffice; two measured as well as one.</summary>
    private const int Ahead = 2;

    /// <summary>Whether the strip path applies: one A block (no loop over rows or depth), row-major B, more than one strip.</summary>
    public static bool Suits(int m, int n, int k, nint bcs, int mc, int kc, int nr) => m <= mc && k <= kc && bcs == 1 && n > nr;

    /// <summary>Rows of the strip ahead (k rows) that each of a strip's <paramref name="tiles"/> kernel calls prefetches: an even
    /// share, at most the kernel's <paramref name="capacity"/>; rows past tiles x share are prefetched up front.</summary>
    public static int RowsPerTile(int tiles, int k, int capacity) => Math.Min(capacity, (k + tiles - 1) / tiles);

    /// <summary>C = alpha * A @ B + beta * C on this thread (requires <see cref="Suits"/>).</summary>
    /// <remarks>
    /// The strip <see cref="Ahead"/> on is prefetched by the microkernels themselves (<see cref="IMicroKernel{T}.RunFetching"/>),
    /// a few rows per tile spread through their k loops, and only the rows they cannot take are prefetched here at the
    /// strip's start. Issued all at once, the strip's k rows of lines (300 at k = 100) filled the miss buffers and
    /// stalled the core until memory answered: with the rows spread over the tiles, 100 x 200,000 from k = 100 went
    /// from 77-83 to 88-95 GFLOP/s on one thread (float64), near the 97-103 of the same loop with no B traffic at all;
    /// on two threads in the shapes runner 134-145 to 166 (float64) and 250-275 to 310 GFLOP/s (float32).
    /// </remarks>
    [MethodImpl(HotCode.Options)]
    public static void Run<T, TK>(int m, int n, int k, T alpha, T* a, nint ars, nint acs, T* b, nint brs,
        T beta, T* c, nint crs, nint ccs)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernel<T>
    {
        int MR = TK.MR, NR = TK.NR;
        T* apack = PackBuffers<T>.A((m + MR - 1) / MR * MR * k);
        bool chunked = Pack.A(m, k, a, ars, acs, MR, apack);
        T* strip = PackBuffers<T>.B(k * NR);
        T* tile = PackBuffers<T>.Tile(MR * NR);
        int stripBytes = NR * sizeof(T);
        nint rowBytes = brs * sizeof(T);
        // Rows of the strip ahead that each tile's kernel prefetches; the rest are prefetched up front.
        int tiles = (m + MR - 1) / MR;
        int perTile = RowsPerTile(tiles, k, TK.FetchCapacity(k, chunked));
        int byKernels = Math.Min(k, perTile * tiles);
        for (int j = 0; j < n; j += NR)
        {
            int ahead = j + Ahead * NR;
            // Only a whole strip ahead goes to the kernels, which fetch whole rows of NR elements.
            int spread = ahead + NR <= n ? byKernels : 0;
            if (ahead < n && spread < k && Sse.IsSupported)
            {
                byte* row = (byte*)(b + ahead) + spread * rowBytes;
                int bytes = Math.Min(stripBytes, (n - ahead) * sizeof(T));
                for (int p = spread; p < k; p++, row += rowBytes) RowFetch.Row(row, bytes);
            }
            Pack.B(k, n - j, b + j, brs, 1, NR, strip, 0, 1);
            int nr = Math.Min(NR, n - j);
            T* cj = c + j * ccs;
            for (int i = 0, t = 0; i < m; i += MR, t++)
            {
                int r0 = t * perTile, rows = Math.Max(0, Math.Min(perTile, spread - r0));
                TK.RunFetching(k, apack + (nint)i * k, strip, cj + i * crs, crs, ccs, alpha, beta, Math.Min(MR, m - i), nr, tile, chunked,
                    (byte*)(b + ahead) + r0 * rowBytes, rowBytes, rows, stripBytes);
            }
        }
    }
}
