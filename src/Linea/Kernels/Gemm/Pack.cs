using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Packing into the microkernel's layout, from any row/column strides (so op(A) = A^T is just swapped strides).
/// A block (mc x kc) becomes MR-row micro-panels, each stored column by column (element (i, p) at p*MR + i);
/// a B panel (kc x nc) becomes NR-column micro-panels stored row by row (element (p, j) at p*NR + j).
/// Rows / columns past the matrix edge are zero, so the microkernel always runs a full MR x NR x kc tile.
/// </summary>
internal static unsafe class Pack
{
    /// <summary>
    /// Packs the mc x kc block at <paramref name="a"/> into <paramref name="dst"/> (ceil(mc/MR)*MR*kc elements) and
    /// returns whether it used the chunked layout. Row-major A (cs = 1) is packed in 64-byte row chunks: for each
    /// run of CW = 64 / sizeof(T) columns, the MR rows' CW contiguous elements one after another, so packing is
    /// whole cache-line copies instead of a scalar transpose; the last kc % CW columns, and every other layout,
    /// use the standard column-by-column micro-panel (element (i, p) at p*MR + i).
    /// </summary>
    public static bool A<T>(int mc, int kc, T* a, nint rs, nint cs, int MR, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (cs == 1 && rs != 1)
        {
            for (int i0 = 0; i0 < mc; i0 += MR) ChunkedPanel(Math.Min(MR, mc - i0), kc, a + i0 * rs, rs, MR, dst + (nint)i0 * kc);
            return true;
        }
        for (int i0 = 0; i0 < mc; i0 += MR)
        {
            int mr = Math.Min(MR, mc - i0);
            T* src = a + i0 * rs;
            if (rs == 1 && mr == MR)
            {
                // Columns of the micro-panel are contiguous in memory (A^T of a row-major matrix).
                nint bytes = MR * sizeof(T);
                for (int p = 0; p < kc; p++)
                    Unsafe.CopyBlockUnaligned(dst + p * MR, src + p * cs, (uint)bytes);
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
    public static void B<T>(int kc, int nc, T* b, nint rs, nint cs, int NR, T* dst, int q0, int q1) where T : unmanaged, IFloatingPointIeee754<T>
    {
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

    private static void ZeroCols<T>(T* dst, int kc, int nr, int NR) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (nr == NR) return;
        for (int p = 0; p < kc; p++)
            for (int j = nr; j < NR; j++) dst[p * NR + j] = T.Zero;
    }
}
