using System.Net;
using Linea.Calc;

namespace Linea.Web;

/// <summary>
/// Settings of the web calculator server: where it listens and every limit it enforces. The defaults suit a
/// single user on the local machine (<c>linea serve</c>); each limit answers a clear 4xx JSON error when exceeded.
/// </summary>
public sealed record WebServerOptions
{
    /// <summary>Address to listen on; loopback (127.0.0.1) by default so the calculator is not exposed to the network.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free port (read it back with <see cref="LineaWebServer.BoundAddress"/>). Default 5080.</summary>
    public int Port { get; init; } = 5080;

    /// <summary>Largest accepted request body in bytes; a larger one is answered 413. Default 64 KiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Time budget of one evaluation; past it the evaluation is cancelled and answered 422 (kind "time_limit"). Default 2 s.</summary>
    public TimeSpan EvaluationTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Extra time granted after <see cref="EvaluationTimeout"/> for the engine to notice cancellation before the request
    /// is answered anyway; an evaluation that still runs keeps its concurrency slot until it really ends. Default 0.5 s.
    /// </summary>
    public TimeSpan CancellationGrace { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Evaluations allowed to run at once; further requests wait up to <see cref="QueueTimeout"/>, then get 429. Default: processor count, at least 2.</summary>
    public int MaxConcurrentEvaluations { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>How long a request waits for a free evaluation slot before 429. Default 250 ms.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most calculator sessions kept at once; the least recently used idle one is dropped to make room. Default 256.</summary>
    public int MaxSessions { get; init; } = 256;

    /// <summary>A session unused for this long is dropped. Default 30 minutes.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The calculator's limits (elements per array, work per operation, exact-number size, nesting depth); exceeding
    /// one is answered 422 (kind "limit"). Default <see cref="CalcLimits.Shared"/>; its MaxTime is replaced by
    /// <see cref="EvaluationTimeout"/>.
    /// </summary>
    public CalcLimits CalcLimits { get; init; } = CalcLimits.Shared;

    /// <summary>
    /// Most memory one session's variables may hold (estimated: 8 bytes per float64 element, 64 per rational). A program
    /// that leaves more behind gets 422 (kind "limit") and the session's variables are cleared. Default 64 MiB.
    /// </summary>
    public long MaxSessionBytes { get; init; } = 64L << 20;

    /// <summary>Most memory all sessions together may hold; past it the least recently used idle sessions are dropped. Default 512 MiB.</summary>
    public long MaxTotalSessionBytes { get; init; } = 512L << 20;

    /// <summary>
    /// Live managed heap (measured right after a full collection) above which running evaluations are cancelled
    /// (answered 422, kind "limit"), so that many large evaluations at once cannot exhaust the machine's memory.
    /// Default 2 GiB.
    /// </summary>
    public long MaxHeapBytes { get; init; } = 2L << 30;

    /// <summary>
    /// Heap size (garbage included) above which a running evaluation's watchdog forces a full collection, at most once a
    /// fifth of a second, to tell live memory from garbage; this also keeps the process near this size under load. Default 512 MiB.
    /// </summary>
    public long HeapCollectAboveBytes { get; init; } = 512L << 20;

    /// <summary>Write request and startup logs to the console (on for <c>linea serve</c>, off in tests). Default false.</summary>
    public bool ConsoleLogging { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Address);
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "port must be in 0..65535");
        if (MaxRequestBodyBytes < 64) throw new ArgumentOutOfRangeException(nameof(MaxRequestBodyBytes), MaxRequestBodyBytes, "must be at least 64 bytes");
        if (EvaluationTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(EvaluationTimeout), EvaluationTimeout, "must be positive");
        if (CancellationGrace < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(CancellationGrace), CancellationGrace, "must not be negative");
        if (MaxConcurrentEvaluations < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentEvaluations), MaxConcurrentEvaluations, "must be at least 1");
        if (QueueTimeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(QueueTimeout), QueueTimeout, "must not be negative");
        if (MaxSessions < 1) throw new ArgumentOutOfRangeException(nameof(MaxSessions), MaxSessions, "must be at least 1");
        if (SessionIdleTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SessionIdleTimeout), SessionIdleTimeout, "must be positive");
        ArgumentNullException.ThrowIfNull(CalcLimits);
        if (MaxSessionBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxSessionBytes), MaxSessionBytes, "must be positive");
        if (MaxTotalSessionBytes < MaxSessionBytes) throw new ArgumentOutOfRangeException(nameof(MaxTotalSessionBytes), MaxTotalSessionBytes, "must be at least MaxSessionBytes");
        if (MaxHeapBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxHeapBytes), MaxHeapBytes, "must be positive");
        if (HeapCollectAboveBytes < 1 || HeapCollectAboveBytes > MaxHeapBytes)
            throw new ArgumentOutOfRangeException(nameof(HeapCollectAboveBytes), HeapCollectAboveBytes, "must be positive and at most MaxHeapBytes");
    }
}
