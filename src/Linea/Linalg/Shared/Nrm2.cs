using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// Overflow- and underflow-safe Euclidean norm of a strided vector, as LAPACK's nrm2 guarantees: a plain sum of
/// squares first (the common case, one pass), then, only when that sum overflowed or fell into the range where
/// squares lose precision, a second pass scaled by the largest magnitude.
/// </summary>
internal static class Nrm2
{
    /// <summary>sqrt(sum x_i^2) over n elements x[off + i * inc]; O(n), at most two passes.</summary>
    public static T Compute<T>(int n, T[] x, int off, int inc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n <= 0) return T.Zero;
        T ss;
        if (inc == 1) ss = TensorPrimitives.SumOfSquares<T>(x.AsSpan(off, n));
        else
        {
            ss = T.Zero;
            for (int i = 0, p = off; i < n; i++, p += inc) ss += x[p] * x[p];
        }
        // Below this the squares of the largest entries may have underflowed or lost bits (sqrt(minNormal / eps)^2).
        T small = MachineConstants<T>.SumOfSquaresFloor;
        if (T.IsFinite(ss) && ss >= small) return T.Sqrt(ss);
        if (T.IsNaN(ss)) return ss;
        T amax = T.Zero;
        for (int i = 0, p = off; i < n; i++, p += inc)
        {
            T a = T.Abs(x[p]);
            if (T.IsNaN(a)) return a;
            if (a > amax) amax = a;
        }
        if (amax == T.Zero || T.IsInfinity(amax)) return amax;
        T s = T.Zero; // divide (not multiply by 1 / amax, which overflows for subnormal amax)
        for (int i = 0, p = off; i < n; i++, p += inc)
        {
            T y = x[p] / amax;
            s += y * y;
        }
        return amax * T.Sqrt(s);
    }
}
