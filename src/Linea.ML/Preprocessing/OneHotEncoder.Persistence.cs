using System.Numerics;

namespace Linea.ML;

/// <summary>OneHotEncoder's fitted attributes in a model file (see <see cref="ModelFile"/>): the number of input columns
/// and each encoded column's categories (the column lists follow from the parameters).</summary>
public sealed partial class OneHotEncoder<T> : IPersistable<T>
{
    string IPersistable<T>.PersistedType => Model;

    void IPersistable<T>.SaveState(ModelState<T> state)
    {
        state.Set("features", _features);
        for (int e = 0; e < _categories!.Length; e++) state.Arrays[$"categories{e}"] = NDArray.FromArray((T[])_categories[e].Clone());
    }

    void IPersistable<T>.LoadState(ModelState<T> state)
    {
        int p = state.GetInt("features");
        int[] encoded = Columns?.ToArray() ?? Enumerable.Range(0, p).ToArray();
        if (p < 0 || encoded.Any(c => c >= p)) throw state.Corrupt($"{p} features do not cover the encoded columns");
        var categories = new T[encoded.Length][];
        for (int e = 0; e < encoded.Length; e++)
        {
            var c = state.Array($"categories{e}");
            categories[e] = c.ToArray();
            if (c.Rank != 1 || categories[e].Zip(categories[e].Skip(1)).Any(static pair => !(pair.First < pair.Second)))
                throw state.Corrupt($"categories{e} is not a strictly ascending 1-D array");
        }
        _features = p;
        _encoded = encoded;
        _passthrough = Enumerable.Range(0, p).Except(encoded).ToArray();
        _categories = categories;
    }
}
