using System.Runtime.InteropServices;

namespace Linea.Distributed.ScaLapackBindings;

/// <summary>
/// Thin bindings to BLACS's C interface and to ScaLAPACK's Fortran routines. The Fortran calling convention: every
/// argument by reference, local matrices column-major with a leading dimension, and for each CHARACTER argument a
/// hidden length (a <c>size_t</c>, here always 1) appended after the declared arguments, as gfortran expects.
/// Integers are 32-bit (Debian builds ScaLAPACK with the LP64 interface). Matrix pointers are <c>void*</c> so one
/// table serves the double (<c>pd...</c>) and float (<c>ps...</c>) variants, chosen by <see cref="Routines"/>.
/// </summary>
internal sealed unsafe class ScaLapackNative
{
    public readonly delegate* unmanaged<int*, int*, void> BlacsPinfo;
    public readonly delegate* unmanaged<int, int, int*, void> BlacsGet;
    public readonly delegate* unmanaged<int*, byte*, int, int, void> BlacsGridinit;
    public readonly delegate* unmanaged<int, int*, int*, int*, int*, void> BlacsGridinfo;
    public readonly delegate* unmanaged<int, void> BlacsGridexit;
    public readonly delegate* unmanaged<int, void> BlacsExit;
    public readonly delegate* unmanaged<nint, int> Sys2BlacsHandle;
    public readonly delegate* unmanaged<int, void> FreeBlacsSystemHandle;
    public readonly delegate* unmanaged<int*, int*, int*, int*, int*, int*, int*, int*, int*, int*, void> Descinit;
    public readonly delegate* unmanaged<int*, int*, int*, int*, int*, int> Numroc;

    /// <summary>The double-precision routines.</summary>
    public Routines Double { get; }

    /// <summary>The single-precision routines.</summary>
    public Routines Single { get; }

    public ScaLapackNative(nint lib)
    {
        nint S(string name) => NativeLibrary.GetExport(lib, name);
        BlacsPinfo = (delegate* unmanaged<int*, int*, void>)S("Cblacs_pinfo");
        BlacsGet = (delegate* unmanaged<int, int, int*, void>)S("Cblacs_get");
        BlacsGridinit = (delegate* unmanaged<int*, byte*, int, int, void>)S("Cblacs_gridinit");
        BlacsGridinfo = (delegate* unmanaged<int, int*, int*, int*, int*, void>)S("Cblacs_gridinfo");
        BlacsGridexit = (delegate* unmanaged<int, void>)S("Cblacs_gridexit");
        BlacsExit = (delegate* unmanaged<int, void>)S("Cblacs_exit");
        Sys2BlacsHandle = (delegate* unmanaged<nint, int>)S("Csys2blacs_handle");
        FreeBlacsSystemHandle = (delegate* unmanaged<int, void>)S("Cfree_blacs_system_handle");
        Descinit = (delegate* unmanaged<int*, int*, int*, int*, int*, int*, int*, int*, int*, int*, void>)S("descinit_");
        Numroc = (delegate* unmanaged<int*, int*, int*, int*, int*, int>)S("numroc_");
        Double = new Routines(S, "pd");
        Single = new Routines(S, "ps");
    }

    /// <summary>The routines of one precision (prefix <c>pd</c> or <c>ps</c>).</summary>
    internal sealed class Routines
    {
        // pxgesv(N, NRHS, A, IA, JA, DESCA, IPIV, B, IB, JB, DESCB, INFO)
        public readonly delegate* unmanaged<int*, int*, void*, int*, int*, int*, int*, void*, int*, int*, int*, int*, void> Gesv;
        // pxpotrf(UPLO, N, A, IA, JA, DESCA, INFO, len)
        public readonly delegate* unmanaged<byte*, int*, void*, int*, int*, int*, int*, nuint, void> Potrf;
        // pxpotrs(UPLO, N, NRHS, A, IA, JA, DESCA, B, IB, JB, DESCB, INFO, len)
        public readonly delegate* unmanaged<byte*, int*, int*, void*, int*, int*, int*, void*, int*, int*, int*, int*, nuint, void> Potrs;
        // pxgeqrf(M, N, A, IA, JA, DESCA, TAU, WORK, LWORK, INFO)
        public readonly delegate* unmanaged<int*, int*, void*, int*, int*, int*, void*, void*, int*, int*, void> Geqrf;
        // pxormqr(SIDE, TRANS, M, N, K, A, IA, JA, DESCA, TAU, C, IC, JC, DESCC, WORK, LWORK, INFO, len, len)
        public readonly delegate* unmanaged<byte*, byte*, int*, int*, int*, void*, int*, int*, int*, void*, void*, int*, int*, int*, void*, int*, int*, nuint, nuint, void> Ormqr;
        // pxtrtrs(UPLO, TRANS, DIAG, N, NRHS, A, IA, JA, DESCA, B, IB, JB, DESCB, INFO, len, len, len)
        public readonly delegate* unmanaged<byte*, byte*, byte*, int*, int*, void*, int*, int*, int*, void*, int*, int*, int*, int*, nuint, nuint, nuint, void> Trtrs;

        public Routines(Func<string, nint> resolve, string prefix)
        {
            Gesv = (delegate* unmanaged<int*, int*, void*, int*, int*, int*, int*, void*, int*, int*, int*, int*, void>)resolve(prefix + "gesv_");
            Potrf = (delegate* unmanaged<byte*, int*, void*, int*, int*, int*, int*, nuint, void>)resolve(prefix + "potrf_");
            Potrs = (delegate* unmanaged<byte*, int*, int*, void*, int*, int*, int*, void*, int*, int*, int*, int*, nuint, void>)resolve(prefix + "potrs_");
            Geqrf = (delegate* unmanaged<int*, int*, void*, int*, int*, int*, void*, void*, int*, int*, void>)resolve(prefix + "geqrf_");
            Ormqr = (delegate* unmanaged<byte*, byte*, int*, int*, int*, void*, int*, int*, int*, void*, void*, int*, int*, int*, void*, int*, int*, nuint, nuint, void>)resolve(prefix + "ormqr_");
            Trtrs = (delegate* unmanaged<byte*, byte*, byte*, int*, int*, void*, int*, int*, int*, void*, int*, int*, int*, int*, nuint, nuint, nuint, void>)resolve(prefix + "trtrs_");
        }
    }

    /// <summary>The routines of <typeparamref name="T"/>'s precision.</summary>
    /// <exception cref="NotSupportedException">T is neither double nor float.</exception>
    public Routines For<T>(string op)
    {
        if (typeof(T) == typeof(double)) return Double;
        if (typeof(T) == typeof(float)) return Single;
        throw new NotSupportedException($"{op}: element type {typeof(T).Name} is not supported by ScaLAPACK; use double or float");
    }
}
