using System.Diagnostics;

namespace Linea.Calc.Evaluation;

/// <summary>
/// What evaluation of one program needs besides the tree: the variables, the limits and the clock, the warnings
/// the current statement has raised, the random generator. Checks throw <see cref="CalcLimitException"/>.
/// </summary>
internal sealed class EvalContext
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationToken _cancellation;

    public EvalContext(CalcOptions options, Environment environment, Rng rng, CancellationToken cancellation)
    {
        Options = options;
        Environment = environment;
        Rng = rng;
        _cancellation = cancellation;
    }

    public CalcOptions Options { get; }

    public CalcLimits Limits => Options.Limits;

    public Environment Environment { get; }

    public Rng Rng { get; }

    /// <summary>Warnings raised by the statement being evaluated.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Throws when the program has run past <see cref="CalcLimits.MaxTime"/> or was cancelled.</summary>
    public void CheckTime()
    {
        if (_cancellation.IsCancellationRequested)
            throw new CalcLimitException("evaluation was cancelled");
        if (_clock.Elapsed > Limits.MaxTime)
            throw new CalcLimitException($"evaluation took longer than the limit of {Limits.MaxTime.TotalSeconds:0.###} s (MaxTime)");
    }

    /// <summary>Throws when an array of <paramref name="count"/> elements would exceed <see cref="CalcLimits.MaxElements"/>.</summary>
    public void CheckElements(double count, string op)
    {
        if (count > Limits.MaxElements)
            throw new CalcLimitException(
                $"{op}: the result would have {count:#,0} elements, beyond the limit of {Limits.MaxElements:#,0} (MaxElements)");
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
