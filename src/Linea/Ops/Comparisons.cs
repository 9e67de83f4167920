using System.Numerics;
using System.Runtime.CompilerServices;
using Linea.Kernels;
using Linea.Ops;

namespace Linea;

public static partial class NDArray
{
    /// <summary>a &lt; b element-wise with NumPy broadcasting, as a bool tensor (NaN compares false). O(n).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> Less<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, INumber<T> => Compare<T, LessTest<T>>("less", a, b);
    /// <summary>a &lt;= b element-wise with broadcasting, as a bool tensor (NaN compares false). O(n).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> LessEqual<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, INumber<T> => Compare<T, LessEqualTest<T>>("less_equal", a, b);
    /// <summary>a &gt; b element-wise with broadcasting, as a bool tensor (NaN compares false). O(n).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> Greater<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, INumber<T> => Compare<T, GreaterTest<T>>("greater", a, b);
    /// <summary>a &gt;= b element-wise with broadcasting, as a bool tensor (NaN compares false). O(n).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> GreaterEqual<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, INumber<T> => Compare<T, GreaterEqualTest<T>>("greater_equal", a, b);
    /// <summary>a == b element-wise with broadcasting, as a bool tensor (NaN is never equal, as in NumPy). O(n).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> Equal<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, INumber<T> => Compare<T, EqualTest<T>>("equal", a, b);
    /// <summary>a != b element-wise with broadcasting, as a bool tensor (NaN differs from everything). O(n).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> NotEqual<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, INumber<T> => Compare<T, NotEqualTest<T>>("not_equal", a, b);
    /// <summary>a == b element-wise for bool tensors, with broadcasting. O(n).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> Equal(NDArray<bool> a, NDArray<bool> b) => Compare<bool, BoolEqualTest>("equal", a, b);
    /// <summary>a != b element-wise for bool tensors, with broadcasting (the same as <see cref="LogicalXor"/>). O(n).</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> NotEqual(NDArray<bool> a, NDArray<bool> b) => LogicalXor(a, b);

    /// <summary>a &lt; b for every element of <paramref name="a"/>, as a bool tensor.</summary>
    public static NDArray<bool> Less<T>(NDArray<T> a, T b) where T : unmanaged, INumber<T> => Less(a, (NDArray<T>)b);
    /// <summary>a &lt;= b for every element of <paramref name="a"/>, as a bool tensor.</summary>
    public static NDArray<bool> LessEqual<T>(NDArray<T> a, T b) where T : unmanaged, INumber<T> => LessEqual(a, (NDArray<T>)b);
    /// <summary>a &gt; b for every element of <paramref name="a"/>, as a bool tensor.</summary>
    public static NDArray<bool> Greater<T>(NDArray<T> a, T b) where T : unmanaged, INumber<T> => Greater(a, (NDArray<T>)b);
    /// <summary>a &gt;= b for every element of <paramref name="a"/>, as a bool tensor.</summary>
    public static NDArray<bool> GreaterEqual<T>(NDArray<T> a, T b) where T : unmanaged, INumber<T> => GreaterEqual(a, (NDArray<T>)b);
    /// <summary>a == b for every element of <paramref name="a"/>, as a bool tensor.</summary>
    public static NDArray<bool> Equal<T>(NDArray<T> a, T b) where T : unmanaged, INumber<T> => Equal(a, (NDArray<T>)b);
    /// <summary>a != b for every element of <paramref name="a"/>, as a bool tensor.</summary>
    public static NDArray<bool> NotEqual<T>(NDArray<T> a, T b) where T : unmanaged, INumber<T> => NotEqual(a, (NDArray<T>)b);

    /// <summary>Element-wise a AND b of bool tensors with broadcasting (NumPy's <c>logical_and</c>, <c>a &amp; b</c>). O(n), SIMD.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> LogicalAnd(NDArray<bool> a, NDArray<bool> b) => Logical<AndBytes>("logical_and", a, b);
    /// <summary>Element-wise a OR b of bool tensors with broadcasting (NumPy's <c>logical_or</c>, <c>a | b</c>). O(n), SIMD.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> LogicalOr(NDArray<bool> a, NDArray<bool> b) => Logical<OrBytes>("logical_or", a, b);
    /// <summary>Element-wise a XOR b of bool tensors with broadcasting (NumPy's <c>logical_xor</c>, <c>a ^ b</c>). O(n), SIMD.</summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static NDArray<bool> LogicalXor(NDArray<bool> a, NDArray<bool> b) => Logical<XorBytes>("logical_xor", a, b);

    /// <summary>Element-wise NOT of a bool tensor (NumPy's <c>logical_not</c>, <c>~a</c>). O(n), SIMD.</summary>
    public static NDArray<bool> LogicalNot(NDArray<bool> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = NDArray<bool>.Uninitialized((long[])a.Dims.Clone(), "logical_not");
        var kernel = new UnaryKernel<byte, NotBytes>(ref Bytes(a), ref Bytes(result));
        StridedLoop.Run(a.Dims, a.Offset, a.StrideArray, 0, result.StrideArray, ref kernel);
        Elementwise.KeepStorageAlive(a, a, result);
        return result;
    }

    internal static NDArray<bool> Compare<T, TCmp>(string op, NDArray<T> a, NDArray<T> b) where T : unmanaged where TCmp : IComparison<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        long[] shape = Broadcast.Shapes(op, a.Dims, b.Dims);
        var result = NDArray<bool>.Uninitialized(shape, op);
        var kernel = new CompareKernel<T, TCmp>(ref a.Store.Reference, ref b.Store.Reference, ref result.Store.Reference);
        StridedLoop.Run(shape,
            a.Offset, Broadcast.StridesTo(a.Dims, a.StrideArray, shape),
            b.Offset, Broadcast.StridesTo(b.Dims, b.StrideArray, shape),
            0, result.StrideArray, ref kernel);
        Elementwise.KeepStorageAlive(a, b, a);
        GC.KeepAlive(result.Store);
        return result;
    }

    private static NDArray<bool> Logical<TOp>(string op, NDArray<bool> a, NDArray<bool> b) where TOp : IBinaryOp<byte>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        long[] shape = Broadcast.Shapes(op, a.Dims, b.Dims);
        var result = NDArray<bool>.Uninitialized(shape, op);
        var kernel = new BinaryKernel<byte, TOp>(ref Bytes(a), ref Bytes(b), ref Bytes(result));
        StridedLoop.Run(shape,
            a.Offset, Broadcast.StridesTo(a.Dims, a.StrideArray, shape),
            b.Offset, Broadcast.StridesTo(b.Dims, b.StrideArray, shape),
            0, result.StrideArray, ref kernel);
        Elementwise.KeepStorageAlive(a, b, result);
        return result;
    }

    /// <summary>Element 0 of a bool tensor's storage as a byte (bools are the bytes 0 and 1).</summary>
    private static ref byte Bytes(NDArray<bool> a) => ref Unsafe.As<bool, byte>(ref a.Store.Reference);

    /// <summary>Comparison operators of number tensors: element-wise with broadcasting, giving bool tensors.</summary>
    extension<T>(NDArray<T>) where T : unmanaged, INumber<T>
    {
        /// <summary>Element-wise a &lt; b as a bool tensor.</summary>
        public static NDArray<bool> operator <(NDArray<T> a, NDArray<T> b) => Less(a, b);
        /// <summary>Element-wise a &gt; b as a bool tensor.</summary>
        public static NDArray<bool> operator >(NDArray<T> a, NDArray<T> b) => Greater(a, b);
        /// <summary>Element-wise a &lt;= b as a bool tensor.</summary>
        public static NDArray<bool> operator <=(NDArray<T> a, NDArray<T> b) => LessEqual(a, b);
        /// <summary>Element-wise a &gt;= b as a bool tensor.</summary>
        public static NDArray<bool> operator >=(NDArray<T> a, NDArray<T> b) => GreaterEqual(a, b);
        /// <summary>Element-wise a &lt; b as a bool tensor.</summary>
        public static NDArray<bool> operator <(NDArray<T> a, T b) => Less(a, b);
        /// <summary>Element-wise a &gt; b as a bool tensor.</summary>
        public static NDArray<bool> operator >(NDArray<T> a, T b) => Greater(a, b);
        /// <summary>Element-wise a &lt;= b as a bool tensor.</summary>
        public static NDArray<bool> operator <=(NDArray<T> a, T b) => LessEqual(a, b);
        /// <summary>Element-wise a &gt;= b as a bool tensor.</summary>
        public static NDArray<bool> operator >=(NDArray<T> a, T b) => GreaterEqual(a, b);
        /// <summary>Element-wise a &lt; b as a bool tensor.</summary>
        public static NDArray<bool> operator <(T a, NDArray<T> b) => Greater(b, a);
        /// <summary>Element-wise a &gt; b as a bool tensor.</summary>
        public static NDArray<bool> operator >(T a, NDArray<T> b) => Less(b, a);
        /// <summary>Element-wise a &lt;= b as a bool tensor.</summary>
        public static NDArray<bool> operator <=(T a, NDArray<T> b) => GreaterEqual(b, a);
        /// <summary>Element-wise a &gt;= b as a bool tensor.</summary>
        public static NDArray<bool> operator >=(T a, NDArray<T> b) => LessEqual(b, a);
    }

    /// <summary>Logical operators of bool tensors (NumPy's <c>&amp;</c>, <c>|</c>, <c>^</c>, <c>~</c>).</summary>
    extension(NDArray<bool>)
    {
        /// <summary>Element-wise AND with broadcasting; see <see cref="LogicalAnd"/>.</summary>
        public static NDArray<bool> operator &(NDArray<bool> a, NDArray<bool> b) => LogicalAnd(a, b);
        /// <summary>Element-wise OR with broadcasting; see <see cref="LogicalOr"/>.</summary>
        public static NDArray<bool> operator |(NDArray<bool> a, NDArray<bool> b) => LogicalOr(a, b);
        /// <summary>Element-wise XOR with broadcasting; see <see cref="LogicalXor"/>.</summary>
        public static NDArray<bool> operator ^(NDArray<bool> a, NDArray<bool> b) => LogicalXor(a, b);
        /// <summary>Element-wise NOT; see <see cref="LogicalNot"/>.</summary>
        public static NDArray<bool> operator !(NDArray<bool> a) => LogicalNot(a);
        /// <summary>Element-wise NOT, NumPy's spelling; see <see cref="LogicalNot"/>.</summary>
        public static NDArray<bool> operator ~(NDArray<bool> a) => LogicalNot(a);
    }
}
