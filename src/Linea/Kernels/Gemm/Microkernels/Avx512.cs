using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linea.Kernels.Gemm.Microkernels;

/// <summary>
/// AVX-512 microkernel, 8 rows x 3 vectors (8 x 24 doubles, 8 x 48 floats): 24 zmm accumulators, 3 zmm of B
/// and one broadcast of A per step, 24 FMAs per 3 loads + 8 broadcasts, which keeps Zen 5's two 512-bit FMA
/// pipes (4-cycle latency, so at least 8 chains in flight) busy. C rows are stored as whole vectors.
/// </summary>
internal unsafe struct Avx512Kernel<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 8;
    public static int NR => 3 * Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma(Vector512<T> x, Vector512<T> y, Vector512<T> z)
    {
        if (typeof(T) == typeof(double)) return Avx512F.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return Avx512F.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
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
        Vector512<T> c00 = default, c01 = default, c02 = default;
        Vector512<T> c10 = default, c11 = default, c12 = default;
        Vector512<T> c20 = default, c21 = default, c22 = default;
        Vector512<T> c30 = default, c31 = default, c32 = default;
        Vector512<T> c40 = default, c41 = default, c42 = default;
        Vector512<T> c50 = default, c51 = default, c52 = default;
        Vector512<T> c60 = default, c61 = default, c62 = default;
        Vector512<T> c70 = default, c71 = default, c72 = default;
        // Touch the C tile now so its lines arrive while the k loop runs (each row spans NR*sizeof(T) bytes); also when
        // beta = 0, where the stores would each wait for their line: short-wide C (rows 1.6 MB apart) ran 5-10 % faster.
        if (cs == 1)
        {
            int rowBytes = 3 * V * sizeof(T);
            for (int i = 0; i < 8; i++)
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
                    var b2 = Vector512.Load(b + 2 * V);
                    { var ai = Vector512.Create(a[0 * CW]); c00 = Fma(ai, b0, c00); c01 = Fma(ai, b1, c01); c02 = Fma(ai, b2, c02); }
                    { var ai = Vector512.Create(a[1 * CW]); c10 = Fma(ai, b0, c10); c11 = Fma(ai, b1, c11); c12 = Fma(ai, b2, c12); }
                    { var ai = Vector512.Create(a[2 * CW]); c20 = Fma(ai, b0, c20); c21 = Fma(ai, b1, c21); c22 = Fma(ai, b2, c22); }
                    { var ai = Vector512.Create(a[3 * CW]); c30 = Fma(ai, b0, c30); c31 = Fma(ai, b1, c31); c32 = Fma(ai, b2, c32); }
                    { var ai = Vector512.Create(a[4 * CW]); c40 = Fma(ai, b0, c40); c41 = Fma(ai, b1, c41); c42 = Fma(ai, b2, c42); }
                    { var ai = Vector512.Create(a[5 * CW]); c50 = Fma(ai, b0, c50); c51 = Fma(ai, b1, c51); c52 = Fma(ai, b2, c52); }
                    { var ai = Vector512.Create(a[6 * CW]); c60 = Fma(ai, b0, c60); c61 = Fma(ai, b1, c61); c62 = Fma(ai, b2, c62); }
                    { var ai = Vector512.Create(a[7 * CW]); c70 = Fma(ai, b0, c70); c71 = Fma(ai, b1, c71); c72 = Fma(ai, b2, c72); }
                    a++; b += 3 * V;
                }
                a += (8 - 1) * CW;
            }
        }
        // Standard layout (element (i, p) at p*MR + i), and the tail of a chunked panel.
        for (; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0 * V);
            var b1 = Vector512.Load(b + 1 * V);
            var b2 = Vector512.Load(b + 2 * V);
            { var ai = Vector512.Create(a[0]); c00 = Fma(ai, b0, c00); c01 = Fma(ai, b1, c01); c02 = Fma(ai, b2, c02); }
            { var ai = Vector512.Create(a[1]); c10 = Fma(ai, b0, c10); c11 = Fma(ai, b1, c11); c12 = Fma(ai, b2, c12); }
            { var ai = Vector512.Create(a[2]); c20 = Fma(ai, b0, c20); c21 = Fma(ai, b1, c21); c22 = Fma(ai, b2, c22); }
            { var ai = Vector512.Create(a[3]); c30 = Fma(ai, b0, c30); c31 = Fma(ai, b1, c31); c32 = Fma(ai, b2, c32); }
            { var ai = Vector512.Create(a[4]); c40 = Fma(ai, b0, c40); c41 = Fma(ai, b1, c41); c42 = Fma(ai, b2, c42); }
            { var ai = Vector512.Create(a[5]); c50 = Fma(ai, b0, c50); c51 = Fma(ai, b1, c51); c52 = Fma(ai, b2, c52); }
            { var ai = Vector512.Create(a[6]); c60 = Fma(ai, b0, c60); c61 = Fma(ai, b1, c61); c62 = Fma(ai, b2, c62); }
            { var ai = Vector512.Create(a[7]); c70 = Fma(ai, b0, c70); c71 = Fma(ai, b1, c71); c72 = Fma(ai, b2, c72); }
            a += 8; b += 3 * V;
        }
        var va = Vector512.Create(alpha);
        if (mr == 8 && nr == 3 * V && cs == 1)
        {
            if (beta == T.Zero)
            {
                Vector512.Store(va * c00, c + 0 * rs + 0 * V); Vector512.Store(va * c01, c + 0 * rs + 1 * V); Vector512.Store(va * c02, c + 0 * rs + 2 * V);
                Vector512.Store(va * c10, c + 1 * rs + 0 * V); Vector512.Store(va * c11, c + 1 * rs + 1 * V); Vector512.Store(va * c12, c + 1 * rs + 2 * V);
                Vector512.Store(va * c20, c + 2 * rs + 0 * V); Vector512.Store(va * c21, c + 2 * rs + 1 * V); Vector512.Store(va * c22, c + 2 * rs + 2 * V);
                Vector512.Store(va * c30, c + 3 * rs + 0 * V); Vector512.Store(va * c31, c + 3 * rs + 1 * V); Vector512.Store(va * c32, c + 3 * rs + 2 * V);
                Vector512.Store(va * c40, c + 4 * rs + 0 * V); Vector512.Store(va * c41, c + 4 * rs + 1 * V); Vector512.Store(va * c42, c + 4 * rs + 2 * V);
                Vector512.Store(va * c50, c + 5 * rs + 0 * V); Vector512.Store(va * c51, c + 5 * rs + 1 * V); Vector512.Store(va * c52, c + 5 * rs + 2 * V);
                Vector512.Store(va * c60, c + 6 * rs + 0 * V); Vector512.Store(va * c61, c + 6 * rs + 1 * V); Vector512.Store(va * c62, c + 6 * rs + 2 * V);
                Vector512.Store(va * c70, c + 7 * rs + 0 * V); Vector512.Store(va * c71, c + 7 * rs + 1 * V); Vector512.Store(va * c72, c + 7 * rs + 2 * V);
            }
            else
            {
                var vb = Vector512.Create(beta);
                Vector512.Store(Fma(vb, Vector512.Load(c + 0 * rs + 0 * V), va * c00), c + 0 * rs + 0 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 0 * rs + 1 * V), va * c01), c + 0 * rs + 1 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 0 * rs + 2 * V), va * c02), c + 0 * rs + 2 * V);
                Vector512.Store(Fma(vb, Vector512.Load(c + 1 * rs + 0 * V), va * c10), c + 1 * rs + 0 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 1 * rs + 1 * V), va * c11), c + 1 * rs + 1 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 1 * rs + 2 * V), va * c12), c + 1 * rs + 2 * V);
                Vector512.Store(Fma(vb, Vector512.Load(c + 2 * rs + 0 * V), va * c20), c + 2 * rs + 0 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 2 * rs + 1 * V), va * c21), c + 2 * rs + 1 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 2 * rs + 2 * V), va * c22), c + 2 * rs + 2 * V);
                Vector512.Store(Fma(vb, Vector512.Load(c + 3 * rs + 0 * V), va * c30), c + 3 * rs + 0 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 3 * rs + 1 * V), va * c31), c + 3 * rs + 1 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 3 * rs + 2 * V), va * c32), c + 3 * rs + 2 * V);
                Vector512.Store(Fma(vb, Vector512.Load(c + 4 * rs + 0 * V), va * c40), c + 4 * rs + 0 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 4 * rs + 1 * V), va * c41), c + 4 * rs + 1 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 4 * rs + 2 * V), va * c42), c + 4 * rs + 2 * V);
                Vector512.Store(Fma(vb, Vector512.Load(c + 5 * rs + 0 * V), va * c50), c + 5 * rs + 0 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 5 * rs + 1 * V), va * c51), c + 5 * rs + 1 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 5 * rs + 2 * V), va * c52), c + 5 * rs + 2 * V);
                Vector512.Store(Fma(vb, Vector512.Load(c + 6 * rs + 0 * V), va * c60), c + 6 * rs + 0 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 6 * rs + 1 * V), va * c61), c + 6 * rs + 1 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 6 * rs + 2 * V), va * c62), c + 6 * rs + 2 * V);
                Vector512.Store(Fma(vb, Vector512.Load(c + 7 * rs + 0 * V), va * c70), c + 7 * rs + 0 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 7 * rs + 1 * V), va * c71), c + 7 * rs + 1 * V); Vector512.Store(Fma(vb, Vector512.Load(c + 7 * rs + 2 * V), va * c72), c + 7 * rs + 2 * V);
            }
            return;
        }
        int ld = 3 * V;
        Vector512.Store(c00, tile + 0 * ld + 0 * V); Vector512.Store(c01, tile + 0 * ld + 1 * V); Vector512.Store(c02, tile + 0 * ld + 2 * V);
        Vector512.Store(c10, tile + 1 * ld + 0 * V); Vector512.Store(c11, tile + 1 * ld + 1 * V); Vector512.Store(c12, tile + 1 * ld + 2 * V);
        Vector512.Store(c20, tile + 2 * ld + 0 * V); Vector512.Store(c21, tile + 2 * ld + 1 * V); Vector512.Store(c22, tile + 2 * ld + 2 * V);
        Vector512.Store(c30, tile + 3 * ld + 0 * V); Vector512.Store(c31, tile + 3 * ld + 1 * V); Vector512.Store(c32, tile + 3 * ld + 2 * V);
        Vector512.Store(c40, tile + 4 * ld + 0 * V); Vector512.Store(c41, tile + 4 * ld + 1 * V); Vector512.Store(c42, tile + 4 * ld + 2 * V);
        Vector512.Store(c50, tile + 5 * ld + 0 * V); Vector512.Store(c51, tile + 5 * ld + 1 * V); Vector512.Store(c52, tile + 5 * ld + 2 * V);
        Vector512.Store(c60, tile + 6 * ld + 0 * V); Vector512.Store(c61, tile + 6 * ld + 1 * V); Vector512.Store(c62, tile + 6 * ld + 2 * V);
        Vector512.Store(c70, tile + 7 * ld + 0 * V); Vector512.Store(c71, tile + 7 * ld + 1 * V); Vector512.Store(c72, tile + 7 * ld + 2 * V);
        TileStore.Merge(tile, ld, c, rs, cs, mr, nr, alpha, beta);
    }
}
