namespace Linea.Calc.Evaluation;

/// <summary>
/// The built-in functions, under NumPy's names (<c>numpy.linalg</c>'s for linear algebra, SciPy's for <c>lu</c>)
/// plus the calculator's own (<c>rref</c>, <c>adj</c>, <c>minor</c>, <c>cofactor</c>, <c>mod</c>, <c>exact</c>,
/// <c>float</c>). Binds arguments Python-style and reports wrong arity or unknown keywords with the signature.
/// </summary>
public static partial class FunctionLibrary
{
    private static readonly Dictionary<string, FunctionInfo> s_byName = Build();

    /// <summary>Every function, in the order <c>help</c> lists them.</summary>
    public static IReadOnlyList<FunctionInfo> All { get; } = s_byName.Values.Distinct().ToList();

    /// <summary>The function called <paramref name="name"/> (or an alias of it), if any.</summary>
    public static bool TryGet(string name, out FunctionInfo function) => s_byName.TryGetValue(name, out function!);

    /// <summary>Every callable name, aliases included.</summary>
    public static IEnumerable<string> Names => s_byName.Keys;

    private static Dictionary<string, FunctionInfo> Build()
    {
        var list = new List<FunctionInfo>();
        AddLinearAlgebra(list);
        AddExactFunctions(list);
        AddConstruction(list);
        AddShapeFunctions(list);
        AddReductions(list);
        AddElementwise(list);
        AddComplexFunctions(list);
        AddProducts(list);
        AddEinsumFunctions(list);
        AddConversionsAndFiles(list);
        AddSparseFunctions(list);
        AddSparseEigenFunctions(list);
        AddSparseDirectFunctions(list);
        AddPlotFunctions(list);
        var map = new Dictionary<string, FunctionInfo>(StringComparer.Ordinal);
        foreach (var f in list)
        {
            map.Add(f.Name, f);
            foreach (var alias in f.Aliases) map.Add(alias, f);
        }
        return map;
    }

    private static FunctionInfo F(string name, string category, string signature, string description, string example,
        string[] parameters, int required, Func<CallArgs, Value> body) =>
        new(name, category, signature, description, example, parameters, required, body);

    /// <summary>Binds <paramref name="positional"/> and <paramref name="keywords"/> to the parameters and calls the function.</summary>
    internal static Value Invoke(FunctionInfo f, EvalContext ctx, IReadOnlyList<Value> positional, IReadOnlyList<(string Name, Value Value)> keywords)
    {
        var bound = new Dictionary<string, Value>(StringComparer.Ordinal);
        var rest = new List<Value>();
        int n = f.Parameters.Count;
        for (int i = 0; i < positional.Count; i++)
        {
            if (i < n) bound[f.Parameters[i]] = positional[i];
            else if (f.VarArgs) rest.Add(positional[i]);
            else
                throw new CalcTypeException(
                    $"{f.Name}() takes {Plural(f.Required, n)} positional argument{(n == 1 ? "" : "s")}, but {positional.Count} were given")
                { Hint = $"usage: {f.Signature}" };
        }
        foreach (var (name, value) in keywords)
        {
            if (!f.Parameters.Contains(name) && !f.KeywordOnly.Contains(name))
            {
                var near = Suggest.Nearest(name, f.Parameters.Concat(f.KeywordOnly));
                throw new CalcTypeException($"{f.Name}() has no parameter '{name}'")
                { Hint = near is null ? $"usage: {f.Signature}" : $"did you mean '{near}'? usage: {f.Signature}" };
            }
            if (bound.ContainsKey(name))
                throw new CalcTypeException($"{f.Name}() got two values for '{name}'") { Hint = $"usage: {f.Signature}" };
            bound[name] = value;
        }
        for (int i = 0; i < f.Required; i++)
            if (!bound.ContainsKey(f.Parameters[i]))
                throw new CalcTypeException(
                    $"{f.Name}() needs {Plural(f.Required, n)} argument{(f.Required == 1 && n == 1 ? "" : "s")} ({string.Join(", ", f.Parameters.Take(f.Required))}), but '{f.Parameters[i]}' is missing")
                { Hint = $"usage: {f.Signature}" };
        if (!f.AcceptsSymbolic && (bound.Values.Concat(rest).Any(v => v is SymbolicValue)))
            throw new CalcTypeException($"{f.Name}: works on values, and an argument here is a declared shape with unknown values")
            { Hint = "shape checking covers operators, transposes, indexing, reshape, sum/mean/max/min, softmax, relu, sigmoid, tanh, exp, log, sqrt, inv, solve, det, trace, hstack/vstack" };
        var result = f.Body(new CallArgs(f, ctx, bound, rest));
        return result is TupleValue t && t.Names is null && f.ResultNames is { } names && names.Count == t.Items.Count
            ? t with { Names = names }
            : result;
    }

    private static string Plural(int required, int total) =>
        required == total ? $"{total}" : total == int.MaxValue ? $"at least {required}" : $"{required} to {total}";
}
