using System.Diagnostics;
using System.Runtime.CompilerServices;
using Linea.Kernels.Gemm.Microkernels;
using Linea.Kernels.Threading;
using Linea.Numerics;

namespace Linea.Kernels.Gemm;

/// <summary>
/// C (float32) = A @ B for operands stored as float16, bfloat16 or float32 (any mix), as mixed-precision ML runs it:
/// the BLIS loops of <see cref="GemmDriver"/>, whose packing step converts each operand's block into the float32
/// micro-panels that the float32 microkernel reads, so every product and sum is a float32 FMA and the 16-bit operands
/// are read once per packed block (the conversion costs O(mk·n/NC + kn), against 2mnk flops). Strides of any sign and
/// size; the common layouts (row-major, transposed) convert whole rows or columns with one vectorised call each.
/// C is overwritten (beta = 0), never read. Nothing allocated per call beyond the per-thread pack buffers.
/// </summary>
internal static unsafe class MixedPrecisionGemm
{
    /// <summary>
    /// C = A @ B, C float32 (m x n), A m x k of <typeparamref name="TA"/>, B k x n of <typeparamref name="TB"/>; int-sized
    /// dimensions. <paramref name="prm"/> may choose the microkernel, the block sizes (MC, KC, NC; tests shrink them so
    /// the blocked loops run at small sizes) and the parallel threshold; its other fields do not apply here.
    /// </summary>
    public static void Multiply<TA, TB>(in MatrixView<TA> a, in MatrixView<TB> b, in MatrixView<float> c, Parallelism parallelism,
        GemmParams? prm = null) where TA : unmanaged where TB : unmanaged
    {
        Debug.Assert(a.Rows == c.Rows && b.Cols == c.Cols && a.Cols == b.Rows);
        Debug.Assert(c.Rows <= int.MaxValue && c.Cols <= int.MaxValue && a.Cols <= int.MaxValue);
        int m = (int)c.Rows, n = (int)c.Cols, k = (int)a.Cols;
        if (m == 0 || n == 0) return;
        fixed (TA* pa = &a.Origin)
        fixed (TB* pb = &b.Origin)
        fixed (float* pc = &c.Origin)
        {
            nint crs = (nint)c.RowStride, ccs = (nint)c.ColStride;
            if (k == 0)
            {
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++) pc[i * crs + j * ccs] = 0f;
                return;
            }
            prm ??= GemmParams.Auto;
            long threshold = prm.ParallelThreshold >= 0 ? prm.ParallelThreshold : Gemm.DefaultParallelThreshold;
            int threads = (long)m * n * k < threshold ? 1 : parallelism.Count;
            var kind = prm.Kernel == MicroKernelKind.Auto ? BlockSizes.BestFor(sizeof(float), m, n) : prm.Kernel;
            if (!BlockSizes.IsSupported(kind)) kind = MicroKernelKind.Reference;
            var (mc, kc, nc) = BlockSizes.For(kind, sizeof(float));
            if (prm.MC > 0) mc = prm.MC;
            if (prm.KC > 0) kc = prm.KC;
            if (prm.NC > 0) nc = prm.NC;
            var args = new Args<TA, TB>(m, n, k, pa, (nint)a.RowStride, (nint)a.ColStride, pb, (nint)b.RowStride, (nint)b.ColStride, pc, crs, ccs);
            switch (kind)
            {
                case MicroKernelKind.Avx512: Run<TA, TB, Avx512Kernel<float>>(args, mc, kc, nc, threads); break;
                case MicroKernelKind.Avx512Tall: Run<TA, TB, Avx512TallKernel<float>>(args, mc, kc, nc, threads); break;
                case MicroKernelKind.Avx2: Run<TA, TB, Avx2Kernel<float>>(args, mc, kc, nc, threads); break;
                default: Run<TA, TB, ReferenceKernel<float>>(args, mc, kc, nc, threads); break;
            }
        }
    }

    /// <summary>The operands of one product: dimensions, pointers to element (0, 0) and strides in elements.</summary>
    private readonly struct Args<TA, TB>(int m, int n, int k, TA* a, nint ars, nint acs, TB* b, nint brs, nint bcs,
        float* c, nint crs, nint ccs) where TA : unmanaged where TB : unmanaged
    {
        public readonly int M = m, N = n, K = k;
        public readonly TA* A = a;
        public readonly TB* B = b;
        public readonly float* C = c;
        public readonly nint Ars = ars, Acs = acs, Brs = brs, Bcs = bcs, Crs = crs, Ccs = ccs;
    }

    private static void Run<TA, TB, TK>(Args<TA, TB> args, int mcBlock, int kcBlock, int ncBlock, int threads)
        where TA : unmanaged where TB : unmanaged where TK : struct, IMicroKernel<float>
    {
        int MR = TK.MR, NR = TK.NR;
        var job = new Job<TA, TB, TK>(args)
        {
            MC = RoundUp(Math.Min(mcBlock, RoundUp(args.M, MR)), MR),
            KC = Math.Min(kcBlock, args.K),
            NC = RoundUp(Math.Min(ncBlock, RoundUp(args.N, NR)), NR),
        };
        job.BPack = PackBuffers<float>.B(job.KC * job.NC);
        int mp = (args.M + MR - 1) / MR, np = (args.N + NR - 1) / NR;
        job.SplitRows = mp >= np || np < threads;
        WorkerPool.Run(Math.Max(1, Math.Min(threads, job.SplitRows ? mp : np)), job);
    }

    private static int RoundUp(int x, int r) => (x + r - 1) / r * r;

    private sealed class Job<TA, TB, TK>(Args<TA, TB> g) : IParallelJob
        where TA : unmanaged where TB : unmanaged where TK : struct, IMicroKernel<float>
    {
        public int MC, KC, NC;
        public float* BPack;
        public bool SplitRows = true;

        [MethodImpl(HotCode.Options)]
        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            int MR = TK.MR, NR = TK.NR;
            float* tile = PackBuffers<float>.Tile(MR * NR);
            float* apack = PackBuffers<float>.A(MC * KC);
            // One row or column of an operand block, converted (at most max(KC, MC, NC) floats).
            float* line = stackalloc float[Math.Max(KC, Math.Max(MC, NC))];
            int m = g.M, n = g.N, k = g.K;
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                int np = (nc + NR - 1) / NR;
                int q0 = (int)((long)tid * np / threads), q1 = (int)((long)(tid + 1) * np / threads);
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    float beta = pc == 0 ? 0f : 1f;
                    PackB(kc, nc, g.B + pc * g.Brs + jc * g.Bcs, g.Brs, g.Bcs, NR, BPack, q0, q1, line);
                    barrier.SignalAndWait();
                    int r0 = 0, r1 = m, jq0 = 0, jq1 = np;
                    if (SplitRows)
                    {
                        int mpan = (m + MR - 1) / MR;
                        r0 = Math.Min(m, (int)((long)tid * mpan / threads) * MR);
                        r1 = Math.Min(m, (int)((long)(tid + 1) * mpan / threads) * MR);
                    }
                    else (jq0, jq1) = (q0, q1);
                    for (int ic = r0; ic < r1; ic += MC)
                    {
                        int mc = Math.Min(MC, r1 - ic);
                        bool chunked = PackA(mc, kc, g.A + ic * g.Ars + pc * g.Acs, g.Ars, g.Acs, MR, apack, line);
                        float* cBlock = g.C + ic * g.Crs + jc * g.Ccs;
                        for (int q = jq0; q < jq1; q++)
                        {
                            int j = q * NR, nr = Math.Min(NR, nc - j);
                            float* bq = BPack + (nint)q * NR * kc;
                            for (int i = 0; i < mc; i += MR)
                                TK.Run(kc, apack + (nint)i * kc, bq, cBlock + i * g.Crs + j * g.Ccs, g.Crs, g.Ccs, 1f, beta,
                                    Math.Min(MR, mc - i), nr, tile, chunked);
                        }
                    }
                    barrier.SignalAndWait();
                }
            }
        }

        /// <summary>
        /// Packs the mc x kc block of A as float32 MR-row micro-panels. Row-major A (cs = 1) uses the microkernel's
        /// chunked layout (runs of 16 floats per row, see <see cref="Pack"/>): each row is converted with one call and
        /// copied in 64-byte pieces. Returns whether the chunked layout was used.
        /// </summary>
        private static bool PackA(int mc, int kc, TA* a, nint rs, nint cs, int MR, float* dst, float* line)
        {
            const int cw = 16;
            if (cs == 1 && rs != 1)
            {
                int whole = kc / cw * cw;
                for (int i0 = 0; i0 < mc; i0 += MR)
                {
                    int mr = Math.Min(MR, mc - i0);
                    float* panel = dst + (nint)i0 * kc;
                    for (int i = 0; i < MR; i++)
                    {
                        if (i < mr) HalfConvert.ToSingle(new ReadOnlySpan<TA>(a + (i0 + i) * rs, kc), new Span<float>(line, kc));
                        else new Span<float>(line, kc).Clear();
                        for (int p = 0; p < whole; p += cw)
                            Unsafe.CopyBlockUnaligned(panel + p * MR + i * cw, line + p, cw * sizeof(float));
                        for (int p = whole; p < kc; p++) panel[p * MR + i] = line[p];
                    }
                }
                return true;
            }
            if (rs == 1)
            {
                // A^T of a row-major matrix: column p of the block is contiguous.
                for (int p = 0; p < kc; p++)
                {
                    HalfConvert.ToSingle(new ReadOnlySpan<TA>(a + p * cs, mc), new Span<float>(line, mc));
                    for (int i0 = 0; i0 < mc; i0 += MR)
                    {
                        int mr = Math.Min(MR, mc - i0);
                        float* d = dst + (nint)i0 * kc + p * MR;
                        for (int i = 0; i < mr; i++) d[i] = line[i0 + i];
                        for (int i = mr; i < MR; i++) d[i] = 0f;
                    }
                }
                return false;
            }
            for (int i0 = 0; i0 < mc; i0 += MR)
            {
                int mr = Math.Min(MR, mc - i0);
                float* panel = dst + (nint)i0 * kc;
                for (int p = 0; p < kc; p++)
                    for (int i = 0; i < MR; i++)
                        panel[p * MR + i] = i < mr ? HalfConvert.ToSingle(a[(i0 + i) * rs + p * cs]) : 0f;
            }
            return false;
        }

        /// <summary>Packs micro-panels [q0, q1) of the kc x nc panel of B as float32 (element (p, j) of panel q at q*NR*kc + p*NR + j).</summary>
        private static void PackB(int kc, int nc, TB* b, nint rs, nint cs, int NR, float* dst, int q0, int q1, float* line)
        {
            if (q0 >= q1) return;
            int j0 = q0 * NR, j1 = Math.Min(nc, q1 * NR), width = j1 - j0;
            if (cs == 1)
            {
                // Row-major B: row p of the threads' share is contiguous.
                for (int p = 0; p < kc; p++)
                {
                    HalfConvert.ToSingle(new ReadOnlySpan<TB>(b + p * rs + j0, width), new Span<float>(line, width));
                    for (int q = q0; q < q1; q++)
                    {
                        int j = q * NR, nr = Math.Min(NR, nc - j);
                        float* d = dst + (nint)q * NR * kc + p * NR;
                        Unsafe.CopyBlockUnaligned(d, line + (j - j0), (uint)(nr * sizeof(float)));
                        for (int jj = nr; jj < NR; jj++) d[jj] = 0f;
                    }
                }
                return;
            }
            for (int q = q0; q < q1; q++)
            {
                int jq = q * NR, nr = Math.Min(NR, nc - jq);
                float* d = dst + (nint)q * NR * kc;
                for (int jj = 0; jj < NR; jj++)
                {
                    if (jj >= nr)
                    {
                        for (int p = 0; p < kc; p++) d[p * NR + jj] = 0f;
                    }
                    else if (rs == 1)
                    {
                        // B^T of a row-major matrix (x @ W.T): column j is contiguous.
                        HalfConvert.ToSingle(new ReadOnlySpan<TB>(b + (jq + jj) * cs, kc), new Span<float>(line, kc));
                        for (int p = 0; p < kc; p++) d[p * NR + jj] = line[p];
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++) d[p * NR + jj] = HalfConvert.ToSingle(b[p * rs + (jq + jj) * cs]);
                    }
                }
            }
        }
    }
}
