namespace Linea.Calc.Syntax;

/// <summary>Binary operators, with NumPy's meaning.</summary>
public enum BinaryOperator
{
    /// <summary><c>+</c>, element-wise with broadcasting.</summary>
    Add,
    /// <summary><c>-</c>, element-wise with broadcasting.</summary>
    Subtract,
    /// <summary><c>*</c>, element-wise with broadcasting.</summary>
    Multiply,
    /// <summary><c>/</c>, element-wise with broadcasting (exact for exact operands).</summary>
    Divide,
    /// <summary><c>@</c>, the matrix product.</summary>
    MatMul,
    /// <summary><c>\</c>, MATLAB's left division (mldivide): <c>A \ b</c> solves A x = b (least squares when A is rectangular).</summary>
    LeftDivide,
    /// <summary><c>**</c>, element-wise power.</summary>
    Power,
    /// <summary><c>^</c>, matrix power (<c>A ^ 3 = A @ A @ A</c>).</summary>
    MatrixPower,
    /// <summary><c>==</c>, element-wise, 0/1 result.</summary>
    Equal,
    /// <summary><c>!=</c>, element-wise, 0/1 result.</summary>
    NotEqual,
    /// <summary><c>&lt;</c>, element-wise, 0/1 result.</summary>
    Less,
    /// <summary><c>&lt;=</c>, element-wise, 0/1 result.</summary>
    LessEqual,
    /// <summary><c>&gt;</c>, element-wise, 0/1 result.</summary>
    Greater,
    /// <summary><c>&gt;=</c>, element-wise, 0/1 result.</summary>
    GreaterEqual,
}

/// <summary>Prefix operators.</summary>
public enum UnaryOperator
{
    /// <summary><c>-x</c></summary>
    Negate,
    /// <summary><c>+x</c></summary>
    Plus,
}

/// <summary>The source text of operators.</summary>
public static class OperatorText
{
    /// <summary>The symbol of a binary operator: <c>+</c>, <c>@</c>, <c>**</c>, ...</summary>
    public static string Of(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.MatMul => "@",
        BinaryOperator.LeftDivide => "\\",
        BinaryOperator.Power => "**",
        BinaryOperator.MatrixPower => "^",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterEqual => ">=",
        _ => "?",
    };

    /// <summary>The symbol of a prefix operator.</summary>
    public static string Of(UnaryOperator op) => op == UnaryOperator.Negate ? "-" : "+";
}
