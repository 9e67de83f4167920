using Linea.Calc;
using Linea.Calc.Evaluation;

namespace Linea.Cli.Repl;

/// <summary>
/// What Tab completes in the calculator: the session's variables (as they are at the moment Tab is pressed), every
/// function name and alias, the constants (<c>pi</c>, <c>e</c>, <c>inf</c>, ...), the keyword <c>explain</c> and
/// the REPL's commands.
/// </summary>
internal sealed class CalcNames(CalcSession session) : ICompletionSource
{
    /// <summary>The keyword and the REPL's commands.</summary>
    public static IReadOnlyList<string> Keywords { get; } = ["explain", "help", "vars", "clear", "exit", "quit"];

    public IEnumerable<string> Names() =>
        session.Variables.Keys.Concat(FunctionLibrary.Names).Concat(CalcSession.ConstantNames).Concat(Keywords);
}
