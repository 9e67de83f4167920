using System.Globalization;

namespace Linea.ML;

/// <summary>
/// A model's parameters by name during <see cref="IModel{T}.Clone"/> and loading: the current values merged with
/// overrides, read back with typed getters that accept the value itself or its invariant-culture string (the form a
/// saved model holds).
/// </summary>
internal sealed class ModelParams
{
    private readonly Dictionary<string, object?> _values;

    private ModelParams(string model, Dictionary<string, object?> values)
    {
        Model = model;
        _values = values;
    }

    /// <summary>The model's name, for messages.</summary>
    public string Model { get; }

    /// <summary>The current parameters with <paramref name="overrides"/> replacing the named ones.</summary>
    /// <exception cref="ArgumentException">An override names no parameter of the model.</exception>
    public static ModelParams Merge(string model, IReadOnlyDictionary<string, object?> current, IReadOnlyDictionary<string, object?>? overrides)
    {
        var values = new Dictionary<string, object?>(current, StringComparer.Ordinal);
        if (overrides is not null)
            foreach (var (name, value) in overrides)
            {
                if (!values.ContainsKey(name))
                    throw new ArgumentException(
                        $"{model}: '{name}' is not a parameter; valid parameters are {string.Join(", ", current.Keys)}", nameof(overrides));
                values[name] = value;
            }
        return new ModelParams(model, values);
    }

    /// <summary>The raw value of <paramref name="name"/>.</summary>
    public object? this[string name] => _values[name];

    /// <summary>A double parameter (from any number or an invariant string).</summary>
    public double Double(string name) => Convert(name, static v => v switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        string s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => throw new FormatException(),
    });

    /// <summary>An int parameter (from an integral number or an invariant string).</summary>
    public int Int(string name) => Convert(name, static v => v switch
    {
        int i => i,
        long l => checked((int)l),
        double d when double.IsInteger(d) => checked((int)d),
        string s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ => throw new FormatException(),
    });

    /// <summary>An unsigned 64-bit parameter (seeds).</summary>
    public ulong UInt64(string name) => Convert(name, static v => v switch
    {
        ulong u => u,
        int i => checked((ulong)i),
        long l => checked((ulong)l),
        string s => ulong.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ => throw new FormatException(),
    });

    /// <summary>A bool parameter (from a bool or "true"/"false").</summary>
    public bool Bool(string name) => Convert(name, static v => v switch
    {
        bool b => b,
        string s => bool.Parse(s),
        _ => throw new FormatException(),
    });

    /// <summary>An enum parameter (from the enum or its name).</summary>
    public TEnum Enum<TEnum>(string name) where TEnum : struct, System.Enum => Convert(name, static v => v switch
    {
        TEnum e => e,
        string s => System.Enum.Parse<TEnum>(s, ignoreCase: true),
        _ => throw new FormatException(),
    });

    /// <summary>A nullable int parameter (null stays null).</summary>
    public int? NullableInt(string name) => this[name] is null ? null : Int(name);

    /// <summary>A nullable double parameter (null stays null).</summary>
    public double? NullableDouble(string name) => this[name] is null ? null : Double(name);

    /// <summary>An array of doubles (from a double[] or a comma-separated invariant string); null stays null.</summary>
    public double[]? Doubles(string name) => this[name] is null ? null : Convert(name, static v => v switch
    {
        double[] a => (double[])a.Clone(),
        int[] a => Array.ConvertAll(a, static i => (double)i),
        string s => s.Length == 0 ? [] : Array.ConvertAll(s.Split(','), static t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)),
        _ => throw new FormatException(),
    });

    /// <summary>An array of ints (from an int[] or a comma-separated invariant string); null stays null.</summary>
    public int[]? Ints(string name) => this[name] is null ? null : Convert(name, static v => v switch
    {
        int[] a => (int[])a.Clone(),
        string s => s.Length == 0 ? [] : Array.ConvertAll(s.Split(','), static t => int.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture)),
        _ => throw new FormatException(),
    });

    /// <summary>The invariant, round-trip text of a parameter value (null for null): what a saved model stores.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double[] a => string.Join(',', a.Select(static d => d.ToString("R", CultureInfo.InvariantCulture))),
        int[] a => string.Join(',', a.Select(static i => i.ToString(CultureInfo.InvariantCulture))),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private TValue Convert<TValue>(string name, Func<object, TValue> convert)
    {
        object? v = _values[name];
        if (v is null) throw new ArgumentException($"{Model}: parameter '{name}' must not be null");
        try { return convert(v); }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            throw new ArgumentException($"{Model}: parameter '{name}' cannot take the value '{Format(v)}' ({v.GetType().Name}); expected {typeof(TValue).Name}", name, e);
        }
    }
}
