using System.Numerics;
using Linea.Ops;

namespace Linea;

public sealed partial class NDArray<TScalar> : IEquatable<NDArray<TScalar>>
{
    /// <summary>
    /// Exact equality: the same shape and bit-for-bit equal values (NaN equals NaN here, so equality is
    /// reflexive; element-wise comparison is <see cref="NDArray.Equal{T}(NDArray{T}, NDArray{T})"/>).
    /// </summary>
    public bool Equals(NDArray<TScalar>? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (!Dims.AsSpan().SequenceEqual(other.Dims)) return false;
        var a = Contiguous().ContiguousSpan;
        var b = other.Contiguous().ContiguousSpan;
        for (int i = 0; i < a.Length; i++)
            if (!EqualityComparer<TScalar>.Default.Equals(a[i], b[i])) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NDArray<TScalar> t && Equals(t);

    /// <summary>A hash of the shape only (tensors are mutable, so values are left out).</summary>
    public override int GetHashCode() => Shape.GetHashCode();
}

public static partial class NDArray
{
    /// <summary>
    /// True where |a - b| &lt;= atol + rtol * |b| (broadcast), as a bool tensor (NumPy's <c>isclose</c>); infinities are
    /// close only to themselves, NaN only when <paramref name="equalNan"/>.
    /// </summary>
    public static NDArray<bool> IsClose<T>(NDArray<T> a, NDArray<T> b, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!(rtol >= 0) || !(atol >= 0)) ThrowHelper.Argument("isclose", nameof(rtol), $"tolerances must be non-negative, got rtol={rtol}, atol={atol}");
        long[] shape = Broadcast.Shapes("isclose", a.Dims, b.Dims);
        var x = a.BroadcastTo(shape).Contiguous().ContiguousSpan;
        var y = b.BroadcastTo(shape).Contiguous().ContiguousSpan;
        var result = new NDArray<bool>(shape);
        var rs = result.WritableSpan;
        T rt = T.CreateTruncating(rtol), at = T.CreateTruncating(atol);
        for (int i = 0; i < x.Length; i++)
        {
            T u = x[i], v = y[i];
            bool close = T.IsNaN(u) || T.IsNaN(v) ? equalNan && T.IsNaN(u) && T.IsNaN(v)
                : T.IsInfinity(u) || T.IsInfinity(v) ? u == v
                : T.Abs(u - v) <= at + rt * T.Abs(v);
            rs[i] = close;
        }
        return result;
    }

    /// <summary>Whether every element of <paramref name="a"/> is close to the matching one of <paramref name="b"/> (NumPy's <c>allclose</c>).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static bool AllClose<T>(NDArray<T> a, NDArray<T> b, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        !IsClose(a, b, rtol, atol, equalNan).ContiguousSpan.Contains(false);
}
