using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Linea.Bench;

/// <summary>
/// OpenBLAS's LAPACK (getrf, potrf, gesv, getri; Fortran interface, column-major) through P/Invoke, loaded at run time
/// from the system libopenblas.so.0 so the lapack runner still runs (printing "na") where it is absent. On AVX-512
/// hardware OPENBLAS_CORETYPE=SkylakeX is set through libc before the library loads (as the GEMM runner does), so the
/// comparison is with OpenBLAS's AVX-512 kernels; LINEA_BENCH_OPENBLAS_CORE overrides.
/// </summary>
internal static unsafe class OpenBlasLapack
{
    private static delegate* unmanaged<int*, int*, double*, int*, int*, int*, void> s_dgetrf;
    private static delegate* unmanaged<int*, int*, float*, int*, int*, int*, void> s_sgetrf;
    private static delegate* unmanaged<byte*, int*, double*, int*, int*, void> s_dpotrf;
    private static delegate* unmanaged<byte*, int*, float*, int*, int*, void> s_spotrf;
    private static delegate* unmanaged<int*, int*, double*, int*, int*, double*, int*, int*, void> s_dgesv;
    private static delegate* unmanaged<int*, int*, float*, int*, int*, float*, int*, int*, void> s_sgesv;
    private static delegate* unmanaged<int*, double*, int*, int*, double*, int*, int*, void> s_dgetri;
    private static delegate* unmanaged<int*, float*, int*, int*, float*, int*, int*, void> s_sgetri;


    /// <summary>Whether the library and its LAPACK symbols loaded.</summary>
    public static bool Available { get; private set; }

    /// <summary>The kernel family OpenBLAS chose, or "na".</summary>
    public static string Core => OpenBlasLibrary.Core;

    /// <summary>Loads libopenblas.so.0 (once, through <see cref="OpenBlasLibrary"/>) and resolves the LAPACK symbols.</summary>
    public static void Load(int threads)
    {
        if (Available) return;
        nint h = OpenBlasLibrary.Load(threads);
        if (h == 0) return;
        try
        {
            s_dgetrf = (delegate* unmanaged<int*, int*, double*, int*, int*, int*, void>)NativeLibrary.GetExport(h, "dgetrf_");
            s_sgetrf = (delegate* unmanaged<int*, int*, float*, int*, int*, int*, void>)NativeLibrary.GetExport(h, "sgetrf_");
            s_dpotrf = (delegate* unmanaged<byte*, int*, double*, int*, int*, void>)NativeLibrary.GetExport(h, "dpotrf_");
            s_spotrf = (delegate* unmanaged<byte*, int*, float*, int*, int*, void>)NativeLibrary.GetExport(h, "spotrf_");
            s_dgesv = (delegate* unmanaged<int*, int*, double*, int*, int*, double*, int*, int*, void>)NativeLibrary.GetExport(h, "dgesv_");
            s_sgesv = (delegate* unmanaged<int*, int*, float*, int*, int*, float*, int*, int*, void>)NativeLibrary.GetExport(h, "sgesv_");
            s_dgetri = (delegate* unmanaged<int*, double*, int*, int*, double*, int*, int*, void>)NativeLibrary.GetExport(h, "dgetri_");
            s_sgetri = (delegate* unmanaged<int*, float*, int*, int*, float*, int*, int*, void>)NativeLibrary.GetExport(h, "sgetri_");
        }
        catch (EntryPointNotFoundException) { return; }
        Available = true;
    }

    /// <summary>openblas_set_num_threads.</summary>
    public static void SetThreads(int threads) => OpenBlasLibrary.SetThreads(threads);

    /// <summary>getrf on the n x n matrix in <paramref name="a"/> (column-major; a row-major array is its transpose, same cost). Returns info.</summary>
    public static int Getrf<T>(int n, T[] a, int[] ipiv) where T : unmanaged
    {
        int info = 0, lda = n;
        fixed (T* pa = a) fixed (int* pp = ipiv)
        {
            if (typeof(T) == typeof(double)) s_dgetrf(&n, &n, (double*)pa, &lda, pp, &info);
            else s_sgetrf(&n, &n, (float*)pa, &lda, pp, &info);
        }
        return info;
    }

    /// <summary>potrf ('U' in column-major: the lower triangle of the row-major array). Returns info.</summary>
    public static int Potrf<T>(int n, T[] a) where T : unmanaged
    {
        int info = 0, lda = n;
        byte uplo = (byte)'U';
        fixed (T* pa = a)
        {
            if (typeof(T) == typeof(double)) s_dpotrf(&uplo, &n, (double*)pa, &lda, &info);
            else s_spotrf(&uplo, &n, (float*)pa, &lda, &info);
        }
        return info;
    }

    /// <summary>gesv: solves with nrhs right-hand sides in b (n x nrhs column-major), overwriting a and b. Returns info.</summary>
    public static int Gesv<T>(int n, int nrhs, T[] a, int[] ipiv, T[] b) where T : unmanaged
    {
        int info = 0, lda = n, ldb = n;
        fixed (T* pa = a, pb = b) fixed (int* pp = ipiv)
        {
            if (typeof(T) == typeof(double)) s_dgesv(&n, &nrhs, (double*)pa, &lda, pp, (double*)pb, &ldb, &info);
            else s_sgesv(&n, &nrhs, (float*)pa, &lda, pp, (float*)pb, &ldb, &info);
        }
        return info;
    }

    /// <summary>getri after getrf: the inverse from the factors, with a workspace query first. Returns info.</summary>
    public static int Getri<T>(int n, T[] a, int[] ipiv) where T : unmanaged
    {
        int info = 0, lda = n, lwork = -1;
        T query = default;
        fixed (T* pa = a) fixed (int* pp = ipiv)
        {
            if (typeof(T) == typeof(double)) s_dgetri(&n, (double*)pa, &lda, pp, (double*)&query, &lwork, &info);
            else s_sgetri(&n, (float*)pa, &lda, pp, (float*)&query, &lwork, &info);
            lwork = Math.Max(n, (int)(typeof(T) == typeof(double) ? *(double*)&query : *(float*)&query));
            var work = new T[lwork];
            fixed (T* pw = work)
            {
                if (typeof(T) == typeof(double)) s_dgetri(&n, (double*)pa, &lda, pp, (double*)pw, &lwork, &info);
                else s_sgetri(&n, (float*)pa, &lda, pp, (float*)pw, &lwork, &info);
            }
        }
        return info;
    }
}
