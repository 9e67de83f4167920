using Linea.Calc.Syntax;

namespace Linea.Calc.Evaluation;

/// <summary>Turns Linea's exceptions into <see cref="CalcException"/>s with their message, and attaches source positions.</summary>
internal static class ErrorTranslation
{
    /// <summary>A <see cref="CalcException"/> for any exception an operation threw; null for those that must propagate.</summary>
    public static CalcException? Translate(Exception e) => e switch
    {
        CalcException c => c,
        ShapeMismatchException s => new CalcShapeException(s.Message, s),
        AxisOutOfRangeException a => new CalcShapeException(a.Message, a),
        TensorIndexOutOfRangeException i => new CalcException(i.Message, i),
        SingularMatrixException s => new CalcMathException(s.Message, s),
        LinAlgException l => new CalcMathException(l.Message, l),
        DivideByZeroException d => new CalcMathException(d.Message, d) { Hint = "exact division by zero has no value; write 1.0/0 for IEEE infinity" },
        TensorFormatException f => new CalcIOException(f.Message, f),
        IOException io => new CalcIOException(io.Message, io),
        UnauthorizedAccessException u => new CalcIOException(u.Message, u),
        OverflowException o => new CalcLimitException($"a number is too large: {o.Message}"),
        ArgumentException a => new CalcTypeException(FirstLine(a.Message)),
        InvalidOperationException i => new CalcException(i.Message, i),
        TensorTooLargeException t => new CalcLimitException(t.Message), // names the operation, the shape and the bytes
        OutOfMemoryException => new CalcLimitException("out of memory; the arrays are too large"),
        InsufficientExecutionStackException => new CalcLimitException("the computation nests too deeply"),
        _ => null,
    };

    /// <summary><paramref name="e"/> with <paramref name="at"/> as its position when it has none yet (a copy of the same kind).</summary>
    public static CalcException WithPosition(CalcException e, SourceSpan at)
    {
        if (e.Line is not null) return e;
        int line = at.Line, column = at.Column;
        string? hint = e.Hint;
        var cause = e.InnerException ?? e; // keep Linea's original exception as the cause
        // Line and Column are init-only: rebuild an exception of the same kind
        return e switch
        {
            CalcLimitException => new CalcLimitException(e.Message) { Line = line, Column = column, Hint = hint },
            CalcSyntaxException => new CalcSyntaxException(e.Message) { Line = line, Column = column, Hint = hint },
            CalcNameException => new CalcNameException(e.Message) { Line = line, Column = column, Hint = hint },
            CalcTypeException => new CalcTypeException(e.Message) { Line = line, Column = column, Hint = hint },
            CalcShapeException => new CalcShapeException(e.Message, cause) { Line = line, Column = column, Hint = hint },
            CalcMathException => new CalcMathException(e.Message, cause) { Line = line, Column = column, Hint = hint },
            CalcIOException => new CalcIOException(e.Message, cause) { Line = line, Column = column, Hint = hint },
            _ => new CalcException(e.Message, cause) { Line = line, Column = column, Hint = hint },
        };
    }

    private static string FirstLine(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message.Split('\n')[0], @"\s*\(Parameter '[^']*'\)", "").Trim();
}
