using System.Numerics;
using System.Runtime.CompilerServices;
using Linea.Kernels.Gemm.Microkernels;
using Linea.Kernels.Threading;

namespace Linea.Kernels.Gemm;

/// <summary>
/// The BLIS five-loop GEMM: loop 5 over NC-column panels of B and C, loop 4 over KC-deep rank updates (B panel
/// packed once, shared by all threads), loop 3 over MC-row blocks of A (packed per thread), loop 2 over NR-column
/// micro-panels, loop 1 over MR-row micro-panels, calling the microkernel TK.
/// Threads split loop 3 (rows of C) when C has at least as many MR-row panels as NR-column panels, else loop 2;
/// each thread keeps its own A block in its private L2 while the B panel sits in the shared L3.
/// With a <see cref="TrianglePart"/> other than <see cref="TrianglePart.All"/> (C square) only the register tiles that
/// meet that triangle of C run, and the threads' shares of rows or columns are cut at equal triangle area instead of
/// equal length. <see cref="TrianglePart.LowerTiles"/> (the symmetric products A @ A^T, see <see cref="SymmetricProduct"/>)
/// runs the tiles that straddle the diagonal whole; <see cref="TrianglePart.Lower"/> and <see cref="TrianglePart.Upper"/>
/// (gemmt, <see cref="TriangularProduct"/>) form such a tile in a scratch tile and merge only its elements on the
/// triangle's side, so nothing on the other side of C is read or written.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>Runs C = alpha * A @ B + beta * C (k &gt; 0) with the given blocking on up to <paramref name="threads"/> threads.</summary>
    public static void Run<T, TK>(int m, int n, int k, T alpha, T* a, nint ars, nint acs, T* b, nint brs, nint bcs,
        T beta, T* c, nint crs, nint ccs, int mcBlock, int kcBlock, int ncBlock, int threads, TrianglePart part = TrianglePart.All)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernel<T>
    {
        int MR = TK.MR, NR = TK.NR;
        var job = new Job<T, TK>
        {
            M = m, N = n, K = k, Alpha = alpha, Beta = beta, Part = part,
            A = a, Ars = ars, Acs = acs, B = b, Brs = brs, Bcs = bcs, C = c, Crs = crs, Ccs = ccs,
            MC = RoundUp(Math.Min(mcBlock, RoundUp(m, MR)), MR),
            KC = Math.Min(kcBlock, k),
            NC = RoundUp(Math.Min(ncBlock, RoundUp(n, NR)), NR),
        };
        if (threads <= 1 && part == TrianglePart.All && StripStream.Suits(m, n, k, bcs, job.MC, job.KC, NR))
        {
            StripStream.Run<T, TK>(m, n, k, alpha, a, ars, acs, b, brs, beta, c, crs, ccs);
            return;
        }
        if (threads <= 1 && m <= job.MC && k <= job.KC)
        {
            // (B not row-major; row-major B goes by strips above.) One A block covers every row and the whole depth, so
            // it is packed once and kept, and each packed B panel
            // is read exactly once, right after it is packed: size it to stay in L2 between the two (short-wide
            // products: 100 x 200,000 from k = 100 would otherwise pack 1.2 MB panels that spill to L3 before the
            // microkernels read them). With k > KC the A block is repacked per panel, so narrower panels would cost
            // more A packing than they save.
            int fit = SinglePassPanelBytes / (job.KC * sizeof(T)) / NR * NR;
            job.NC = Math.Min(job.NC, Math.Max(NR, fit));
        }
        job.BPack = PackBuffers<T>.B(job.KC * job.NC);
        if (threads <= 1)
        {
            var solo = new SpinBarrier();
            solo.Reset(1);
            job.Execute(0, 1, solo);
        }
        else
        {
            // Splitting loop 3 needs at least one MR panel per thread; splitting loop 2 one NR panel.
            int mp = (m + MR - 1) / MR, np = (n + NR - 1) / NR;
            job.SplitRows = mp >= np || np < threads;
            WorkerPool.Run(Math.Min(threads, Math.Max(job.SplitRows ? mp : np, 1)), job);
        }
    }

    /// <summary>Bytes of packed B panel that a single-pass panel (one A block over all rows and the depth, see <see cref="Run{T, TK}"/>) may fill: a quarter of the 1 MiB L2.</summary>
    private const int SinglePassPanelBytes = 256 * 1024;

    private static int RoundUp(int x, int r) => (x + r - 1) / r * r;

    /// <summary>
    /// Boundary t of <paramref name="panels"/> panels split over <paramref name="threads"/>: equal counts, or for a
    /// triangle equal areas of it. In the lower triangle row panel i carries work in proportion to i (boundaries at
    /// panels * sqrt(t / threads)) and column panel j in proportion to panels - j (the mirror image); the upper
    /// triangle is the transpose.
    /// </summary>
    private static int Share(int t, int threads, int panels, TrianglePart part, bool rows)
    {
        if (t >= threads) return panels;
        if (part == TrianglePart.All) return (int)((long)t * panels / threads);
        double f = (double)t / threads;
        bool growing = rows == (part != TrianglePart.Upper);
        return (int)Math.Round(panels * (growing ? Math.Sqrt(f) : 1 - Math.Sqrt(1 - f)));
    }

    /// <summary>Runs of bytes for the microkernels to prefetch: <see cref="Runs"/> runs of <see cref="Bytes"/> bytes, <see cref="Stride"/> apart from <see cref="Start"/>.</summary>
    private readonly struct FetchRuns(byte* start, nint stride, int runs, int bytes)
    {
        public readonly byte* Start = start;
        public readonly nint Stride = stride;
        public readonly int Runs = runs, Bytes = bytes;
    }

    private sealed class Job<T, TK> : IParallelJob
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernel<T>
    {
        public int M, N, K, MC, KC, NC;
        public T Alpha, Beta;
        public T* A, B, C, BPack;
        public nint Ars, Acs, Brs, Bcs, Crs, Ccs;
        public bool SplitRows = true;
        public TrianglePart Part;

        // Counters that deal out groups of B micro-panels to pack, two so iteration t uses [t & 1] while
        // [(t+1) & 1] is reset for the next one (every thread has passed the barrier that ends its last use);
        // 16 ints apart so they sit on different cache lines.
        private readonly int[] _packUnits = new int[2 * 16];

        private static int Next(int[] counters, int slot) => Interlocked.Increment(ref counters[slot * 16]) - 1;

        [MethodImpl(HotCode.Options)]
        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            int MR = TK.MR, NR = TK.NR;
            // The edge tile of the microkernel, then (gemmt) the scratch tile of the diagonal's tiles.
            T* tile = PackBuffers<T>.Tile(2 * MR * NR);
            T* apack = PackBuffers<T>.A(MC * KC);
            T* bpack = BPack;
            int m = M, n = N, k = K;
            int iter = 0;
            bool chunked = false;
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                int np = (nc + NR - 1) / NR;
                var columnPart = jc == 0 && nc == n ? Part : TrianglePart.All;
                int q0 = Share(tid, threads, np, columnPart, rows: false);
                int q1 = Share(tid + 1, threads, np, columnPart, rows: false);
                int packGroup = Math.Max(1, (np + 4 * threads - 1) / (4 * threads));
                for (int pc = 0; pc < k; pc += KC, iter++)
                {
                    int kc = Math.Min(KC, k - pc);
                    int slot = iter & 1;
                    T beta = pc == 0 ? Beta : T.One;
                    T* bsrc = B + pc * Brs + jc * Bcs;
                    for (int g = Next(_packUnits, slot); g * packGroup < np; g = Next(_packUnits, slot))
                        Pack.B(kc, nc, bsrc, Brs, Bcs, NR, bpack, g * packGroup, Math.Min(np, (g + 1) * packGroup));
                    barrier.SignalAndWait();
                    if (tid == 0) _packUnits[(slot ^ 1) * 16] = 0;
                    if (SplitRows)
                    {
                        // Loop 3 split: each thread takes a fixed, contiguous share of whole MR panels and walks it in
                        // MC blocks. (Guided self-scheduling of row blocks from a shared counter was tried: on a quiet
                        // machine it ran 10-15 % slower at n = 1024..2048 float32, 2 threads, because its small tail
                        // blocks each stream the whole B panel again; the static split matched OpenBLAS.)
                        int mpan = (m + MR - 1) / MR;
                        int r0 = Math.Min(m, Share(tid, threads, mpan, Part, rows: true) * MR);
                        int r1 = Math.Min(m, Share(tid + 1, threads, mpan, Part, rows: true) * MR);
                        // A block unchanged from the last column panel (one row block and one depth block): keep it.
                        bool keepA = jc > 0 && k <= KC && r1 - r0 <= MC;
                        for (int ic = r0; ic < r1; ic += MC)
                        {
                            int mc = Math.Min(MC, r1 - ic);
                            if (!keepA) chunked = Pack.A(mc, kc, A + ic * Ars + pc * Acs, Ars, Acs, MR, apack);
                            var next = keepA || Part != TrianglePart.All ? default : NextBlock(ic + MC, r1, pc, kc);
                            Macro(mc, nc, kc, 0, np, apack, bpack, C + ic * Crs + jc * Ccs, beta, tile, chunked, ic - jc, next);
                        }
                    }
                    else
                    {
                        // Loop 2 split (few rows, many columns): each thread packs every A block itself and takes a
                        // fixed share of the column micro-panels.
                        bool keepA = jc > 0 && k <= KC && m <= MC;
                        for (int ic = 0; ic < m; ic += MC)
                        {
                            int mc = Math.Min(MC, m - ic);
                            if (!keepA) chunked = Pack.A(mc, kc, A + ic * Ars + pc * Acs, Ars, Acs, MR, apack);
                            Macro(mc, nc, kc, q0, q1, apack, bpack, C + ic * Crs + jc * Ccs, beta, tile, chunked, ic - jc, default);
                        }
                    }
                    barrier.SignalAndWait();
                }
            }
        }

        /// <summary>
        /// The source of the A block this thread packs next (rows [<paramref name="row"/>, +MC) up to
        /// <paramref name="end"/>, depth [pc, pc + kc)) as runs of contiguous bytes, for the microkernels of the current
        /// block to prefetch (<see cref="IMicroKernel{T}.RunFetching"/>): its rows when A is row-major, its columns when
        /// column-major, none for other strides or past the thread's last row. Tall-skinny products (200,000 x 100 from
        /// k = 100) otherwise read each block from memory between the blocks' multiplies: with the prefetch, one
        /// thread went from 60-75 to 76-90 GFLOP/s float64, two from 119-144 to 145-174.
        /// </summary>
        private FetchRuns NextBlock(int row, int end, int pc, int kc)
        {
            if (row >= end) return default;
            int rows = Math.Min(MC, end - row);
            byte* src = (byte*)(A + row * Ars + pc * Acs);
            if (Acs == 1) return new FetchRuns(src, Ars * sizeof(T), rows, kc * sizeof(T));
            if (Ars == 1) return new FetchRuns(src, Acs * sizeof(T), kc, rows * sizeof(T));
            return default;
        }

        [MethodImpl(HotCode.Options)]
        private void Macro(int mc, int nc, int kc, int jq0, int jq1, T* apack, T* bpack, T* c, T beta, T* tile, bool chunked, int diag, FetchRuns next)
        {
            // diag = (row of this block's first row) - (column of its first column) in C, so the tile at (i, j) of the
            // block holds C's elements with row - column from diag + i - (j + nr - 1) to diag + i + mr - 1 - j.
            int MR = TK.MR, NR = TK.NR;
            var part = Part;
            nint crs = Crs, ccs = Ccs;
            T alpha = Alpha;
            // The next block's runs shared out over this block's tiles (see NextBlock).
            int tiles = (jq1 - jq0) * ((mc + MR - 1) / MR), t = 0;
            int perTile = next.Runs == 0 ? 0 : Math.Min(TK.FetchCapacity(kc, chunked), (next.Runs + tiles - 1) / tiles);
            for (int q = jq0; q < jq1; q++)
            {
                int j = q * NR;
                int nr = Math.Min(NR, nc - j);
                T* bq = bpack + (nint)q * NR * kc;
                T* cj = c + j * ccs;
                int i0 = 0, i1 = mc;
                if (part is TrianglePart.LowerTiles or TrianglePart.Lower)
                {
                    // First whole tile with diag + i + MR - 1 >= j, i.e. i >= j - diag - MR + 1, rounded up to a tile.
                    int first = j - diag - MR + 1;
                    if (first >= mc) continue;
                    if (first > 0) i0 = (first + MR - 1) / MR * MR;
                }
                else if (part == TrianglePart.Upper)
                {
                    // Tiles up to the last with diag + i <= j + nr - 1.
                    i1 = Math.Min(mc, j + nr - diag);
                    if (i1 <= 0) continue;
                }
                bool exact = part is TrianglePart.Lower or TrianglePart.Upper;
                for (int i = i0; i < i1; i += MR)
                {
                    int mr = Math.Min(MR, mc - i);
                    int lo = diag + i - (j + nr - 1), hi = diag + i + mr - 1 - j;
                    if (exact && (part == TrianglePart.Lower ? lo < 0 : hi > 0))
                        DiagonalTile(kc, apack + (nint)i * kc, bq, cj + i * crs, crs, ccs, alpha, beta, mr, nr, tile, chunked, diag + i - j);
                    else
                    {
                        int f0 = t++ * perTile, runs = Math.Max(0, Math.Min(perTile, next.Runs - f0));
                        TK.RunFetching(kc, apack + (nint)i * kc, bq, cj + i * crs, crs, ccs, alpha, beta, mr, nr, tile, chunked,
                            next.Start + f0 * next.Stride, next.Stride, runs, next.Bytes);
                    }
                }
            }
        }

        /// <summary>
        /// A tile that the diagonal of C crosses, for an exact triangle: the whole MR x NR product goes to the scratch
        /// tile after the microkernel's own, and only the elements on the triangle's side (row - column = d + r - s
        /// at least 0 for Lower, at most 0 for Upper) are merged into C.
        /// </summary>
        private void DiagonalTile(int kc, T* a, T* b, T* c, nint crs, nint ccs, T alpha, T beta, int mr, int nr, T* tile, bool chunked, int d)
        {
            int MR = TK.MR, NR = TK.NR;
            T* scratch = tile + MR * NR;
            TK.Run(kc, a, b, scratch, NR, 1, alpha, T.Zero, MR, NR, tile, chunked);
            bool lower = Part == TrianglePart.Lower;
            for (int r = 0; r < mr; r++)
            {
                // Lower: columns s <= d + r; Upper: columns s >= d + r.
                int s0 = lower ? 0 : Math.Max(0, d + r), s1 = lower ? Math.Min(nr, d + r + 1) : nr;
                T* sr = scratch + r * NR;
                T* cr = c + r * crs;
                if (beta == T.Zero)
                    for (int s = s0; s < s1; s++) cr[s * ccs] = sr[s];
                else
                    for (int s = s0; s < s1; s++) { ref T e = ref cr[s * ccs]; e = sr[s] + beta * e; }
            }
        }
    }
}
