namespace Linea.Calc.Evaluation;

/// <summary>
/// A built-in function: its name, parameters (bound Python-style from positional and keyword arguments), the
/// one-line help text (<see cref="Signature"/>, <see cref="Description"/>, <see cref="Example"/>) and its body.
/// </summary>
public sealed record FunctionInfo
{
    internal FunctionInfo(string name, string category, string signature, string description, string example,
        string[] parameters, int required, Func<CallArgs, Value> body)
    {
        Name = name;
        Category = category;
        Signature = signature;
        Description = description;
        Example = example;
        Parameters = parameters;
        Required = required;
        Body = body;
    }

    /// <summary>The name the function is called by.</summary>
    public string Name { get; }

    /// <summary>The group it is listed under by <c>help</c>: "linear algebra", "construction", ...</summary>
    public string Category { get; }

    /// <summary>How it is called: <c>inv(A, mod=None)</c>.</summary>
    public string Signature { get; }

    /// <summary>What it does, in one line.</summary>
    public string Description { get; }

    /// <summary>A call that can be typed as is.</summary>
    public string Example { get; }

    /// <summary>Parameter names, in positional order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>How many leading parameters must be given.</summary>
    public int Required { get; }

    /// <summary>Parameters that can only be given by keyword (<c>seed</c> of <c>rand</c>, <c>keepdims</c> of <c>sum</c>).</summary>
    public IReadOnlyList<string> KeywordOnly { get; init; } = [];

    /// <summary>Names of the results when the function returns several (<c>U, S, Vh</c> for <c>svd</c>).</summary>
    public IReadOnlyList<string>? ResultNames { get; init; }

    /// <summary>Whether extra positional arguments are collected (<c>zeros(2, 3)</c>, <c>hstack(A, B, C)</c>).</summary>
    public bool VarArgs { get; init; }

    /// <summary>Whether the function computes shapes for declared (symbolic) arguments.</summary>
    public bool AcceptsSymbolic { get; init; }

    /// <summary>Other names for the function (<c>rank</c> for <c>matrix_rank</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    internal Func<CallArgs, Value> Body { get; }
}
