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

    /// <summary>C = alpha * A @ B + beta * C on this thread (requires <see cref="Suits"/>).</summary>
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
        for (int j = 0; j < n; j += NR)
        {
            int ahead = j + Ahead * NR;
            if (ahead < n && Sse.IsSupported)
            {
                byte* row = (byte*)(b + ahead);
                int bytes = Math.Min(stripBytes, (n - ahead) * sizeof(T));
                for (int p = 0; p < k; p++, row += brs * sizeof(T))
                {
                    for (int o = 0; o < bytes; o += 64) Sse.Prefetch1(row + o);
                    Sse.Prefetch1(row + bytes - 1); // the run need not start on a line
                }
            }
            Pack.B(k, n - j, b + j, brs, 1, NR, strip, 0, 1);
            int nr = Math.Min(NR, n - j);
            T* cj = c + j * ccs;
            for (int i = 0; i < m; i += MR)
                TK.Run(k, apack + (nint)i * k, strip, cj + i * crs, crs, ccs, alpha, beta, Math.Min(MR, m - i), nr, tile, chunked);
        }
    }
}
