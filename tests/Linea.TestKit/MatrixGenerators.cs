using System.Numerics;

namespace Linea.TestKit;

/// <summary>
/// Seeded test matrices with known structure (DESIGN.md, Tests): random orthogonal, prescribed singular values,
/// SPD with a chosen condition number, rank-deficient, graded, Hilbert, Kahan. Built in double and rounded once to
/// <typeparamref name="T"/> where a type parameter is offered.
/// </summary>
public static class MatrixGenerators
{
    /// <summary>
    /// A random n x n orthogonal matrix: the product of n Householder reflectors I - 2 v v^T / (v^T v) with Gaussian
    /// v, which is Haar-distributed up to signs. Orthogonal to rounding error (about n eps).
    /// </summary>
    public static NDArray<double> RandomOrthogonal(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var q = NDArray.Eye<double>(n);
        for (int k = 0; k < n; k++)
        {
            var v = rng.Normal<double>([n], 0, 1);
            double vv = NDArray.Dot(v, v);
            if (vv == 0) continue;
            // Q <- Q (I - 2 v v^T / vv) = Q - (2 / vv) (Q v) v^T
            var qv = q.MatMul(v);
            q = q - NDArray.Outer(qv, v) * (2 / vv);
        }
        return q;
    }

    /// <summary>An m x n matrix U diag(sigma) V^T with random orthogonal U, V; sigma has min(m, n) entries.</summary>
    public static NDArray<T> WithSingularValues<T>(int m, int n, double[] sigma, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = Math.Min(m, n);
        if (sigma.Length != k) throw new ArgumentException($"need {k} singular values for a {m} x {n} matrix, got {sigma.Length}");
        var u = RandomOrthogonal(m, seed)[.., ..k];
        var v = RandomOrthogonal(n, seed + 7919)[.., ..k];
        var a = (u * NDArray.FromArray(sigma)).MatMul(v.T);
        return Cast<T>(a);
    }

    /// <summary>A symmetric positive definite n x n matrix with 2-norm condition number <paramref name="cond"/> (eigenvalues geometric from 1 to 1/cond).</summary>
    public static NDArray<T> Spd<T>(int n, double cond, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var q = RandomOrthogonal(n, seed);
        var lambda = Enumerable.Range(0, n).Select(i => n == 1 ? 1.0 : Math.Pow(cond, -(double)i / (n - 1))).ToArray();
        var a = (q * NDArray.FromArray(lambda)).MatMul(q.T);
        a = (a + a.T) * 0.5; // exactly symmetric
        return Cast<T>(a);
    }

    /// <summary>An m x n matrix of rank r (r singular values 1, the rest exactly 0 in exact arithmetic).</summary>
    public static NDArray<T> RankDeficient<T>(int m, int n, int r, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        var left = rng.Normal<double>([m, r], 0, 1);
        var right = rng.Normal<double>([r, n], 0, 1);
        return Cast<T>(left.MatMul(right));
    }

    /// <summary>A random matrix with rows scaled from 1 down to 10^-<paramref name="decades"/> (graded).</summary>
    public static NDArray<T> Graded<T>(int m, int n, double decades, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new Rng(seed).Normal<double>([m, n], 0, 1);
        var scale = Enumerable.Range(0, m).Select(i => Math.Pow(10, -decades * i / Math.Max(m - 1, 1))).ToArray();
        return Cast<T>(a * NDArray.FromArray(scale).Reshape(m, 1));
    }

    /// <summary>The Hilbert matrix H_ij = 1 / (i + j + 1) (0-based), condition about e^(3.5 n).</summary>
    public static NDArray<T> Hilbert<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = NDArray.Zeros<T>(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) h[i, j] = T.One / T.CreateTruncating(i + j + 1);
        return h;
    }

    /// <summary>The Kahan matrix diag(1, s, ..., s^(n-1)) (I - c U), U strictly upper ones, s = sin(theta), c = cos(theta).</summary>
    public static NDArray<T> Kahan<T>(int n, double theta = 1.2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = Math.Sin(theta), c = Math.Cos(theta);
        var k = NDArray.Zeros<T>(n, n);
        for (int i = 0; i < n; i++)
        {
            double si = Math.Pow(s, i);
            k[i, i] = T.CreateTruncating(si);
            for (int j = i + 1; j < n; j++) k[i, j] = T.CreateTruncating(-c * si);
        }
        return k;
    }

    /// <summary>Rounds a double tensor to <typeparamref name="T"/>.</summary>
    public static NDArray<T> Cast<T>(NDArray<double> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = a.ToArray();
        var dst = new T[src.Length];
        for (int i = 0; i < src.Length; i++) dst[i] = T.CreateTruncating(src[i]);
        return NDArray.Wrap(dst, a.Shape.ToIntArray());
    }

    /// <summary>The Frobenius norm, accumulated in double.</summary>
    public static double FrobeniusNorm<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0;
        foreach (var x in a.ToArray()) { double d = double.CreateTruncating(x); s += d * d; }
        return Math.Sqrt(s);
    }
}
