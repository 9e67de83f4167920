namespace Linea.Bench;

/// <summary>
/// Row-major <c>cblas_?gemm</c> with both transposition flags, leading dimensions and element offsets, for the shape
/// runner (<see cref="ShapesRunner"/>): C (m x n, ldc) = op(A) @ op(B), where op(A) is A or A^T of the stored
/// matrix at <paramref name="ao"/> with leading dimension <paramref name="lda"/>.
/// </summary>
internal static unsafe class OpenBlasGemm
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    /// <summary>C = op(A) @ op(B) (alpha 1, beta 0) on slices of managed arrays.</summary>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T[] a, long ao, int lda, T[] b, long bo, int ldb,
        T[] c, long co, int ldc) where T : unmanaged
    {
        int ta = transA ? Trans : NoTrans, tb = transB ? Trans : NoTrans;
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (typeof(T) == typeof(double))
                OpenBlas.Dgemm(RowMajor, ta, tb, m, n, k, 1.0, (double*)pa + ao, lda, (double*)pb + bo, ldb, 0.0, (double*)pc + co, ldc);
            else
                OpenBlas.Sgemm(RowMajor, ta, tb, m, n, k, 1f, (float*)pa + ao, lda, (float*)pb + bo, ldb, 0f, (float*)pc + co, ldc);
        }
    }
}
