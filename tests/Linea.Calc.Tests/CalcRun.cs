using Linea.Calc;
using Linea.Calc.Evaluation;
using Linea.Calc.Rendering;

namespace Linea.Calc.Tests;

/// <summary>Runs calculator programs in a fresh session for tests.</summary>
internal static class CalcRun
{
    public static CalcOptions Options { get; } = new() { AllowFileAccess = false, RandomSeed = 1 };

    /// <summary>All results; fails the test on an unexpected error.</summary>
    public static IReadOnlyList<StatementResult> Ok(string program, CalcSession? session = null)
    {
        var results = (session ?? new CalcSession(Options)).Evaluate(program);
        var error = results.FirstOrDefault(r => r.IsError);
        Assert.True(error is null, $"unexpected error: {error?.Error?.Message} (hint: {error?.Error?.Hint})");
        return results;
    }

    /// <summary>The value of the last statement.</summary>
    public static Value Value(string program, CalcSession? session = null) => Ok(program, session)[^1].Value!;

    /// <summary>The text rendering of the program's output.</summary>
    public static string Text(string program) => TextRenderer.Render(Ok(program), program).TrimEnd('\n');

    /// <summary>The exact value of the last statement in one-line form ("[[-2, 1], [3/2, -1/2]]").</summary>
    public static string Exact(string program)
    {
        var v = Assert.IsType<ExactValue>(Value(program));
        return v.Array.ToInlineString();
    }

    /// <summary>The float64 value of the last statement.</summary>
    public static NDArray<double> Float(string program) => Assert.IsType<FloatValue>(Value(program)).NDArray;

    /// <summary>The complex128 value of the last statement.</summary>
    public static ComplexTensor<double> Complex(string program) => Assert.IsType<ComplexValue>(Value(program)).NDArray;

    /// <summary>The error of the program (which must fail).</summary>
    public static CalcException Error(string program, CalcOptions? options = null)
    {
        var results = new CalcSession(options ?? Options).Evaluate(program);
        var last = results[^1];
        Assert.True(last.IsError, $"expected an error, got {last.Kind}: {(last.Value is null ? "" : TextRenderer.Value(last.Value))}");
        return last.Error!;
    }
}
