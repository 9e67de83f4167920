using System.Runtime.InteropServices;

namespace Linea.Bench;

/// <summary>
/// OpenBLAS's symmetric eigensolver (syevd, divide and conquer) and SVD (gesdd, divide and conquer) through P/Invoke,
/// for the eigh, eigvalsh, svd and svdvals lines of the lapack runner. Loads after <see cref="OpenBlasLapack.Load"/>
/// (which sets the core type and threads); <see cref="Available"/> is false where the symbols are missing.
/// </summary>
internal static unsafe class OpenBlasSpectral
{
    private static delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, void> s_dsyevd;
    private static delegate* unmanaged<byte*, byte*, int*, float*, int*, float*, float*, int*, int*, int*, int*, void> s_ssyevd;
    private static delegate* unmanaged<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, void> s_dgesdd;
    private static delegate* unmanaged<byte*, int*, int*, float*, int*, float*, float*, int*, float*, int*, float*, int*, int*, int*, void> s_sgesdd;

    /// <summary>Whether syevd and gesdd loaded.</summary>
    public static bool Available { get; private set; }

    /// <summary>Resolves the symbols from libopenblas.so.0 (already loaded by <see cref="OpenBlasLapack.Load"/>).</summary>
    public static void Load()
    {
        nint h = OpenBlasLibrary.Handle;
        if (Available || !OpenBlasLapack.Available || h == 0) return;
        try
        {
            s_dsyevd = (delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, void>)NativeLibrary.GetExport(h, "dsyevd_");
            s_ssyevd = (delegate* unmanaged<byte*, byte*, int*, float*, int*, float*, float*, int*, int*, int*, int*, void>)NativeLibrary.GetExport(h, "ssyevd_");
            s_dgesdd = (delegate* unmanaged<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, void>)NativeLibrary.GetExport(h, "dgesdd_");
            s_sgesdd = (delegate* unmanaged<byte*, int*, int*, float*, int*, float*, float*, int*, float*, int*, float*, int*, int*, int*, void>)NativeLibrary.GetExport(h, "sgesdd_");
        }
        catch (EntryPointNotFoundException) { return; }
        Available = true;
    }

    /// <summary>syevd ('V' with vectors, else 'N'; 'L') on the n x n array, eigenvalues to w; workspace queried first. Returns info.</summary>
    public static int Syevd<T>(bool vectors, int n, T[] a, T[] w) where T : unmanaged
    {
        byte jobz = (byte)(vectors ? 'V' : 'N'), uplo = (byte)'L';
        int lda = n, lwork = -1, liwork = -1, info = 0, iq = 0;
        T q = default;
        fixed (T* pa = a, pw = w)
        {
            Call(&jobz, &uplo, &n, pa, &lda, pw, &q, &lwork, &iq, &liwork, &info);
            lwork = (int)ToDouble(q) + 1;
            liwork = Math.Max(iq, 1);
            var work = new T[lwork];
            var iwork = new int[liwork];
            fixed (T* pwk = work) fixed (int* piw = iwork)
                Call(&jobz, &uplo, &n, pa, &lda, pw, pwk, &lwork, piw, &liwork, &info);
        }
        return info;

        static void Call(byte* j, byte* u, int* n, T* a, int* lda, T* w, T* work, int* lwork, int* iwork, int* liwork, int* info)
        {
            if (typeof(T) == typeof(double)) s_dsyevd(j, u, n, (double*)a, lda, (double*)w, (double*)work, lwork, iwork, liwork, info);
            else s_ssyevd(j, u, n, (float*)a, lda, (float*)w, (float*)work, lwork, iwork, liwork, info);
        }
    }

    /// <summary>gesdd ('A' with full U and VT, else 'N') on the m x n array; workspace queried first. Returns info.</summary>
    public static int Gesdd<T>(bool vectors, int m, int n, T[] a, T[] s) where T : unmanaged
    {
        byte jobz = (byte)(vectors ? 'A' : 'N');
        int lda = m, ldu = vectors ? m : 1, ldvt = vectors ? n : 1, lwork = -1, info = 0;
        var u = new T[vectors ? m * m : 1];
        var vt = new T[vectors ? n * n : 1];
        var iwork = new int[8 * Math.Min(m, n)];
        T q = default;
        fixed (T* pa = a, ps = s, pu = u, pvt = vt) fixed (int* piw = iwork)
        {
            Call(&jobz, &m, &n, pa, &lda, ps, pu, &ldu, pvt, &ldvt, &q, &lwork, piw, &info);
            lwork = (int)ToDouble(q) + 1;
            var work = new T[lwork];
            fixed (T* pw = work) Call(&jobz, &m, &n, pa, &lda, ps, pu, &ldu, pvt, &ldvt, pw, &lwork, piw, &info);
        }
        return info;

        static void Call(byte* j, int* m, int* n, T* a, int* lda, T* s, T* u, int* ldu, T* vt, int* ldvt, T* work, int* lwork, int* iwork, int* info)
        {
            if (typeof(T) == typeof(double)) s_dgesdd(j, m, n, (double*)a, lda, (double*)s, (double*)u, ldu, (double*)vt, ldvt, (double*)work, lwork, iwork, info);
            else s_sgesdd(j, m, n, (float*)a, lda, (float*)s, (float*)u, ldu, (float*)vt, ldvt, (float*)work, lwork, iwork, info);
        }
    }

    private static double ToDouble<T>(T x) where T : unmanaged =>
        typeof(T) == typeof(double) ? (double)(object)x : (float)(object)x;
}
