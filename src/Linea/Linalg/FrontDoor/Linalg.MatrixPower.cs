using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// A^k for a square matrix or a stack (..., n, n) (NumPy's <c>linalg.matrix_power</c>): k = 0 gives the identity
    /// (also for a singular A), k &gt; 0 repeated squaring (at most 2 log2 k matrix products, 2 n^3 flops each),
    /// k &lt; 0 the |k|-th power of <see cref="Inv{T}"/>(A). Always a new tensor.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square.</exception>
    /// <exception cref="SingularMatrixException">k &lt; 0 and a is exactly singular.</exception>
    /// <exception cref="NonFiniteException">k &lt; 0 and a contains NaN or infinity.</exception>
    public static NDArray<T> MatrixPower<T>(NDArray<T> a, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare("matrix_power", a);
        int n = a.IntDims[^1];
        if (k == 0) return NDArray.Eye<T>(n).BroadcastTo(a.Shape.ToArray()).Copy();
        var b = a;
        long e = k;
        if (e < 0) { b = Inv(a); e = -e; }
        NDArray<T>? result = null;
        while (true)
        {
            if ((e & 1) != 0) result = result is null ? b : result.MatMul(b);
            e >>= 1;
            if (e == 0) break;
            b = b.MatMul(b);
        }
        return ReferenceEquals(result, a) ? a.Copy() : result!;
    }
}
