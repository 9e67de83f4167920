using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Encodes numeric category columns as one-hot blocks (scikit-learn's <c>OneHotEncoder</c> with dense output): each
/// encoded column j with sorted distinct training values c_1 &lt; ... &lt; c_k becomes k 0/1 columns, the one of the
/// sample's value set. By default every column is encoded; with <c>columns</c> only those are, in the given order, and the
/// other columns follow unchanged (as scikit-learn's <c>ColumnTransformer</c> with <c>remainder="passthrough"</c>).
/// Fit costs O(n p log n); it allocates a contiguous copy of X when X is strided and one n-column with its distinct
/// values, and the fitted encoder holds the sorted categories of each encoded column. Transform O(m p log k) and O(m q)
/// memory for q output columns.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class OneHotEncoder<T> : ITransformer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "OneHotEncoder";
    private T[][]? _categories;
    private int[]? _encoded, _passthrough;
    private int _features;

    /// <summary>Configures the encoder.</summary>
    /// <param name="handleUnknown">What to do with a category not seen at Fit (default: throw).</param>
    /// <param name="columns">The columns to encode (distinct, in output order); null encodes all.</param>
    /// <exception cref="ArgumentException">columns has a negative or repeated index.</exception>
    public OneHotEncoder(HandleUnknown handleUnknown = HandleUnknown.Error, int[]? columns = null)
    {
        if (columns is not null && (columns.Any(static c => c < 0) || columns.Distinct().Count() != columns.Length))
            throw new ArgumentException($"{Model}: columns [{string.Join(", ", columns)}] must be distinct non-negative indices", nameof(columns));
        HandleUnknown = handleUnknown;
        Columns = columns is null ? null : (int[])columns.Clone();
    }

    /// <summary>What Transform does with an unseen category.</summary>
    public HandleUnknown HandleUnknown { get; }

    /// <summary>The columns encoded (null: all). A copy of the configured array is kept.</summary>
    public IReadOnlyList<int>? Columns { get; }

    /// <inheritdoc />
    public bool IsFitted => _categories is not null;

    /// <summary>The sorted categories of each encoded column, in output order (scikit-learn's <c>categories_</c>).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public IReadOnlyList<NDArray<T>> Categories =>
        (_categories ?? throw NotFittedException.For(Model, nameof(Categories))).Select(static c => NDArray.FromArray((T[])c.Clone())).ToArray();

    /// <summary>The number of output columns: the sum of the category counts plus the passed-through columns.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public int NOutputFeatures => (_categories ?? throw NotFittedException.For(Model, nameof(NOutputFeatures))).Sum(static c => c.Length) + _passthrough!.Length;

    /// <summary>Learns the categories of each encoded column of X (n x p); y is ignored. Returns this encoder. O(n p log n).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">X has no samples, or a configured column is outside 0..p-1.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public OneHotEncoder<T> Fit(NDArray<T> x, NDArray<T>? y = null)
    {
        Guard.Matrix(x, Model + ".Fit");
        int n = (int)x.Shape[0], p = (int)x.Shape[1];
        int[] encoded = Columns?.ToArray() ?? Enumerable.Range(0, p).ToArray();
        foreach (int c in encoded)
            if (c >= p) throw new ArgumentException($"{Model}.Fit: column {c} is outside X of shape {x.Shape}", nameof(x));
        var data = x.Contiguous().AsReadOnlySpan();
        var categories = new T[encoded.Length][];
        var column = new T[n];
        for (int e = 0; e < encoded.Length; e++)
        {
            for (int i = 0; i < n; i++) column[i] = data[i * p + encoded[e]];
            categories[e] = column.Distinct().Order().ToArray();
        }
        _passthrough = Enumerable.Range(0, p).Except(encoded).ToArray();
        _encoded = encoded;
        _categories = categories;
        _features = p;
        return this;
    }

    /// <summary>The one-hot encoding of X (m x p): shape (m, <see cref="NOutputFeatures"/>). O(m p log k).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-D or does not have p columns.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">A value was not seen at Fit and <see cref="HandleUnknown"/> is Error.</exception>
    public NDArray<T> Transform(NDArray<T> x)
    {
        var categories = _categories ?? throw NotFittedException.For(Model, nameof(Transform));
        Guard.Features(x, _features, Model + ".Transform");
        int m = (int)x.Shape[0], p = _features, q = NOutputFeatures;
        var data = x.Contiguous().AsReadOnlySpan();
        var result = new T[m * q];
        for (int i = 0; i < m; i++)
        {
            int offset = 0;
            for (int e = 0; e < categories.Length; e++)
            {
                T v = data[i * p + _encoded![e]];
                int k = Array.BinarySearch(categories[e], v);
                if (k >= 0) result[i * q + offset + k] = T.One;
                else if (HandleUnknown == HandleUnknown.Error)
                    throw new ArgumentException(
                        $"{Model}.Transform: row {i}, column {_encoded[e]} has the category {v}, which was not seen at Fit (known: {string.Join(", ", categories[e])}); use HandleUnknown.Ignore to encode it as zeros", nameof(x));
                offset += categories[e].Length;
            }
            for (int t = 0; t < _passthrough!.Length; t++) result[i * q + offset + t] = data[i * p + _passthrough[t]];
        }
        return NDArray.Wrap(result, m, q);
    }

    /// <summary>Fit then Transform of X.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">X has no samples, or a configured column is outside X.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> FitTransform(NDArray<T> x, NDArray<T>? y = null) => Fit(x, y).Transform(x);

    /// <summary>The constructor parameters: <c>handleUnknown</c>, <c>columns</c> (an int[] or null).</summary>
    public IReadOnlyDictionary<string, object?> GetParams() => new Dictionary<string, object?>
    {
        ["handleUnknown"] = HandleUnknown,
        ["columns"] = Columns?.ToArray(),
    };

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters) => FromParams(ModelParams.Merge(Model, GetParams(), parameters));

    internal static OneHotEncoder<T> FromParams(ModelParams p) => new(p.Enum<HandleUnknown>("handleUnknown"), p.Ints("columns"));

    /// <inheritdoc />
    ITransformer<T> ITransformer<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x, y);
}
