using System.Runtime.InteropServices;

namespace Linea.Bench;

/// <summary>
/// Loads Debian's SuiteSparse libraries (libsuitesparse-dev / libcholmod3, libumfpack5) for the `sparse` runner's
/// cholesky and lu peers. Both call BLAS through libblas.so.3, which is OpenBLAS here (openblas-pthread); the system
/// OpenBLAS is loaded first through <see cref="OpenBlasLibrary"/> so that its core type and thread count are set as
/// for every other peer, and the peers' BLAS runs on the runner's --threads. A missing library gives a zero handle
/// and the runner prints <c>peer_s=na</c>.
/// </summary>
internal static class SuiteSparseLibrary
{
    /// <summary>The sonames tried for CHOLMOD, newest layout first (the struct layouts used are those of 3.x to 5.x).</summary>
    private static readonly string[] CholmodNames = ["libcholmod.so.5", "libcholmod.so.4", "libcholmod.so.3", "libcholmod.so"];

    /// <summary>The sonames tried for UMFPACK (the umfpack_dl_* interface is unchanged from 5.x to 6.x).</summary>
    private static readonly string[] UmfpackNames = ["libumfpack.so.6", "libumfpack.so.5", "libumfpack.so"];

    /// <summary>CHOLMOD's handle and the soname loaded, or (0, "na").</summary>
    public static (nint Handle, string Name) Cholmod(int threads) => Load(CholmodNames, threads);

    /// <summary>UMFPACK's handle and the soname loaded, or (0, "na").</summary>
    public static (nint Handle, string Name) Umfpack(int threads) => Load(UmfpackNames, threads);

    private static (nint, string) Load(string[] names, int threads)
    {
        // OpenBLAS first: once libcholmod pulls it in through libblas.so.3, its environment has been read.
        if (OpenBlasLibrary.Load(threads) != 0) OpenBlasLibrary.SetThreads(threads);
        foreach (string name in names)
            if (NativeLibrary.TryLoad(name, out var handle)) return (handle, name);
        return (0, "na");
    }

    /// <summary>The export <paramref name="name"/> of <paramref name="handle"/>; throws when the library lacks it.</summary>
    public static nint Export(nint handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var f) ? f
            : throw new EntryPointNotFoundException($"sparse: the SuiteSparse library loaded has no export '{name}'");
}
