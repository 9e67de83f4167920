using System.Runtime.InteropServices;

namespace Linea.Bench;

/// <summary>
/// OpenBLAS's symmetric eigensolver (syevd, divide and conquer), general eigensolver (geev) and SVD (gesdd, divide and
/// conquer) through P/Invoke, for the eigh, eigvalsh, eig, eigvals, svd and svdvals lines of the lapack runner. Loads after <see cref="OpenBlasLapack.Load"/>
/// (which sets the core type and threads); <see cref="Available"/> is false where the symbols are missing.
/// </summary>
internal static unsafe class OpenBlasSpectral
{
    private static delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, void> s_dsyevd;
    private static delegate* unmanaged<byte*, byte*, int*, float*, int*, float*, float*, int*, int*, int*, int*, void> s_ssyevd;
    private static delegate* unmanaged<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, void> s_dgesdd;
    private static delegate* unmanaged<byte*, int*, int*, float*, int*, float*, float*, int*, float*, int*, float*, int*, int*, int*, void> s_sgesdd;
    private static delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, double*, int*, double*, int*, double*, int*, int*, void> s_dgeev;
    private static delegate* unmanaged<byte*, byte*, int*, float*, int*, float*, float*, float*, int*, float*, int*, float*, int*, int*, void> s_sgeev;

    /// <summary>Whether syevd, geev and gesdd loaded.</summary>
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
            s_dgeev = (delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, double*, int*, double*, int*, double*, int*, int*, void>)NativeLibrary.GetExport(h, "dgeev_");
            s_sgeev = (delegate* unmanaged<byte*, byte*, int*, float*, int*, float*, float*, float*, int*, float*, int*, float*, int*, int*, void>)NativeLibrary.GetExport(h, "sgeev_");
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

    /// <summary>gesdd ('A' with full U and VT, 'S' with the reduced ones when <paramref name="reduced"/>, else 'N') on
    /// the m x n array; workspace queried first. Returns info.</summary>
    public static int Gesdd<T>(bool vectors, int m, int n, T[] a, T[] s, bool reduced = false) where T : unmanaged
    {
        byte jobz = (byte)(vectors ? (reduced ? 'S' : 'A') : 'N');
        int k = Math.Min(m, n), uc = reduced ? k : m, vr = reduced ? k : n;
        int lda = m, ldu = vectors ? m : 1, ldvt = vectors ? vr : 1, lwork = -1, info = 0;
        var u = new T[vectors ? (long)m * uc : 1];
        var vt = new T[vectors ? (long)vr * n : 1];
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

    /// <summary>
    /// geev with jobvl 'N' and jobvr 'V' (right eigenvectors, as numpy.linalg.eig) or 'N' (eigenvalues only, as eigvals)
    /// on the n x n array; workspace queried first. Returns info.
    /// </summary>
    public static int Geev<T>(bool vectors, int n, T[] a, T[] wr, T[] wi) where T : unmanaged
    {
        byte jobvl = (byte)'N', jobvr = (byte)(vectors ? 'V' : 'N');
        int lda = n, ldvl = 1, ldvr = vectors ? n : 1, lwork = -1, info = 0;
        var vl = new T[1];
        var vr = new T[vectors ? n * n : 1];
        T q = default;
        fixed (T* pa = a, pwr = wr, pwi = wi, pvl = vl, pvr = vr)
        {
            Call(&jobvl, &jobvr, &n, pa, &lda, pwr, pwi, pvl, &ldvl, pvr, &ldvr, &q, &lwork, &info);
            lwork = (int)ToDouble(q) + 1;
            var work = new T[lwork];
            fixed (T* pw = work) Call(&jobvl, &jobvr, &n, pa, &lda, pwr, pwi, pvl, &ldvl, pvr, &ldvr, pw, &lwork, &info);
        }
        return info;

        static void Call(byte* jl, byte* jr, int* n, T* a, int* lda, T* wr, T* wi, T* vl, int* ldvl, T* vr, int* ldvr, T* work, int* lwork, int* info)
        {
            if (typeof(T) == typeof(double)) s_dgeev(jl, jr, n, (double*)a, lda, (double*)wr, (double*)wi, (double*)vl, ldvl, (double*)vr, ldvr, (double*)work, lwork, info);
            else s_sgeev(jl, jr, n, (float*)a, lda, (float*)wr, (float*)wi, (float*)vl, ldvl, (float*)vr, ldvr, (float*)work, lwork, info);
        }
    }

    private static double ToDouble<T>(T x) where T : unmanaged =>
        typeof(T) == typeof(double) ? (double)(object)x : (float)(object)x;
}
