using Linea.Ops;

namespace Linea;

public sealed partial class NDArray<TScalar>
{
    /// <summary>Element-wise sum with NumPy broadcasting.</summary>
    public static NDArray<TScalar> operator +(NDArray<TScalar> a, NDArray<TScalar> b) => Elementwise.Binary<TScalar, AddOp<TScalar>>("add", a, b);
    /// <summary>Adds a scalar to every element.</summary>
    public static NDArray<TScalar> operator +(NDArray<TScalar> a, TScalar b) => Elementwise.Binary<TScalar, AddOp<TScalar>>(a, b);
    /// <summary>Adds a scalar to every element.</summary>
    public static NDArray<TScalar> operator +(TScalar a, NDArray<TScalar> b) => Elementwise.Binary<TScalar, AddOp<TScalar>>(a, b);

    /// <summary>Element-wise difference with NumPy broadcasting.</summary>
    public static NDArray<TScalar> operator -(NDArray<TScalar> a, NDArray<TScalar> b) => Elementwise.Binary<TScalar, SubtractOp<TScalar>>("subtract", a, b);
    /// <summary>Subtracts a scalar from every element.</summary>
    public static NDArray<TScalar> operator -(NDArray<TScalar> a, TScalar b) => Elementwise.Binary<TScalar, SubtractOp<TScalar>>(a, b);
    /// <summary>Subtracts every element from a scalar.</summary>
    public static NDArray<TScalar> operator -(TScalar a, NDArray<TScalar> b) => Elementwise.Binary<TScalar, SubtractOp<TScalar>>(a, b);

    /// <summary>Element-wise (Hadamard) product with NumPy broadcasting; the matrix product is <see cref="MatMul"/>.</summary>
    public static NDArray<TScalar> operator *(NDArray<TScalar> a, NDArray<TScalar> b) => Elementwise.Binary<TScalar, MultiplyOp<TScalar>>("multiply", a, b);
    /// <summary>Multiplies every element by a scalar.</summary>
    public static NDArray<TScalar> operator *(NDArray<TScalar> a, TScalar b) => Elementwise.Binary<TScalar, MultiplyOp<TScalar>>(a, b);
    /// <summary>Multiplies every element by a scalar.</summary>
    public static NDArray<TScalar> operator *(TScalar a, NDArray<TScalar> b) => Elementwise.Binary<TScalar, MultiplyOp<TScalar>>(a, b);

    /// <summary>Element-wise quotient with NumPy broadcasting (IEEE: x/0 is ±inf or NaN).</summary>
    public static NDArray<TScalar> operator /(NDArray<TScalar> a, NDArray<TScalar> b) => Elementwise.Binary<TScalar, DivideOp<TScalar>>("divide", a, b);
    /// <summary>Divides every element by a scalar.</summary>
    public static NDArray<TScalar> operator /(NDArray<TScalar> a, TScalar b) => Elementwise.Binary<TScalar, DivideOp<TScalar>>(a, b);
    /// <summary>Divides a scalar by every element.</summary>
    public static NDArray<TScalar> operator /(TScalar a, NDArray<TScalar> b) => Elementwise.Binary<TScalar, DivideOp<TScalar>>(a, b);

    /// <summary>Element-wise negation.</summary>
    public static NDArray<TScalar> operator -(NDArray<TScalar> a) => Elementwise.Unary<TScalar, NegateOp<TScalar>>(a);

    /// <summary>Element-wise a &lt; b as a mask of ones and zeros.</summary>
    public static NDArray<TScalar> operator <(NDArray<TScalar> a, NDArray<TScalar> b) => NDArray.Less(a, b);
    /// <summary>Element-wise a &gt; b as a mask of ones and zeros.</summary>
    public static NDArray<TScalar> operator >(NDArray<TScalar> a, NDArray<TScalar> b) => NDArray.Greater(a, b);
    /// <summary>Element-wise a &lt;= b as a mask of ones and zeros.</summary>
    public static NDArray<TScalar> operator <=(NDArray<TScalar> a, NDArray<TScalar> b) => NDArray.LessEqual(a, b);
    /// <summary>Element-wise a &gt;= b as a mask of ones and zeros.</summary>
    public static NDArray<TScalar> operator >=(NDArray<TScalar> a, NDArray<TScalar> b) => NDArray.GreaterEqual(a, b);
    /// <summary>Element-wise a &lt; b as a mask of ones and zeros.</summary>
    public static NDArray<TScalar> operator <(NDArray<TScalar> a, TScalar b) => NDArray.Less(a, b);
    /// <summary>Element-wise a &gt; b as a mask of ones and zeros.</summary>
    public static NDArray<TScalar> operator >(NDArray<TScalar> a, TScalar b) => NDArray.Greater(a, b);
    /// <summary>Element-wise a &lt;= b as a mask of ones and zeros.</summary>
    public static NDArray<TScalar> operator <=(NDArray<TScalar> a, TScalar b) => NDArray.LessEqual(a, b);
    /// <summary>Element-wise a &gt;= b as a mask of ones and zeros.</summary>
    public static NDArray<TScalar> operator >=(NDArray<TScalar> a, TScalar b) => NDArray.GreaterEqual(a, b);
}
