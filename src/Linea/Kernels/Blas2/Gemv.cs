using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Linea.Kernels.Blas2;

/// <summary>
/// Matrix-vector products on column-major storage (BLAS gemv 'N' and 'T', and symv on a lower triangle), for the
/// level-2 halves of the bidiagonal and tridiagonal reductions. They are bound by memory bandwidth, so each kernel
/// streams four columns per pass: the transposed product keeps eight accumulators and reads x once per four columns,
/// the plain product reads and writes y once per four columns instead of once per column, and the symmetric product
/// reads each column of the triangle once for both its halves. Vector512 where available, else Vector256, else scalar.
/// </summary>
internal static class Gemv
{
    /// <summary>
    /// y[j] = alpha (A^T x)[j] + beta y[j] for the rows x cols matrix A at (a, off, lda); y is not read when beta is 0.
    /// O(rows cols).
    /// </summary>
    public static void Transposed<T>(int rows, int cols, T alpha, T[] a, int off, int lda, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (cols <= 0) return;
        if (Vector512.IsHardwareAccelerated && rows >= Vector512<T>.Count) TransposedCore<Lanes512<T>, T>(rows, cols, alpha, a, off, lda, x, beta, y);
        else if (Vector256.IsHardwareAccelerated && rows >= Vector256<T>.Count) TransposedCore<Lanes256<T>, T>(rows, cols, alpha, a, off, lda, x, beta, y);
        else TransposedScalar(rows, cols, alpha, a, off, lda, x, beta, y);
    }

    /// <summary>
    /// y = alpha A x + beta y for the rows x cols matrix A at (a, off, lda); y is not read when beta is 0.
    /// O(rows cols).
    /// </summary>
    public static void Multiply<T>(int rows, int cols, T alpha, T[] a, int off, int lda, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows <= 0) return;
        y = y.Slice(0, rows);
        if (beta == T.Zero) y.Clear();
        else if (beta != T.One) for (int i = 0; i < rows; i++) y[i] *= beta;
        if (cols <= 0 || alpha == T.Zero) return;
        if (Vector512.IsHardwareAccelerated && rows >= Vector512<T>.Count) MultiplyCore<Lanes512<T>, T>(rows, cols, alpha, a, off, lda, x, y);
        else if (Vector256.IsHardwareAccelerated && rows >= Vector256<T>.Count) MultiplyCore<Lanes256<T>, T>(rows, cols, alpha, a, off, lda, x, y);
        else MultiplyScalar(rows, cols, alpha, a, off, lda, x, y);
    }

    /// <summary>y = A x for the symmetric k x k matrix whose lower triangle is at (a, off, lda) (the upper part is not read). O(k^2).</summary>
    public static void SymmetricLower<T>(int k, T[] a, int off, int lda, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k <= 0) return;
        if (Vector512.IsHardwareAccelerated) SymmetricLowerCore<Lanes512<T>, T>(k, a, off, lda, x, y);
        else if (Vector256.IsHardwareAccelerated) SymmetricLowerCore<Lanes256<T>, T>(k, a, off, lda, x, y);
        else SymmetricLowerScalar(k, a, off, lda, x, y);
    }

    /// <summary>The SIMD body of <see cref="Transposed{T}"/>, for any lane width (tests call each width directly).</summary>
    internal static void TransposedCore<TV, T>(int rows, int cols, T alpha, T[] a, int off, int lda, ReadOnlySpan<T> x, T beta, Span<T> y)
        where TV : struct, ISimdLanes<TV, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = TV.Count, j = 0;
        ref T x0 = ref Unsafe.AsRef(in x[0]);
        for (; j + 4 <= cols; j += 4)
        {
            ref T c0 = ref a[off + j * lda];
            ref T c1 = ref a[off + (j + 1) * lda];
            ref T c2 = ref a[off + (j + 2) * lda];
            ref T c3 = ref a[off + (j + 3) * lda];
            TV s0 = TV.Zero, s1 = TV.Zero, s2 = TV.Zero, s3 = TV.Zero, t0 = TV.Zero, t1 = TV.Zero, t2 = TV.Zero, t3 = TV.Zero;
            int i = 0;
            for (; i + 2 * w <= rows; i += 2 * w)
            {
                TV xa = TV.Load(ref Unsafe.Add(ref x0, i)), xb = TV.Load(ref Unsafe.Add(ref x0, i + w));
                s0 = TV.Fma(TV.Load(ref Unsafe.Add(ref c0, i)), xa, s0);
                s1 = TV.Fma(TV.Load(ref Unsafe.Add(ref c1, i)), xa, s1);
                s2 = TV.Fma(TV.Load(ref Unsafe.Add(ref c2, i)), xa, s2);
                s3 = TV.Fma(TV.Load(ref Unsafe.Add(ref c3, i)), xa, s3);
                t0 = TV.Fma(TV.Load(ref Unsafe.Add(ref c0, i + w)), xb, t0);
                t1 = TV.Fma(TV.Load(ref Unsafe.Add(ref c1, i + w)), xb, t1);
                t2 = TV.Fma(TV.Load(ref Unsafe.Add(ref c2, i + w)), xb, t2);
                t3 = TV.Fma(TV.Load(ref Unsafe.Add(ref c3, i + w)), xb, t3);
            }
            for (; i + w <= rows; i += w)
            {
                TV xa = TV.Load(ref Unsafe.Add(ref x0, i));
                s0 = TV.Fma(TV.Load(ref Unsafe.Add(ref c0, i)), xa, s0);
                s1 = TV.Fma(TV.Load(ref Unsafe.Add(ref c1, i)), xa, s1);
                s2 = TV.Fma(TV.Load(ref Unsafe.Add(ref c2, i)), xa, s2);
                s3 = TV.Fma(TV.Load(ref Unsafe.Add(ref c3, i)), xa, s3);
            }
            T r0 = TV.Sum(TV.Add(s0, t0)), r1 = TV.Sum(TV.Add(s1, t1)), r2 = TV.Sum(TV.Add(s2, t2)), r3 = TV.Sum(TV.Add(s3, t3));
            for (; i < rows; i++)
            {
                T xi = Unsafe.Add(ref x0, i);
                r0 += Unsafe.Add(ref c0, i) * xi;
                r1 += Unsafe.Add(ref c1, i) * xi;
                r2 += Unsafe.Add(ref c2, i) * xi;
                r3 += Unsafe.Add(ref c3, i) * xi;
            }
            Store(y, j, alpha * r0, beta);
            Store(y, j + 1, alpha * r1, beta);
            Store(y, j + 2, alpha * r2, beta);
            Store(y, j + 3, alpha * r3, beta);
        }
        for (; j < cols; j++)
        {
            ref T c0 = ref a[off + j * lda];
            TV s0 = TV.Zero, t0 = TV.Zero;
            int i = 0;
            for (; i + 2 * w <= rows; i += 2 * w)
            {
                s0 = TV.Fma(TV.Load(ref Unsafe.Add(ref c0, i)), TV.Load(ref Unsafe.Add(ref x0, i)), s0);
                t0 = TV.Fma(TV.Load(ref Unsafe.Add(ref c0, i + w)), TV.Load(ref Unsafe.Add(ref x0, i + w)), t0);
            }
            for (; i + w <= rows; i += w) s0 = TV.Fma(TV.Load(ref Unsafe.Add(ref c0, i)), TV.Load(ref Unsafe.Add(ref x0, i)), s0);
            T r0 = TV.Sum(TV.Add(s0, t0));
            for (; i < rows; i++) r0 += Unsafe.Add(ref c0, i) * Unsafe.Add(ref x0, i);
            Store(y, j, alpha * r0, beta);
        }
    }

    /// <summary>The SIMD body of <see cref="Multiply{T}"/> after y has been scaled by beta.</summary>
    internal static void MultiplyCore<TV, T>(int rows, int cols, T alpha, T[] a, int off, int lda, ReadOnlySpan<T> x, Span<T> y)
        where TV : struct, ISimdLanes<TV, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = TV.Count, j = 0;
        ref T y0 = ref y[0];
        for (; j + 4 <= cols; j += 4)
        {
            T x0 = alpha * x[j], x1 = alpha * x[j + 1], x2 = alpha * x[j + 2], x3 = alpha * x[j + 3];
            ref T c0 = ref a[off + j * lda];
            ref T c1 = ref a[off + (j + 1) * lda];
            ref T c2 = ref a[off + (j + 2) * lda];
            ref T c3 = ref a[off + (j + 3) * lda];
            TV v0 = TV.Splat(x0), v1 = TV.Splat(x1), v2 = TV.Splat(x2), v3 = TV.Splat(x3);
            int i = 0;
            for (; i + w <= rows; i += w)
            {
                ref T yi = ref Unsafe.Add(ref y0, i);
                TV acc = TV.Load(ref yi);
                acc = TV.Fma(TV.Load(ref Unsafe.Add(ref c0, i)), v0, acc);
                acc = TV.Fma(TV.Load(ref Unsafe.Add(ref c1, i)), v1, acc);
                acc = TV.Fma(TV.Load(ref Unsafe.Add(ref c2, i)), v2, acc);
                acc = TV.Fma(TV.Load(ref Unsafe.Add(ref c3, i)), v3, acc);
                TV.Store(acc, ref yi);
            }
            for (; i < rows; i++)
                Unsafe.Add(ref y0, i) += Unsafe.Add(ref c0, i) * x0 + Unsafe.Add(ref c1, i) * x1 + Unsafe.Add(ref c2, i) * x2 + Unsafe.Add(ref c3, i) * x3;
        }
        for (; j < cols; j++)
        {
            T xj = alpha * x[j];
            if (xj == T.Zero) continue;
            ref T c0 = ref a[off + j * lda];
            TV v0 = TV.Splat(xj);
            int i = 0;
            for (; i + w <= rows; i += w)
            {
                ref T yi = ref Unsafe.Add(ref y0, i);
                TV.Store(TV.Fma(TV.Load(ref Unsafe.Add(ref c0, i)), v0, TV.Load(ref yi)), ref yi);
            }
            for (; i < rows; i++) Unsafe.Add(ref y0, i) += Unsafe.Add(ref c0, i) * xj;
        }
    }

    /// <summary>The SIMD body of <see cref="SymmetricLower{T}"/>: four columns per pass, each entry read once for y[r] += a x[c] and y[c] += a x[r].</summary>
    internal static void SymmetricLowerCore<TV, T>(int k, T[] a, int off, int lda, ReadOnlySpan<T> x, Span<T> y)
        where TV : struct, ISimdLanes<TV, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        y = y.Slice(0, k);
        y.Clear();
        int w = TV.Count, j = 0;
        ref T x0 = ref Unsafe.AsRef(in x[0]);
        ref T y0 = ref y[0];
        for (; j + 4 <= k; j += 4)
        {
            // The 4 x 4 diagonal block.
            for (int c = j; c < j + 4; c++)
            {
                int cc = off + c * lda;
                y[c] += a[cc + c] * x[c];
                for (int r = c + 1; r < j + 4; r++)
                {
                    T arc = a[cc + r];
                    y[r] += arc * x[c];
                    y[c] += arc * x[r];
                }
            }
            int start = j + 4;
            if (start >= k) continue;
            ref T c0 = ref a[off + j * lda];
            ref T c1 = ref a[off + (j + 1) * lda];
            ref T c2 = ref a[off + (j + 2) * lda];
            ref T c3 = ref a[off + (j + 3) * lda];
            T xc0 = x[j], xc1 = x[j + 1], xc2 = x[j + 2], xc3 = x[j + 3];
            TV v0 = TV.Splat(xc0), v1 = TV.Splat(xc1), v2 = TV.Splat(xc2), v3 = TV.Splat(xc3);
            TV s0 = TV.Zero, s1 = TV.Zero, s2 = TV.Zero, s3 = TV.Zero;
            int i = start;
            for (; i + w <= k; i += w)
            {
                TV xr = TV.Load(ref Unsafe.Add(ref x0, i));
                ref T yi = ref Unsafe.Add(ref y0, i);
                TV a0 = TV.Load(ref Unsafe.Add(ref c0, i)), a1 = TV.Load(ref Unsafe.Add(ref c1, i));
                TV a2 = TV.Load(ref Unsafe.Add(ref c2, i)), a3 = TV.Load(ref Unsafe.Add(ref c3, i));
                TV acc = TV.Load(ref yi);
                acc = TV.Fma(a0, v0, acc);
                acc = TV.Fma(a1, v1, acc);
                acc = TV.Fma(a2, v2, acc);
                acc = TV.Fma(a3, v3, acc);
                TV.Store(acc, ref yi);
                s0 = TV.Fma(a0, xr, s0);
                s1 = TV.Fma(a1, xr, s1);
                s2 = TV.Fma(a2, xr, s2);
                s3 = TV.Fma(a3, xr, s3);
            }
            T r0 = TV.Sum(s0), r1 = TV.Sum(s1), r2 = TV.Sum(s2), r3 = TV.Sum(s3);
            for (; i < k; i++)
            {
                T xi = Unsafe.Add(ref x0, i);
                T e0 = Unsafe.Add(ref c0, i), e1 = Unsafe.Add(ref c1, i), e2 = Unsafe.Add(ref c2, i), e3 = Unsafe.Add(ref c3, i);
                Unsafe.Add(ref y0, i) += e0 * xc0 + e1 * xc1 + e2 * xc2 + e3 * xc3;
                r0 += e0 * xi; r1 += e1 * xi; r2 += e2 * xi; r3 += e3 * xi;
            }
            y[j] += r0; y[j + 1] += r1; y[j + 2] += r2; y[j + 3] += r3;
        }
        for (; j < k; j++)
        {
            int cc = off + j * lda;
            y[j] += a[cc + j] * x[j];
            for (int r = j + 1; r < k; r++)
            {
                y[r] += a[cc + r] * x[j];
                y[j] += a[cc + r] * x[r];
            }
        }
    }

    internal static void TransposedScalar<T>(int rows, int cols, T alpha, T[] a, int off, int lda, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < cols; j++)
        {
            T s = T.Zero;
            int cj = off + j * lda;
            for (int i = 0; i < rows; i++) s += a[cj + i] * x[i];
            Store(y, j, alpha * s, beta);
        }
    }

    internal static void MultiplyScalar<T>(int rows, int cols, T alpha, T[] a, int off, int lda, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < cols; j++)
        {
            T xj = alpha * x[j];
            if (xj == T.Zero) continue;
            int cj = off + j * lda;
            for (int i = 0; i < rows; i++) y[i] += a[cj + i] * xj;
        }
    }

    internal static void SymmetricLowerScalar<T>(int k, T[] a, int off, int lda, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        y.Slice(0, k).Clear();
        for (int j = 0; j < k; j++)
        {
            int cc = off + j * lda;
            y[j] += a[cc + j] * x[j];
            for (int r = j + 1; r < k; r++)
            {
                y[r] += a[cc + r] * x[j];
                y[j] += a[cc + r] * x[r];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Span<T> y, int j, T value, T beta) where T : unmanaged, IFloatingPointIeee754<T> =>
        y[j] = beta == T.Zero ? value : value + beta * y[j];
}
