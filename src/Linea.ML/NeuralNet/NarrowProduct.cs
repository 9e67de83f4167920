using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linea.ML.NeuralNet;

/// <summary>
/// C = A @ B (+ a bias row added to every row of C) without packing, for a dense layer's products: narrow ones (n at
/// most two AVX-512 vectors, 16 doubles or 32 floats: a classifier's output layer 128 -> 10 and its weight gradient
/// H^T dZ) and small ones (a training step's 256 x 64 x 128). The general GEMM runs a narrow n with one masked vector
/// per row of C, one accumulator deep, so FMA latency bounds it, and packs B of a small product at every call (its
/// direct path takes B up to 40 KiB; 64 x 128 doubles is 64 KiB); here tiles of 8 rows x 1 or 2 vectors keep 8 or 16
/// independent accumulators busy: per step of k one or two (masked) loads of B's row, 8 broadcasts of A and 8 or 16 FMAs. A is read through any strides (a transposed
/// view such as X^T included); B and C rows are contiguous (unit column stride). The bias, when given, starts the
/// accumulators, so no second pass over C. Every row of C is one chain of FMAs over p = 0..k-1 starting from the bias,
/// in a tile or not, so a row's bits do not depend on the batch it comes in or on how rows are split between threads
/// (<see cref="DenseProducts"/> splits large products by rows). Nothing allocated; masked-off lanes of B, C and the
/// bias are never read or written.
/// </summary>
internal static unsafe class NarrowProduct
{
    /// <summary>Whether this kernel runs here: AVX-512 present, and T is float or double.</summary>
    public static bool IsSupported<T>() where T : unmanaged =>
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported && (typeof(T) == typeof(double) || typeof(T) == typeof(float));

    /// <summary>Columns of one panel: two vectors (16 doubles, 32 floats).</summary>
    public static int PanelWidth<T>() where T : unmanaged => 2 * Vector512<T>.Count;

    /// <summary>
    /// C (m x n, row stride <paramref name="crs"/>) = A (m x k, strides <paramref name="ars"/>, <paramref name="acs"/>)
    /// @ B (k x n, row stride <paramref name="brs"/>) + <paramref name="bias"/> (n values, or null for none).
    /// Columns go in panels of <see cref="PanelWidth{T}"/>, each over all rows, so A is read n / panel times (from
    /// cache for the small products this is for) and B's panel (k x panel) stays in L1. Requires
    /// <see cref="IsSupported{T}"/>. Cost 2 m n k flops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(int m, int n, int k, T* a, nint ars, nint acs, T* b, nint brs, T* bias, T* c, nint crs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(IsSupported<T>() && n >= 1);
        int v = Vector512<T>.Count;
        // Column panels of two vectors; the last one may be one vector or masked.
        for (int j = 0; j < n; j += 2 * v)
        {
            int w = Math.Min(2 * v, n - j);
            T* bj = bias == null ? null : bias + j;
            if (w <= v) OneVector(m, k, a, ars, acs, b + j, brs, bj, c + j, crs, TailMask<T>(w));
            else TwoVectors(m, k, a, ars, acs, b + j, brs, bj, c + j, crs, TailMask<T>(w - v));
        }
    }

    /// <summary>n &lt;= V: 8 rows x 1 masked vector per tile, then single rows.</summary>
    private static void OneVector<T>(int m, int k, T* a, nint ars, nint acs, T* b, nint brs, T* bias, T* c, nint crs, Vector512<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var start = bias == null ? Vector512<T>.Zero : MaskLoad(bias, mask);
        int i = 0;
        for (; i + 8 <= m; i += 8)
        {
            T* a0 = a + i * ars;
            T* bp = b;
            Vector512<T> c0 = start, c1 = start, c2 = start, c3 = start, c4 = start, c5 = start, c6 = start, c7 = start;
            nint ap = 0;
            for (int p = 0; p < k; p++, ap += acs, bp += brs)
            {
                var bv = MaskLoad(bp, mask);
                T* ak = a0 + ap;
                c0 = Fma(Vector512.Create(ak[0]), bv, c0);
                c1 = Fma(Vector512.Create(ak[ars]), bv, c1);
                c2 = Fma(Vector512.Create(ak[2 * ars]), bv, c2);
                c3 = Fma(Vector512.Create(ak[3 * ars]), bv, c3);
                c4 = Fma(Vector512.Create(ak[4 * ars]), bv, c4);
                c5 = Fma(Vector512.Create(ak[5 * ars]), bv, c5);
                c6 = Fma(Vector512.Create(ak[6 * ars]), bv, c6);
                c7 = Fma(Vector512.Create(ak[7 * ars]), bv, c7);
            }
            T* cr = c + i * crs;
            MaskStore(cr, mask, c0); MaskStore(cr + crs, mask, c1); MaskStore(cr + 2 * crs, mask, c2); MaskStore(cr + 3 * crs, mask, c3);
            MaskStore(cr + 4 * crs, mask, c4); MaskStore(cr + 5 * crs, mask, c5); MaskStore(cr + 6 * crs, mask, c6); MaskStore(cr + 7 * crs, mask, c7);
        }
        for (; i < m; i++)
        {
            // One chain, as each row of a tile: a row's result does not depend on where it sits in the batch.
            T* ai = a + i * ars;
            T* bp = b;
            Vector512<T> c0 = start;
            for (int p = 0; p < k; p++, bp += brs) c0 = Fma(Vector512.Create(ai[p * acs]), MaskLoad(bp, mask), c0);
            MaskStore(c + i * crs, mask, c0);
        }
    }

    /// <summary>V &lt; n &lt;= 2V: 8 rows x 2 vectors (the second masked) per tile, then single rows.</summary>
    private static void TwoVectors<T>(int m, int k, T* a, nint ars, nint acs, T* b, nint brs, T* bias, T* c, nint crs, Vector512<T> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int v = Vector512<T>.Count;
        var start0 = bias == null ? Vector512<T>.Zero : Vector512.Load(bias);
        var start1 = bias == null ? Vector512<T>.Zero : MaskLoad(bias + v, mask);
        int i = 0;
        for (; i + 8 <= m; i += 8)
        {
            T* a0 = a + i * ars;
            T* bp = b;
            Vector512<T> c00 = start0, c10 = start0, c20 = start0, c30 = start0, c40 = start0, c50 = start0, c60 = start0, c70 = start0;
            Vector512<T> c01 = start1, c11 = start1, c21 = start1, c31 = start1, c41 = start1, c51 = start1, c61 = start1, c71 = start1;
            nint ap = 0;
            for (int p = 0; p < k; p++, ap += acs, bp += brs)
            {
                var b0 = Vector512.Load(bp);
                var b1 = MaskLoad(bp + v, mask);
                T* ak = a0 + ap;
                var x = Vector512.Create(ak[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
                x = Vector512.Create(ak[ars]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
                x = Vector512.Create(ak[2 * ars]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
                x = Vector512.Create(ak[3 * ars]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
                x = Vector512.Create(ak[4 * ars]); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = Vector512.Create(ak[5 * ars]); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
                x = Vector512.Create(ak[6 * ars]); c60 = Fma(x, b0, c60); c61 = Fma(x, b1, c61);
                x = Vector512.Create(ak[7 * ars]); c70 = Fma(x, b0, c70); c71 = Fma(x, b1, c71);
            }
            T* cr = c + i * crs;
            Vector512.Store(c00, cr); MaskStore(cr + v, mask, c01); cr += crs;
            Vector512.Store(c10, cr); MaskStore(cr + v, mask, c11); cr += crs;
            Vector512.Store(c20, cr); MaskStore(cr + v, mask, c21); cr += crs;
            Vector512.Store(c30, cr); MaskStore(cr + v, mask, c31); cr += crs;
            Vector512.Store(c40, cr); MaskStore(cr + v, mask, c41); cr += crs;
            Vector512.Store(c50, cr); MaskStore(cr + v, mask, c51); cr += crs;
            Vector512.Store(c60, cr); MaskStore(cr + v, mask, c61); cr += crs;
            Vector512.Store(c70, cr); MaskStore(cr + v, mask, c71);
        }
        for (; i < m; i++)
        {
            T* ai = a + i * ars;
            T* bp = b;
            Vector512<T> c0 = start0, c1 = start1;
            for (int p = 0; p < k; p++, bp += brs)
            {
                var x = Vector512.Create(ai[p * acs]);
                c0 = Fma(x, Vector512.Load(bp), c0);
                c1 = Fma(x, MaskLoad(bp + v, mask), c1);
            }
            T* cr = c + i * crs;
            Vector512.Store(c0, cr);
            MaskStore(cr + v, mask, c1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return Avx512F.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return Avx512F.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
    }

    /// <summary>All bits set in the first <paramref name="count"/> lanes (count in 1..V).</summary>
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
}
