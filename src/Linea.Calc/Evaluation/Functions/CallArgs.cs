using Linea.Calc.Shapes;

namespace Linea.Calc.Evaluation;

/// <summary>The arguments of one call, bound to the function's parameter names, with typed accessors whose errors name the function and parameter.</summary>
public sealed class CallArgs
{
    private readonly Dictionary<string, Value> _bound;

    internal CallArgs(FunctionInfo function, EvalContext context, Dictionary<string, Value> bound, IReadOnlyList<Value> rest)
    {
        Function = function;
        Context = context;
        _bound = bound;
        Rest = rest;
    }

    /// <summary>The function being called.</summary>
    public FunctionInfo Function { get; }

    internal EvalContext Context { get; }

    /// <summary>Positional arguments beyond the named parameters (for functions with <see cref="FunctionInfo.VarArgs"/>).</summary>
    public IReadOnlyList<Value> Rest { get; }

    private string Name => Function.Name;

    /// <summary>Whether parameter <paramref name="name"/> was given.</summary>
    public bool Has(string name) => _bound.ContainsKey(name);

    /// <summary>The value of a given parameter.</summary>
    public Value Get(string name) => _bound.TryGetValue(name, out var v)
        ? v
        : throw new CalcTypeException($"{Name}: missing argument '{name}'") { Hint = Usage };

    /// <summary>The value of a parameter, or null.</summary>
    public Value? Optional(string name) => _bound.GetValueOrDefault(name);

    /// <summary>An array (or declared shape) parameter.</summary>
    public ArrayLike Array(string name) => Get(name) as ArrayLike
        ?? throw new CalcTypeException($"{Name}: '{name}' must be an array or number, got {Get(name).Describe()}") { Hint = Usage };

    /// <summary>An integer parameter, or <paramref name="fallback"/> when absent.</summary>
    public int Int(string name, int fallback) => Has(name) ? Int(name) : fallback;

    /// <summary>An integer parameter.</summary>
    public int Int(string name) => ValueConversions.ToInt(Get(name), $"{Name}: '{name}'");

    /// <summary>An optional integer parameter.</summary>
    public int? OptionalInt(string name) => Has(name) ? Int(name) : null;

    /// <summary>A number parameter, or <paramref name="fallback"/>.</summary>
    public double Double(string name, double fallback) => Has(name) ? ValueConversions.ToDouble(Get(name), $"{Name}: '{name}'") : fallback;

    /// <summary>A yes/no parameter given as 0/1 (or <c>true</c>/<c>false</c>).</summary>
    public bool Bool(string name, bool fallback) => Has(name) ? ValueConversions.ToDouble(Get(name), $"{Name}: '{name}'") != 0 : fallback;

    /// <summary>A string parameter.</summary>
    public string String(string name) => Get(name) is StringValue s
        ? s.Text
        : throw new CalcTypeException($"{Name}: '{name}' must be a string such as \"fro\" or 'fro', got {Get(name).Describe()}") { Hint = Usage };

    /// <summary>The parameter as float64 data.</summary>
    public NDArray<double> NDArray(string name) => ValueConversions.ToTensor(Array(name), Name);

    /// <summary>A shape given as separate integers (<c>zeros(2, 3)</c>), one tuple or list (<c>zeros((2, 3))</c>), starting at parameter <paramref name="first"/>.</summary>
    public int[] ShapeArgument(string first)
    {
        var items = new List<Value>();
        if (Has(first)) items.Add(Get(first));
        items.AddRange(Rest);
        if (items.Count == 1 && items[0] is TupleValue t) items = t.Items.ToList();
        else if (items.Count == 1 && items[0] is ExactValue { Array.Rank: 1 } e)
            items = e.Array.ToArray().Select(x => (Value)ExactValue.Scalar(x)).ToList();
        var dims = items.Select((v, i) => ValueConversions.ToInt(v, $"{Name}: dimension {i}")).ToArray();
        foreach (int d in dims)
            if (d < 0) throw new CalcTypeException($"{Name}: a dimension cannot be negative, got {d}");
        double count = 1;
        foreach (int d in dims) count *= d;
        Context.CheckElements(count, Name);
        return dims;
    }

    /// <summary>The declared dimensions of a shape argument (integers, declared dimension names, products).</summary>
    public Dim?[] SymbolicShapeArgument(string first)
    {
        var items = new List<Value>();
        if (Has(first)) items.Add(Get(first));
        items.AddRange(Rest);
        if (items.Count == 1 && items[0] is TupleValue t) items = t.Items.ToList();
        return items.Select((v, i) =>
        {
            if (v is ExactValue { Array.Rank: 0 } e && e.Array[0] == -1) return null;
            return ArrayOperators.AsDim(v) ?? throw new CalcTypeException($"{Name}: dimension {i} must be a non-negative integer, -1 or a declared dimension, got {v.Describe()}");
        }).ToArray();
    }

    /// <summary>"usage: inv(A, mod=None)".</summary>
    public string Usage => $"usage: {Function.Signature}";
}
