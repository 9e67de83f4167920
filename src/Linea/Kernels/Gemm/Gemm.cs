using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.Kernels.Gemm;

/// <summary>
/// The one entry point for C = alpha * A @ B + beta * C on strided matrices (BLIS-style row and column
/// strides, so transposed and sliced views need no copies). Every caller (MatMul, batched stacks, the
/// factorizations) goes through here, so a faster kernel plugs in behind it.
/// When beta is zero, C is overwritten and never read, so NaN already in C cannot leak into the result.
/// </summary>
internal static class Gemm
{
    /// <summary>Columns of C handled per block: a KC x NC panel of B (128 x 512 doubles = 512 KiB) stays in L2.</summary>
    private const int NC = 512;

    /// <summary>Depth per block, so a row of A's block and B's panel stay cache-resident.</summary>
    private const int KC = 128;

    public static void Multiply<T>(int m, int n, int k, T alpha,
        T[] a, int aOff, int aRs, int aCs,
        T[] b, int bOff, int bRs, int bCs,
        T beta, T[] c, int cOff, int cRs, int cCs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        // Work on row-contiguous B and C; copy when the caller's layout is strided (the packed kernel replaces this).
        T[] bw = b; int bwOff = bOff, bwRs = bRs;
        if (bCs != 1 && n > 1)
        {
            bw = new T[k * n];
            for (int p = 0; p < k; p++)
                for (int j = 0; j < n; j++) bw[p * n + j] = b[bOff + p * bRs + j * bCs];
            bwOff = 0; bwRs = n;
        }
        T[] cw = c; int cwOff = cOff, cwRs = cRs;
        bool scatter = cCs != 1 && n > 1;
        if (scatter) { cw = new T[m * n]; cwOff = 0; cwRs = n; }

        for (int i = 0; i < m; i++)
        {
            var row = cw.AsSpan(cwOff + i * cwRs, n);
            if (beta == T.Zero || scatter) row.Clear();
            else if (beta != T.One) TensorPrimitives.Multiply(row, beta, row);
        }
        if (k > 0 && alpha != T.Zero)
        {
            for (int j0 = 0; j0 < n; j0 += NC)
            {
                int nb = Math.Min(NC, n - j0);
                for (int p0 = 0; p0 < k; p0 += KC)
                {
                    int kb = Math.Min(KC, k - p0);
                    for (int i = 0; i < m; i++)
                    {
                        var row = cw.AsSpan(cwOff + i * cwRs + j0, nb);
                        int ai = aOff + i * aRs;
                        for (int p = p0; p < p0 + kb; p++)
                        {
                            T s = alpha * a[ai + p * aCs];
                            TensorPrimitives.MultiplyAdd(bw.AsSpan(bwOff + p * bwRs + j0, nb), s, row, row);
                        }
                    }
                }
            }
        }
        if (scatter)
        {
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    ref T dst = ref c[cOff + i * cRs + j * cCs];
                    dst = (beta == T.Zero ? T.Zero : beta * dst) + cw[i * n + j];
                }
        }
    }
}
