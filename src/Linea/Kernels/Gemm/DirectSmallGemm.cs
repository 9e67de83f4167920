using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Small products without packing (as OpenBLAS's small-matrix kernels do), for C = alpha * A @ B + beta * C with
/// B and C row-contiguous (unit column stride) and A in any layout: at n = 64 packing A and B and padding the edge
/// panels cost as much as the multiply itself. Tiles of 4 rows x 4 vectors (4 x 32 doubles, 4 x 64 floats): per step
/// 4 vector loads of B straight from its rows, 4 broadcasts of A, 16 FMAs into 16 zmm accumulators; leftover rows
/// run 1 x 4 vectors, leftover full vectors 4 x 1, and the last n mod V columns masked single vectors. B is re-read from L1 by every
/// row tile, so the path is limited to B of at most <see cref="MaxBBytes"/> (see <see cref="Suits"/>).
/// No allocation; beta = 0 never reads C.
/// </summary>
internal static unsafe class DirectSmallGemm
{
    /// <summary>Largest B (k x n) read in place: 40 KiB, inside the 48 KiB L1D with room for the A rows and C tile.</summary>
    public const int MaxBBytes = 40 * 1024;

    /// <summary>Largest product (m*n*k) for this path; above it packing pays for itself (measured against n = 64..128).</summary>
    public const long MaxWork = 96L * 96 * 96;

    /// <summary>Whether the direct path applies: AVX-512, unit column strides of B and C, small B and product.</summary>
    public static bool Suits<T>(int m, int n, int k, nint bcs, nint ccs) where T : unmanaged =>
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported && (typeof(T) == typeof(double) || typeof(T) == typeof(float))
        && bcs == 1 && ccs == 1 && (long)m * n * k <= MaxWork && (long)k * n * sizeof(T) <= MaxBBytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return Avx512F.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return Avx512F.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T>(Vector512<T> acc, T* c, Vector512<T> va, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.Zero) Vector512.Store(va * acc, c);
        else Vector512.Store(Fma(Vector512.Create(beta), Vector512.Load(c), va * acc), c);
    }

    /// <summary>All bits set in the first <paramref name="count"/> lanes.</summary>
    private static Vector512<T> TailMask<T>(int count) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
            return Vector512.LessThan(Vector512.CreateSequence(0L, 1L), Vector512.Create((long)count)).As<long, T>();
        return Vector512.LessThan(Vector512.CreateSequence(0, 1), Vector512.Create(count)).As<int, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> MaskLoad<T>(T* p, Vector512<T> mask) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return Avx512F.MaskLoad((double*)p, mask.AsDouble(), Vector512<double>.Zero).As<double, T>();
        return Avx512F.MaskLoad((float*)p, mask.AsSingle(), Vector512<float>.Zero).As<float, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MaskStore<T>(T* p, Vector512<T> mask, Vector512<T> v) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) Avx512F.MaskStore((double*)p, mask.AsDouble(), v.AsDouble());
        else Avx512F.MaskStore((float*)p, mask.AsSingle(), v.AsSingle());
    }

    /// <summary>C = alpha * A @ B + beta * C; requires <see cref="Suits{T}"/>.</summary>
    [MethodImpl(HotCode.Options)]
    public static void Run<T>(int m, int n, int k, T alpha, T* a, nint ars, nint acs, T* b, nint brs, T beta, T* c, nint crs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int V = Vector512<T>.Count, NB = 4 * V;
        var va = Vector512.Create(alpha);
        int j = 0;
        for (; j + NB <= n; j += NB)
        {
            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                T* a0 = a + i * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars, bp = b + j;
                Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default;
                Vector512<T> c10 = default, c11 = default, c12 = default, c13 = default;
                Vector512<T> c20 = default, c21 = default, c22 = default, c23 = default;
                Vector512<T> c30 = default, c31 = default, c32 = default, c33 = default;
                nint ap = 0;
                for (int p = 0; p < k; p++, ap += acs, bp += brs)
                {
                    var b0 = Vector512.Load(bp); var b1 = Vector512.Load(bp + V); var b2 = Vector512.Load(bp + 2 * V); var b3 = Vector512.Load(bp + 3 * V);
                    var x = Vector512.Create(a0[ap]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01); c02 = Fma(x, b2, c02); c03 = Fma(x, b3, c03);
                    x = Vector512.Create(a1[ap]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11); c12 = Fma(x, b2, c12); c13 = Fma(x, b3, c13);
                    x = Vector512.Create(a2[ap]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21); c22 = Fma(x, b2, c22); c23 = Fma(x, b3, c23);
                    x = Vector512.Create(a3[ap]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31); c32 = Fma(x, b2, c32); c33 = Fma(x, b3, c33);
                }
                T* cr = c + i * crs + j;
                Put(c00, cr, va, beta); Put(c01, cr + V, va, beta); Put(c02, cr + 2 * V, va, beta); Put(c03, cr + 3 * V, va, beta);
                cr += crs;
                Put(c10, cr, va, beta); Put(c11, cr + V, va, beta); Put(c12, cr + 2 * V, va, beta); Put(c13, cr + 3 * V, va, beta);
                cr += crs;
                Put(c20, cr, va, beta); Put(c21, cr + V, va, beta); Put(c22, cr + 2 * V, va, beta); Put(c23, cr + 3 * V, va, beta);
                cr += crs;
                Put(c30, cr, va, beta); Put(c31, cr + V, va, beta); Put(c32, cr + 2 * V, va, beta); Put(c33, cr + 3 * V, va, beta);
            }
            for (; i < m; i++)
            {
                T* ai = a + i * ars, bp = b + j;
                Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default;
                nint ap = 0;
                for (int p = 0; p < k; p++, ap += acs, bp += brs)
                {
                    var x = Vector512.Create(ai[ap]);
                    c0 = Fma(x, Vector512.Load(bp), c0); c1 = Fma(x, Vector512.Load(bp + V), c1);
                    c2 = Fma(x, Vector512.Load(bp + 2 * V), c2); c3 = Fma(x, Vector512.Load(bp + 3 * V), c3);
                }
                T* cr = c + i * crs + j;
                Put(c0, cr, va, beta); Put(c1, cr + V, va, beta); Put(c2, cr + 2 * V, va, beta); Put(c3, cr + 3 * V, va, beta);
            }
        }
        for (; j + V <= n; j += V)
        {
            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                T* a0 = a + i * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars, bp = b + j;
                Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default;
                nint ap = 0;
                for (int p = 0; p < k; p++, ap += acs, bp += brs)
                {
                    var bv = Vector512.Load(bp);
                    c0 = Fma(Vector512.Create(a0[ap]), bv, c0); c1 = Fma(Vector512.Create(a1[ap]), bv, c1);
                    c2 = Fma(Vector512.Create(a2[ap]), bv, c2); c3 = Fma(Vector512.Create(a3[ap]), bv, c3);
                }
                T* cr = c + i * crs + j;
                Put(c0, cr, va, beta); Put(c1, cr + crs, va, beta); Put(c2, cr + 2 * crs, va, beta); Put(c3, cr + 3 * crs, va, beta);
            }
            for (; i < m; i++)
            {
                T* ai = a + i * ars, bp = b + j;
                Vector512<T> c0 = default;
                nint ap = 0;
                for (int p = 0; p < k; p++, ap += acs, bp += brs) c0 = Fma(Vector512.Create(ai[ap]), Vector512.Load(bp), c0);
                Put(c0, c + i * crs + j, va, beta);
            }
        }
        if (j == n) return;
        // The last n mod V columns: masked loads of B and masked stores of C (masked-off lanes are never touched).
        var mask = TailMask<T>(n - j);
        for (int i = 0; i < m; i++)
        {
            T* ai = a + i * ars, bp = b + j;
            Vector512<T> c0 = default;
            nint ap = 0;
            for (int p = 0; p < k; p++, ap += acs, bp += brs) c0 = Fma(Vector512.Create(ai[ap]), MaskLoad(bp, mask), c0);
            T* cr = c + i * crs + j;
            c0 = va * c0;
            if (beta != T.Zero) c0 = Fma(Vector512.Create(beta), MaskLoad(cr, mask), c0);
            MaskStore(cr, mask, c0);
        }
    }
}
