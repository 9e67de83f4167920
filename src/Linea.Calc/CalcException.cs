namespace Linea.Calc;

/// <summary>
/// An error in a calculator program: syntax, unknown name, wrong arity or argument type, a value the
/// operation cannot take. <see cref="Column"/> (1-based, when known) points into <see cref="Line"/>
/// so the front end can print a caret under the offending character.
/// </summary>
public class CalcException : Exception
{
    /// <summary>1-based line of the program the error refers to, when known.</summary>
    public int? Line { get; init; }

    /// <summary>1-based column on <see cref="Line"/> the error refers to, when known.</summary>
    public int? Column { get; init; }

    /// <summary>A hint for fixing the error ("did you mean W.T?", "did you mean 'inv'?"), when one exists.</summary>
    public string? Hint { get; init; }

    /// <summary>Creates the exception with its user-facing message.</summary>
    public CalcException(string message) : base(message) { }

    /// <summary>Creates the exception with its user-facing message and the underlying cause.</summary>
    public CalcException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// A program exceeded one of the calculator's limits (element count, size of an exact number, explain size,
/// nesting depth, evaluation time); the message names the limit and its value.
/// </summary>
public class CalcLimitException : CalcException
{
    /// <summary>Creates the exception with its user-facing message.</summary>
    public CalcLimitException(string message) : base(message) { }
}
