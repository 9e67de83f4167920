using System.Numerics;
using System.Numerics.Tensors;
using Linea.Ops;

namespace Linea;

/// <summary>
/// Reductions of int and long tensors as C# 14 extension members (a class of their own, beside
/// <see cref="NDArrayExtensions"/>'s floating-point ones, because the two share names). Sums accumulate in long, as
/// NumPy's int32 sum gives int64 on 64-bit Linux.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1708:Identifiers should differ by more than case",
    Justification = "The analyzer sees the compiler-generated extension block types as members with colliding names.")]
public static class NDArrayIntegerExtensions
{
    /// <summary>Sums, extremes and means of integer tensors.</summary>
    /// <param name="a">The tensor reduced.</param>
    extension<T>(NDArray<T> a) where T : unmanaged, IBinaryInteger<T>
    {
        /// <summary>The sum of all elements as a long (wrapping past 2^63, as NumPy's); 0 for an empty tensor. O(n), SIMD.</summary>
        public long Sum() => a.AsType<long>().Reduce<SumReduce<long>>("sum", null, false, true).Item();

        /// <summary>Sums along <paramref name="axis"/> as longs; with <paramref name="keepDims"/> the axis stays with length 1. O(n).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis does not exist.</exception>
        public NDArray<long> Sum(int axis, bool keepDims = false) => a.AsType<long>().Reduce<SumReduce<long>>("sum", [axis], keepDims, true);

        /// <summary>The arithmetic mean of all elements as a double (NaN for an empty tensor, as NumPy). O(n).</summary>
        public double Mean() => a.Size == 0 ? double.NaN : (double)a.AsType<long>().Reduce<SumReduce<long>>("mean", null, false, true).Item() / a.Size;

        /// <summary>The largest element. O(n), SIMD.</summary>
        /// <exception cref="InvalidOperationException">The tensor is empty.</exception>
        public T Max() => Extreme(a, "max", max: true);

        /// <summary>The smallest element. O(n), SIMD.</summary>
        /// <exception cref="InvalidOperationException">The tensor is empty.</exception>
        public T Min() => Extreme(a, "min", max: false);

        /// <summary>Maxima along <paramref name="axis"/>. O(n).</summary>
        /// <exception cref="InvalidOperationException">The axis is empty.</exception>
        public NDArray<T> Max(int axis, bool keepDims = false) => ExtremeAlong(a, "max", axis, keepDims, max: true);

        /// <summary>Minima along <paramref name="axis"/>. O(n).</summary>
        /// <exception cref="InvalidOperationException">The axis is empty.</exception>
        public NDArray<T> Min(int axis, bool keepDims = false) => ExtremeAlong(a, "min", axis, keepDims, max: false);
    }

    private static T Extreme<T>(NDArray<T> a, string op, bool max) where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Size == 0) throw new InvalidOperationException($"{op}: zero-size tensor of shape {a.Shape} has no {op}");
        return ExtremeAlong(a.Ravel(), op, 0, false, max).Item();
    }

    private static NDArray<T> ExtremeAlong<T>(NDArray<T> a, string op, int axis, bool keepDims, bool max) where T : unmanaged, IBinaryInteger<T>
    {
        var rows = new AxisRows<T>(op, a, axis);
        if (rows.Length == 0) throw new InvalidOperationException($"{op}: cannot reduce the empty axis {axis} of shape {a.Shape}; {op} has no identity");
        var result = NDArray<T>.Uninitialized(rows.ReducedDims(keepDims), op);
        var rs = result.WritableSpan;
        for (long r = 0; r < rows.Count; r++) rs[(int)r] = max ? TensorPrimitives.Max(rows.Row(r)) : TensorPrimitives.Min(rows.Row(r));
        GC.KeepAlive(rows.Data.Store);
        return result;
    }
}
