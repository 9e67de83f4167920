using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Linea.Bench;

/// <summary>
/// The system OpenBLAS (Debian libopenblas0-pthread) through P/Invoke, loaded at run time so the benchmark still
/// runs (printing "na") where it is absent. On AVX-512 hardware OPENBLAS_CORETYPE=SkylakeX is set through libc
/// before the library loads: OpenBLAS 0.3.21 does not recognise Zen 5 and would otherwise fall back to Haswell.
/// </summary>
internal static unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111;
    private static delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> s_dgemm;
    private static delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> s_sgemm;
    private static delegate* unmanaged<int, int, int, int, double, double*, int, double*, int, double, double*, int, void> s_dgemv;
    private static delegate* unmanaged<int, int, int, int, float, float*, int, float*, int, float, float*, int, void> s_sgemv;

    /// <summary>Whether the library loaded.</summary>
    public static bool Available { get; private set; }

    /// <summary>The kernel family OpenBLAS chose, or "na".</summary>
    public static string Core => OpenBlasLibrary.Core;

    /// <summary>Loads libopenblas.so.0 (once, through <see cref="OpenBlasLibrary"/>) and resolves the CBLAS symbols.</summary>
    public static void Load(int threads)
    {
        if (Available) return;
        nint h = OpenBlasLibrary.Load(threads);
        if (h == 0) return;
        s_dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)NativeLibrary.GetExport(h, "cblas_dgemm");
        s_sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)NativeLibrary.GetExport(h, "cblas_sgemm");
        s_dgemv = (delegate* unmanaged<int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)NativeLibrary.GetExport(h, "cblas_dgemv");
        s_sgemv = (delegate* unmanaged<int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)NativeLibrary.GetExport(h, "cblas_sgemv");
        Available = true;
    }

    /// <summary>cblas_dgemm with every argument (order, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc).</summary>
    public static void Dgemm(int order, int ta, int tb, int m, int n, int k, double alpha, double* a, int lda, double* b, int ldb,
        double beta, double* c, int ldc) => s_dgemm(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>cblas_sgemm with every argument (order, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc).</summary>
    public static void Sgemm(int order, int ta, int tb, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb,
        float beta, float* c, int ldc) => s_sgemm(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>openblas_set_num_threads.</summary>
    public static void SetThreads(int threads) => OpenBlasLibrary.SetThreads(threads);

    /// <summary>Row-major C = A @ B (m x k times k x n), or A @ B^T with B stored n x k when <paramref name="transB"/>.</summary>
    public static void Gemm<T>(int m, int n, int k, T[] a, T[] b, T[] c, bool transB = false) where T : unmanaged
    {
        int tb = transB ? 112 : NoTrans, ldb = transB ? k : n;
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (typeof(T) == typeof(double)) s_dgemm(RowMajor, NoTrans, tb, m, n, k, 1.0, (double*)pa, k, (double*)pb, ldb, 0.0, (double*)pc, n);
            else s_sgemm(RowMajor, NoTrans, tb, m, n, k, 1f, (float*)pa, k, (float*)pb, ldb, 0f, (float*)pc, n);
        }
    }

    /// <summary>Row-major y = A x, with element offsets so a batch loop can call it on slices.</summary>
    public static void Gemm<T>(int m, int n, int k, T[] a, int ao, T[] b, int bo, T[] c, int co) where T : unmanaged
    {
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (typeof(T) == typeof(double)) s_dgemm(RowMajor, NoTrans, NoTrans, m, n, k, 1.0, (double*)pa + ao, k, (double*)pb + bo, n, 0.0, (double*)pc + co, n);
            else s_sgemm(RowMajor, NoTrans, NoTrans, m, n, k, 1f, (float*)pa + ao, k, (float*)pb + bo, n, 0f, (float*)pc + co, n);
        }
    }

    /// <summary>Row-major y = A x for an m x n matrix.</summary>
    public static void Gemv<T>(int m, int n, T[] a, T[] x, T[] y) where T : unmanaged
    {
        fixed (T* pa = a, px = x, py = y)
        {
            if (typeof(T) == typeof(double)) s_dgemv(RowMajor, NoTrans, m, n, 1.0, (double*)pa, n, (double*)px, 1, 0.0, (double*)py, 1);
            else s_sgemv(RowMajor, NoTrans, m, n, 1f, (float*)pa, n, (float*)px, 1, 0f, (float*)py, 1);
        }
    }
}
