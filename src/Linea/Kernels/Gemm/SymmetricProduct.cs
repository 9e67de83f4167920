using System.Numerics;
using Linea.Kernels.Threading;

namespace Linea.Kernels.Gemm;

/// <summary>
/// Products of a matrix with its own transpose on the same storage, C = alpha * A @ A^T (the Gram matrix X.T @ X of
/// least squares, X @ X.T of kernels and distances): C is symmetric, so the packed GEMM computes only the register
/// tiles that meet its lower triangle and the upper triangle is then copied from the lower one (BLAS syrk followed by
/// a mirror, as NumPy's matmul does when both operands are one array). About half the multiply-adds, plus one pass
/// over C; the result is exactly symmetric. Detected from the operands' addresses and strides: B is A^T exactly when
/// both start at the same element and B's row and column strides are A's column and row strides.
/// </summary>
internal static unsafe class SymmetricProduct
{
    /// <summary>
    /// Least inner dimension for the triangle to pay: the mirror reads and writes half of C once (a transposed access,
    /// a few nanoseconds per element), while each skipped element saves 2k flops (about k / 100 ns at 200 GFLOP/s).
    /// At k = 256 the saving is several times the mirror's cost; the small-k products X @ X.T with k &lt;= 128 (a
    /// 5000 x 5000 result written at memory speed) keep the plain GEMM.
    /// </summary>
    public const int MinDepth = 256;

    /// <summary>Elements of C from which the mirror runs on more than one thread.</summary>
    private const long ParallelMirrorElements = 1L << 20;

    /// <summary>Side of the square blocks the mirror transposes (two 64 x 64 double blocks fit in L1).</summary>
    private const int MirrorBlock = 64;

    /// <summary>
    /// Whether C = alpha * A @ B + beta * C (A m x k, B k x n) is a symmetric product this path takes: B is A^T on the
    /// same storage, beta = 0 (C is overwritten, so its upper triangle may be copied rather than computed) and
    /// k &gt;= <see cref="MinDepth"/>.
    /// </summary>
    public static bool Suits<T>(int m, int n, int k, T* a, nint ars, nint acs, T* b, nint brs, nint bcs, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
        => m == n && m > 1 && k >= MinDepth && beta == T.Zero && a == b && ars == bcs && acs == brs;

    /// <summary>Copies the strict lower triangle of the n x n matrix C onto its upper triangle (C[j, i] = C[i, j], i &gt; j), in blocks, on up to <paramref name="threads"/> threads.</summary>
    public static void MirrorLower<T>(int n, T* c, nint crs, nint ccs, int threads) where T : unmanaged
    {
        int blocks = (n + MirrorBlock - 1) / MirrorBlock;
        if (threads <= 1 || (long)n * n < ParallelMirrorElements)
        {
            MirrorBlockRows(0, blocks, n, c, crs, ccs);
            return;
        }
        // Block row ib holds ib + 1 blocks: cut at equal triangle area.
        nint pc = (nint)c;
        SplitJob.Run(threads, (tid, nt) =>
        {
            T* c = (T*)pc;
            int b0 = (int)Math.Round(blocks * Math.Sqrt((double)tid / nt));
            int b1 = tid + 1 == nt ? blocks : (int)Math.Round(blocks * Math.Sqrt((double)(tid + 1) / nt));
            MirrorBlockRows(b0, b1, n, c, crs, ccs);
        });
    }

    private static void MirrorBlockRows<T>(int b0, int b1, int n, T* c, nint crs, nint ccs) where T : unmanaged
    {
        for (int ib = b0; ib < b1; ib++)
        {
            int i0 = ib * MirrorBlock, i1 = Math.Min(n, i0 + MirrorBlock);
            for (int j0 = 0; j0 <= i0; j0 += MirrorBlock)
            {
                int j1 = Math.Min(n, j0 + MirrorBlock);
                // Read row i of the lower block along its fast index, write column i of the upper block.
                for (int i = i0; i < i1; i++)
                {
                    T* src = c + i * crs;
                    T* dst = c + i * ccs;
                    int jEnd = Math.Min(j1, i);
                    for (int j = j0; j < jEnd; j++) dst[j * crs] = src[j * ccs];
                }
            }
        }
    }
}
