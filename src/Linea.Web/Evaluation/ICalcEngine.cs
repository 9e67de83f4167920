namespace Linea.Web.Evaluation;

/// <summary>
/// The calculator as the web server sees it: a factory of independent sessions. The server never parses or
/// evaluates programs itself; it only enforces limits around <see cref="ICalcSession.Evaluate"/>.
/// </summary>
public interface ICalcEngine
{
    /// <summary>Creates an empty session (no variables). Must be cheap: the server may create one per request.</summary>
    ICalcSession CreateSession();
}

/// <summary>
/// One calculator session: named matrices persist from one <see cref="Evaluate"/> call to the next. The server
/// calls it from one thread at a time (a per-session lock), so implementations need not be thread-safe.
/// File access (load/save) must be disabled in sessions created for the server.
/// </summary>
public interface ICalcSession
{
    /// <summary>
    /// Evaluates every statement of <paramref name="program"/> in order and returns one JSON result per displayed
    /// value, stopping at the first error (reported in <see cref="EvalOutcome.Failure"/> with the results before it).
    /// Must observe <paramref name="cancellationToken"/>; may throw <see cref="OperationCanceledException"/> when it
    /// fires, and may throw the calculator's exceptions instead of returning a failure (the server maps both).
    /// </summary>
    EvalOutcome Evaluate(string program, CancellationToken cancellationToken);

    /// <summary>Forgets every variable (the server calls it when the session holds more memory than allowed).</summary>
    void Clear();
}
