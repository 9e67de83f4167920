namespace Linea.Calc.Evaluation;

/// <summary>The variables of a session, and the dimension symbols its shape declarations introduced (<c>b</c>, <c>n</c>, ...).</summary>
public sealed class Environment
{
    private readonly Dictionary<string, Value> _variables = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _dimensions = new(StringComparer.Ordinal);

    /// <summary>The variables, by name.</summary>
    public IReadOnlyDictionary<string, Value> Variables => _variables;

    /// <summary>Names used as symbolic dimensions in shape declarations.</summary>
    public IReadOnlyCollection<string> DimensionSymbols => _dimensions;

    /// <summary>Binds <paramref name="name"/> to <paramref name="value"/>.</summary>
    public void Set(string name, Value value) => _variables[name] = value;

    /// <summary>The value bound to <paramref name="name"/>, if any.</summary>
    public bool TryGet(string name, out Value value) => _variables.TryGetValue(name, out value!);

    /// <summary>Records a dimension symbol.</summary>
    public void AddDimension(string name) => _dimensions.Add(name);

    /// <summary>Whether <paramref name="name"/> is a dimension symbol.</summary>
    public bool IsDimension(string name) => _dimensions.Contains(name);

    /// <summary>Forgets every variable and dimension symbol.</summary>
    public void Clear()
    {
        _variables.Clear();
        _dimensions.Clear();
    }
}
