namespace Linea;

/// <summary>
/// How many threads a kernel may use. <see cref="Default"/> is every core, or the value of the
/// <c>LINEA_NUM_THREADS</c> environment variable when it is set (read once, like OPENBLAS_NUM_THREADS).
/// Kernels still run single-threaded below their own size threshold.
/// </summary>
/// <param name="Threads">The most threads to use, at least 1.</param>
public readonly record struct Parallelism(int Threads)
{
    private static readonly int s_default = ReadDefault();

    /// <summary>Every core, or <c>LINEA_NUM_THREADS</c> when set to a positive integer.</summary>
    public static Parallelism Default => new(s_default);

    /// <summary>Run on the calling thread only.</summary>
    public static Parallelism None => new(1);

    /// <summary>The thread count clamped to at least one.</summary>
    internal int Count => Threads < 1 ? 1 : Threads;

    private static int ReadDefault()
    {
        string? s = Environment.GetEnvironmentVariable("LINEA_NUM_THREADS");
        if (s is not null && int.TryParse(s, out int n) && n > 0) return Math.Min(n, 256);
        return Environment.ProcessorCount;
    }
}
