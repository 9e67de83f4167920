using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Packing of views whose fast index has stride 2 (the slices <c>A[:, ::2]</c>, <c>A[::2, ::2]</c>): one 64-byte vector of
/// packed elements from two loads and one two-source permute that keeps the even elements, instead of a scalar load and
/// store per element (which cost float32 slices 10-17 % of the n = 1024 product). The loads cover only elements the
/// view owns: the second starts one element before the odd half it needs, so nothing past the view's last element is read.
/// </summary>
internal static unsafe partial class Pack
{
    /// <summary>Whether the stride-2 paths run: AVX-512F and float or double (one 64-byte vector per 64-byte chunk).</summary>
    private static bool Stride2Supported<T>() => Avx512F.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>Elements s[0], s[2], ..., s[2(CW - 1)] as one vector (CW = 64 / sizeof(T)); reads s[0 .. 2(CW - 1)] only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Evens<T>(T* s) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var idx = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 17, 19, 21, 23, 25, 27, 29, 31);
            return Avx512F.PermuteVar16x32x2(Avx512F.LoadVector512((float*)s), idx, Avx512F.LoadVector512((float*)s + 15)).As<float, T>();
        }
        var idx64 = Vector512.Create(0L, 2, 4, 6, 9, 11, 13, 15);
        return Avx512F.PermuteVar8x64x2(Avx512F.LoadVector512((double*)s), idx64, Avx512F.LoadVector512((double*)s + 7)).As<double, T>();
    }

    /// <summary>
    /// One MR-row micro-panel of A with column stride 2 (element (i, p) at src[i*rs + 2p]) into the chunked layout of
    /// <see cref="A{T}"/>: per run of CW columns, MR rows of CW elements (rows mr..MR zero), then the kc % CW tail column by column.
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static void ChunkedPanelStride2<T>(int mr, int kc, T* src, nint rs, int MR, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cw = 64 / sizeof(T);
        int p = 0;
        for (; p + cw <= kc; p += cw)
        {
            for (int i = 0; i < mr; i++) Vector512.Store(Evens(src + i * rs + 2 * p), dst + i * cw);
            for (int i = mr; i < MR; i++) Vector512.Store(Vector512<T>.Zero, dst + i * cw);
            dst += MR * cw;
        }
        for (; p < kc; p++)
        {
            for (int i = 0; i < mr; i++) dst[i] = src[i * rs + 2 * p];
            for (int i = mr; i < MR; i++) dst[i] = T.Zero;
            dst += MR;
        }
    }

    /// <summary>
    /// The full micro-panels among [q0, q1) of a B panel with column stride 2 (element (p, j) at b[p*rs + 2j]), walking each
    /// row across them (so the source is read in order); returns the first micro-panel left for the general path (the
    /// partial one at the right edge, if any).
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static int PanelsStride2<T>(int kc, int nc, T* b, nint rs, int NR, T* dst, int q0, int q1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int full = Math.Min(q1, nc / NR);
        if (full <= q0) return q0;
        int cw = 64 / sizeof(T);
        nint panel = (nint)NR * kc;
        for (int p = 0; p < kc; p++)
        {
            T* s = b + p * rs + 2 * q0 * NR;
            T* d = dst + q0 * panel + p * NR;
            for (int q = q0; q < full; q++, s += 2 * NR, d += panel)
                for (int v = 0; v < NR; v += cw) Vector512.Store(Evens(s + 2 * v), d + v);
        }
        return full;
    }
}
