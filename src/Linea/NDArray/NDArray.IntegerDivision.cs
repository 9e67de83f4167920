using Linea.Ops;

namespace Linea;

public static partial class NDArray
{
    /// <summary>True division of int tensors (NumPy's <c>/</c>): the operands as doubles, a double result. O(n).</summary>
    extension(NDArray<int>)
    {
        /// <summary>Element-wise a / b as doubles, with broadcasting (x / 0 is ±inf or NaN).</summary>
        /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
        public static NDArray<double> operator /(NDArray<int> a, NDArray<int> b) => TrueDivide(a, b);
        /// <summary>Every element divided by a scalar, as doubles.</summary>
        public static NDArray<double> operator /(NDArray<int> a, int b) => TrueDivide(a, (NDArray<int>)b);
    }

    /// <summary>True division of long tensors (NumPy's <c>/</c>): the operands as doubles, a double result. O(n).</summary>
    extension(NDArray<long>)
    {
        /// <summary>Element-wise a / b as doubles, with broadcasting (x / 0 is ±inf or NaN).</summary>
        /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
        public static NDArray<double> operator /(NDArray<long> a, NDArray<long> b) => TrueDivide(a, b);
        /// <summary>Every element divided by a scalar, as doubles.</summary>
        public static NDArray<double> operator /(NDArray<long> a, long b) => TrueDivide(a, (NDArray<long>)b);
    }

    private static NDArray<double> TrueDivide<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Broadcast.Shapes("divide", a.Dims, b.Dims); // the shape error before any conversion
        return Elementwise.Binary<double, DivideOp<double>>("divide", a.AsType<double>(), b.AsType<double>());
    }
}
