using System.Diagnostics;
using System.Numerics;
using Linea.Kernels.Gemm.Microkernels;

namespace Linea.Kernels.Gemm;

/// <summary>
/// The one entry point for C = alpha * A @ B + beta * C on strided matrices (BLIS-style row and column
/// strides, so transposed and sliced views need no copies beyond packing). Every caller (MatMul, batched
/// stacks, the factorizations) goes through here. When beta is zero, C is overwritten and never read, so NaN
/// already in C cannot leak into the result.
/// Routing: empty or k = 0 / alpha = 0 only scales C; m = 1 or n = 1 is a GEMV; tiny products skip packing;
/// everything else runs the packed five-loop driver with the best microkernel for the hardware; A @ A^T on one
/// storage computes one triangle and mirrors it (<see cref="SymmetricProduct"/>).
/// </summary>
internal static class Gemm
{
    /// <summary>
    /// Below this many multiply-adds (m*n*k, about 96^3) the product runs on one thread: waking a worker costs
    /// a few microseconds, as much as the whole product at this size.
    /// </summary>
    public const long DefaultParallelThreshold = 96L * 96 * 96;

    /// <summary>C = alpha * A @ B + beta * C with an explicit thread count and tuning parameters.</summary>
    public static unsafe void Multiply<T>(int m, int n, int k, T alpha,
        T[] a, int aOff, int aRs, int aCs,
        T[] b, int bOff, int bRs, int bCs,
        T beta, T[] c, int cOff, int cRs, int cCs,
        Parallelism parallelism, GemmParams? prm = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m <= 0 || n <= 0) return;
        Ops.HalfPrecision.RequireComputable<T>("gemm");
        prm ??= GemmParams.Auto;
        Debug.Assert(cOff + (long)(m - 1) * cRs + (long)(n - 1) * cCs < c.Length);
        Debug.Assert(k == 0 || aOff + (long)(m - 1) * aRs + (long)(k - 1) * aCs < a.Length);
        Debug.Assert(k == 0 || bOff + (long)(k - 1) * bRs + (long)(n - 1) * bCs < b.Length);
        fixed (T* pa = a, pb = b, pc = c)
            Multiply(m, n, k, alpha, pa + aOff, aRs, aCs, pb + bOff, bRs, bCs, beta, pc + cOff, cRs, cCs, parallelism, prm);
    }

    /// <summary>The routing and blocking of C = alpha * A @ B + beta * C on pinned memory (int dimensions, native-sized strides).</summary>
    private static unsafe void Multiply<T>(int m, int n, int k, T alpha, T* A, nint aRs, nint aCs, T* B, nint bRs, nint bCs,
        T beta, T* C, nint cRs, nint cCs, Parallelism parallelism, GemmParams prm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m <= 0 || n <= 0) return;
        if (k <= 0 || alpha == T.Zero) { ScaleC(m, n, beta, C, cRs, cCs); return; }
        long work = (long)m * n * k;
        long threshold = prm.ParallelThreshold >= 0 ? prm.ParallelThreshold : DefaultParallelThreshold;
        int threads = work < threshold ? 1 : parallelism.Count;
        if (prm.AllowShortcuts)
        {
            if (n == 1) { SmallGemm.Gemv(m, k, alpha, A, aRs, aCs, B, bRs, beta, C, cRs, parallelism.Count); return; }
            if (m == 1) { SmallGemm.Gemv(n, k, alpha, B, bCs, bRs, A, aCs, beta, C, cCs, parallelism.Count); return; }
            if (m <= SmallGemm.TinyLimit && n <= SmallGemm.TinyLimit && k <= SmallGemm.TinyLimit)
            {
                SmallGemm.Tiny(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs);
                return;
            }
            if (DirectSmallGemm.Suits<T>(m, n, k, bCs, cCs))
            {
                DirectSmallGemm.Run(m, n, k, alpha, A, aRs, aCs, B, bRs, beta, C, cRs);
                return;
            }
        }
        bool lowerOnly = prm.AllowSymmetric && SymmetricProduct.Suits(m, n, k, A, aRs, aCs, B, bRs, bCs, beta);
        if (Math.Abs(cRs) < Math.Abs(cCs))
        {
            // Column-major C (the factorizations' layout): compute C^T = B^T @ A^T instead, so the microkernel
            // stores whole rows of vectors into C rather than going through its edge tile and a scalar merge.
            T* t = A; A = B; B = t;
            (aRs, aCs, bRs, bCs) = (bCs, bRs, aCs, aRs);
            (m, n) = (n, m);
            (cRs, cCs) = (cCs, cRs);
        }
        Packed(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, threads, prm, lowerOnly ? TrianglePart.LowerTiles : TrianglePart.All);
        if (lowerOnly) SymmetricProduct.MirrorLower(m, C, cRs, cCs, threads);
    }

    /// <summary>
    /// The packed GEMM (k &gt; 0) with the microkernel and blocking of <paramref name="prm"/> (the best for the hardware
    /// and shape when Auto) on <paramref name="part"/> of C: the one place a microkernel is chosen, for the general
    /// product and the triangular ones (<see cref="TriangularProduct"/>).
    /// </summary>
    internal static unsafe void Packed<T>(int m, int n, int k, T alpha, T* A, nint aRs, nint aCs, T* B, nint bRs, nint bCs,
        T beta, T* C, nint cRs, nint cCs, int threads, GemmParams prm, TrianglePart part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var kind = prm.Kernel == MicroKernelKind.Auto ? BlockSizes.BestFor(sizeof(T), m, n) : prm.Kernel;
        if (!BlockSizes.IsSupported(kind) || (typeof(T) != typeof(double) && typeof(T) != typeof(float)))
            kind = MicroKernelKind.Reference;
        var (mcb, kcb, ncb) = BlockSizes.For(kind, sizeof(T));
        if (prm.MC > 0) mcb = prm.MC;
        if (prm.KC > 0) kcb = prm.KC;
        if (prm.NC > 0) ncb = prm.NC;
        switch (kind)
        {
            case MicroKernelKind.Avx512:
                Drive<T, Avx512Kernel<T>>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads, prm, part);
                break;
            case MicroKernelKind.Avx512Tall:
                Drive<T, Avx512TallKernel<T>>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads, prm, part);
                break;
            case MicroKernelKind.Avx2:
                Drive<T, Avx2Kernel<T>>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads, prm, part);
                break;
            default:
                Drive<T, ReferenceKernel<T>>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads, prm, part);
                break;
        }
    }

    /// <summary>The packed GEMM with microkernel TK: threads over the inner dimension when it dwarfs C, over independent row or column bands for tall-skinny and short-wide shapes, else the five-loop driver (always, for an exact triangle).</summary>
    private static unsafe void Drive<T, TK>(int m, int n, int k, T alpha, T* A, nint aRs, nint aCs, T* B, nint bRs, nint bCs,
        T beta, T* C, nint cRs, nint cCs, int mcb, int kcb, int ncb, int threads, GemmParams prm, TrianglePart part)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : struct, IMicroKernel<T>
    {
        if (part is TrianglePart.Lower or TrianglePart.Upper)
        {
            GemmDriver.Run<T, TK>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads, part);
            return;
        }
        bool lowerOnly = part == TrianglePart.LowerTiles;
        // (A symmetric product is square, so the band split, which needs m >= 4n or n >= 4m, never sees lowerOnly.)
        char band = prm.AllowSplitDrivers ? BandSplitDriver.Choose<T, TK>(m, n, k, threads) : '\0';
        if (prm.AllowSplitDrivers && KSplitDriver.Suits(m, n, k, threads))
            KSplitDriver.Run<T, TK>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads, lowerOnly);
        else if (band != '\0')
            BandSplitDriver.Run<T, TK>(band, m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads);
        else
            GemmDriver.Run<T, TK>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads, part);
    }

    /// <summary>
    /// C = alpha * A @ B + beta * C on matrix views of any storage. Dimensions are 64-bit: a product with more than
    /// 2^31 rows, columns or inner length runs as a sequence of int-sized GEMMs (rows and columns of C split, the inner
    /// dimension accumulated with beta = 1 after the first piece); addresses inside the driver are native-sized.
    /// </summary>
    public static unsafe void Multiply<T>(T alpha, in MatrixView<T> a, in MatrixView<T> b, T beta, in MatrixView<T> c,
        Parallelism parallelism, GemmParams? prm = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(a.Rows == c.Rows && b.Cols == c.Cols && a.Cols == b.Rows);
        Ops.HalfPrecision.RequireComputable<T>("gemm"); // float16 reaches only MixedPrecisionGemm
        long m = c.Rows, n = c.Cols, k = a.Cols;
        if (m <= 0 || n <= 0) return;
        const long piece = 1L << 30;
        if (m > int.MaxValue || n > int.MaxValue || k > int.MaxValue)
        {
            for (long i = 0; i < m; i += piece)
                for (long j = 0; j < n; j += piece)
                {
                    long mi = Math.Min(piece, m - i), nj = Math.Min(piece, n - j);
                    var cij = c.Block(i, j, mi, nj);
                    if (k == 0) { Multiply(alpha, a.Block(i, 0, mi, 0), b.Block(0, j, 0, nj), beta, cij, parallelism, prm); continue; }
                    for (long p = 0; p < k; p += piece)
                    {
                        long kp = Math.Min(piece, k - p);
                        Multiply(alpha, a.Block(i, p, mi, kp), b.Block(p, j, kp, nj), p == 0 ? beta : T.One, cij, parallelism, prm);
                    }
                }
            return;
        }
        fixed (T* pa = &a.Origin, pb = &b.Origin, pc = &c.Origin)
            Multiply((int)m, (int)n, (int)k, alpha, pa, (nint)a.RowStride, (nint)a.ColStride, pb, (nint)b.RowStride, (nint)b.ColStride,
                beta, pc, (nint)c.RowStride, (nint)c.ColStride, parallelism, prm ?? GemmParams.Auto);
    }

    /// <summary>C = beta * C; beta = 0 writes zeros without reading C.</summary>
    private static unsafe void ScaleC<T>(int m, int n, T beta, T* c, nint rs, nint cs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.One) return;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                ref T d = ref c[i * rs + j * cs];
                d = beta == T.Zero ? T.Zero : beta * d;
            }
    }
}
