using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>LAPACK-style test ratios, evaluated in double whatever the factor's type.</summary>
internal static class FactorChecks
{
    public static NDArray<double> D<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = a.ToArray();
        var dst = new double[src.Length];
        for (int i = 0; i < src.Length; i++) dst[i] = double.CreateTruncating(src[i]);
        return NDArray.Wrap(dst, a.Shape.ToIntArray());
    }

    /// <summary>||Q^T Q - I||_F / (max(m, c) eps) for Q of shape (m, c).</summary>
    public static double Orthogonality<T>(NDArray<T> q) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var qd = D(q);
        int m = (int)q.Dims[0], c = (int)q.Dims[1];
        var e = qd.T.MatMul(qd) - NDArray.Eye<double>(c);
        return MatrixGenerators.FrobeniusNorm(e) / (Math.Max(Math.Max(m, c), 1) * NumAssert.Eps<T>());
    }

    /// <summary>||A - B||_F / (||A||_F max(m, n) eps); 0 when both are zero.</summary>
    public static double Backward<T>(NDArray<T> a, NDArray<double> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ad = D(a);
        double num = MatrixGenerators.FrobeniusNorm(ad - b), den = MatrixGenerators.FrobeniusNorm(ad);
        int n = Math.Max(Math.Max((int)a.Dims[0], (int)a.Dims[1]), 1);
        if (den == 0) return num == 0 ? 0 : double.PositiveInfinity;
        return num / (den * n * NumAssert.Eps<T>());
    }

    /// <summary>Every entry below the diagonal is exactly zero.</summary>
    public static void UpperTriangular<T>(NDArray<T> r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < r.Dims[0]; i++)
            for (int j = 0; j < Math.Min(i, r.Dims[1]); j++)
                Assert.True(r[i, j] == T.Zero, $"R[{i}, {j}] = {r[i, j]} is below the diagonal");
    }
}
