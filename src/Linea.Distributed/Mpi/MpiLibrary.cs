using System.Runtime.InteropServices;

namespace Linea.Distributed.Mpi;

/// <summary>
/// Loads Open MPI's <c>libmpi</c> once per process, globally (<c>dlopen(RTLD_NOW | RTLD_GLOBAL)</c>, so the MCA
/// plugins Open MPI opens later resolve against it), and resolves the entry points and predefined handles that
/// <see cref="MpiNative"/> calls. Loading never throws: when the library or a symbol is missing,
/// <see cref="Native"/> is null and <see cref="UnavailableReason"/> says why.
/// </summary>
internal static partial class MpiLibrary
{
    /// <summary>Names tried in order; <c>LINEA_LIBMPI</c> (a path or a name) is tried first when set.</summary>
    private static readonly string[] Candidates = ["libmpi.so.40", "libmpi.so", "libmpi.so.12"];

    private static readonly Lazy<(MpiNative? Native, string? Reason)> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The resolved bindings, or null when Open MPI is not usable in this process.</summary>
    public static MpiNative? Native => Loaded.Value.Native;

    /// <summary>Why <see cref="Native"/> is null; null when it is not.</summary>
    public static string? UnavailableReason => Loaded.Value.Reason;

    /// <summary>The bindings, or an exception naming why MPI is not available.</summary>
    public static MpiNative Require(string op) =>
        Native ?? throw new MpiUnavailableException($"{op}: Open MPI is not available: {UnavailableReason}");

    private static (MpiNative?, string?) Load()
    {
        var names = new List<string>();
        string? overrideName = Environment.GetEnvironmentVariable("LINEA_LIBMPI");
        if (!string.IsNullOrWhiteSpace(overrideName)) names.Add(overrideName);
        names.AddRange(Candidates);
        return TryLoad(names);
    }

    /// <summary>Tries <paramref name="names"/> in order; the bindings of the first Open MPI found, or why none was.</summary>
    internal static (MpiNative? Native, string? Reason) TryLoad(IEnumerable<string> names)
    {
        if (!OperatingSystem.IsLinux())
            return (null, "Linea.Distributed binds Open MPI's Linux ABI (libmpi.so.40); this operating system is not Linux");
        var failures = new List<string>();
        foreach (string name in names)
        {
            nint handle = OpenGlobal(name, out string? error);
            if (handle == 0)
            {
                failures.Add($"{name}: {error}");
                continue;
            }
            try
            {
                return (new MpiNative(handle), null);
            }
            catch (EntryPointNotFoundException e)
            {
                failures.Add($"{name}: {e.Message} (is it Open MPI? Linea binds Open MPI's ABI, where handles are pointers)");
            }
        }
        return (null, "could not load libmpi (install Debian's openmpi-bin and libopenmpi-dev): " + string.Join("; ", failures));
    }

    private const int RtldNow = 0x2;
    private const int RtldGlobal = 0x100;

    /// <summary>dlopen with RTLD_GLOBAL; falls back to NativeLibrary (RTLD_LOCAL) when libc's dlopen cannot be called.</summary>
    private static nint OpenGlobal(string name, out string? error)
    {
        error = null;
        try
        {
            nint h = Dl.Open(name, RtldNow | RtldGlobal);
            if (h != 0) return h;
            nint msg = Dl.Error();
            error = msg == 0 ? "dlopen failed" : Marshal.PtrToStringUTF8(msg);
            return 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            if (NativeLibrary.TryLoad(name, out nint h)) return h;
            error = "not found";
            return 0;
        }
    }

    private static partial class Dl
    {
        [LibraryImport("libc.so.6", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial nint Open(string file, int mode);

        [LibraryImport("libc.so.6", EntryPoint = "dlerror")]
        internal static partial nint Error();
    }
}
