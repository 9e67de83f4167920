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
        Cumulative<T, T>("cumsum", a, axis, product: false);

    /// <summary>Running sums of an int tensor, as longs (NumPy's default accumulator for int32 on 64-bit Linux). O(n).</summary>
    public static NDArray<long> Cumsum(NDArray<int> a, int? axis = null) => Cumulative<int, long>("cumsum", a, axis, product: false);
    /// <summary>Running sums of a long tensor (wrapping on overflow, as NumPy's). O(n).</summary>
    public static NDArray<long> Cumsum(NDArray<long> a, int? axis = null) => Cumulative<long, long>("cumsum", a, axis, product: false);
    /// <summary>Running counts of true values, as longs (NumPy's <c>cumsum</c> of a bool array). O(n).</summary>
    public static NDArray<long> Cumsum(NDArray<bool> a, int? axis = null) => Cumulative<long, long>("cumsum", Widen(a), axis, product: false);

    /// <summary>
    /// Running products along <paramref name="axis"/> (NumPy's <c>cumprod</c>); over the flattened tensor when the axis
    /// is null. O(n).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis does not exist.</exception>
    public static NDArray<T> Cumprod<T>(NDArray<T> a, int? axis = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Cumulative<T, T>("cumprod", a, axis, product: true);

    /// <summary>Running products of an int tensor, as longs (wrapping on overflow, as NumPy's). O(n).</summary>
    public static NDArray<long> Cumprod(NDArray<int> a, int? axis = null) => Cumulative<int, long>("cumprod", a, axis, product: true);
    /// <summary>Running products of a long tensor (wrapping on overflow, as NumPy's). O(n).</summary>
    public static NDArray<long> Cumprod(NDArray<long> a, int? axis = null) => Cumulative<long, long>("cumprod", a, axis, product: true);

    private static NDArray<long> Widen<TIn>(NDArray<TIn> a) where TIn : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.AsType<long>();
    }

    /// <summary>Running sums or products of TIn values, accumulated and stored as TOut (an int tensor's as longs).</summary>
    private static NDArray<TOut> Cumulative<TIn, TOut>(string op, NDArray<TIn> a, int? axis, bool product)
        where TIn : unmanaged, INumber<TIn> where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(a);
        var source = axis is null ? a.Ravel() : a;
        var rows = new AxisRows<TIn>(op, source, axis ?? 0);
        var result = rows.NewRows<TOut>(rows.Length, op);
        for (long r = 0; r < rows.Count; r++)
        {
            var x = rows.Row(r);
            var d = result.Store.Span(r * rows.Length, rows.Length);
            TOut acc = product ? TOut.One : TOut.Zero;
            if (product) for (int i = 0; i < x.Length; i++) d[i] = acc *= TOut.CreateTruncating(x[i]);
            else for (int i = 0; i < x.Length; i++) d[i] = acc += TOut.CreateTruncating(x[i]);
        }
        GC.KeepAlive(rows.Data.Store);
        return rows.Restore(result);
    }
}
