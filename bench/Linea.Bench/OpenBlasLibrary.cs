using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Linea.Bench;

/// <summary>
/// Loads the system OpenBLAS (Debian libopenblas0-pthread, <c>libopenblas.so.0</c>) once per process, for every peer
/// binding (<see cref="OpenBlas"/>, <see cref="OpenBlasLapack"/>, <see cref="OpenBlasSpectral"/>, <see cref="QrBench"/>).
/// OpenBLAS reads its settings from the C environment when it loads, so they are set through libc <c>setenv</c> first:
/// on AVX-512 hardware OPENBLAS_CORETYPE=SkylakeX, overriding an inherited value (this environment exports Haswell;
/// OpenBLAS 0.3.21 does not recognise Zen 5 and would fall back to its AVX2 kernels). LINEA_BENCH_OPENBLAS_CORE
/// chooses another core type. Absent library: <see cref="Handle"/> stays zero and every runner prints "na".
/// </summary>
internal static unsafe class OpenBlasLibrary
{
    private static bool s_tried;
    private static delegate* unmanaged<int, void> s_setThreads;

    [DllImport("libc.so.6", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    /// <summary>The library handle, or zero when it is not installed.</summary>
    public static nint Handle { get; private set; }

    /// <summary>The kernel family OpenBLAS chose (openblas_get_corename), or "na".</summary>
    public static string Core { get; private set; } = "na";

    /// <summary>Loads the library once, with the core type and the initial thread count set in the C environment.</summary>
    public static nint Load(int threads)
    {
        if (s_tried) return Handle;
        s_tried = true;
        string? core = Environment.GetEnvironmentVariable("LINEA_BENCH_OPENBLAS_CORE");
        if (core is not null) _ = SetEnv("OPENBLAS_CORETYPE", core, 1);
        else if (Avx512F.IsSupported) _ = SetEnv("OPENBLAS_CORETYPE", "SkylakeX", 1);
        _ = SetEnv("OPENBLAS_NUM_THREADS", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), 1);
        if (!NativeLibrary.TryLoad("libopenblas.so.0", out var h)) return 0;
        Handle = h;
        if (NativeLibrary.TryGetExport(h, "openblas_set_num_threads", out var st)) s_setThreads = (delegate* unmanaged<int, void>)st;
        if (NativeLibrary.TryGetExport(h, "openblas_get_corename", out var cn))
            Core = Marshal.PtrToStringAnsi((nint)((delegate* unmanaged<byte*>)cn)()) ?? "na";
        return h;
    }

    /// <summary>openblas_set_num_threads, when the library has it.</summary>
    public static void SetThreads(int threads) { if (s_setThreads != null) s_setThreads(threads); }
}
