using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Packing into the microkernel's layout, from any row/column strides (so op(A) = A^T is just swapped strides).
/// A block (mc x kc) becomes MR-row micro-panels, each stored column by column (element (i, p) at p*MR + i);
/// a B panel (kc x nc) becomes NR-column micro-panels stored row by row (element (p, j) at p*NR + j).
/// Rows / columns past the matrix edge are zero, so the microkernel always runs a full MR x NR x kc tile.
/// </summary>
internal static unsafe partial class Pack
{
    /// <summary>
    /// Packs the mc x kc block at <paramref name="a"/> into <paramref name="dst"/> (ceil(mc/MR)*MR*kc elements) and
    /// returns whether it used the chunked layout. Row-major A (cs = 1) is packed in 64-byte row chunks: for each
    /// run of CW = 64 / sizeof(T) columns, the MR rows' CW contiguous elements one after another, so packing is
    /// whole cache-line copies instead of a scalar transpose; the last kc % CW columns, and every other layout,
    /// use the standard column-by-column micro-panel (element (i, p) at p*MR + i).
    /// </summary>
    [MethodImpl(HotCode.Options)]
    public static bool A<T>(int mc, int kc, T* a, nint rs, nint cs, int MR, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (cs == 1 && rs != 1)
        {
            for (int i0 = 0; i0 < mc; i0 += MR) ChunkedPanel(Math.Min(MR, mc - i0), kc, a + i0 * rs, rs, MR, dst + (nint)i0 * kc);
            return true;
        }
        if (cs == 2 && Math.Abs(rs) > 2 && Stride2Supported<T>())
        {
            for (int i0 = 0; i0 < mc; i0 += MR) ChunkedPanelStride2(Math.Min(MR, mc - i0), kc, a + i0 * rs, rs, MR, dst + (nint)i0 * kc);
            return true;
        }
        for (int i0 = 0; i0 < mc; i0 += MR)
        {
            int mr = Math.Min(MR, mc - i0);
            T* src = a + i0 * rs;
            if (rs == 1 && mr == MR)
            {
                // Columns of the micro-panel are contiguous in memory (A^T of a row-major matrix).
                int bytes = MR * sizeof(T);
                for (int p = 0; p < kc; p++)
                    CopyShort((byte*)(dst + p * MR), (byte*)(src + p * cs), bytes);
            }
            else if (Math.Abs(cs) < Math.Abs(rs))
            {
                // General strides, rows the shorter way (a slice like A[::2, ::2]): walk each row along its small
                // stride, so every cache line of A is read once, and scatter into the L1-resident panel.
                for (int i = 0; i < mr; i++)
                {
                    T* s = src + i * rs;
                    T* d = dst + i;
                    for (int p = 0; p < kc; p++) d[p * MR] = s[p * cs];
                }
                ZeroRows(dst, kc, mr, MR);
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    T* d = dst + p * MR;
                    T* s = src + p * cs;
                    for (int i = 0; i < mr; i++) d[i] = s[i * rs];
                }
                ZeroRows(dst, kc, mr, MR);
            }
            dst += MR * kc;
        }
        return false;
    }

    /// <summary>
    /// Copies a short run (one packed column of an A micro-panel: 48 bytes for 12 floats, 96 for 12 doubles) with vector
    /// moves; a block copy with a run-time length costs a call per column, which made A^T packing the slow part of A.T @ B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyShort(byte* d, byte* s, int bytes)
    {
        int o = 0;
        for (; o + 64 <= bytes; o += 64) Vector512.Store(Vector512.Load(s + o), d + o);
        if (o + 32 <= bytes) { Vector256.Store(Vector256.Load(s + o), d + o); o += 32; }
        if (o + 16 <= bytes) { Vector128.Store(Vector128.Load(s + o), d + o); o += 16; }
        for (; o < bytes; o++) d[o] = s[o];
    }

    [MethodImpl(HotCode.Options)]
    private static void ChunkedPanel<T>(int mr, int kc, T* src, nint rs, int MR, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cw = 64 / sizeof(T);
        int p = 0;
        for (; p + cw <= kc; p += cw)
        {
            for (int i = 0; i < mr; i++)
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref *(src + i * rs + p)), ref *(dst + i * cw));
            for (int i = mr; i < MR; i++) Vector512<T>.Zero.StoreUnsafe(ref *(dst + i * cw));
            dst += MR * cw;
        }
        for (; p < kc; p++)
        {
            for (int i = 0; i < mr; i++) dst[i] = src[i * rs + p];
            for (int i = mr; i < MR; i++) dst[i] = T.Zero;
            dst += MR;
        }
    }

    private static void ZeroRows<T>(T* dst, int kc, int mr, int MR) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (mr == MR) return;
        for (int p = 0; p < kc; p++)
            for (int i = mr; i < MR; i++) dst[p * MR + i] = T.Zero;
    }

    /// <summary>
    /// Packs micro-panels [q0, q1) of the kc x nc panel at <paramref name="b"/> into <paramref name="dst"/>
    /// (micro-panel q at dst + q*NR*kc), so threads can pack disjoint parts of one shared panel.
    /// </summary>
    [MethodImpl(HotCode.Options)]
    public static void B<T>(int kc, int nc, T* b, nint rs, nint cs, int NR, T* dst, int q0, int q1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (cs == 1 && q1 - q0 > 1)
        {
            // Row-major B: walk each row of the panel once across all the full micro-panels of [q0, q1), so the source
            // is read as kc sequential runs the hardware prefetcher follows, not as kc x (q1 - q0) runs of NR elements
            // (for short-wide products, B rows are megabytes apart and each run would wait on its own memory access).
            int full = Math.Min(q1, q0 + Math.Max(0, (nc - q0 * NR) / NR));
            if (full - q0 > 1)
            {
                uint bytes = (uint)(NR * sizeof(T));
                nint panel = (nint)NR * kc;
                for (int p = 0; p < kc; p++)
                {
                    T* s = b + p * rs + q0 * NR;
                    T* d = dst + q0 * panel + p * NR;
                    for (int q = q0; q < full; q++, s += NR, d += panel) Unsafe.CopyBlockUnaligned(d, s, bytes);
                }
                q0 = full;
            }
        }
        if (cs == 2 && Math.Abs(rs) > 2 && q1 > q0 && Stride2Supported<T>() && NR % (64 / sizeof(T)) == 0)
            q0 = PanelsStride2(kc, nc, b, rs, NR, dst, q0, q1);
        for (int q = q0; q < q1; q++)
        {
            int j0 = q * NR;
            int nr = Math.Min(NR, nc - j0);
            T* src = b + j0 * cs;
            T* d = dst + (nint)q * NR * kc;
            if (cs == 1 && nr == NR)
            {
                uint bytes = (uint)(NR * sizeof(T));
                for (int p = 0; p < kc; p++)
                    Unsafe.CopyBlockUnaligned(d + p * NR, src + p * rs, bytes);
            }
            else if (rs == 1 && nr == NR && TransposeColumns(kc, src, cs, NR, d))
            {
            }
            else if (rs == 1)
            {
                // B^T of a row-major matrix: each column of the micro-panel is contiguous.
                for (int j = 0; j < nr; j++)
                {
                    T* col = src + j * cs;
                    for (int p = 0; p < kc; p++) d[p * NR + j] = col[p];
                }
                ZeroCols(d, kc, nr, NR);
            }
            else if (Math.Abs(rs) < Math.Abs(cs))
            {
                // General strides, columns the shorter way (B[::2, ::2].T and the like): walk each column along
                // its small stride and scatter into the panel.
                for (int j = 0; j < nr; j++)
                {
                    T* col = src + j * cs;
                    for (int p = 0; p < kc; p++) d[p * NR + j] = col[p * rs];
                }
                ZeroCols(d, kc, nr, NR);
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    T* s = src + p * rs;
                    T* dp = d + p * NR;
                    for (int j = 0; j < nr; j++) dp[j] = s[j * cs];
                }
                ZeroCols(d, kc, nr, NR);
            }
        }
    }

    /// <summary>
    /// Packs a full micro-panel whose columns are contiguous (B = K^T of a row-major K, as in Q @ K.T) by
    /// in-register transposes: 8 x 8 floats or 4 x 4 doubles per step (unpack, shuffle, 128-bit permute), instead
    /// of one scalar store per element. Returns false where AVX is missing or NR does not fit the blocks.
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static bool TransposeColumns<T>(int kc, T* src, nint cs, int NR, T* d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Avx.IsSupported) return false;
        if (typeof(T) == typeof(float) && NR % 8 == 0)
        {
            float* s = (float*)src, o = (float*)d;
            int p = 0;
            for (; p + 8 <= kc; p += 8)
                for (int j = 0; j < NR; j += 8)
                {
                    float* r = s + j * cs + p;
                    Transpose8(Avx.LoadVector256(r), Avx.LoadVector256(r + cs), Avx.LoadVector256(r + 2 * cs), Avx.LoadVector256(r + 3 * cs),
                        Avx.LoadVector256(r + 4 * cs), Avx.LoadVector256(r + 5 * cs), Avx.LoadVector256(r + 6 * cs), Avx.LoadVector256(r + 7 * cs),
                        o + p * NR + j, NR);
                }
            for (; p < kc; p++)
                for (int j = 0; j < NR; j++) o[p * NR + j] = s[j * cs + p];
            return true;
        }
        if (typeof(T) == typeof(double) && NR % 4 == 0)
        {
            double* s = (double*)src, o = (double*)d;
            int p = 0;
            for (; p + 4 <= kc; p += 4)
                for (int j = 0; j < NR; j += 4)
                {
                    double* r = s + j * cs + p;
                    var r0 = Avx.LoadVector256(r); var r1 = Avx.LoadVector256(r + cs);
                    var r2 = Avx.LoadVector256(r + 2 * cs); var r3 = Avx.LoadVector256(r + 3 * cs);
                    var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
                    var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
                    double* w = o + p * NR + j;
                    Avx.Store(w, Avx.Permute2x128(t0, t2, 0x20));
                    Avx.Store(w + NR, Avx.Permute2x128(t1, t3, 0x20));
                    Avx.Store(w + 2 * NR, Avx.Permute2x128(t0, t2, 0x31));
                    Avx.Store(w + 3 * NR, Avx.Permute2x128(t1, t3, 0x31));
                }
            for (; p < kc; p++)
                for (int j = 0; j < NR; j++) o[p * NR + j] = s[j * cs + p];
            return true;
        }
        return false;
    }

    /// <summary>Writes the transpose of the 8 x 8 block with rows r0..r7 to w, w + ld, ..., w + 7*ld.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, float* w, int ld)
    {
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(w, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(w + ld, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(w + 2 * ld, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(w + 3 * ld, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(w + 4 * ld, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(w + 5 * ld, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(w + 6 * ld, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(w + 7 * ld, Avx.Permute2x128(u3, u7, 0x31));
    }

    private static void ZeroCols<T>(T* dst, int kc, int nr, int NR) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (nr == NR) return;
        for (int p = 0; p < kc; p++)
            for (int j = nr; j < NR; j++) dst[p * NR + j] = T.Zero;
    }
}
