using System.Numerics;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// GEMM on column-major operands for the eigensolver: C = alpha op(A) op(B) + beta C with C column-major, computed as
/// C^T = op(B)^T op(A)^T so that <see cref="Gemm"/> writes contiguous rows (its fast path).
/// </summary>
internal static class EigenGemm
{
    /// <summary>C (m x n at (c, cOff, ldc)) = alpha op(A) op(B) + beta C; op(A) is m x k, op(B) k x n; all column-major.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k, T alpha, T[] a, int aOff, int lda,
        T[] b, int bOff, int ldb, T beta, T[] c, int cOff, int ldc, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m <= 0 || n <= 0) return;
        int rsA = transA ? lda : 1, csA = transA ? 1 : lda;
        int rsB = transB ? ldb : 1, csB = transB ? 1 : ldb;
        Gemm.Multiply(n, m, k, alpha, b, bOff, csB, rsB, a, aOff, csA, rsA, beta, c, cOff, ldc, 1, parallelism);
    }
}
