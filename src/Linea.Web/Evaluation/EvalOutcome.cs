namespace Linea.Web.Evaluation;

/// <summary>
/// What evaluating a program produced: <see cref="Results"/> holds one JSON object per displayed value, in the
/// exact form of the CLI's <c>--json</c> output (embedded verbatim in the HTTP response); <see cref="Failure"/>
/// is the error that stopped evaluation, or null when every statement ran.
/// </summary>
/// <param name="Results">JSON texts, each one object such as <c>{"shape":[2,2],"dtype":"rational","data":...}</c>.</param>
/// <param name="Failure">The first error, or null.</param>
public sealed record EvalOutcome(IReadOnlyList<string> Results, EvalFailure? Failure)
{
    /// <summary>An outcome with results and no error.</summary>
    public static EvalOutcome Success(IReadOnlyList<string> results) => new(results, null);

    /// <summary>The session's named values after the program ran (empty when the engine does not report them).</summary>
    public IReadOnlyList<VariableInfo> Variables { get; init; } = [];

    /// <summary>Estimated bytes the session's variables hold after the program ran (the server bounds it per session and in total).</summary>
    public long HeldBytes { get; init; }
}

/// <summary>A named value kept in a session, as the page lists it.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="DType">"rational", "float64", "complex128", "sparse float64", "string", "tuple", "shape" or "explanation".</param>
/// <param name="Shape">The shape as text, e.g. "(2, 2)", or null for values without one.</param>
public sealed record VariableInfo(string Name, string DType, string? Shape);

/// <summary>Why evaluation stopped, with enough position information to draw a caret under the column.</summary>
/// <param name="Kind">Which class of error this is; it decides the HTTP status.</param>
/// <param name="Message">The user-facing message.</param>
/// <param name="Line">1-based line of the program, when known.</param>
/// <param name="Column">1-based column on that line, when known.</param>
/// <param name="Hint">A fix suggestion ("did you mean B.T?"), when one exists.</param>
/// <param name="SourceLine">The text of the offending line, when known (the server fills it in from the program otherwise).</param>
/// <param name="Code">
/// The calculator's finer class for <see cref="EvalFailureKind.Calc"/> failures (syntax, name, type, shape, math, error),
/// sent as <c>error.kind</c>; null means "error".
/// </param>
public sealed record EvalFailure(EvalFailureKind Kind, string Message, int? Line = null, int? Column = null, string? Hint = null,
    string? SourceLine = null, string? Code = null);

/// <summary>Classes of evaluation failure; each maps to one <c>error.kind</c> string of the HTTP API.</summary>
public enum EvalFailureKind
{
    /// <summary>Syntax, name, type, shape or numerical error in the program (kind from <see cref="EvalFailure.Code"/>; HTTP 422).</summary>
    Calc,

    /// <summary>A calculator limit (element count, exact-number size, nesting depth) was exceeded ("limit"; HTTP 422).</summary>
    Limit,

    /// <summary>The evaluation ran past its time budget ("time_limit"; HTTP 422).</summary>
    TimeLimit,

    /// <summary>The program asked for something the server forbids, such as load/save of files ("forbidden"; HTTP 403).</summary>
    Forbidden,
}
