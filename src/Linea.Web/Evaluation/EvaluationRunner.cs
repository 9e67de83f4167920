using Linea.Calc;
using Linea.Web.Sessions;

namespace Linea.Web.Evaluation;

/// <summary>
/// Runs evaluations under the server's limits: at most <see cref="WebServerOptions.MaxConcurrentEvaluations"/> at once
/// (a request waits <see cref="WebServerOptions.QueueTimeout"/> for a slot, then is refused), one per session, and each
/// within <see cref="WebServerOptions.EvaluationTimeout"/> (the engine's token fires then; if the engine has not
/// stopped after <see cref="WebServerOptions.CancellationGrace"/> the request is answered anyway while the evaluation
/// keeps its slot until it ends, so a runaway evaluation can never push the server past its concurrency bound).
/// </summary>
internal sealed class EvaluationRunner
{
    private readonly SemaphoreSlim _slots;
    private readonly WebServerOptions _options;

    public EvaluationRunner(WebServerOptions options)
    {
        _options = options;
        _slots = new SemaphoreSlim(options.MaxConcurrentEvaluations, options.MaxConcurrentEvaluations);
    }

    /// <summary>Evaluations running now, including any that outlived their request.</summary>
    public int InFlight => _options.MaxConcurrentEvaluations - _slots.CurrentCount;

    /// <summary>
    /// Evaluates <paramref name="program"/> in <paramref name="session"/>. Returns null when no slot or the session did
    /// not become free within the queue timeout (the caller answers 429); otherwise the outcome, whose failure kind is
    /// <see cref="EvalFailureKind.TimeLimit"/> when the budget ran out.
    /// </summary>
    public async Task<EvalOutcome?> RunAsync(SessionEntry session, string program, CancellationToken requestAborted)
    {
        if (!await _slots.WaitAsync(_options.QueueTimeout, requestAborted).ConfigureAwait(false))
            return null;
        bool sessionHeld = false;
        try
        {
            sessionHeld = await session.Gate.WaitAsync(_options.QueueTimeout, requestAborted).ConfigureAwait(false);
        }
        finally
        {
            if (!sessionHeld) _slots.Release();
        }
        if (!sessionHeld) return null;

        var budget = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        budget.CancelAfter(_options.EvaluationTimeout);
        var evaluation = Task.Run(() =>
        {
            try
            {
                return EvaluateGuarded(session.Session, program, budget.Token, _options.EvaluationTimeout);
            }
            finally
            {
                session.Gate.Release();
                _slots.Release();
                budget.Dispose();
            }
        }, CancellationToken.None);

        var deadline = Task.Delay(_options.EvaluationTimeout + _options.CancellationGrace, CancellationToken.None);
        if (await Task.WhenAny(evaluation, deadline).ConfigureAwait(false) == evaluation)
            return await evaluation.ConfigureAwait(false);
        return new EvalOutcome([], TimeLimitFailure(_options.EvaluationTimeout));
    }

    /// <summary>
    /// Calls the engine and turns the calculator's exceptions into failures. Exceptions that signal a bug (anything
    /// not listed) propagate, to be logged and answered 500 by the global handler.
    /// </summary>
    internal static EvalOutcome EvaluateGuarded(ICalcSession session, string program, CancellationToken token, TimeSpan budget)
    {
        try
        {
            return session.Evaluate(program, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return new EvalOutcome([], TimeLimitFailure(budget));
        }
        catch (CalcLimitException e)
        {
            return new EvalOutcome([], new EvalFailure(EvalFailureKind.Limit, e.Message, e.Line, e.Column, e.Hint));
        }
        catch (CalcException e)
        {
            return new EvalOutcome([], new EvalFailure(EvalFailureKind.Calc, e.Message, e.Line, e.Column, e.Hint));
        }
        catch (InsufficientExecutionStackException)
        {
            return new EvalOutcome([], new EvalFailure(EvalFailureKind.Limit, "the program is nested too deeply to evaluate"));
        }
        catch (OutOfMemoryException)
        {
            return new EvalOutcome([], new EvalFailure(EvalFailureKind.Limit, "the program needs more memory than the server allows"));
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or FormatException)
        {
            // Linea's own errors (shape mismatch, singular matrix, ...) that reached the engine's caller unwrapped.
            return new EvalOutcome([], new EvalFailure(EvalFailureKind.Calc, e.Message));
        }
    }

    private static EvalFailure TimeLimitFailure(TimeSpan budget) =>
        new(EvalFailureKind.TimeLimit, $"evaluation stopped: it ran longer than the server's time budget of {budget.TotalSeconds:0.###} s",
            Hint: "try smaller matrices or fewer steps");
}
