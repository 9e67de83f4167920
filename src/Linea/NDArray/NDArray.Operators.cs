using System.Numerics;
using Linea.Ops;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// Arithmetic operators of number tensors (<c>float</c>, <c>double</c>, <c>int</c>, <c>long</c>): element-wise with
    /// NumPy broadcasting, into a new C-contiguous tensor of the same element type. Integers wrap on overflow, as NumPy's
    /// do. O(n) time and memory for n result elements.
    /// </summary>
    extension<T>(NDArray<T>) where T : unmanaged, INumberBase<T>
    {
        /// <summary>Element-wise sum with NumPy broadcasting.</summary>
        /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
        public static NDArray<T> operator +(NDArray<T> a, NDArray<T> b) => Elementwise.Binary<T, AddOp<T>>("add", a, b);
        /// <summary>Adds a scalar to every element.</summary>
        public static NDArray<T> operator +(NDArray<T> a, T b) => Elementwise.Binary<T, AddOp<T>>(a, b);
        /// <summary>Adds a scalar to every element.</summary>
        public static NDArray<T> operator +(T a, NDArray<T> b) => Elementwise.Binary<T, AddOp<T>>(a, b);

        /// <summary>Element-wise difference with NumPy broadcasting.</summary>
        /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
        public static NDArray<T> operator -(NDArray<T> a, NDArray<T> b) => Elementwise.Binary<T, SubtractOp<T>>("subtract", a, b);
        /// <summary>Subtracts a scalar from every element.</summary>
        public static NDArray<T> operator -(NDArray<T> a, T b) => Elementwise.Binary<T, SubtractOp<T>>(a, b);
        /// <summary>Subtracts every element from a scalar.</summary>
        public static NDArray<T> operator -(T a, NDArray<T> b) => Elementwise.Binary<T, SubtractOp<T>>(a, b);

        /// <summary>Element-wise (Hadamard) product with NumPy broadcasting; the matrix product is <c>MatMul</c>.</summary>
        /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
        public static NDArray<T> operator *(NDArray<T> a, NDArray<T> b) => Elementwise.Binary<T, MultiplyOp<T>>("multiply", a, b);
        /// <summary>Multiplies every element by a scalar.</summary>
        public static NDArray<T> operator *(NDArray<T> a, T b) => Elementwise.Binary<T, MultiplyOp<T>>(a, b);
        /// <summary>Multiplies every element by a scalar.</summary>
        public static NDArray<T> operator *(T a, NDArray<T> b) => Elementwise.Binary<T, MultiplyOp<T>>(a, b);

        /// <summary>Element-wise negation (integers wrap: -int.MinValue is int.MinValue, as in NumPy).</summary>
        public static NDArray<T> operator -(NDArray<T> a) => Elementwise.Unary<T, NegateOp<T>>(a);
    }

    /// <summary>Division of floating-point tensors.</summary>
    extension<T>(NDArray<T>) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Element-wise quotient with NumPy broadcasting (IEEE: x/0 is ±inf or NaN).</summary>
        /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
        public static NDArray<T> operator /(NDArray<T> a, NDArray<T> b) => Elementwise.Binary<T, DivideOp<T>>("divide", a, b);
        /// <summary>Divides every element by a scalar.</summary>
        public static NDArray<T> operator /(NDArray<T> a, T b) => Elementwise.Binary<T, DivideOp<T>>(a, b);
        /// <summary>Divides a scalar by every element.</summary>
        public static NDArray<T> operator /(T a, NDArray<T> b) => Elementwise.Binary<T, DivideOp<T>>(a, b);
    }
}
