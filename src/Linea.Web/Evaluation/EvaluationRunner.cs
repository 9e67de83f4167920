using Linea.Calc;
using Linea.Calc.Rendering;
using Linea.Web.Sessions;

namespace Linea.Web.Evaluation;

/// <summary>
/// Runs evaluations under the server's limits: at most <see cref="WebServerOptions.MaxConcurrentEvaluations"/> at once
/// (a request waits <see cref="WebServerOptions.QueueTimeout"/> for a slot, then is refused), one per session, each
/// within <see cref="WebServerOptions.EvaluationTimeout"/> (the engine's token fires then; if the engine has not
/// stopped after <see cref="WebServerOptions.CancellationGrace"/> the request is answered anyway while the evaluation
/// keeps its slot until it ends, so a runaway evaluation can never push the server past its concurrency bound), while
/// the live managed heap stays under <see cref="WebServerOptions.MaxHeapBytes"/> (see <see cref="HeapGuard"/>), and leaving at most
/// <see cref="WebServerOptions.MaxSessionBytes"/> in the session.
/// </summary>
internal sealed class EvaluationRunner
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(20);
    private readonly SemaphoreSlim _slots;
    private readonly WebServerOptions _options;
    private readonly SessionStore _sessions;
    private readonly HeapGuard _heap;

    public EvaluationRunner(WebServerOptions options, SessionStore sessions, HeapGuard? heap = null)
    {
        _options = options;
        _sessions = sessions;
        _heap = heap ?? new HeapGuard(options.HeapCollectAboveBytes, options.MaxHeapBytes, TimeSpan.FromMilliseconds(200));
        _slots = new SemaphoreSlim(options.MaxConcurrentEvaluations, options.MaxConcurrentEvaluations);
    }

    /// <summary>Evaluations running now, including any that outlived their request.</summary>
    public int InFlight => _options.MaxConcurrentEvaluations - _slots.CurrentCount;

    /// <summary>
    /// Evaluates <paramref name="program"/> in <paramref name="session"/>. Returns null when no slot or the session did
    /// not become free within the queue timeout (the caller answers 429); otherwise the outcome.
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
        bool memoryExceeded = false;
        var evaluation = Task.Run(() =>
        {
            try
            {
                var outcome = EvaluateGuarded(session.Session, program, budget.Token, _options.EvaluationTimeout);
                if (Volatile.Read(ref memoryExceeded))
                    outcome = outcome with { Failure = HeapFailure(_options.MaxHeapBytes) };
                return BoundSessionMemory(session, outcome);
            }
            finally
            {
                session.Gate.Release();
                _slots.Release();
            }
        }, CancellationToken.None);
        _ = evaluation.ContinueWith(_ => budget.Dispose(), TaskScheduler.Default);

        var deadline = DateTime.UtcNow + _options.EvaluationTimeout + _options.CancellationGrace;
        while (!evaluation.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.WhenAny(evaluation, Task.Delay(WatchInterval, CancellationToken.None)).ConfigureAwait(false);
            if (!evaluation.IsCompleted && !memoryExceeded && _heap.IsOverBudget())
            {
                Volatile.Write(ref memoryExceeded, true);
                try { budget.Cancel(); } catch (ObjectDisposedException) { /* finished meanwhile */ }
            }
        }
        if (evaluation.IsCompleted)
            return await evaluation.ConfigureAwait(false);
        return new EvalOutcome([], memoryExceeded ? HeapFailure(_options.MaxHeapBytes) : TimeLimitFailure(_options.EvaluationTimeout));
    }

    /// <summary>Clears a session whose variables hold more than allowed, and trims other sessions to the total budget.</summary>
    private EvalOutcome BoundSessionMemory(SessionEntry session, EvalOutcome outcome)
    {
        if (outcome.HeldBytes > _options.MaxSessionBytes)
        {
            session.Session.Clear();
            session.HeldBytes = 0;
            var failure = new EvalFailure(EvalFailureKind.Limit,
                $"the session's variables would hold about {outcome.HeldBytes / 1048576.0:0.#} MiB, beyond the server's limit of "
                + $"{_options.MaxSessionBytes / 1048576.0:0.#} MiB per session; its variables were cleared",
                Hint: "keep fewer or smaller named matrices");
            return outcome with { Failure = outcome.Failure ?? failure, Variables = [], HeldBytes = 0 };
        }
        session.HeldBytes = outcome.HeldBytes;
        _sessions.TrimTo(_options.MaxTotalSessionBytes, session);
        return outcome;
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
        catch (CalcIOException e)
        {
            return new EvalOutcome([], new EvalFailure(EvalFailureKind.Forbidden, e.Message, e.Line, e.Column, e.Hint));
        }
        catch (CalcException e)
        {
            return new EvalOutcome([], new EvalFailure(EvalFailureKind.Calc, e.Message, e.Line, e.Column, e.Hint, Code: JsonRenderer.ErrorKind(e)));
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

    private static EvalFailure HeapFailure(long maxHeapBytes) =>
        new(EvalFailureKind.Limit, $"evaluation stopped: the server's memory use passed its budget of {maxHeapBytes / 1048576.0:0} MiB",
            Hint: "try smaller matrices, or retry when fewer evaluations are running");
}
