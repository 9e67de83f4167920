namespace Linea.Calc.Parsing;

/// <summary>
/// Binding strengths of the operators, weakest first, as in Python: comparisons, then <c>+ -</c>, then
/// <c>* / @ \</c>, then prefix <c>-</c>, then <c>** ^</c> (right-associative, so <c>-2 ** 2</c> is <c>-(2 ** 2)</c>
/// and <c>2 ** 3 ** 2</c> is <c>2 ** 9</c>), then the postfix forms (calls, indexing, <c>.T</c>, <c>'</c>).
/// </summary>
public static class Precedence
{
    /// <summary>Nothing binds weaker: the start of a full expression.</summary>
    public const int Lowest = 0;
    /// <summary><c>== != &lt; &lt;= &gt; &gt;=</c></summary>
    public const int Comparison = 1;
    /// <summary><c>+ -</c> (binary)</summary>
    public const int Sum = 2;
    /// <summary><c>* / @ \</c> (left division at MATLAB's level of <c>*</c> and <c>/</c>, left-associative)</summary>
    public const int Product = 3;
    /// <summary>prefix <c>- +</c></summary>
    public const int Prefix = 4;
    /// <summary><c>** ^</c></summary>
    public const int Power = 5;
    /// <summary><c>f(x)</c>, <c>A[i]</c>, <c>A.T</c>, <c>A'</c></summary>
    public const int Postfix = 6;
}
