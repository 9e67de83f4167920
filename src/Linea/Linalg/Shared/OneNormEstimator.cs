using System.Numerics;

namespace Linea;

/// <summary>
/// Estimates ||A^-1||_1 from solves with A and A^T only (Hager 1984, Higham 1988; LAPACK lacn2), the core of the
/// reciprocal condition numbers <c>RCond</c> (LAPACK gecon, pocon). Typically 4 to 5 solves, O(n^2) each; the estimate
/// is a lower bound, almost always within a factor 3 of the truth.
/// </summary>
internal static class OneNormEstimator
{
    private const int MaxIterations = 5;

    /// <param name="n">Order of A.</param>
    /// <param name="solve">Overwrites its argument x with A^-1 x.</param>
    /// <param name="solveTransposed">Overwrites its argument x with A^-T x.</param>
    public static double InverseNorm<T>(int n, Action<T[]> solve, Action<T[]> solveTransposed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return 0;
        var x = new T[n];
        var xi = new T[n];
        T inv = T.One / T.CreateTruncating(n);
        Array.Fill(x, inv);
        solve(x);
        if (n == 1) return double.CreateTruncating(T.Abs(x[0]));
        double est = Norm1(x);
        SignsInto(x, xi);
        Array.Copy(xi, x, n);
        solveTransposed(x);
        int j = ArgMaxAbs(x);
        for (int iter = 2; iter <= MaxIterations; iter++)
        {
            Array.Clear(x);
            x[j] = T.One;
            solve(x);
            double old = est;
            est = Norm1(x);
            bool same = true;
            for (int i = 0; i < n && same; i++) same = Sign(x[i]) == xi[i];
            if (same || est <= old) { est = Math.Max(est, old); break; }
            SignsInto(x, xi);
            Array.Copy(xi, x, n);
            solveTransposed(x);
            int jLast = j;
            j = ArgMaxAbs(x);
            if (T.Abs(x[jLast]) == T.Abs(x[j])) break;
        }
        // Higham's extra test vector with alternating signs guards against the estimator's known blind spots.
        for (int i = 0; i < n; i++)
        {
            double v = (i % 2 == 0 ? 1 : -1) * (1 + (double)i / (n - 1));
            x[i] = T.CreateTruncating(v);
        }
        solve(x);
        double alt = 2 * Norm1(x) / (3.0 * n);
        return Math.Max(est, alt);
    }

    private static T Sign<T>(T v) where T : unmanaged, IFloatingPointIeee754<T> => v >= T.Zero ? T.One : -T.One;

    private static void SignsInto<T>(T[] x, T[] s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) s[i] = Sign(x[i]);
    }

    private static double Norm1<T>(T[] x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0;
        foreach (var v in x) s += Math.Abs(double.CreateTruncating(v));
        return s;
    }

    private static int ArgMaxAbs<T>(T[] x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        for (int i = 1; i < x.Length; i++) if (T.Abs(x[i]) > T.Abs(x[j])) j = i;
        return j;
    }

    /// <summary>The 1-norm (largest absolute column sum) of a matrix, accumulated in double.</summary>
    internal static double MatrixNorm1<T>(in Kernels.MatrixView<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sums = new double[a.Cols];
        for (long i = 0; i < a.Rows; i++)
            for (long j = 0; j < a.Cols; j++) sums[j] += Math.Abs(double.CreateTruncating(a[i, j]));
        double m = 0;
        foreach (var s in sums) m = Math.Max(m, s);
        return m;
    }
}
