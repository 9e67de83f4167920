using System.Diagnostics;

namespace Linea.Calc.Evaluation;

/// <summary>
/// What evaluation of one program needs besides the tree: the variables, the limits and the clock, the warnings
/// the current statement has raised, the random generator. Checks throw <see cref="CalcLimitException"/>.
/// </summary>
internal sealed class EvalContext : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenSource _budget;

    public EvalContext(CalcOptions options, Environment environment, Rng rng, CancellationToken cancellation)
    {
        Options = options;
        Environment = environment;
        Rng = rng;
        _cancellation = cancellation;
        _budget = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var limit = options.Limits.MaxTime;
        if (limit <= TimeSpan.Zero) _budget.Cancel();
        else if (limit.TotalMilliseconds < int.MaxValue) DeadlineWatchdog.CancelAfter(_budget, limit);
    }

    /// <summary>
    /// Fires when the caller's token is cancelled or <see cref="CalcLimits.MaxTime"/> has passed: long loops (exact
    /// elimination, products, powers) poll it and throw <see cref="OperationCanceledException"/>, which
    /// <see cref="LimitError"/> turns into the error the user sees.
    /// </summary>
    public CancellationToken Token => _budget.Token;

    /// <summary>The error for a stopped evaluation: cancelled by the caller, or out of time.</summary>
    public CalcLimitException LimitError() => _cancellation.IsCancellationRequested
        ? new CalcLimitException("evaluation was cancelled")
        : new CalcLimitException($"evaluation took longer than the limit of {Limits.MaxTime.TotalSeconds:0.###} s (MaxTime)");

    public void Dispose() => _budget.Dispose();

    public CalcOptions Options { get; }

    public CalcLimits Limits => Options.Limits;

    public Environment Environment { get; }

    public Rng Rng { get; }

    /// <summary>Warnings raised by the statement being evaluated.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Throws when the program has run past <see cref="CalcLimits.MaxTime"/> or was cancelled.</summary>
    public void CheckTime()
    {
        if (_budget.IsCancellationRequested || _clock.Elapsed > Limits.MaxTime) throw LimitError();
    }

    /// <summary>Throws when an array of <paramref name="count"/> elements would exceed <see cref="CalcLimits.MaxElements"/>.</summary>
    public void CheckElements(double count, string op)
    {
        if (count > Limits.MaxElements)
            throw new CalcLimitException(
                $"{op}: the result would have {count:#,0} elements, beyond the limit of {Limits.MaxElements:#,0} (MaxElements)");
    }

    /// <summary>
    /// Throws, before anything is allocated, when the float64 result <paramref name="what"/> of shape
    /// <paramref name="dims"/> would exceed <see cref="CalcLimits.MaxElements"/>: the message names the operation, the
    /// result, its shape, its elements and its bytes ("qr: the complete Q of shape (100000, 100000) would have
    /// 10,000,000,000 elements (80 GB), ..."), with <paramref name="hint"/> (a smaller form of the result) when given.
    /// </summary>
    public void CheckResult(string op, string what, string? hint, params ReadOnlySpan<long> dims)
    {
        double count = 1;
        foreach (long d in dims) count *= d;
        if (count <= Limits.MaxElements) return;
        string shape = dims.Length == 1 ? $"({dims[0]},)" : $"({string.Join(", ", dims.ToArray())})";
        double bytes = count * sizeof(double);
        string size = bytes >= 1e9 ? $"{bytes / 1e9:0.##} GB" : $"{bytes / 1e6:0.##} MB";
        throw new CalcLimitException(
            $"{op}: {what} of shape {shape} would have {count:#,0} elements ({size} of float64), beyond the limit of {Limits.MaxElements:#,0} (MaxElements)")
        { Hint = hint };
    }

    /// <summary>Throws when an operation of <paramref name="work"/> multiply-adds exceeds <see cref="CalcLimits.MaxWork"/>.</summary>
    public void CheckWork(double work, string op)
    {
        if (work > Limits.MaxWork)
            throw new CalcLimitException(
                $"{op}: about {work:0.##e0} multiply-adds, beyond the limit of {Limits.MaxWork:0.##e0} per operation (MaxWork)");
    }

    /// <summary>Adds a warning to the current statement's result (once).</summary>
    public void Warn(string message)
    {
        if (!Warnings.Contains(message)) Warnings.Add(message);
    }
}
