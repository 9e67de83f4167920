namespace Linea.Calc;

/// <summary>The program text does not parse: an unexpected character or token, an unclosed bracket.</summary>
public class CalcSyntaxException : CalcException
{
    /// <summary>Creates the exception with its user-facing message.</summary>
    public CalcSyntaxException(string message) : base(message) { }
}

/// <summary>A name that is neither a variable nor a function; <see cref="CalcException.Hint"/> suggests the nearest known one.</summary>
public class CalcNameException : CalcException
{
    /// <summary>Creates the exception with its user-facing message.</summary>
    public CalcNameException(string message) : base(message) { }
}

/// <summary>A function called with the wrong number or kind of arguments, or an operator applied to values it does not take.</summary>
public class CalcTypeException : CalcException
{
    /// <summary>Creates the exception with its user-facing message.</summary>
    public CalcTypeException(string message) : base(message) { }
}

/// <summary>Shapes that do not fit an operation (from evaluation or from the symbolic shape checker).</summary>
public class CalcShapeException : CalcException
{
    /// <summary>Creates the exception with its user-facing message.</summary>
    public CalcShapeException(string message) : base(message) { }

    /// <summary>Creates the exception with its user-facing message and the underlying cause.</summary>
    public CalcShapeException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A numerical failure: a singular matrix, a matrix that is not positive definite, division by zero in exact arithmetic.</summary>
public class CalcMathException : CalcException
{
    /// <summary>Creates the exception with its user-facing message.</summary>
    public CalcMathException(string message) : base(message) { }

    /// <summary>Creates the exception with its user-facing message and the underlying cause.</summary>
    public CalcMathException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Reading or writing a file failed, or file access is disabled in this session.</summary>
public class CalcIOException : CalcException
{
    /// <summary>Creates the exception with its user-facing message.</summary>
    public CalcIOException(string message) : base(message) { }

    /// <summary>Creates the exception with its user-facing message and the underlying cause.</summary>
    public CalcIOException(string message, Exception inner) : base(message, inner) { }
}
