using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Linea.Kernels;
using Linea.Kernels.Blas2;

namespace Linea;

internal static partial class Gebrd
{
    /// <summary>Columns per group of the fused pass: four columns of the trailing matrix stay in L1 between their two uses.</summary>
    private const int FusedGroup = 4;

    /// <summary>
    /// One pass over columns [c0, c1) of the trailing matrix for both of labrd's products with it (the BLAS 2.5 idea of
    /// Howell et al., "Cache efficient bidiagonalization using BLAS 2.5 operators"): for each column j, the dot product
    /// with v gives y_j = tauq (A[i.., j]^T v - corr_j), the updated row entry z_j = zc_j - y_j is stored in A[i, j], and
    /// A[i+1.., j] z_j is accumulated into w (skipping the pass's first column, j = 0), while the column is still in L1.
    /// The row reflector is u = (z - z_0 e_0) / (z_0 - beta) + e_0, so A u = a_0 + w / (z_0 - beta) once beta is known
    /// (<see cref="FinishRowProduct{T}"/>): the second product needs no second pass over the matrix.
    /// <paramref name="c"/> is the trailing matrix from row i down (rows = m - i, row stride 1), its column 0 the first
    /// trailing column. O(rows (c1 - c0)), no allocation.
    /// </summary>
    private static void FusedPass<T>(in MatrixView<T> c, int c0, int c1, ReadOnlySpan<T> v, T tq,
        ReadOnlySpan<T> corr, ReadOnlySpan<T> zc, Span<T> yi, Span<T> w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> z = stackalloc T[FusedGroup];
        int rows = (int)c.Rows, lda = (int)c.ColStride;
        int below = rows - 1;
        for (int j0 = c0; j0 < c1; j0 += FusedGroup)
        {
            int cnt = Math.Min(FusedGroup, c1 - j0);
            if (cnt == 4 && Vector512.IsHardwareAccelerated && rows >= Vector512<T>.Count) Dot4(rows, ref c[0, j0], lda, v, z);
            else for (int q = 0; q < cnt; q++) z[q] = TensorPrimitives.Dot<T>(c.Column(j0 + q, 0, rows), v);
            for (int q = 0; q < cnt; q++)
            {
                int j = j0 + q;
                T yj = tq * (z[q] - corr[j]);
                yi[j] = yj;
                T zj = zc[j] - yj;
                c[0, j] = zj;
                z[q] = j == 0 ? T.Zero : zj;
            }
            if (below > 0) Gemv.AccumulateColumns(below, cnt, T.One, ref c[1, j0], lda, z.Slice(0, cnt), w.Slice(0, below));
        }
    }

    /// <summary>
    /// Four dot products of the contiguous columns starting at <paramref name="a0Ref"/> + q lda (q &lt; 4, <paramref name="rows"/> long) with v:
    /// four read streams with software prefetch 1 KiB ahead, as the transposed GEMV kernel does, because the trailing
    /// matrix comes from L3 or memory and one stream at a time leaves the pass latency-bound.
    /// </summary>
    private static unsafe void Dot4<T>(int rows, ref T a0Ref, int lda, ReadOnlySpan<T> v, Span<T> dots) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int V = Vector512<T>.Count, ahead = 1024 / sizeof(T);
        fixed (T* pa = &a0Ref, px = v)
        {
            T* a0 = pa, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default;
            int p = 0;
            for (; p + V <= rows; p += V)
            {
                if (p + ahead < rows && Sse.IsSupported)
                {
                    Sse.Prefetch0(a0 + p + ahead); Sse.Prefetch0(a1 + p + ahead);
                    Sse.Prefetch0(a2 + p + ahead); Sse.Prefetch0(a3 + p + ahead);
                }
                var xv = Vector512.Load(px + p);
                s0 += Vector512.Load(a0 + p) * xv; s1 += Vector512.Load(a1 + p) * xv;
                s2 += Vector512.Load(a2 + p) * xv; s3 += Vector512.Load(a3 + p) * xv;
            }
            T d0 = Vector512.Sum(s0), d1 = Vector512.Sum(s1), d2 = Vector512.Sum(s2), d3 = Vector512.Sum(s3);
            for (; p < rows; p++) { T xp = px[p]; d0 += a0[p] * xp; d1 += a1[p] * xp; d2 += a2[p] * xp; d3 += a3[p] * xp; }
            dots[0] = d0; dots[1] = d1; dots[2] = d2; dots[3] = d3;
        }
    }

    /// <summary>
    /// The corrections that precede <see cref="FusedPass{T}"/> for column i of the panel, from the panel's V, X, Y and
    /// U only (never the trailing matrix): corr = Y[i+1.., :i] (A[i.., :i]^T v) + A[:i, i+1..]^T (X[i.., :i]^T v), and
    /// zc = A[i, i+1..] - Y[i+1.., :i] A[i, :i]^T - A[:i, i+1..]^T X[i, :i]^T (the row update without its y_i term).
    /// <paramref name="t"/> and <paramref name="t2"/> hold i scalars. O((m + n) i).
    /// </summary>
    private static void PassCorrections<T>(in MatrixView<T> b, int i, T[] x, int ldx, T[] y, int ldy,
        ReadOnlySpan<T> v, T[] t, T[] t2, Span<T> corr, Span<T> zc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var none = Parallelism.None;
        int m = (int)b.Rows, n = (int)b.Cols;
        int nr = n - i - 1;
        var upperRight = b.Block(0, i + 1, i, nr);     // B[:i, i+1..], the panel's U rows
        var yBelow = MatrixView<T>.ColumnMajor(y, i + 1, nr, i, ldy);
        Gemv.Transposed(T.One, b.Block(i, 0, m - i, i), v, T.Zero, t, none);
        Gemv.Multiply(T.One, yBelow, t, T.Zero, corr, none);
        Gemv.Transposed(T.One, MatrixView<T>.ColumnMajor(x, i, m - i, i, ldx), v, T.Zero, t, none);
        Gemv.Transposed(T.One, upperRight, t, T.One, corr, none);
        for (int k = 0; k < i; k++) t[k] = b[i, k];
        for (int k = 0; k < i; k++) t2[k] = x[i + k * ldx];
        for (int j = 0; j < nr; j++) zc[j] = b[i, i + 1 + j];
        Gemv.Multiply(-T.One, yBelow, t, T.One, zc, none);
        Gemv.Transposed(-T.One, upperRight, t2, T.One, zc, none);
    }

    /// <summary>
    /// After <see cref="FusedPass{T}"/> accumulated w = sum over j &gt;= 1 of A[i+1.., j] z_j into <paramref name="xi"/>:
    /// generates the row reflector from the stored z (e_i, taup_i), copies u, and turns xi into A[i+1.., i+1..] u =
    /// a_0 + w / (z_0 - beta) (w is zero when tau is, and u is then e_0). Returns taup_i. O(m + n).
    /// </summary>
    private static T FinishRowProduct<T>(in MatrixView<T> b, int i, Span<T> u, Span<T> xi, out T e)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)b.Rows, n = (int)b.Cols;
        int nr = n - i - 1, mr = m - i - 1;
        ref T si = ref b[i, i + 1];
        T z0 = si, beta = z0;
        // The row reflector over B[i, i+1..]: its tail B[i, i+2..] as a column vector (stride: the row's).
        T tp = Householder.Generate(ref beta, b.Block(i, i + 2, 1, nr - 1).Transposed);
        e = beta;
        si = T.One;
        for (int j = 0; j < nr; j++) u[j] = b[i, i + 1 + j];
        T scal = tp == T.Zero ? T.One : T.One / (z0 - beta);
        var a0 = b.Column(i + 1, i + 1, mr);
        var xs = xi.Slice(0, mr);
        TensorPrimitives.MultiplyAdd(xs, scal, a0, xs);
        return tp;
    }
}
