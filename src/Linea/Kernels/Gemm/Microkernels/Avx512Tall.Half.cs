using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Linea.Kernels.Gemm.Microkernels;

internal unsafe partial struct Avx512TallKernel<T>
{
    /// <summary>
    /// The right-edge tile of a 12 x 2-vector kernel whose last column micro-panel holds at most one vector of real
    /// columns (nr &lt;= V): 12 accumulators over the first vector of each packed B row (the second is zero padding), so the
    /// tile costs half the multiply-adds of a full one. Same contract as <see cref="Run"/>; C is written on its valid
    /// mr x nr part only (whole rows straight from the registers when nr = V and cs = 1, else through the tile).
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static void RunHalf(int kc, T* a, T* b, T* c, nint rs, nint cs, T alpha, T beta, int mr, int nr, T* tile, bool chunkedA)
    {
        int V = Vector512<T>.Count, NRp = 2 * V;
        Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<T> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
        int p = 0;
        if (chunkedA)
        {
            int CW = 64 / sizeof(T);
            for (; p + CW <= kc; p += CW)
            {
                for (int pp = 0; pp < CW; pp++)
                {
                    var b0 = Vector512.Load(b);
                    c0 = Fma(Vector512.Create(a[0 * CW]), b0, c0); c1 = Fma(Vector512.Create(a[1 * CW]), b0, c1);
                    c2 = Fma(Vector512.Create(a[2 * CW]), b0, c2); c3 = Fma(Vector512.Create(a[3 * CW]), b0, c3);
                    c4 = Fma(Vector512.Create(a[4 * CW]), b0, c4); c5 = Fma(Vector512.Create(a[5 * CW]), b0, c5);
                    c6 = Fma(Vector512.Create(a[6 * CW]), b0, c6); c7 = Fma(Vector512.Create(a[7 * CW]), b0, c7);
                    c8 = Fma(Vector512.Create(a[8 * CW]), b0, c8); c9 = Fma(Vector512.Create(a[9 * CW]), b0, c9);
                    c10 = Fma(Vector512.Create(a[10 * CW]), b0, c10); c11 = Fma(Vector512.Create(a[11 * CW]), b0, c11);
                    a++; b += NRp;
                }
                a += (12 - 1) * CW;
            }
        }
        for (; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            c0 = Fma(Vector512.Create(a[0]), b0, c0); c1 = Fma(Vector512.Create(a[1]), b0, c1);
            c2 = Fma(Vector512.Create(a[2]), b0, c2); c3 = Fma(Vector512.Create(a[3]), b0, c3);
            c4 = Fma(Vector512.Create(a[4]), b0, c4); c5 = Fma(Vector512.Create(a[5]), b0, c5);
            c6 = Fma(Vector512.Create(a[6]), b0, c6); c7 = Fma(Vector512.Create(a[7]), b0, c7);
            c8 = Fma(Vector512.Create(a[8]), b0, c8); c9 = Fma(Vector512.Create(a[9]), b0, c9);
            c10 = Fma(Vector512.Create(a[10]), b0, c10); c11 = Fma(Vector512.Create(a[11]), b0, c11);
            a += 12; b += NRp;
        }
        var va = Vector512.Create(alpha);
        if (nr == V && cs == 1)
        {
            var vb = Vector512.Create(beta);
            bool bz = beta == T.Zero;
            StoreHalfRow(c0, va, vb, bz, c);
            if (mr > 1) StoreHalfRow(c1, va, vb, bz, c + 1 * rs);
            if (mr > 2) StoreHalfRow(c2, va, vb, bz, c + 2 * rs);
            if (mr > 3) StoreHalfRow(c3, va, vb, bz, c + 3 * rs);
            if (mr > 4) StoreHalfRow(c4, va, vb, bz, c + 4 * rs);
            if (mr > 5) StoreHalfRow(c5, va, vb, bz, c + 5 * rs);
            if (mr > 6) StoreHalfRow(c6, va, vb, bz, c + 6 * rs);
            if (mr > 7) StoreHalfRow(c7, va, vb, bz, c + 7 * rs);
            if (mr > 8) StoreHalfRow(c8, va, vb, bz, c + 8 * rs);
            if (mr > 9) StoreHalfRow(c9, va, vb, bz, c + 9 * rs);
            if (mr > 10) StoreHalfRow(c10, va, vb, bz, c + 10 * rs);
            if (mr > 11) StoreHalfRow(c11, va, vb, bz, c + 11 * rs);
            return;
        }
        int ld = NRp;
        Vector512.Store(c0, tile + 0 * ld); Vector512.Store(c1, tile + 1 * ld); Vector512.Store(c2, tile + 2 * ld);
        Vector512.Store(c3, tile + 3 * ld); Vector512.Store(c4, tile + 4 * ld); Vector512.Store(c5, tile + 5 * ld);
        Vector512.Store(c6, tile + 6 * ld); Vector512.Store(c7, tile + 7 * ld); Vector512.Store(c8, tile + 8 * ld);
        Vector512.Store(c9, tile + 9 * ld); Vector512.Store(c10, tile + 10 * ld); Vector512.Store(c11, tile + 11 * ld);
        TileStore.Merge(tile, ld, c, rs, cs, mr, nr, alpha, beta);
    }

    /// <summary>C row (one vector) = alpha * x + beta * C row; beta = 0 does not read C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreHalfRow(Vector512<T> x, Vector512<T> va, Vector512<T> vb, bool betaZero, T* row)
        => Vector512.Store(betaZero ? va * x : Fma(vb, Vector512.Load(row), va * x), row);
}
