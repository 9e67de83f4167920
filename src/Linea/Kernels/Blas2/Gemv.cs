using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels.Threading;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Linea.Kernels.Blas2;

/// <summary>
/// Matrix-vector products on column-major storage (BLAS gemv 'N' and 'T', and symv on a lower triangle), for the
/// level-2 halves of the bidiagonal and tridiagonal reductions. They are bound by memory bandwidth.
/// <para>One GEMV, two layouts. There is one implementation of y = alpha A x + beta y per memory layout of A, and
/// every caller (these functions, and <see cref="Gemm.SmallGemm.Gemv{T}"/>, which MatMul and Gemm.Multiply use for
/// m = 1 or n = 1) goes through it: contiguous rows of A (row-major A, or the transposed product on column-major
/// storage) are dot products, the 4- and 8-row kernels of <see cref="Gemm.SmallGemm"/>; contiguous columns of A
/// (column-major A) are AXPYs, <see cref="Columns{T}"/> here, which streams four columns per pass, reading and
/// writing y once per four columns instead of once per column. <see cref="Transposed{T}(T, in MatrixView{T}, ReadOnlySpan{T}, T, Span{T}, Parallelism)"/> is the first,
/// <see cref="Multiply{T}(T, in MatrixView{T}, ReadOnlySpan{T}, T, Span{T}, Parallelism)"/> the second. The symmetric product reads each column of the triangle once for both its
/// halves.</para> Vector512 where available, else Vector256, else scalar.
/// </summary>
internal static class Gemv
{
    /// <summary>
    /// y[j] = alpha (A^T x)[j] + beta y[j] for the rows x cols view A (any strides; column-major, row stride 1, is the
    /// fast layout), x of length rows, y of length cols; y is not read when beta is 0. A^T x is a row-major GEMV on A^T
    /// (dot products of A's contiguous columns), so this is the GEMV the MatMul front door uses
    /// (<see cref="Gemm.SmallGemm.Gemv{T}"/>: eight streams with prefetch, threaded when large). O(rows cols).
    /// </summary>
    public static unsafe void Transposed<T>(T alpha, in MatrixView<T> a, ReadOnlySpan<T> x, T beta, Span<T> y, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = checked((int)a.Rows), cols = checked((int)a.Cols);
        if (cols <= 0) return;
        Debug.Assert(x.Length >= rows && y.Length >= cols);
        if (a.RowStride == 1 && cols <= FewColumns && Vector512.IsHardwareAccelerated && rows >= 2 * Vector512<T>.Count
            && (parallelism.Count <= 1 || (long)rows * cols < 1 << 17))
        {
            TransposedFewColumns<Ops512<T>, Vector512<T>, T>(rows, cols, alpha, ref a.Origin, checked((int)a.ColStride), x, beta, y);
            return;
        }
        fixed (T* pa = &a.Origin, px = x, py = y)
            Gemm.SmallGemm.Gemv(cols, rows, alpha, pa, (nint)a.ColStride, (nint)a.RowStride, px, 1, beta, py, 1, parallelism.Count);
    }

    /// <summary>
    /// y = alpha A^T x + beta y for a tall column-major A (rows x cols, cols at most <see cref="FewColumns"/>): the dot
    /// products of eight columns at a time with x run together, two registers of rows per step (sixteen independent
    /// accumulators), so x is read once per eight columns and no dot product waits on its own chain; y is not read
    /// when beta is 0. O(rows cols).
    /// </summary>
    [MethodImpl(HotCode.Options)]
    internal static void TransposedFewColumns<TOps, TVec, T>(int rows, int cols, T alpha, ref T a0, int lda, ReadOnlySpan<T> x, T beta, Span<T> y)
        where TOps : struct, ISimdOps<TVec, T> where TVec : struct where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(cols <= FewColumns && x.Length >= rows && y.Length >= cols);
        int w = TOps.Count;
        ref T x0 = ref MemoryMarshal.GetReference(x);
        Span<T> dots = stackalloc T[8];
        for (int j0 = 0; j0 < cols; j0 += 8)
        {
            int nc = Math.Min(8, cols - j0), i = 0;
            ref T c0 = ref Unsafe.Add(ref a0, (nint)j0 * lda);
            if (nc == 8)
            {
                ref T c1 = ref Unsafe.Add(ref c0, lda); ref T c2 = ref Unsafe.Add(ref c1, lda); ref T c3 = ref Unsafe.Add(ref c2, lda);
                ref T c4 = ref Unsafe.Add(ref c3, lda); ref T c5 = ref Unsafe.Add(ref c4, lda); ref T c6 = ref Unsafe.Add(ref c5, lda);
                ref T c7 = ref Unsafe.Add(ref c6, lda);
                TVec p0 = TOps.Zero, p1 = TOps.Zero, p2 = TOps.Zero, p3 = TOps.Zero, p4 = TOps.Zero, p5 = TOps.Zero, p6 = TOps.Zero, p7 = TOps.Zero;
                TVec q0 = TOps.Zero, q1 = TOps.Zero, q2 = TOps.Zero, q3 = TOps.Zero, q4 = TOps.Zero, q5 = TOps.Zero, q6 = TOps.Zero, q7 = TOps.Zero;
                for (; i + 2 * w <= rows; i += 2 * w)
                {
                    TVec xa = TOps.Load(ref Unsafe.Add(ref x0, i)), xb = TOps.Load(ref Unsafe.Add(ref x0, i + w));
                    p0 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c0, i)), xa, p0); q0 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c0, i + w)), xb, q0);
                    p1 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c1, i)), xa, p1); q1 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c1, i + w)), xb, q1);
                    p2 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c2, i)), xa, p2); q2 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c2, i + w)), xb, q2);
                    p3 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c3, i)), xa, p3); q3 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c3, i + w)), xb, q3);
                    p4 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c4, i)), xa, p4); q4 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c4, i + w)), xb, q4);
                    p5 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c5, i)), xa, p5); q5 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c5, i + w)), xb, q5);
                    p6 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c6, i)), xa, p6); q6 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c6, i + w)), xb, q6);
                    p7 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c7, i)), xa, p7); q7 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c7, i + w)), xb, q7);
                }
                dots[0] = TOps.Sum(TOps.Add(p0, q0)); dots[1] = TOps.Sum(TOps.Add(p1, q1));
                dots[2] = TOps.Sum(TOps.Add(p2, q2)); dots[3] = TOps.Sum(TOps.Add(p3, q3));
                dots[4] = TOps.Sum(TOps.Add(p4, q4)); dots[5] = TOps.Sum(TOps.Add(p5, q5));
                dots[6] = TOps.Sum(TOps.Add(p6, q6)); dots[7] = TOps.Sum(TOps.Add(p7, q7));
            }
            else
            {
                // The chunk's last few columns: one at a time, two registers of rows each.
                for (int c = 0; c < nc; c++)
                {
                    ref T cc = ref Unsafe.Add(ref c0, (nint)c * lda);
                    TVec s0 = TOps.Zero, s1 = TOps.Zero;
                    int r = 0;
                    for (; r + 2 * w <= rows; r += 2 * w)
                    {
                        s0 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref cc, r)), TOps.Load(ref Unsafe.Add(ref x0, r)), s0);
                        s1 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref cc, r + w)), TOps.Load(ref Unsafe.Add(ref x0, r + w)), s1);
                    }
                    dots[c] = TOps.Sum(TOps.Add(s0, s1));
                    i = r;
                }
            }
            for (int c = 0; c < nc; c++)
            {
                ref T cc = ref Unsafe.Add(ref c0, (nint)c * lda);
                T d = dots[c];
                for (int r = i; r < rows; r++) d += Unsafe.Add(ref cc, r) * Unsafe.Add(ref x0, r);
                ref T yc = ref y[j0 + c];
                yc = beta == T.Zero ? alpha * d : alpha * d + beta * yc;
            }
        }
    }

    /// <summary>
    /// y = alpha A x + beta y for the rows x cols view A (any strides; column-major, row stride 1, runs the
    /// column-layout driver <see cref="Columns{T}"/>), x of length cols, y of length rows; y is not read when beta is 0.
    /// O(rows cols).
    /// </summary>
    public static unsafe void Multiply<T>(T alpha, in MatrixView<T> a, ReadOnlySpan<T> x, T beta, Span<T> y, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = checked((int)a.Rows), cols = checked((int)a.Cols);
        if (rows <= 0) return;
        y = y.Slice(0, rows);
        if (cols > 0) x = x.Slice(0, cols);
        fixed (T* pa = &a.Origin, px = x, py = y)
        {
            if (a.ColumnContiguous && a.ColStride is >= 0 and <= int.MaxValue) Columns(rows, cols, alpha, pa, (int)a.ColStride, px, beta, py, parallelism.Count);
            else Gemm.SmallGemm.Gemv(rows, cols, alpha, pa, (nint)a.RowStride, (nint)a.ColStride, px, 1, beta, py, 1, parallelism.Count);
        }
    }

    /// <summary>
    /// y = alpha A x + beta y for the rows x cols column-major A at <paramref name="a"/> (leading dimension lda), x and y
    /// contiguous; y is not read when beta is 0, A not when alpha is 0. The one column-layout GEMV driver: behind
    /// <see cref="Multiply{T}(T, in MatrixView{T}, ReadOnlySpan{T}, T, Span{T}, Parallelism)"/> and behind <see cref="Gemm.SmallGemm.Gemv{T}"/> (MatMul's matrix-vector products) when
    /// A's rows are contiguous. Split over up to <paramref name="maxThreads"/> threads by row blocks of y (multiples of
    /// 16, so threads never share a cache line of y) when large. O(rows cols).
    /// </summary>
    internal static unsafe void Columns<T>(int rows, int cols, T alpha, T* a, int lda, T* x, T beta, T* y, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows <= 0) return;
        int threads = ThreadsFor(rows, cols, rows / 64, maxThreads);
        if (threads <= 1) { MultiplySerial(rows, cols, alpha, a, lda, x, beta, y); return; }
        SplitJob.Run(threads, (tid, nt) =>
        {
            int r0 = SplitJob.Bound(tid, nt, rows, 16), r1 = SplitJob.Bound(tid + 1, nt, rows, 16);
            if (r1 > r0) MultiplySerial(r1 - r0, cols, alpha, a + r0, lda, x, beta, y + r0);
        });
    }

    private static unsafe void MultiplySerial<T>(int rows, int cols, T alpha, T* a, int lda, T* x, T beta, T* yp)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new Span<T>(yp, rows);
        if (beta == T.Zero) y.Clear();
        else if (beta != T.One) for (int i = 0; i < rows; i++) y[i] *= beta;
        if (cols <= 0 || alpha == T.Zero) return;
        AccumulateColumns(rows, cols, alpha, ref *a, lda, new ReadOnlySpan<T>(x, cols), y);
    }

    /// <summary>
    /// y += alpha A x for the rows x cols column-major matrix whose first entry is <paramref name="a0"/> (leading
    /// dimension lda), x contiguous: four columns per pass. The kernel of <see cref="Columns{T}"/>, and of
    /// <see cref="Gemm.SmallGemm.Gemv{T}"/>'s column path when x is strided.
    /// </summary>
    internal static void AccumulateColumns<T>(int rows, int cols, T alpha, ref T a0, int lda, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows <= 0 || cols <= 0) return;
        if (Vector512.IsHardwareAccelerated && rows >= 4 * Vector512<T>.Count && cols <= FewColumns) MultiplyFewColumns<Ops512<T>, Vector512<T>, T>(rows, cols, alpha, ref a0, lda, x, y);
        else if (Vector512.IsHardwareAccelerated && rows >= Vector512<T>.Count) MultiplyCore<Ops512<T>, Vector512<T>, T>(rows, cols, alpha, ref a0, lda, x, y);
        else if (Vector256.IsHardwareAccelerated && rows >= Vector256<T>.Count) MultiplyCore<Ops256<T>, Vector256<T>, T>(rows, cols, alpha, ref a0, lda, x, y);
        else MultiplyScalar(rows, cols, alpha, ref a0, lda, x, y);
    }

    /// <summary>
    /// y = A x for the symmetric k x k matrix whose lower triangle is the column-major view <paramref name="a"/> (row
    /// stride 1; the upper part is not read), x and y of length k. Large ones are split over threads by column ranges
    /// of equal triangle area, each accumulating into its own y (the fused kernel writes rows below and the column's own
    /// entry), summed at the end; the view is pinned for the workers. O(k^2).
    /// </summary>
    public static unsafe void SymmetricLower<T>(in MatrixView<T> a, ReadOnlySpan<T> x, Span<T> y, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = checked((int)a.Rows);
        Debug.Assert(a.Cols == k && (a.RowStride == 1 || k <= 1));
        if (k <= 0) return;
        y = y.Slice(0, k);
        y.Clear();
        int threads = ThreadsFor(k, k / 2, k / 64, parallelism);
        if (threads <= 1) { SymmetricLowerRange(a, x, y, 0, k); return; }
        var partial = ArrayPool<T>.Shared.Rent(k * (threads - 1));
        try
        {
            Array.Clear(partial, 0, k * (threads - 1));
            fixed (T* pa = &a.Origin, px = x, py = y)
            {
                var at = a.At(pa);
                T* xp = px, yp = py;
                int xl = x.Length;
                SplitJob.Run(threads, (tid, nt) =>
                {
                    int c0 = AreaBound(tid, nt, k), c1 = AreaBound(tid + 1, nt, k);
                    var dst = tid == 0 ? new Span<T>(yp, k) : partial.AsSpan((tid - 1) * k, k);
                    if (c1 > c0) SymmetricLowerRange(at.View, new ReadOnlySpan<T>(xp, xl), dst, c0, c1);
                });
            }
            for (int t = 1; t < threads; t++) TensorPrimitives.Add(y, partial.AsSpan((t - 1) * k, k), y);
        }
        finally { ArrayPool<T>.Shared.Return(partial); }
    }

    /// <summary>Column c_t splitting the lower triangle of order k into equal areas: k (1 - sqrt(1 - t / threads)), rounded to 4.</summary>
    internal static int AreaBound(int t, int threads, int k) =>
        t >= threads ? k : Math.Min(k, (int)(k * (1 - Math.Sqrt(1 - (double)t / threads))) / 4 * 4);

    /// <summary>Threads for a level-2 product over rows x cols entries: one per 2^17 entries (1 MiB of doubles), at most <paramref name="parts"/> and the configured count.</summary>
    private static int ThreadsFor(int rows, int cols, int parts, Parallelism parallelism) => ThreadsFor(rows, cols, parts, parallelism.Count);

    /// <summary>Threads for a level-2 product over rows x cols entries: one per 2^17 entries (1 MiB of doubles), at most <paramref name="parts"/> and <paramref name="max"/>.</summary>
    private static int ThreadsFor(int rows, int cols, int parts, int max)
    {
        if (max <= 1) return 1;
        long work = (long)rows * cols;
        return (int)Math.Max(1, Math.Min(Math.Min(max, parts), work >> 17));
    }

    /// <summary>y += (the columns c0..c1-1 of the lower triangle of the column-major view a, both halves) x: one thread's share of <see cref="SymmetricLower{T}(in MatrixView{T}, ReadOnlySpan{T}, Span{T}, Parallelism)"/>.</summary>
    internal static void SymmetricLowerRange<T>(in MatrixView<T> a, ReadOnlySpan<T> x, Span<T> y, int c0, int c1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = checked((int)a.Rows);
        if (k <= 0 || c1 <= c0) return;
        Debug.Assert(a.RowStride == 1 || k <= 1);
        int lda = checked((int)a.ColStride);
        if (Vector512.IsHardwareAccelerated) SymmetricLowerCore<Ops512<T>, Vector512<T>, T>(k, ref a.Origin, lda, x, y, c0, c1);
        else if (Vector256.IsHardwareAccelerated) SymmetricLowerCore<Ops256<T>, Vector256<T>, T>(k, ref a.Origin, lda, x, y, c0, c1);
        else SymmetricLowerScalar(k, ref a.Origin, lda, x, y, c0, c1);
    }

    /// <summary>
    /// Columns up to which <see cref="MultiplyFewColumns{TOps, TVec, T}"/> keeps a block of y in registers across all of
    /// them (the tall-skinny V and W blocks of the tridiagonal and bidiagonal panels: at most the panel width).
    /// </summary>
    internal const int FewColumns = 64;

    /// <summary>
    /// y += alpha A x for a tall A of at most <see cref="FewColumns"/> columns: blocks of four registers of rows of y
    /// stay in registers while every column's piece of the block is added, so y is read and written once (instead of
    /// once per four columns) and each column is one sequential stream. O(rows cols).
    /// </summary>
    [MethodImpl(HotCode.Options)]
    internal static void MultiplyFewColumns<TOps, TVec, T>(int rows, int cols, T alpha, ref T a0, int lda, ReadOnlySpan<T> x, Span<T> y)
        where TOps : struct, ISimdOps<TVec, T> where TVec : struct where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(cols <= FewColumns && y.Length >= rows && x.Length >= cols);
        int w = TOps.Count;
        Span<T> ax = stackalloc T[FewColumns];
        for (int j = 0; j < cols; j++) ax[j] = alpha * x[j];
        ref T y0 = ref MemoryMarshal.GetReference(y);
        ref T x0 = ref MemoryMarshal.GetReference(ax);
        int i = 0;
        for (; i + 4 * w <= rows; i += 4 * w)
        {
            ref T yi = ref Unsafe.Add(ref y0, i);
            TVec s0 = TOps.Load(ref yi), s1 = TOps.Load(ref Unsafe.Add(ref yi, w));
            TVec s2 = TOps.Load(ref Unsafe.Add(ref yi, 2 * w)), s3 = TOps.Load(ref Unsafe.Add(ref yi, 3 * w));
            ref T ci = ref Unsafe.Add(ref a0, i);
            for (int j = 0; j < cols; j++)
            {
                TVec xj = TOps.Splat(Unsafe.Add(ref x0, j));
                ref T c = ref Unsafe.Add(ref ci, (nint)j * lda);
                s0 = TOps.Fma(TOps.Load(ref c), xj, s0);
                s1 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c, w)), xj, s1);
                s2 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c, 2 * w)), xj, s2);
                s3 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c, 3 * w)), xj, s3);
            }
            TOps.Store(s0, ref yi); TOps.Store(s1, ref Unsafe.Add(ref yi, w));
            TOps.Store(s2, ref Unsafe.Add(ref yi, 2 * w)); TOps.Store(s3, ref Unsafe.Add(ref yi, 3 * w));
        }
        for (; i + w <= rows; i += w)
        {
            ref T yi = ref Unsafe.Add(ref y0, i);
            TVec s0 = TOps.Load(ref yi);
            ref T ci = ref Unsafe.Add(ref a0, i);
            for (int j = 0; j < cols; j++)
                s0 = TOps.Fma(TOps.Load(ref Unsafe.Add(ref ci, (nint)j * lda)), TOps.Splat(Unsafe.Add(ref x0, j)), s0);
            TOps.Store(s0, ref yi);
        }
        for (; i < rows; i++)
        {
            T s = Unsafe.Add(ref y0, i);
            ref T ci = ref Unsafe.Add(ref a0, i);
            for (int j = 0; j < cols; j++) s += Unsafe.Add(ref ci, (nint)j * lda) * Unsafe.Add(ref x0, j);
            Unsafe.Add(ref y0, i) = s;
        }
    }

    /// <summary>The SIMD body of <see cref="Multiply{T}(T, in MatrixView{T}, ReadOnlySpan{T}, T, Span{T}, Parallelism)"/> after y has been scaled by beta.</summary>
    [MethodImpl(HotCode.Options)]
    internal static void MultiplyCore<TOps, TVec, T>(int rows, int cols, T alpha, ref T a0, int lda, ReadOnlySpan<T> x, Span<T> y)
        where TOps : struct, ISimdOps<TVec, T> where TVec : struct where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = TOps.Count, j = 0;
        ref T y0 = ref y[0];
        for (; j + 4 <= cols; j += 4)
        {
            T x0 = alpha * x[j], x1 = alpha * x[j + 1], x2 = alpha * x[j + 2], x3 = alpha * x[j + 3];
            ref T c0 = ref Unsafe.Add(ref a0, (nint)j * lda);
            ref T c1 = ref Unsafe.Add(ref a0, (nint)(j + 1) * lda);
            ref T c2 = ref Unsafe.Add(ref a0, (nint)(j + 2) * lda);
            ref T c3 = ref Unsafe.Add(ref a0, (nint)(j + 3) * lda);
            TVec v0 = TOps.Splat(x0), v1 = TOps.Splat(x1), v2 = TOps.Splat(x2), v3 = TOps.Splat(x3);
            int i = 0;
            for (; i + w <= rows; i += w)
            {
                ref T yi = ref Unsafe.Add(ref y0, i);
                // Two short chains instead of one of four dependent FMAs.
                TVec lo = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c1, i)), v1, TOps.Fma(TOps.Load(ref Unsafe.Add(ref c0, i)), v0, TOps.Load(ref yi)));
                TVec hi = TOps.Fma(TOps.Load(ref Unsafe.Add(ref c3, i)), v3, TOps.Multiply(TOps.Load(ref Unsafe.Add(ref c2, i)), v2));
                TOps.Store(TOps.Add(lo, hi), ref yi);
            }
            for (; i < rows; i++)
                Unsafe.Add(ref y0, i) += Unsafe.Add(ref c0, i) * x0 + Unsafe.Add(ref c1, i) * x1 + Unsafe.Add(ref c2, i) * x2 + Unsafe.Add(ref c3, i) * x3;
        }
        for (; j < cols; j++)
        {
            T xj = alpha * x[j];
            if (xj == T.Zero) continue;
            ref T c0 = ref Unsafe.Add(ref a0, (nint)j * lda);
            TVec v0 = TOps.Splat(xj);
            int i = 0;
            for (; i + w <= rows; i += w)
            {
                ref T yi = ref Unsafe.Add(ref y0, i);
                TOps.Store(TOps.Fma(TOps.Load(ref Unsafe.Add(ref c0, i)), v0, TOps.Load(ref yi)), ref yi);
            }
            for (; i < rows; i++) Unsafe.Add(ref y0, i) += Unsafe.Add(ref c0, i) * xj;
        }
    }

    /// <summary>
    /// The SIMD body of <see cref="SymmetricLower{T}(in MatrixView{T}, ReadOnlySpan{T}, Span{T}, Parallelism)"/> for the columns c0..c1-1: four columns per pass, each entry read
    /// once for y[r] += a x[c] and y[c] += a x[r]; two registers of rows per step (eight column loads in flight, which
    /// a trailing matrix streamed from L3 or memory needs), references without per-entry bounds checks (the range is
    /// checked once). Accumulates into y (length k).
    /// </summary>
    [MethodImpl(HotCode.Options)]
    internal static void SymmetricLowerCore<TOps, TVec, T>(int k, ref T abase, int lda, ReadOnlySpan<T> x, Span<T> y, int colStart, int colEnd)
        where TOps : struct, ISimdOps<TVec, T> where TVec : struct where T : unmanaged, IFloatingPointIeee754<T>
    {
        y = y.Slice(0, k);
        x = x.Slice(0, k);
        if (colEnd <= colStart) return;
        Debug.Assert(colStart >= 0 && colEnd <= k && lda >= k);
        int w = TOps.Count, j = colStart;
        ref T x0 = ref MemoryMarshal.GetReference(x);
        ref T y0 = ref MemoryMarshal.GetReference(y);
        for (; j + 4 <= colEnd; j += 4)
        {
            ref T c0 = ref Unsafe.Add(ref abase, (nint)j * lda);
            ref T c1 = ref Unsafe.Add(ref c0, lda);
            ref T c2 = ref Unsafe.Add(ref c1, lda);
            ref T c3 = ref Unsafe.Add(ref c2, lda);
            // The 4 x 4 diagonal block.
            for (int c = j; c < j + 4; c++)
            {
                ref T cc = ref Unsafe.Add(ref abase, (nint)c * lda);
                ref T yc = ref Unsafe.Add(ref y0, c);
                T xc = Unsafe.Add(ref x0, c);
                yc += Unsafe.Add(ref cc, c) * xc;
                for (int r = c + 1; r < j + 4; r++)
                {
                    T arc = Unsafe.Add(ref cc, r);
                    Unsafe.Add(ref y0, r) += arc * xc;
                    yc += arc * Unsafe.Add(ref x0, r);
                }
            }
            int start = j + 4;
            if (start >= k) continue;
            T xc0 = Unsafe.Add(ref x0, j), xc1 = Unsafe.Add(ref x0, j + 1), xc2 = Unsafe.Add(ref x0, j + 2), xc3 = Unsafe.Add(ref x0, j + 3);
            TVec v0 = TOps.Splat(xc0), v1 = TOps.Splat(xc1), v2 = TOps.Splat(xc2), v3 = TOps.Splat(xc3);
            TVec s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero;
            TVec t0 = TOps.Zero, t1 = TOps.Zero, t2 = TOps.Zero, t3 = TOps.Zero;
            int i = start;
            for (; i + 2 * w <= k; i += 2 * w)
            {
                int i2 = i + w;
                TVec xr = TOps.Load(ref Unsafe.Add(ref x0, i)), xs = TOps.Load(ref Unsafe.Add(ref x0, i2));
                TVec a0 = TOps.Load(ref Unsafe.Add(ref c0, i)), a1 = TOps.Load(ref Unsafe.Add(ref c1, i));
                TVec a2 = TOps.Load(ref Unsafe.Add(ref c2, i)), a3 = TOps.Load(ref Unsafe.Add(ref c3, i));
                TVec b0 = TOps.Load(ref Unsafe.Add(ref c0, i2)), b1 = TOps.Load(ref Unsafe.Add(ref c1, i2));
                TVec b2 = TOps.Load(ref Unsafe.Add(ref c2, i2)), b3 = TOps.Load(ref Unsafe.Add(ref c3, i2));
                ref T yi = ref Unsafe.Add(ref y0, i);
                ref T yj = ref Unsafe.Add(ref y0, i2);
                TVec lo = TOps.Fma(a1, v1, TOps.Fma(a0, v0, TOps.Load(ref yi)));
                TVec hi = TOps.Fma(a3, v3, TOps.Multiply(a2, v2));
                TVec lo2 = TOps.Fma(b1, v1, TOps.Fma(b0, v0, TOps.Load(ref yj)));
                TVec hi2 = TOps.Fma(b3, v3, TOps.Multiply(b2, v2));
                TOps.Store(TOps.Add(lo, hi), ref yi);
                TOps.Store(TOps.Add(lo2, hi2), ref yj);
                s0 = TOps.Fma(a0, xr, s0); s1 = TOps.Fma(a1, xr, s1); s2 = TOps.Fma(a2, xr, s2); s3 = TOps.Fma(a3, xr, s3);
                t0 = TOps.Fma(b0, xs, t0); t1 = TOps.Fma(b1, xs, t1); t2 = TOps.Fma(b2, xs, t2); t3 = TOps.Fma(b3, xs, t3);
            }
            for (; i + w <= k; i += w)
            {
                TVec xr = TOps.Load(ref Unsafe.Add(ref x0, i));
                ref T yi = ref Unsafe.Add(ref y0, i);
                TVec a0 = TOps.Load(ref Unsafe.Add(ref c0, i)), a1 = TOps.Load(ref Unsafe.Add(ref c1, i));
                TVec a2 = TOps.Load(ref Unsafe.Add(ref c2, i)), a3 = TOps.Load(ref Unsafe.Add(ref c3, i));
                TVec lo = TOps.Fma(a1, v1, TOps.Fma(a0, v0, TOps.Load(ref yi)));
                TVec hi = TOps.Fma(a3, v3, TOps.Multiply(a2, v2));
                TOps.Store(TOps.Add(lo, hi), ref yi);
                s0 = TOps.Fma(a0, xr, s0); s1 = TOps.Fma(a1, xr, s1); s2 = TOps.Fma(a2, xr, s2); s3 = TOps.Fma(a3, xr, s3);
            }
            T r0 = TOps.Sum(TOps.Add(s0, t0)), r1 = TOps.Sum(TOps.Add(s1, t1)), r2 = TOps.Sum(TOps.Add(s2, t2)), r3 = TOps.Sum(TOps.Add(s3, t3));
            for (; i < k; i++)
            {
                T xi = Unsafe.Add(ref x0, i);
                T e0 = Unsafe.Add(ref c0, i), e1 = Unsafe.Add(ref c1, i), e2 = Unsafe.Add(ref c2, i), e3 = Unsafe.Add(ref c3, i);
                Unsafe.Add(ref y0, i) += e0 * xc0 + e1 * xc1 + e2 * xc2 + e3 * xc3;
                r0 += e0 * xi; r1 += e1 * xi; r2 += e2 * xi; r3 += e3 * xi;
            }
            Unsafe.Add(ref y0, j) += r0; Unsafe.Add(ref y0, j + 1) += r1; Unsafe.Add(ref y0, j + 2) += r2; Unsafe.Add(ref y0, j + 3) += r3;
        }
        for (; j < colEnd; j++)
        {
            ref T cc = ref Unsafe.Add(ref abase, (nint)j * lda);
            ref T yc = ref Unsafe.Add(ref y0, j);
            T xj = Unsafe.Add(ref x0, j);
            yc += Unsafe.Add(ref cc, j) * xj;
            for (int r = j + 1; r < k; r++)
            {
                Unsafe.Add(ref y0, r) += Unsafe.Add(ref cc, r) * xj;
                yc += Unsafe.Add(ref cc, r) * Unsafe.Add(ref x0, r);
            }
        }
    }

    internal static void MultiplyScalar<T>(int rows, int cols, T alpha, ref T a0, int lda, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < cols; j++)
        {
            T xj = alpha * x[j];
            if (xj == T.Zero) continue;
            ref T cj = ref Unsafe.Add(ref a0, (nint)j * lda);
            for (int i = 0; i < rows; i++) y[i] += Unsafe.Add(ref cj, i) * xj;
        }
    }

    internal static void SymmetricLowerScalar<T>(int k, ref T a0, int lda, ReadOnlySpan<T> x, Span<T> y, int c0, int c1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = c0; j < c1; j++)
        {
            ref T cc = ref Unsafe.Add(ref a0, (nint)j * lda);
            y[j] += Unsafe.Add(ref cc, j) * x[j];
            for (int r = j + 1; r < k; r++)
            {
                y[r] += Unsafe.Add(ref cc, r) * x[j];
                y[j] += Unsafe.Add(ref cc, r) * x[r];
            }
        }
    }
}
