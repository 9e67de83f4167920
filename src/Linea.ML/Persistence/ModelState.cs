using System.Globalization;
using System.Numerics;

namespace Linea.ML;

/// <summary>The fitted attributes of one model while it is saved or loaded: scalars as round-trip text, arrays of T,
/// and arrays kept in double whatever T is (models that compute in double, such as k-means).</summary>
internal sealed class ModelState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public ModelState(string type, string source)
    {
        Type = type;
        Source = source;
    }

    /// <summary>The model's type name.</summary>
    public string Type { get; }

    /// <summary>The file being read or written, for messages.</summary>
    public string Source { get; }

    public Dictionary<string, string?> Scalars { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, NDArray<T>> Arrays { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, NDArray<double>> DoubleArrays { get; } = new(StringComparer.Ordinal);

    public void Set(string name, T value) => Scalars[name] = value.ToString("R", CultureInfo.InvariantCulture);
    public void Set(string name, double value) => Scalars[name] = value.ToString("R", CultureInfo.InvariantCulture);
    public void Set(string name, int value) => Scalars[name] = value.ToString(CultureInfo.InvariantCulture);
    public void Set(string name, bool value) => Scalars[name] = value ? "true" : "false";
    public void Set(string name, string? value) => Scalars[name] = value;

    public T GetT(string name) => Parse(name, static s => T.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
    public double GetDouble(string name) => Parse(name, static s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
    public int GetInt(string name) => Parse(name, static s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));
    public bool GetBool(string name) => Parse(name, bool.Parse);
    public TEnum GetEnum<TEnum>(string name) where TEnum : struct, Enum => Parse(name, static s => Enum.Parse<TEnum>(s));

    public string? GetString(string name) =>
        Scalars.TryGetValue(name, out var s) ? s : throw Missing("scalar", name);

    public NDArray<T> Array(string name) => Arrays.TryGetValue(name, out var a) ? a : throw Missing("array", name);

    public NDArray<double> DoubleArray(string name) => DoubleArrays.TryGetValue(name, out var a) ? a : throw Missing("array", name);

    /// <summary>A corrupt-file error about this model.</summary>
    public ModelFormatException Corrupt(string what) => new($"ModelFile: {Source}: the {Type} model is corrupt: {what}");

    private TValue Parse<TValue>(string name, Func<string, TValue> parse)
    {
        var s = GetString(name) ?? throw Corrupt($"scalar '{name}' is null");
        try { return parse(s); }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new ModelFormatException($"ModelFile: {Source}: the {Type} model's scalar '{name}' = '{s}' is not a valid {typeof(TValue).Name}", e);
        }
    }

    private ModelFormatException Missing(string kind, string name) => Corrupt($"the {kind} '{name}' is missing");
}
