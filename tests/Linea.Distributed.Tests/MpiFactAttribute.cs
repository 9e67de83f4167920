namespace Linea.Distributed.Tests;

/// <summary>
/// A fact that needs Open MPI's <c>mpirun</c>: skipped with a message saying so where mpirun is not on PATH, unless the
/// environment variable CI is "true" (in CI, .ci/run installs Open MPI and a missing mpirun must fail, not skip).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (MpiRun.Path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal))
            Skip = "Open MPI's mpirun is not on PATH (install Debian's openmpi-bin and libopenmpi-dev); "
                + "the distributed tests run wherever it is, and always in CI (CI=true)";
    }
}
