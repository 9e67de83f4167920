using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linea.Kernels.Gemm.Microkernels;

/// <summary>
/// AVX2/FMA3 microkernel, 6 rows x 2 vectors (6 x 8 doubles, 6 x 16 floats): 12 ymm accumulators + 2 of B + 1
/// broadcast fit the 16 ymm registers (the classic Haswell shape used by BLIS and OpenBLAS).
/// </summary>
internal unsafe struct Avx2Kernel<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 6;
    public static int NR => 2 * Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma(Vector256<T> x, Vector256<T> y, Vector256<T> z)
    {
        if (typeof(T) == typeof(double)) return System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
    }

    /// <summary>No prefetch stream here: <see cref="Run"/>.</summary>
    public static void RunFetching(int kc, T* a, T* b, T* c, nint rs, nint cs, T alpha, T beta, int mr, int nr, T* tile, bool chunkedA,
        byte* fetch, nint fetchStride, int fetchRows, int fetchBytes) => Run(kc, a, b, c, rs, cs, alpha, beta, mr, nr, tile, chunkedA);

    public static int FetchCapacity(int kc, bool chunkedA) => 0;

    [MethodImpl(HotCode.Options)]
    public static void Run(int kc, T* a, T* b, T* c, nint rs, nint cs, T alpha, T beta, int mr, int nr, T* tile, bool chunkedA)
    {
        int V = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default;
        Vector256<T> c10 = default, c11 = default;
        Vector256<T> c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default;
        Vector256<T> c40 = default, c41 = default;
        Vector256<T> c50 = default, c51 = default;
        // Touch the C tile now so its lines arrive while the k loop runs (each row spans NR*sizeof(T) bytes).
        if (cs == 1 && beta != T.Zero)
        {
            int rowBytes = 2 * V * sizeof(T);
            for (int i = 0; i < 6; i++)
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
                for (int pp = 0; pp < CW; pp++)
                {
                    var b0 = Vector256.Load(b + 0 * V);
                    var b1 = Vector256.Load(b + 1 * V);
                    { var ai = Vector256.Create(a[0 * CW]); c00 = Fma(ai, b0, c00); c01 = Fma(ai, b1, c01); }
                    { var ai = Vector256.Create(a[1 * CW]); c10 = Fma(ai, b0, c10); c11 = Fma(ai, b1, c11); }
                    { var ai = Vector256.Create(a[2 * CW]); c20 = Fma(ai, b0, c20); c21 = Fma(ai, b1, c21); }
                    { var ai = Vector256.Create(a[3 * CW]); c30 = Fma(ai, b0, c30); c31 = Fma(ai, b1, c31); }
                    { var ai = Vector256.Create(a[4 * CW]); c40 = Fma(ai, b0, c40); c41 = Fma(ai, b1, c41); }
                    { var ai = Vector256.Create(a[5 * CW]); c50 = Fma(ai, b0, c50); c51 = Fma(ai, b1, c51); }
                    a++; b += 2 * V;
                }
                a += (6 - 1) * CW;
            }
        }
        // Standard layout (element (i, p) at p*MR + i), and the tail of a chunked panel.
        for (; p < kc; p++)
        {
            var b0 = Vector256.Load(b + 0 * V);
            var b1 = Vector256.Load(b + 1 * V);
            { var ai = Vector256.Create(a[0]); c00 = Fma(ai, b0, c00); c01 = Fma(ai, b1, c01); }
            { var ai = Vector256.Create(a[1]); c10 = Fma(ai, b0, c10); c11 = Fma(ai, b1, c11); }
            { var ai = Vector256.Create(a[2]); c20 = Fma(ai, b0, c20); c21 = Fma(ai, b1, c21); }
            { var ai = Vector256.Create(a[3]); c30 = Fma(ai, b0, c30); c31 = Fma(ai, b1, c31); }
            { var ai = Vector256.Create(a[4]); c40 = Fma(ai, b0, c40); c41 = Fma(ai, b1, c41); }
            { var ai = Vector256.Create(a[5]); c50 = Fma(ai, b0, c50); c51 = Fma(ai, b1, c51); }
            a += 6; b += 2 * V;
        }
        var va = Vector256.Create(alpha);
        if (mr == 6 && nr == 2 * V && cs == 1)
        {
            if (beta == T.Zero)
            {
                Vector256.Store(va * c00, c + 0 * rs + 0 * V); Vector256.Store(va * c01, c + 0 * rs + 1 * V);
                Vector256.Store(va * c10, c + 1 * rs + 0 * V); Vector256.Store(va * c11, c + 1 * rs + 1 * V);
                Vector256.Store(va * c20, c + 2 * rs + 0 * V); Vector256.Store(va * c21, c + 2 * rs + 1 * V);
                Vector256.Store(va * c30, c + 3 * rs + 0 * V); Vector256.Store(va * c31, c + 3 * rs + 1 * V);
                Vector256.Store(va * c40, c + 4 * rs + 0 * V); Vector256.Store(va * c41, c + 4 * rs + 1 * V);
                Vector256.Store(va * c50, c + 5 * rs + 0 * V); Vector256.Store(va * c51, c + 5 * rs + 1 * V);
            }
            else
            {
                var vb = Vector256.Create(beta);
                Vector256.Store(Fma(vb, Vector256.Load(c + 0 * rs + 0 * V), va * c00), c + 0 * rs + 0 * V); Vector256.Store(Fma(vb, Vector256.Load(c + 0 * rs + 1 * V), va * c01), c + 0 * rs + 1 * V);
                Vector256.Store(Fma(vb, Vector256.Load(c + 1 * rs + 0 * V), va * c10), c + 1 * rs + 0 * V); Vector256.Store(Fma(vb, Vector256.Load(c + 1 * rs + 1 * V), va * c11), c + 1 * rs + 1 * V);
                Vector256.Store(Fma(vb, Vector256.Load(c + 2 * rs + 0 * V), va * c20), c + 2 * rs + 0 * V); Vector256.Store(Fma(vb, Vector256.Load(c + 2 * rs + 1 * V), va * c21), c + 2 * rs + 1 * V);
                Vector256.Store(Fma(vb, Vector256.Load(c + 3 * rs + 0 * V), va * c30), c + 3 * rs + 0 * V); Vector256.Store(Fma(vb, Vector256.Load(c + 3 * rs + 1 * V), va * c31), c + 3 * rs + 1 * V);
                Vector256.Store(Fma(vb, Vector256.Load(c + 4 * rs + 0 * V), va * c40), c + 4 * rs + 0 * V); Vector256.Store(Fma(vb, Vector256.Load(c + 4 * rs + 1 * V), va * c41), c + 4 * rs + 1 * V);
                Vector256.Store(Fma(vb, Vector256.Load(c + 5 * rs + 0 * V), va * c50), c + 5 * rs + 0 * V); Vector256.Store(Fma(vb, Vector256.Load(c + 5 * rs + 1 * V), va * c51), c + 5 * rs + 1 * V);
            }
            return;
        }
        int ld = 2 * V;
        Vector256.Store(c00, tile + 0 * ld + 0 * V); Vector256.Store(c01, tile + 0 * ld + 1 * V);
        Vector256.Store(c10, tile + 1 * ld + 0 * V); Vector256.Store(c11, tile + 1 * ld + 1 * V);
        Vector256.Store(c20, tile + 2 * ld + 0 * V); Vector256.Store(c21, tile + 2 * ld + 1 * V);
        Vector256.Store(c30, tile + 3 * ld + 0 * V); Vector256.Store(c31, tile + 3 * ld + 1 * V);
        Vector256.Store(c40, tile + 4 * ld + 0 * V); Vector256.Store(c41, tile + 4 * ld + 1 * V);
        Vector256.Store(c50, tile + 5 * ld + 0 * V); Vector256.Store(c51, tile + 5 * ld + 1 * V);
        TileStore.Merge(tile, ld, c, rs, cs, mr, nr, alpha, beta);
    }
}
