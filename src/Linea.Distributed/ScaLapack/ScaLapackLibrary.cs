using System.Runtime.InteropServices;
using Linea.Distributed.Mpi;

namespace Linea.Distributed.ScaLapackBindings;

/// <summary>
/// Loads Debian's ScaLAPACK built on Open MPI (<c>libscalapack-openmpi.so.2</c>, which holds BLACS too) once per process,
/// after Open MPI's <c>libmpi</c> (so both share one MPI), and resolves the entry points of
/// <see cref="ScaLapackNative"/>. Loading never throws: when the library or a symbol is missing, <see cref="Native"/> is
/// null and <see cref="UnavailableReason"/> says why.
/// </summary>
internal static class ScaLapackLibrary
{
    /// <summary>Names tried in order; <c>LINEA_LIBSCALAPACK</c> (a path or a name) is tried first when set.</summary>
    private static readonly string[] Candidates = ["libscalapack-openmpi.so.2.2", "libscalapack-openmpi.so.2", "libscalapack-openmpi.so", "libscalapack.so.2", "libscalapack.so"];

    private static readonly Lazy<(ScaLapackNative? Native, string? Reason)> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The resolved bindings, or null when ScaLAPACK is not usable in this process.</summary>
    public static ScaLapackNative? Native => Loaded.Value.Native;

    /// <summary>Why <see cref="Native"/> is null; null when it is not.</summary>
    public static string? UnavailableReason => Loaded.Value.Reason;

    /// <summary>The bindings, or an exception naming why ScaLAPACK is not available.</summary>
    public static ScaLapackNative Require(string op) =>
        Native ?? throw new MpiUnavailableException($"{op}: ScaLAPACK is not available: {UnavailableReason}");

    private static (ScaLapackNative?, string?) Load()
    {
        if (MpiLibrary.Native is null) return (null, "Open MPI is not available: " + MpiLibrary.UnavailableReason);
        var names = new List<string>();
        string? overrideName = Environment.GetEnvironmentVariable("LINEA_LIBSCALAPACK");
        if (!string.IsNullOrWhiteSpace(overrideName)) names.Add(overrideName);
        names.AddRange(Candidates);
        var failures = new List<string>();
        foreach (string name in names)
        {
            if (!NativeLibrary.TryLoad(name, out nint handle))
            {
                failures.Add($"{name}: not found");
                continue;
            }
            try
            {
                return (new ScaLapackNative(handle), null);
            }
            catch (EntryPointNotFoundException e)
            {
                failures.Add($"{name}: {e.Message}");
            }
        }
        return (null, "could not load ScaLAPACK (install Debian's libscalapack-openmpi-dev): " + string.Join("; ", failures));
    }
}
