namespace Linea;

/// <summary>
/// How many threads a kernel may use, and the cancellation that long algorithms poll. <see cref="Default"/> is every
/// core, or the value of the <c>LINEA_NUM_THREADS</c> environment variable when it is set (read once, like
/// OPENBLAS_NUM_THREADS), with the token of the innermost <see cref="CancelWith"/> scope of the calling flow.
/// Kernels still run single-threaded below their own size threshold.
/// </summary>
/// <param name="Threads">The most threads to use, at least 1.</param>
public readonly record struct Parallelism(int Threads)
{
    private static readonly int s_default = ReadDefault();
    private static readonly AsyncLocal<CancellationToken> s_cancellation = new();
    [ThreadStatic] private static bool t_oneThread;

    /// <summary>Every core, or <c>LINEA_NUM_THREADS</c> when set to a positive integer; cancelled with the current <see cref="CancelWith"/> scope's token.</summary>
    public static Parallelism Default => new(t_oneThread ? 1 : s_default) { Cancellation = s_cancellation.Value };

    /// <summary>
    /// Whether <see cref="Default"/> is one thread on the calling thread, whatever the process's default: set by Linea's
    /// background warm-up (<see cref="FirstCallWarmup"/>) around its NumPy-style calls, so that they never take the worker
    /// pool from the application (a call that finds the pool busy runs on one thread). Per thread; never set by users.
    /// </summary>
    internal static bool OneThreadOnThisThread { get => t_oneThread; set => t_oneThread = value; }

    /// <summary>
    /// Cancellation that the factorizations and iterations poll between panels, merges and sweeps (on the calling
    /// thread, never inside a threaded kernel), throwing <see cref="OperationCanceledException"/>. A single GEMM or
    /// panel is not interrupted, so the latency is one such step.
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Until the returned scope is disposed, <see cref="Default"/> on this flow of execution (thread or async flow, as
    /// <see cref="AsyncLocal{T}"/>; not process-wide) carries <paramref name="token"/>, so that the NumPy-style
    /// functions (<c>Linalg.Svd</c>, ...) called inside it can be cancelled: a calculator's time limit, a server's
    /// disconnected client. Scopes nest; disposing restores the previous token.
    /// </summary>
    public static IDisposable CancelWith(CancellationToken token)
    {
        var previous = s_cancellation.Value;
        s_cancellation.Value = token;
        return new CancellationScope(previous);
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when <see cref="Cancellation"/> is cancelled.</summary>
    internal void ThrowIfCancelled() => Cancellation.ThrowIfCancellationRequested();

    private sealed class CancellationScope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => s_cancellation.Value = previous;
    }

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
