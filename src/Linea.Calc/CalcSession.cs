using Linea.Calc.Evaluation;
using Linea.Calc.Exact;
using Linea.Calc.Lexing;
using Linea.Calc.Parsing;
using Linea.Calc.Syntax;

namespace Linea.Calc;

/// <summary>
/// The calculator's front door: a set of variables and the options that bound evaluation. <see cref="Evaluate"/>
/// runs a program (one or more statements) and returns one <see cref="StatementResult"/> per statement; a
/// syntax error stops the program before anything runs, and an evaluation error stops it at the failing statement
/// (the results up to it are returned, the error last). Nothing escapes as an exception except
/// <see cref="ArgumentNullException"/>: every failure, including a limit, is a result.
/// A session is not thread-safe; give each user (each web connection) its own.
/// </summary>
/// <example>
/// <code>
/// var session = new CalcSession();
/// var results = session.Evaluate("A = [[1, 2], [3, 4]]\ninv(A)");
/// Console.WriteLine(TextRenderer.Render(results));   // [[-2, 1], [3/2, -1/2]]
/// </code>
/// </example>
public sealed class CalcSession
{
    private readonly Evaluation.Environment _environment = new();
    private readonly Rng _rng;

    /// <summary>A session with <paramref name="options"/> (default: <see cref="CalcOptions.Default"/>).</summary>
    public CalcSession(CalcOptions? options = null)
    {
        Options = options ?? CalcOptions.Default;
        _rng = new Rng(Options.RandomSeed ?? (ulong)Random.Shared.NextInt64());
    }

    /// <summary>The options every program of this session runs under.</summary>
    public CalcOptions Options { get; }

    /// <summary>The variables defined so far (arrays, tuples, declared shapes), by name.</summary>
    public IReadOnlyDictionary<string, Value> Variables => _environment.Variables;

    /// <summary>The names that are always defined: <c>pi</c>, <c>e</c>, <c>inf</c>, <c>nan</c>, <c>true</c>, <c>false</c> (and <c>True</c>, <c>False</c>).</summary>
    public static IEnumerable<string> ConstantNames => Evaluator.ConstantNames;

    /// <summary>Forgets every variable and declared dimension.</summary>
    public void Clear() => _environment.Clear();

    /// <summary>
    /// Whether <paramref name="text"/> leaves a bracket open (or ends in a line-continuing backslash), so that a
    /// REPL should read another line before evaluating.
    /// </summary>
    public static bool NeedsMoreInput(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Lexer.OpenBracketDepth(text) > 0 || text.TrimEnd(' ', '\t', '\r', '\n').EndsWith('\\');
    }

    /// <summary>
    /// Parses and runs <paramref name="program"/>. Cost: the program's; bounded by <see cref="CalcOptions.Limits"/>.
    /// </summary>
    /// <param name="program">Statements separated by line breaks or <c>;</c>.</param>
    /// <param name="cancellationToken">
    /// Stops evaluation (the result is a <see cref="CalcLimitException"/>, "evaluation was cancelled"): between
    /// operations, and inside long exact loops (elimination, products, powers) and the calculator's own loops.
    /// <see cref="CalcLimits.MaxTime"/> stops it the same way.
    /// </param>
    /// <returns>One result per statement run; the last is the error when one occurred.</returns>
    public IReadOnlyList<StatementResult> Evaluate(string program, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        var limits = Options.Limits;
        if (program.Length > limits.MaxProgramLength)
            return [Failure(new CalcLimitException($"the program has {program.Length:#,0} characters, beyond the limit of {limits.MaxProgramLength:#,0} (MaxProgramLength)"))];

        ProgramSyntax syntax;
        try { syntax = Parser.ParseProgram(program, limits.MaxNestingDepth); }
        catch (CalcException e) { return [Failure(e)]; }

        var results = new List<StatementResult>();
        using var context = new EvalContext(Options, _environment, _rng, cancellationToken);
        var evaluator = new Evaluator(context);
        using var exactScope = ExactLimits.Override(limits.MaxExactBits, limits.MaxExactElements, limits.MaxExactOperations, context.Token);
        // The float factorizations and iterations of the core library poll the same token between panels and sweeps.
        using var floatScope = Parallelism.CancelWith(context.Token);
        // Sparse matrices densified for functions without a sparse method are held to MaxElements as well.
        using var sparseScope = SparseDensify.Limit(limits.MaxElements);
        foreach (var statement in syntax.Statements)
        {
            StatementResult result;
            try { result = evaluator.Run(statement); }
            catch (InsufficientExecutionStackException)
            {
                result = Failure(new CalcLimitException("the computation nests too deeply") { Line = statement.Span.Line, Column = statement.Span.Column }, statement);
            }
            results.Add(result);
            if (result.IsError) break;
        }
        return results;
    }

    private static StatementResult Failure(CalcException e, Statement? statement = null) => new()
    {
        Line = statement?.Span.Line ?? e.Line ?? 1,
        Source = statement?.Source ?? "",
        Kind = ResultKind.Error,
        Error = e,
    };
}
