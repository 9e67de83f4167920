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
/// everything else runs the packed five-loop driver with the best microkernel for the hardware.
/// </summary>
internal static class Gemm
{
    /// <summary>
    /// Below this many multiply-adds (m*n*k, about 96^3) the product runs on one thread: waking a worker costs
    /// a few microseconds, as much as the whole product at this size.
    /// </summary>
    public const long DefaultParallelThreshold = 96L * 96 * 96;

    /// <summary>C = alpha * A @ B + beta * C on all cores (<see cref="Parallelism.Default"/>).</summary>
    public static void Multiply<T>(int m, int n, int k, T alpha,
        T[] a, int aOff, int aRs, int aCs,
        T[] b, int bOff, int bRs, int bCs,
        T beta, T[] c, int cOff, int cRs, int cCs) where T : unmanaged, IFloatingPointIeee754<T>
        => Multiply(m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs, Parallelism.Default, GemmParams.Auto);

    /// <summary>C = alpha * A @ B + beta * C with an explicit thread count and tuning parameters.</summary>
    public static unsafe void Multiply<T>(int m, int n, int k, T alpha,
        T[] a, int aOff, int aRs, int aCs,
        T[] b, int bOff, int bRs, int bCs,
        T beta, T[] c, int cOff, int cRs, int cCs,
        Parallelism parallelism, GemmParams? prm = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m <= 0 || n <= 0) return;
        prm ??= GemmParams.Auto;
        Debug.Assert(cOff + (long)(m - 1) * cRs + (long)(n - 1) * cCs < c.Length);
        Debug.Assert(k == 0 || aOff + (long)(m - 1) * aRs + (long)(k - 1) * aCs < a.Length);
        Debug.Assert(k == 0 || bOff + (long)(k - 1) * bRs + (long)(n - 1) * bCs < b.Length);
        fixed (T* pa = a, pb = b, pc = c)
        {
            T* A = pa + aOff, B = pb + bOff, C = pc + cOff;
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
            }
            var kind = prm.Kernel == MicroKernelKind.Auto ? BlockSizes.Best(sizeof(T)) : prm.Kernel;
            if (!BlockSizes.IsSupported(kind) || (typeof(T) != typeof(double) && typeof(T) != typeof(float)))
                kind = MicroKernelKind.Reference;
            var (mcb, kcb, ncb) = BlockSizes.For(kind, sizeof(T));
            if (prm.MC > 0) mcb = prm.MC;
            if (prm.KC > 0) kcb = prm.KC;
            if (prm.NC > 0) ncb = prm.NC;
            switch (kind)
            {
                case MicroKernelKind.Avx512:
                    GemmDriver.Run<T, Avx512Kernel<T>>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads);
                    break;
                case MicroKernelKind.Avx512Tall:
                    GemmDriver.Run<T, Avx512TallKernel<T>>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads);
                    break;
                case MicroKernelKind.Avx2:
                    GemmDriver.Run<T, Avx2Kernel<T>>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads);
                    break;
                default:
                    GemmDriver.Run<T, ReferenceKernel<T>>(m, n, k, alpha, A, aRs, aCs, B, bRs, bCs, beta, C, cRs, cCs, mcb, kcb, ncb, threads);
                    break;
            }
        }
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
