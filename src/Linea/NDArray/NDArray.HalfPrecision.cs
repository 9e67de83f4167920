using Linea.Ops;

namespace Linea;

public static partial class NDArrayExtensions
{
    /// <summary>Conversions of float32 tensors to the 16-bit storage types.</summary>
    /// <param name="a">The tensor converted (any strides; read, not changed).</param>
    extension(NDArray<float> a)
    {
        /// <summary>
        /// A new C-contiguous float16 (<see cref="Half"/>) tensor of the same shape, each element rounded to nearest even
        /// (above 65504 + 16 to infinity, below 2^-25 to zero, NaN kept). NumPy's <c>a.astype(np.float16)</c>. O(n),
        /// vectorised; 2 bytes per element.
        /// </summary>
        public NDArray<Half> ToHalf() => HalfPrecision.Convert<float, Half>(a, "to_half");

        /// <summary>
        /// A new C-contiguous <see cref="BFloat16"/> tensor of the same shape, each element rounded to nearest even (the
        /// upper 16 bits of the float, rounded; overflow to infinity, NaN kept). ml_dtypes' <c>a.astype(bfloat16)</c>.
        /// O(n), vectorised (Vector512/256 integer shifts); 2 bytes per element.
        /// </summary>
        public NDArray<BFloat16> ToBFloat16() => HalfPrecision.Convert<float, BFloat16>(a, "to_bfloat16");
    }

    /// <summary>Conversions and float32 arithmetic of float16 tensors.</summary>
    /// <param name="a">The tensor converted (any strides; read, not changed).</param>
    extension(NDArray<Half> a)
    {
        /// <summary>A new C-contiguous float32 tensor of the same shape, exactly (NumPy's <c>a.astype(np.float32)</c>). O(n), vectorised.</summary>
        public NDArray<float> ToSingle() => HalfPrecision.Convert<Half, float>(a, "to_single");

        /// <summary>A new bfloat16 tensor, each element rounded to nearest even through float32 (exact widening, one rounding). O(n).</summary>
        public NDArray<BFloat16> ToBFloat16() => HalfPrecision.Convert<Half, BFloat16>(a, "to_bfloat16");
    }

    /// <summary>Conversions, float32 arithmetic and reductions of bfloat16 tensors.</summary>
    /// <param name="a">The tensor (read, not changed).</param>
    extension(NDArray<BFloat16> a)
    {
        /// <summary>A new C-contiguous float32 tensor of the same shape, exactly (a 16-bit shift per element). O(n), vectorised.</summary>
        public NDArray<float> ToSingle() => HalfPrecision.Convert<BFloat16, float>(a, "to_single");

        /// <summary>A new float16 tensor, each element rounded to nearest even (bfloat16's range is wider: large values become infinity). O(n).</summary>
        public NDArray<Half> ToHalf() => HalfPrecision.Convert<BFloat16, Half>(a, "to_half");

        /// <summary>The sum of all elements, accumulated in float32 (pairwise), rounded once to bfloat16.</summary>
        public BFloat16 Sum() => HalfPrecision.Reduce<BFloat16, SumReduce<float>>(a, "sum", null, false).Item();
        /// <summary>Sums along <paramref name="axis"/> in float32, rounded once.</summary>
        /// <exception cref="AxisOutOfRangeException">The axis is outside [-rank, rank).</exception>
        public NDArray<BFloat16> Sum(int axis, bool keepDims = false) => HalfPrecision.Reduce<BFloat16, SumReduce<float>>(a, "sum", [axis], keepDims);
        /// <summary>The mean of all elements in float32 (NaN for an empty tensor), rounded once.</summary>
        public BFloat16 Mean() => HalfPrecision.Mean(a, null, false).Item();
        /// <summary>Means along <paramref name="axis"/> in float32, rounded once.</summary>
        /// <exception cref="AxisOutOfRangeException">The axis is outside [-rank, rank).</exception>
        public NDArray<BFloat16> Mean(int axis, bool keepDims = false) => HalfPrecision.Mean(a, [axis], keepDims);
        /// <summary>The largest element (exact; NaN if any is NaN).</summary>
        /// <exception cref="InvalidOperationException">The tensor is empty.</exception>
        public BFloat16 Max() => HalfPrecision.Reduce<BFloat16, MaxReduce<float>>(a, "max", null, false).Item();
        /// <summary>The smallest element (exact; NaN if any is NaN).</summary>
        /// <exception cref="InvalidOperationException">The tensor is empty.</exception>
        public BFloat16 Min() => HalfPrecision.Reduce<BFloat16, MinReduce<float>>(a, "min", null, false).Item();
    }

    /// <summary>Element-wise arithmetic of bfloat16 tensors: float32 computation, one rounding, NumPy broadcasting. O(n) float32 temporaries.</summary>
    extension(NDArray<BFloat16>)
    {
        /// <summary>Element-wise sum with broadcasting, computed in float32 and rounded once.</summary>
        /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
        public static NDArray<BFloat16> operator +(NDArray<BFloat16> x, NDArray<BFloat16> y) => HalfPrecision.Binary<BFloat16, AddOp<float>>("add", x, y);
        /// <summary>Element-wise difference with broadcasting, computed in float32 and rounded once.</summary>
        /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
        public static NDArray<BFloat16> operator -(NDArray<BFloat16> x, NDArray<BFloat16> y) => HalfPrecision.Binary<BFloat16, SubtractOp<float>>("subtract", x, y);
        /// <summary>Element-wise product with broadcasting, computed in float32 and rounded once.</summary>
        /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
        public static NDArray<BFloat16> operator *(NDArray<BFloat16> x, NDArray<BFloat16> y) => HalfPrecision.Binary<BFloat16, MultiplyOp<float>>("multiply", x, y);
        /// <summary>Element-wise negation (exact).</summary>
        public static NDArray<BFloat16> operator -(NDArray<BFloat16> x) => HalfPrecision.Unary<BFloat16, NegateOp<float>>("negative", x);
    }
}

public static partial class NDArray
{
    /// <summary>The rectifier max(x, 0) of a bfloat16 tensor (exact; NaN stays NaN), into a new bfloat16 tensor.</summary>
    public static NDArray<BFloat16> Relu(NDArray<BFloat16> x) => HalfPrecision.Unary<BFloat16, ReluOp<float>>("relu", x);
}
