using System.Diagnostics;
using Linea.Calc;
using Linea.Calc.Evaluation;
using Linea.Calc.Rendering;

namespace Linea.Web.Evaluation;

/// <summary>
/// The Linea calculator (<see cref="CalcSession"/>) behind the server: file access (load/save) disabled, the given
/// limits, and results rendered by <see cref="JsonRenderer"/> exactly as the CLI's <c>--json</c> writes them (plus
/// <c>{"assigned":[...]}</c> objects for assignments, which the CLI leaves out, and a plot's PNG as a data URI in
/// <c>"image"</c> where the CLI writes a file).
/// </summary>
public sealed class LineaCalcEngine : ICalcEngine
{
    /// <summary>Estimated bytes per element of an exact (rational) array: two small big integers and their headers.</summary>
    internal const long ExactElementBytes = 64;

    /// <summary>An engine whose sessions run under <paramref name="limits"/> with files disabled.</summary>
    public LineaCalcEngine(CalcLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Options = new CalcOptions { Limits = limits, AllowFileAccess = false };
    }

    /// <summary>The options every session of this engine gets.</summary>
    public CalcOptions Options { get; }

    /// <inheritdoc />
    public ICalcSession CreateSession() => new Session(new CalcSession(Options));

    /// <summary>Estimated memory held by <paramref name="value"/>, in bytes (8 per float64 element, 16 per complex128 one, 12 per stored sparse entry plus the index pointers, <see cref="ExactElementBytes"/> per rational).</summary>
    internal static long EstimateBytes(Value value) => value switch
    {
        FloatValue f => 8L * f.NDArray.Size,
        ComplexValue z => 16L * z.NDArray.Size,
        SparseValue sp => 12L * sp.Matrix.Nnz + 8L * (sp.Matrix.Format == SparseFormat.Csr ? sp.Matrix.Rows + 1 : sp.Matrix.Columns + 1),
        ExactValue e => ExactElementBytes * e.Array.Count,
        StringValue s => 2L * s.Text.Length,
        TupleValue t => t.Items.Sum(EstimateBytes),
        PlotValue p => 8L * (p.Data.Size + (p.X?.Size ?? 0)) + 4L * (p.Labels?.Count ?? 0),
        _ => 64,
    };

    private sealed class Session(CalcSession calc) : ICalcSession
    {
        public EvalOutcome Evaluate(string program, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var results = calc.Evaluate(program, cancellationToken);
            var rendered = new List<string>(results.Count);
            EvalFailure? failure = null;
            foreach (var result in results)
            {
                if (result.Error is { } error)
                    failure = ToFailure(error, cancellationToken.IsCancellationRequested || clock.Elapsed >= calc.Options.Limits.MaxTime);
                else
                    rendered.Add(JsonRenderer.Render(Plots.PlotImages.Attach(result)));
            }
            var variables = calc.Variables
                .OrderBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => new VariableInfo(v.Key, v.Value.DType, v.Value is ArrayLike a ? a.SymbolicShape.ToString() : null))
                .ToArray();
            return new EvalOutcome(rendered, failure)
            {
                Variables = variables,
                HeldBytes = calc.Variables.Values.Sum(EstimateBytes),
            };
        }

        public void Clear() => calc.Clear();

        private static EvalFailure ToFailure(CalcException error, bool outOfTime) => error switch
        {
            CalcLimitException when outOfTime => new EvalFailure(EvalFailureKind.TimeLimit, error.Message, error.Line, error.Column,
                error.Hint ?? "try smaller matrices or fewer steps"),
            CalcLimitException => new EvalFailure(EvalFailureKind.Limit, error.Message, error.Line, error.Column, error.Hint),
            CalcIOException => new EvalFailure(EvalFailureKind.Forbidden, error.Message, error.Line, error.Column,
                error.Hint ?? "load and save are disabled on the web server; use the linea command line for files"),
            _ => new EvalFailure(EvalFailureKind.Calc, error.Message, error.Line, error.Column, error.Hint, Code: JsonRenderer.ErrorKind(error)),
        };
    }
}
