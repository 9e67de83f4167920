using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linea.Kernels.Gemm.Microkernels;

/// <summary>
/// AVX-512 microkernel, 12 rows x 2 vectors (12 x 16 doubles, 12 x 32 floats): 24 zmm accumulators, 2 zmm of B
/// and one broadcast of A per step. Narrower than <see cref="Avx512Kernel{T}"/>, so the kc x NR micro-panel
/// of B takes two thirds of the L1 space and edge panels waste less when n is not a multiple of 3 vectors.
/// </summary>
internal unsafe partial struct Avx512TallKernel<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 12;
    public static int NR => 2 * Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma(Vector512<T> x, Vector512<T> y, Vector512<T> z)
    {
        if (typeof(T) == typeof(double)) return Avx512F.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return Avx512F.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
    }

    /// <summary>C row = alpha * (x0, x1) (beta = 0: C is not read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(Vector512<T> x0, Vector512<T> x1, Vector512<T> va, T* row, int V)
    {
        Vector512.Store(va * x0, row);
        Vector512.Store(va * x1, row + V);
    }

    /// <summary>C row = alpha * (x0, x1) + beta * C row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateRow(Vector512<T> x0, Vector512<T> x1, Vector512<T> va, Vector512<T> vb, T* row, int V)
    {
        Vector512.Store(Fma(vb, Vector512.Load(row), va * x0), row);
        Vector512.Store(Fma(vb, Vector512.Load(row + V), va * x1), row + V);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(int kc, T* a, T* b, T* c, nint rs, nint cs, T alpha, T beta, int mr, int nr, T* tile, bool chunkedA)
        => RunFetching(kc, a, b, c, rs, cs, alpha, beta, mr, nr, tile, chunkedA, null, 0, 0, 0);

    public static int FetchCapacity(int kc, bool chunkedA) => RowFetch.Capacity(kc, chunkedA, sizeof(T));

    [MethodImpl(HotCode.Options)]
    public static void RunFetching(int kc, T* a, T* b, T* c, nint rs, nint cs, T alpha, T beta, int mr, int nr, T* tile, bool chunkedA,
        byte* fetch, nint fetchStride, int fetchRows, int fetchBytes)
    {
        int V = Vector512<T>.Count;
        if (nr <= V)
        {
            // A right-edge tile one vector wide (n = 100 leaves 4 columns): half the multiply-adds of the full tile.
            RunHalf(kc, a, b, c, rs, cs, alpha, beta, mr, nr, tile, chunkedA);
            return;
        }
        Vector512<T> c00 = default, c01 = default;
        Vector512<T> c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default;
        Vector512<T> c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default;
        Vector512<T> c70 = default, c71 = default;
        Vector512<T> c80 = default, c81 = default;
        Vector512<T> c90 = default, c91 = default;
        Vector512<T> c100 = default, c101 = default;
        Vector512<T> c110 = default, c111 = default;
        // Touch the C tile now so its lines arrive while the k loop runs (each row spans NR*sizeof(T) bytes); also when
        // beta = 0, where the stores would each wait for their line: short-wide C (rows 1.6 MB apart) ran 5-10 % faster.
        if (cs == 1)
        {
            int rowBytes = 2 * V * sizeof(T);
            for (int i = 0; i < 12; i++)
            {
                byte* row = (byte*)(c + i * rs);
                for (int o = 0; o < rowBytes; o += 64) Sse.Prefetch0(row + o);
                Sse.Prefetch0(row + rowBytes - 1);
            }
        }
        int p = 0;
        if (chunkedA)
        {
            // A in 64-byte row chunks: element (i, p) of a chunk at i*CW + p%CW, CW = 64 / sizeof(T).
            int CW = 64 / sizeof(T);
            for (; p + CW <= kc; p += CW)
            {
                for (int r = 0; r < CW / RowFetch.StepsPerRow && fetchRows > 0; r++, fetchRows--, fetch += fetchStride)
                    RowFetch.Row(fetch, fetchBytes);
                for (int pp = 0; pp < CW; pp++)
                {
                    var b0 = Vector512.Load(b + 0 * V);
                    var b1 = Vector512.Load(b + 1 * V);
                    { var ai = Vector512.Create(a[0 * CW]); c00 = Fma(ai, b0, c00); c01 = Fma(ai, b1, c01); }
                    { var ai = Vector512.Create(a[1 * CW]); c10 = Fma(ai, b0, c10); c11 = Fma(ai, b1, c11); }
                    { var ai = Vector512.Create(a[2 * CW]); c20 = Fma(ai, b0, c20); c21 = Fma(ai, b1, c21); }
                    { var ai = Vector512.Create(a[3 * CW]); c30 = Fma(ai, b0, c30); c31 = Fma(ai, b1, c31); }
                    { var ai = Vector512.Create(a[4 * CW]); c40 = Fma(ai, b0, c40); c41 = Fma(ai, b1, c41); }
                    { var ai = Vector512.Create(a[5 * CW]); c50 = Fma(ai, b0, c50); c51 = Fma(ai, b1, c51); }
                    { var ai = Vector512.Create(a[6 * CW]); c60 = Fma(ai, b0, c60); c61 = Fma(ai, b1, c61); }
                    { var ai = Vector512.Create(a[7 * CW]); c70 = Fma(ai, b0, c70); c71 = Fma(ai, b1, c71); }
                    { var ai = Vector512.Create(a[8 * CW]); c80 = Fma(ai, b0, c80); c81 = Fma(ai, b1, c81); }
                    { var ai = Vector512.Create(a[9 * CW]); c90 = Fma(ai, b0, c90); c91 = Fma(ai, b1, c91); }
                    { var ai = Vector512.Create(a[10 * CW]); c100 = Fma(ai, b0, c100); c101 = Fma(ai, b1, c101); }
                    { var ai = Vector512.Create(a[11 * CW]); c110 = Fma(ai, b0, c110); c111 = Fma(ai, b1, c111); }
                    a++; b += 2 * V;
                }
                a += (12 - 1) * CW;
            }
        }
        // Standard layout (element (i, p) at p*MR + i), and the tail of a chunked panel.
        for (; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0 * V);
            var b1 = Vector512.Load(b + 1 * V);
            { var ai = Vector512.Create(a[0]); c00 = Fma(ai, b0, c00); c01 = Fma(ai, b1, c01); }
            { var ai = Vector512.Create(a[1]); c10 = Fma(ai, b0, c10); c11 = Fma(ai, b1, c11); }
            { var ai = Vector512.Create(a[2]); c20 = Fma(ai, b0, c20); c21 = Fma(ai, b1, c21); }
            { var ai = Vector512.Create(a[3]); c30 = Fma(ai, b0, c30); c31 = Fma(ai, b1, c31); }
            { var ai = Vector512.Create(a[4]); c40 = Fma(ai, b0, c40); c41 = Fma(ai, b1, c41); }
            { var ai = Vector512.Create(a[5]); c50 = Fma(ai, b0, c50); c51 = Fma(ai, b1, c51); }
            { var ai = Vector512.Create(a[6]); c60 = Fma(ai, b0, c60); c61 = Fma(ai, b1, c61); }
            { var ai = Vector512.Create(a[7]); c70 = Fma(ai, b0, c70); c71 = Fma(ai, b1, c71); }
            { var ai = Vector512.Create(a[8]); c80 = Fma(ai, b0, c80); c81 = Fma(ai, b1, c81); }
            { var ai = Vector512.Create(a[9]); c90 = Fma(ai, b0, c90); c91 = Fma(ai, b1, c91); }
            { var ai = Vector512.Create(a[10]); c100 = Fma(ai, b0, c100); c101 = Fma(ai, b1, c101); }
            { var ai = Vector512.Create(a[11]); c110 = Fma(ai, b0, c110); c111 = Fma(ai, b1, c111); }
            a += 12; b += 2 * V;
        }
        var va = Vector512.Create(alpha);
        if (nr == 2 * V && cs == 1)
        {
            // Whole rows of vectors straight from the registers; a bottom-edge tile (mr < 12: m = 100, 256, 1024 leave
            // 4 rows) stores its first mr rows the same way instead of going through the tile and a scalar merge.
            if (beta == T.Zero)
            {
                StoreRow(c00, c01, va, c + 0 * rs, V);
                if (mr > 1) StoreRow(c10, c11, va, c + 1 * rs, V);
                if (mr > 2) StoreRow(c20, c21, va, c + 2 * rs, V);
                if (mr > 3) StoreRow(c30, c31, va, c + 3 * rs, V);
                if (mr > 4) StoreRow(c40, c41, va, c + 4 * rs, V);
                if (mr > 5) StoreRow(c50, c51, va, c + 5 * rs, V);
                if (mr > 6) StoreRow(c60, c61, va, c + 6 * rs, V);
                if (mr > 7) StoreRow(c70, c71, va, c + 7 * rs, V);
                if (mr > 8) StoreRow(c80, c81, va, c + 8 * rs, V);
                if (mr > 9) StoreRow(c90, c91, va, c + 9 * rs, V);
                if (mr > 10) StoreRow(c100, c101, va, c + 10 * rs, V);
                if (mr > 11) StoreRow(c110, c111, va, c + 11 * rs, V);
            }
            else
            {
                var vb = Vector512.Create(beta);
                UpdateRow(c00, c01, va, vb, c + 0 * rs, V);
                if (mr > 1) UpdateRow(c10, c11, va, vb, c + 1 * rs, V);
                if (mr > 2) UpdateRow(c20, c21, va, vb, c + 2 * rs, V);
                if (mr > 3) UpdateRow(c30, c31, va, vb, c + 3 * rs, V);
                if (mr > 4) UpdateRow(c40, c41, va, vb, c + 4 * rs, V);
                if (mr > 5) UpdateRow(c50, c51, va, vb, c + 5 * rs, V);
                if (mr > 6) UpdateRow(c60, c61, va, vb, c + 6 * rs, V);
                if (mr > 7) UpdateRow(c70, c71, va, vb, c + 7 * rs, V);
                if (mr > 8) UpdateRow(c80, c81, va, vb, c + 8 * rs, V);
                if (mr > 9) UpdateRow(c90, c91, va, vb, c + 9 * rs, V);
                if (mr > 10) UpdateRow(c100, c101, va, vb, c + 10 * rs, V);
                if (mr > 11) UpdateRow(c110, c111, va, vb, c + 11 * rs, V);
            }
            return;
        }
        int ld = 2 * V;
        Vector512.Store(c00, tile + 0 * ld + 0 * V); Vector512.Store(c01, tile + 0 * ld + 1 * V);
        Vector512.Store(c10, tile + 1 * ld + 0 * V); Vector512.Store(c11, tile + 1 * ld + 1 * V);
        Vector512.Store(c20, tile + 2 * ld + 0 * V); Vector512.Store(c21, tile + 2 * ld + 1 * V);
        Vector512.Store(c30, tile + 3 * ld + 0 * V); Vector512.Store(c31, tile + 3 * ld + 1 * V);
        Vector512.Store(c40, tile + 4 * ld + 0 * V); Vector512.Store(c41, tile + 4 * ld + 1 * V);
        Vector512.Store(c50, tile + 5 * ld + 0 * V); Vector512.Store(c51, tile + 5 * ld + 1 * V);
        Vector512.Store(c60, tile + 6 * ld + 0 * V); Vector512.Store(c61, tile + 6 * ld + 1 * V);
        Vector512.Store(c70, tile + 7 * ld + 0 * V); Vector512.Store(c71, tile + 7 * ld + 1 * V);
        Vector512.Store(c80, tile + 8 * ld + 0 * V); Vector512.Store(c81, tile + 8 * ld + 1 * V);
        Vector512.Store(c90, tile + 9 * ld + 0 * V); Vector512.Store(c91, tile + 9 * ld + 1 * V);
        Vector512.Store(c100, tile + 10 * ld + 0 * V); Vector512.Store(c101, tile + 10 * ld + 1 * V);
        Vector512.Store(c110, tile + 11 * ld + 0 * V); Vector512.Store(c111, tile + 11 * ld + 1 * V);
        TileStore.Merge(tile, ld, c, rs, cs, mr, nr, alpha, beta);
    }
}
