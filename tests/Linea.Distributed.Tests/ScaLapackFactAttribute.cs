using System.Runtime.InteropServices;

namespace Linea.Distributed.Tests;

/// <summary>
/// A fact that needs mpirun and Debian's ScaLAPACK on Open MPI: skipped with a message where either is missing, unless
/// the environment variable CI is "true" (in CI both are installed and a missing one must fail, not skip).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScaLapackFactAttribute : FactAttribute
{
    private static readonly bool HasScaLapack = NativeLibrary.TryLoad("libscalapack-openmpi.so.2", out _)
        || NativeLibrary.TryLoad("libscalapack-openmpi.so.2.2", out _);

    public ScaLapackFactAttribute()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal)) return;
        if (MpiRun.Path is null)
            Skip = "Open MPI's mpirun is not on PATH (install Debian's openmpi-bin and libopenmpi-dev)";
        else if (!HasScaLapack)
            Skip = "ScaLAPACK on Open MPI is not installed (install Debian's libscalapack-openmpi-dev); "
                + "the ScaLAPACK tests run wherever it is, and always in CI (CI=true)";
    }
}
