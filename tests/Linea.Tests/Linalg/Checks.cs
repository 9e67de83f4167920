using System.Numerics;
using Linea.TestKit;
using Xunit.Sdk;

namespace Linea.Tests.Linalg;

/// <summary>Backward errors as multiples of n eps (LAPACK's test ratios), computed in double.</summary>
internal static class Checks
{
    /// <summary>LAPACK's test threshold: ratios below 30 pass.</summary>
    public const double Threshold = 30;

    public static NDArray<double> ToDouble<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = a.ToArray();
        var d = new double[src.Length];
        for (int i = 0; i < d.Length; i++) d[i] = double.CreateTruncating(src[i]);
        return NDArray.Wrap(d, a.Shape.ToIntArray());
    }

    public static double Fro<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T> => MatrixGenerators.FrobeniusNorm(a);

    /// <summary>||A - P^T L U||_F / (||A||_F max(n,1) eps), the product formed in double.</summary>
    public static double LuRatio<T>(NDArray<T> a, LuDecomposition<T> lu) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lu64 = ToDouble(lu.L).MatMul(ToDouble(lu.U));
        var pa = ToDouble(lu.P).MatMul(ToDouble(a));
        double na = Fro(a), n = Math.Max(1, Math.Max(a.Dims[0], a.Dims[1]));
        double r = Fro(pa - lu64);
        if (na == 0) return r == 0 ? 0 : double.PositiveInfinity;
        return r / (na * n * NumAssert.Eps<T>());
    }

    /// <summary>||A X - B||_F / (||A||_F ||X||_F n eps), in double.</summary>
    public static double SolveRatio<T>(NDArray<T> a, NDArray<T> x, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = ToDouble(a).MatMul(ToDouble(x)) - ToDouble(b);
        double denom = Fro(a) * Fro(x) * Math.Max(1, a.Dims[^1]) * NumAssert.Eps<T>();
        double rn = Fro(r);
        if (denom == 0) return rn == 0 ? 0 : double.PositiveInfinity;
        return rn / denom;
    }

    public static void Below(double ratio, string what, double threshold = Threshold)
    {
        if (!(ratio < threshold)) throw new XunitException($"{what}: backward error ratio {ratio:F2} (multiples of n eps) is not below {threshold}");
    }

    /// <summary>Every way a matrix can be laid out: contiguous, transposed view, sliced out of a larger one, negative strides.</summary>
    public static IEnumerable<(string Layout, NDArray<T> View)> Layouts<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Dims[0], n = (int)a.Dims[1];
        yield return ("contiguous", a);
        yield return ("transposed", a.T.Copy().T);
        var big = NDArray.Zeros<T>(m + 3, 2 * n + 1);
        var slot = big[Slice.Range(2, 2 + m), Slice.Range(1, 1 + 2 * n, 2)];
        slot.Assign(a);
        yield return ("sliced", slot);
        var flipped = a[Slice.Step(-1), Slice.Step(-1)].Copy();
        yield return ("negative strides", flipped[Slice.Step(-1), Slice.Step(-1)]);
    }
}
