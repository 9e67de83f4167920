using System.Numerics;
using Linea.Ops;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// Running sums along <paramref name="axis"/> (NumPy's <c>cumsum</c>); over the flattened tensor when the axis is null.
    /// A new tensor of the same element type and shape (1-d when flattened). O(n).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis does not exist.</exception>
    public static NDArray<T> Cumsum<T>(NDArray<T> a, int? axis = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Cumulative<T>("cumsum", a, axis, product: false);

    /// <summary>Running sums of an int tensor, as longs (NumPy's default accumulator for int32 on 64-bit Linux). O(n).</summary>
    public static NDArray<long> Cumsum(NDArray<int> a, int? axis = null) => Cumulative<long>("cumsum", Widen(a), axis, product: false);
    /// <summary>Running sums of a long tensor (wrapping on overflow, as NumPy's). O(n).</summary>
    public static NDArray<long> Cumsum(NDArray<long> a, int? axis = null) => Cumulative<long>("cumsum", a, axis, product: false);
    /// <summary>Running counts of true values, as longs (NumPy's <c>cumsum</c> of a bool array). O(n).</summary>
    public static NDArray<long> Cumsum(NDArray<bool> a, int? axis = null) => Cumulative<long>("cumsum", Widen(a), axis, product: false);

    /// <summary>
    /// Running products along <paramref name="axis"/> (NumPy's <c>cumprod</c>); over the flattened tensor when the axis
    /// is null. O(n).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis does not exist.</exception>
    public static NDArray<T> Cumprod<T>(NDArray<T> a, int? axis = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Cumulative<T>("cumprod", a, axis, product: true);

    /// <summary>Running products of an int tensor, as longs (wrapping on overflow, as NumPy's). O(n).</summary>
    public static NDArray<long> Cumprod(NDArray<int> a, int? axis = null) => Cumulative<long>("cumprod", Widen(a), axis, product: true);
    /// <summary>Running products of a long tensor (wrapping on overflow, as NumPy's). O(n).</summary>
    public static NDArray<long> Cumprod(NDArray<long> a, int? axis = null) => Cumulative<long>("cumprod", a, axis, product: true);

    private static NDArray<long> Widen<TIn>(NDArray<TIn> a) where TIn : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.AsType<long>();
    }

    private static NDArray<T> Cumulative<T>(string op, NDArray<T> a, int? axis, bool product) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        var source = axis is null ? a.Ravel() : a;
        var rows = new AxisRows<T>(op, source, axis ?? 0);
        var result = rows.NewRows<T>(rows.Length, op);
        for (long r = 0; r < rows.Count; r++)
        {
            var x = rows.Row(r);
            var d = result.Store.Span(r * rows.Length, rows.Length);
            T acc = product ? T.One : T.Zero;
            if (product) for (int i = 0; i < x.Length; i++) d[i] = acc *= x[i];
            else for (int i = 0; i < x.Length; i++) d[i] = acc += x[i];
        }
        GC.KeepAlive(rows.Data.Store);
        return rows.Restore(result);
    }
}
