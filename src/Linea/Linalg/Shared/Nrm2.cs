using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Overflow- and underflow-safe Euclidean norm of a strided vector, as LAPACK's nrm2 guarantees: a plain sum of
/// squares first (the common case, one pass), then, only when that sum overflowed or fell into the range where
/// squares lose precision, a second pass scaled by the largest magnitude.
/// </summary>
internal static class Nrm2
{
    /// <summary>
    /// sqrt(sum x_i^2) over the column vector <paramref name="x"/> (x.Rows x 1, any row stride; a contiguous one sums
    /// through TensorPrimitives, a strided one in a scalar loop). O(n), at most two passes, no allocation.
    /// </summary>
    public static T Compute<T>(in MatrixView<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long n = x.Rows;
        if (n <= 0) return T.Zero;
        T ss;
        if (x.RowStride == 1) ss = TensorPrimitives.SumOfSquares<T>(x.Column(0));
        else
        {
            ss = T.Zero;
            for (long i = 0; i < n; i++) { T v = x[i, 0]; ss += v * v; }
        }
        // Below this the squares of the largest entries may have underflowed or lost bits (sqrt(minNormal / eps)^2).
        T small = MachineConstants<T>.SumOfSquaresFloor;
        if (T.IsFinite(ss) && ss >= small) return T.Sqrt(ss);
        if (T.IsNaN(ss)) return ss;
        T amax = T.Zero;
        for (long i = 0; i < n; i++)
        {
            T a = T.Abs(x[i, 0]);
            if (T.IsNaN(a)) return a;
            if (a > amax) amax = a;
        }
        if (amax == T.Zero || T.IsInfinity(amax)) return amax;
        T s = T.Zero; // divide (not multiply by 1 / amax, which overflows for subnormal amax)
        for (long i = 0; i < n; i++)
        {
            T y = x[i, 0] / amax;
            s += y * y;
        }
        return amax * T.Sqrt(s);
    }

    /// <summary>sqrt(sum x_i^2) over a contiguous vector; see <see cref="Compute{T}(in MatrixView{T})"/>. O(n).</summary>
    public static T Compute<T>(Span<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Compute(ColumnVector.Of(x));
}
